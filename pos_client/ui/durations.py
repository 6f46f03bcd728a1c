"""Lengths of time as the screens say them ("12 min", "3 h", "2 days"), in the chosen language:
the age of a cached stock answer, how far the till's clock is off."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

_MINUTE = 60
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR


def duration_text(length: timedelta) -> str:
    """Rounded down to the largest unit that fits: "less than a minute", "12 min", "3 h",
    "2 days" (from two days on). A negative length (clocks disagree) is taken as its size."""
    translate = QCoreApplication.translate
    seconds = int(abs(length.total_seconds()))
    if seconds < _MINUTE:
        return translate("Durations", "less than a minute")
    # The count is worked out first: lupdate skips a call whose count is an expression. (It
    # then collects the text without plural forms; "days" starts at 2, where Polish needs one.)
    if seconds < _HOUR:
        minutes = seconds // _MINUTE
        return translate("Durations", "%n min", None, minutes)
    if seconds < 2 * _DAY:
        hours = seconds // _HOUR
        return translate("Durations", "%n h", None, hours)
    days = seconds // _DAY
    return translate("Durations", "%n days", None, days)
