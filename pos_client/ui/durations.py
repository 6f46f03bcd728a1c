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
    # No plural forms needed: the units are abbreviations, and "days" starts at two, where
    # English and Polish ("dni") keep one form. (A count passed to translate() finds only
    # plural entries, which lupdate does not make for these calls.)
    if seconds < _HOUR:
        return translate("Durations", "%1 min").replace("%1", str(seconds // _MINUTE))
    if seconds < 2 * _DAY:
        return translate("Durations", "%1 h").replace("%1", str(seconds // _HOUR))
    return translate("Durations", "%1 days").replace("%1", str(seconds // _DAY))
