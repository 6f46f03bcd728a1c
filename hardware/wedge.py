"""Keyboard-wedge scanners: tell a scan from typing by the time between key events.

A USB HID scanner "types" its code at 0-10 ms a character and ends it with Enter or Tab; a
person types at 80-200 ms a character. The detector is fed every key press that produces text,
with the event's own timestamp (QKeyEvent.timestamp(), not the time it is processed: a busy
event loop delivers a person's keys in a burst too). It holds keys back while they might be a
scan and then either reports the scan (the keys are swallowed and never reach a text field) or
gives the held keys back to be typed into the focused widget, in order.

Pure Python, no Qt: the window's event filter calls `key()` for each key press, delivers what
`WedgeVerdict.replay` gives back, lets the key through unless `swallow` is set, and, while
`wait_ms()` is not None, runs a single-shot timer that calls `expire()`.

With a prefix configured (many scanners can send one, e.g. STX), keys that do not start with
it pass at once, so a person's typing is never delayed; without one, each key waits up to
`hold_ms` before it reaches the widget.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

ENTER = "\r"
TAB = "\t"


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    suffixes: tuple[str, ...] = (ENTER,)
    """Key texts a scanner ends a code with (Enter is "\\r", Tab "\\t"). Empty: the code ends
    when the burst stops."""
    prefix: str = ""
    """Text the scanner sends before each code (configured in the scanner), or empty."""
    min_length: int = 4
    """Shortest code (without prefix and suffix) taken as a scan."""
    max_gap_ms: int = 40
    """Largest time between two keys of one scan (scanners: 0-10 ms; people: 80-200 ms)."""
    hold_ms: int = 60
    """How long a held key waits for the next one before it goes to the widget."""
    max_length: int = 512
    """A longer burst is not a scan (a key held down, a paste)."""

    def __post_init__(self) -> None:
        if self.min_length < 1:
            raise ValueError("the shortest scan must have at least one character")
        if self.max_gap_ms < 0 or self.hold_ms < self.max_gap_ms:
            raise ValueError("hold_ms must be at least max_gap_ms, and both not negative")
        if any(len(suffix) != 1 for suffix in self.suffixes):
            raise ValueError("each suffix is one key (one character)")


@dataclass(frozen=True, slots=True)
class WedgeVerdict:
    swallow: bool = False
    """Do not deliver this key to the focused widget."""
    replay: str = ""
    """Keys held back earlier that are typing after all: deliver them to the focused widget
    first (before this key, when it is not swallowed)."""
    scan: str | None = None
    """A complete scan (prefix and suffix removed)."""


_NOTHING = WedgeVerdict()


@dataclass(slots=True)
class _Burst:
    keys: list[str] = field(default_factory=list)
    last_event_ms: int = 0
    last_clock_ms: float = 0.0

    def text(self) -> str:
        return "".join(self.keys)


class WedgeDetector:
    """Feed it key presses in order; see the module's description."""

    def __init__(
        self, settings: WedgeSettings | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings or WedgeSettings()
        self._clock = clock
        self._burst = _Burst()

    @property
    def holding(self) -> str:
        """The keys held back now."""
        return self._burst.text()

    def key(self, text: str, timestamp_ms: int) -> WedgeVerdict:
        """A key press that produced `text` (usually one character) at the event's time."""
        if not text:
            return _NOTHING
        burst = self._burst
        if not burst.keys:
            return self._start(text, timestamp_ms)
        gap = timestamp_ms - burst.last_event_ms
        if gap > self.settings.max_gap_ms or gap < 0:
            ended = self._end_burst()
            return WedgeVerdict(self._start(text, timestamp_ms).swallow, ended.replay, ended.scan)
        if text in self.settings.suffixes:
            return self._suffix()
        candidate = burst.text() + text
        prefix = self.settings.prefix
        if len(candidate) <= len(prefix) and not prefix.startswith(candidate):
            held = self._release()
            return WedgeVerdict(self._start(text, timestamp_ms).swallow, held)
        if len(candidate) > len(prefix) + self.settings.max_length:
            return WedgeVerdict(swallow=False, replay=self._release())
        self._hold(text, timestamp_ms)
        return WedgeVerdict(swallow=True)

    def wait_ms(self) -> int | None:
        """Milliseconds from now to call `expire()` (rounded up); None when nothing is held."""
        if not self._burst.keys:
            return None
        elapsed = self._clock() * 1000 - self._burst.last_clock_ms
        return max(math.ceil(self.settings.hold_ms - elapsed), 0)

    def expire(self) -> WedgeVerdict:
        """The timer fired: once `hold_ms` passed since the last key, the held keys are a scan
        (when no suffix is configured and the burst is long enough) or go to the widget."""
        wait = self.wait_ms()
        if wait is None or wait > 0:
            return _NOTHING
        return self._end_burst()

    def interrupt(self) -> str:
        """A key that produces no text (arrows, F-keys, shortcuts) or a focus change: give
        back what is held, to be delivered before that key."""
        return self._release() if self._burst.keys else ""

    def _start(self, text: str, timestamp_ms: int) -> WedgeVerdict:
        prefix = self.settings.prefix
        if prefix and not prefix.startswith(text) and not text.startswith(prefix):
            return _NOTHING
        if not prefix and text in self.settings.suffixes:
            return _NOTHING
        self._hold(text, timestamp_ms)
        return WedgeVerdict(swallow=True)

    def _hold(self, text: str, timestamp_ms: int) -> None:
        burst = self._burst
        burst.keys.append(text)
        burst.last_event_ms = timestamp_ms
        burst.last_clock_ms = self._clock() * 1000

    def _code(self) -> str | None:
        """The held keys as a scan, or None when they cannot be one."""
        held = self._burst.text()
        prefix = self.settings.prefix
        if not held.startswith(prefix):
            return None
        code = held[len(prefix) :]
        if len(code) < self.settings.min_length:
            return None
        return code

    def _suffix(self) -> WedgeVerdict:
        code = self._code()
        if code is None:
            return WedgeVerdict(swallow=False, replay=self._release())
        self._burst = _Burst()
        return WedgeVerdict(swallow=True, scan=code)

    def _end_burst(self) -> WedgeVerdict:
        """The burst stopped without a suffix."""
        code = self._code() if not self.settings.suffixes else None
        if code is None:
            return WedgeVerdict(replay=self._release())
        self._burst = _Burst()
        return WedgeVerdict(scan=code)

    def _release(self) -> str:
        held = self._burst.text()
        self._burst = _Burst()
        return held
