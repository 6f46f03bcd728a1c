"""Lengths of time as the screens say them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication

from pos_client.ui.durations import duration_text


@pytest.mark.parametrize(
    ("length", "text"),
    [
        (timedelta(0), "less than a minute"),
        (timedelta(seconds=59), "less than a minute"),
        (timedelta(seconds=60), "1 min"),
        (timedelta(minutes=59, seconds=59), "59 min"),
        (timedelta(hours=1), "1 h"),
        (timedelta(hours=47, minutes=59), "47 h"),
        (timedelta(days=2), "2 days"),
        (timedelta(days=30, hours=5), "30 days"),
        (timedelta(minutes=-5), "5 min"),
    ],
)
def test_a_length_in_its_largest_whole_unit(
    qapp: QApplication, length: timedelta, text: str
) -> None:
    assert duration_text(length) == text


@pytest.mark.parametrize(
    ("length", "text"),
    [
        (timedelta(seconds=30), "mniej niż minuta"),
        (timedelta(minutes=12), "12 min"),
        (timedelta(hours=3), "3 godz."),
        (timedelta(days=5), "5 dni"),
    ],
)
def test_in_polish(polish_ui: None, length: timedelta, text: str) -> None:
    assert duration_text(length) == text
