"""Money, dates and quantities in Polish and in English, by the default locale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QLocale

from pos_client.domain.money import Money
from pos_client.domain.quantity import Measure, Quantity, Unit
from pos_client.ui import formatting

MOMENT = datetime(2026, 11, 23, 14, 5, 9).astimezone()
"""A local time (formatting shows the till's clock)."""


@pytest.fixture
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def test_polish(polish_locale: None) -> None:
    assert formatting.is_polish()
    assert formatting.money(Money(123456)) == "1\u00a0234,56\u00a0zł"
    assert formatting.money(Money(-5)) == "-0,05\u00a0zł"
    assert formatting.money(Money(123456789)) == "1\u00a0234\u00a0567,89\u00a0zł"
    assert formatting.price_per_unit(Money(1299), Unit.KILOGRAM) == "12,99\u00a0zł/kg"
    assert formatting.price_per_unit(Money(1299), Unit.PIECE) == "12,99\u00a0zł"
    assert formatting.day(date(2026, 1, 5)) == "05.01.2026"
    assert formatting.date_time(MOMENT) == "23.11.2026 14:05"
    assert formatting.date_time(MOMENT, seconds=True) == "23.11.2026 14:05:09"
    assert formatting.date_edit_format() == "dd.MM.yyyy"
    assert formatting.quantity(Quantity.pieces(2)) == "2 szt."
    assert formatting.quantity(Quantity.grams(450)) == "0,450 kg"
    assert formatting.quantity(Measure(0, Unit.KILOGRAM)) == "0,000 kg"
    assert formatting.count_or_weight(Unit.PIECE, 3) == "3"
    assert formatting.count_or_weight(Unit.KILOGRAM, 1250) == "1,250 kg"


def test_english(english: None) -> None:
    assert not formatting.is_polish()
    assert formatting.money(Money(123456)) == "PLN\u00a01,234.56"
    assert formatting.money(Money(-5)) == "-PLN\u00a00.05"
    assert formatting.money(Money(0)) == "PLN\u00a00.00"
    assert formatting.price_per_unit(Money(1299), Unit.KILOGRAM) == "PLN\u00a012.99/kg"
    assert formatting.day(date(2026, 1, 5)) == "5 Jan 2026"
    assert formatting.date_time(MOMENT) == "23 Nov 2026 14:05"
    assert formatting.date_time(MOMENT, seconds=True) == "23 Nov 2026 14:05:09"
    assert formatting.date_edit_format() == "d MMM yyyy"
    assert formatting.quantity(Quantity.pieces(1)) == "1 pc"
    assert formatting.quantity(Quantity.pieces(2)) == "2 pcs"
    assert formatting.quantity(Quantity.grams(450)) == "0.450 kg"
    assert formatting.count_or_weight(Unit.KILOGRAM, 1250) == "1.250 kg"


def test_the_date_edit_format_shows_the_same_day_as_day(english: None) -> None:
    shown = QLocale().toString(QDate(2026, 1, 5), formatting.date_edit_format())
    assert shown == formatting.day(date(2026, 1, 5))
