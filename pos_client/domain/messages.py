"""Messages for the person at the till, kept in a form the screen can translate.

The domain, the services, the store and the config say what went wrong in English templates
marked for pyside6-lupdate with `QT_TRANSLATE_NOOP(context, source)`, with Qt's placeholders
(%1, %2, ...) for the parts that vary. The arguments travel beside the template, unformatted
(Money, a Quantity or Measure, datetime, text, whole numbers or another Message), so the UI can look
the template up in the chosen language and format each argument for it (`ui/translations.py`).

`str()` of a `TillError` is the English text, for the log and for programs without a screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeAlias, runtime_checkable

from pos_client.domain.money import Money

_PLACEHOLDER = re.compile(r"%(\d+)")


@dataclass(frozen=True, slots=True)
class Template:
    """An English source text and its translation context, as lupdate collects them."""

    context: str
    source: str


def QT_TRANSLATE_NOOP(context: str, source: str) -> Template:  # noqa: N802 - lupdate's name
    """Mark `source` for translation in `context` (lupdate reads this call) and keep both.

    Unlike Qt's macro of the same name, which returns only the source, this returns the pair:
    the screen needs the context to look the translation up later.
    """
    return Template(context, source)


@runtime_checkable
class Described(Protocol):
    """A value that says itself in words (`Quantity`, `Measure`: "2 szt.", "0,450 kg")."""

    def describe(self) -> str: ...


Argument: TypeAlias = "str | int | Money | Described | datetime | Message"
"""What may fill a placeholder; the screen formats each kind for the chosen language."""


@dataclass(frozen=True, slots=True)
class Message:
    template: Template
    args: tuple[Argument, ...] = ()

    @classmethod
    def untranslated(cls, text: str) -> Message:
        """Text that has no translation (it comes from SQLite, a library or the system)."""
        return cls(Template("", text))

    @property
    def translatable(self) -> bool:
        return bool(self.template.context)

    def render(self, look_up: Callable[[Template], str], show: Callable[[Argument], str]) -> str:
        """The text of `look_up(template)` with each placeholder filled by `show(argument)`."""
        text = look_up(self.template) if self.translatable else self.template.source
        return fill(text, [show(argument) for argument in self.args])

    def english(self) -> str:
        return self.render(lambda template: template.source, english)


def fill(text: str, values: Sequence[str]) -> str:
    """Replace %1, %2, ... with `values` in one pass (a value holding "%2" stays as it is); a
    placeholder without a value is left alone."""

    def value(match: re.Match[str]) -> str:
        number = int(match[1])
        return values[number - 1] if 1 <= number <= len(values) else match[0]

    return _PLACEHOLDER.sub(value, text)


def english(argument: Argument) -> str:
    """An argument as the log shows it (the screen formats for its language instead)."""
    if isinstance(argument, Message):
        return argument.english()
    if isinstance(argument, Described):
        return argument.describe()
    if isinstance(argument, datetime):
        return argument.astimezone().strftime("%Y-%m-%d %H:%M")
    return str(argument)


class TillError(Exception):
    """An error whose message is for the person at the till.

    Give a template marked with `QT_TRANSLATE_NOOP` and its arguments, a whole `Message` (to pass
    another error's message on), or plain text that has no translation.
    """

    def __init__(self, message: Template | Message | str, *args: Argument) -> None:
        if isinstance(message, Template):
            self.message = Message(message, args)
        elif isinstance(message, Message):
            if args:
                raise TypeError("a whole Message takes no more arguments")
            self.message = message
        else:
            self.message = Message.untranslated(message)
        super().__init__(self.message.english())
