"""Money, dates and quantities as the chosen language writes them. Every screen formats through
this module, so a change of language changes them all.

The language is the default QLocale's, which `translations.install_translation` sets:

| | Polish | English |
|---|---|---|
| money | 1 234,56 zł | PLN 1,234.56 |
| date and time | 23.11.2026 14:05 | 23 Nov 2026 14:05 |
| pieces | 2 szt. | 2 pcs |
| weight | 0,450 kg | 0.450 kg |

Times are shown on the till's local clock. Printed documents (receipts, X and Z reports) keep
the Polish form the law asks for: they are rendered by the domain, not here.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from pos_client.domain.money import Money
from pos_client.domain.quantity import Measure, Quantity, Unit

NBSP = "\u00a0"
"""Between digit groups and before the currency: a line never breaks inside an amount."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def is_polish() -> bool:
    """True when the screens speak Polish (the default locale's language)."""
    return QLocale().language() is QLocale.Language.Polish


def money(amount: Money) -> str:
    """ "1 234,56 zł" in Polish, "PLN 1,234.56" in English."""
    if is_polish():
        return amount.format(grouping=NBSP, decimal=",", currency="zł")
    digits = Money(abs(amount.grosze)).format(grouping=",", decimal=".", currency="")
    sign = "-" if amount.is_negative() else ""
    return f"{sign}PLN{NBSP}{digits}"


def amount_input(amount: Money) -> str:
    """An amount to edit in a text field: "1234,56" in Polish, "1234.56" in English (no
    grouping and no currency, so `Money.parse` reads it back whatever the language)."""
    return amount.format(grouping="", decimal="," if is_polish() else ".", currency="")


def price_per_unit(price: Money, unit: Unit) -> str:
    """A shelf price: "12,99 zł" for a piece, "12,99 zł/kg" for a weighed item."""
    return money(price) + ("/kg" if unit is Unit.KILOGRAM else "")


def day(value: date) -> str:
    """ "23.11.2026" in Polish, "23 Nov 2026" in English."""
    if is_polish():
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def date_time(moment: datetime, *, seconds: bool = False) -> str:
    """The moment on the till's clock: "23.11.2026 14:05" / "23 Nov 2026 14:05" (with
    ":09" after the minutes when `seconds`). A naive datetime is taken as local time."""
    local = moment.astimezone()
    clock = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{day(local.date())} {clock}"


def date_edit_format() -> str:
    """The display format of a QDateEdit that matches `day`."""
    return "dd.MM.yyyy" if is_polish() else "d MMM yyyy"


def weight(grams: int) -> str:
    """ "0,450 kg" in Polish, "0.450 kg" in English (zero included)."""
    kilos, rest = divmod(grams, 1000)
    decimal = "," if is_polish() else "."
    return f"{kilos}{decimal}{rest:03d} kg"


def count_or_weight(unit: Unit, amount: int) -> str:
    """A quantity in a table column headed by its meaning: pieces as "2", weights as
    "0,450 kg"."""
    return str(amount) if unit is Unit.PIECE else weight(amount)


def quantity(value: Quantity | Measure) -> str:
    """With its unit: "2 szt." / "2 pcs", "0,450 kg" / "0.450 kg"."""
    if value.unit is Unit.KILOGRAM:
        return weight(value.amount)
    if is_polish():
        return f"{value.amount} szt."
    return f"{value.amount} {'pc' if value.amount == 1 else 'pcs'}"
