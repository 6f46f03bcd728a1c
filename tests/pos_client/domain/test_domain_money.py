"""Money: parsing what a cashier types, Polish formatting, integer arithmetic, rounding."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.money import Money, round_half_up_div

NBSP = "\u00a0"

# Amounts the parser accepts: up to 12 digits of złoty.
amounts = st.integers(min_value=-(10**14) + 1, max_value=10**14 - 1).map(Money)


@pytest.mark.parametrize(
    ("text", "grosze"),
    [
        ("12", 1200),
        ("12,5", 1250),
        ("12,50", 1250),
        ("12.50", 1250),
        ("12,05", 1205),
        ("0,05", 5),
        ("0", 0),
        ("-0", 0),
        ("-3,05", -305),
        ("1 234,56 zł", 123456),
        (f"1{NBSP}234,56{NBSP}zł", 123456),
        ("  7,99  ", 799),
        ("12 zł", 1200),
        ("12zł", 1200),
        ("12 zl", 1200),
        ("12 PLN", 1200),
        ("999999999999,99", 99999999999999),
    ],
)
def test_parse_accepts_what_people_type(text: str, grosze: int) -> None:
    assert Money.parse(text) == Money(grosze)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "zł",
        "abc",
        "12,345",
        "12,",
        ",5",
        "1,2,3",
        "12.3.4",
        "--3",
        "3-",
        "+3",
        "1e3",
        "12 EUR",
        "1234567890123",  # thirteen digits of złoty
        "12,5 zł zł",
    ],
)
def test_parse_refuses_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        Money.parse(text)


def test_format_is_polish_with_no_break_spaces() -> None:
    assert Money(123456).format() == f"1{NBSP}234,56{NBSP}zł"
    assert str(Money(123456)) == f"1{NBSP}234,56{NBSP}zł"
    assert Money(5).format() == f"0,05{NBSP}zł"
    assert Money(-5).format() == f"-0,05{NBSP}zł"
    assert Money(0).format() == f"0,00{NBSP}zł"
    assert Money(100_000_000).format() == f"1{NBSP}000{NBSP}000,00{NBSP}zł"
    assert Money(-123456).format() == f"-1{NBSP}234,56{NBSP}zł"
    assert " " not in Money(123456).format()


def test_format_options() -> None:
    assert Money(123456).format(currency="") == f"1{NBSP}234,56"
    assert Money(123456).format(grouping=" ", decimal=".", currency="PLN") == "1 234.56 PLN"


def test_plain_has_no_grouping_and_no_currency() -> None:
    assert Money(123456).plain() == "1234,56"
    assert Money(-5).plain() == "-0,05"
    assert Money(100).plain() == "1,00"


@given(amounts)
def test_format_and_plain_parse_back(amount: Money) -> None:
    assert Money.parse(amount.format()) == amount
    assert Money.parse(amount.plain()) == amount


def test_arithmetic() -> None:
    assert Money(150) + Money(275) == Money(425)
    assert Money(150) - Money(275) == Money(-125)
    assert -Money(150) == Money(-150)
    assert Money(150) * 3 == Money(450)
    assert 3 * Money(150) == Money(450)
    assert Money.total([Money(1), Money(2), Money(3)]) == Money(6)
    assert Money.total([]) == Money.zero() == Money(0)
    assert Money(1) < Money(2)
    assert max(Money(-5), Money(3)) == Money(3)
    assert bool(Money(1)) is True
    assert bool(Money(0)) is False
    assert Money(-1).is_negative()
    assert not Money(0).is_negative()


def test_money_is_never_a_float() -> None:
    with pytest.raises(TypeError):
        Money(cast(Any, 1.5))
    with pytest.raises(TypeError):
        Money(cast(Any, True))
    with pytest.raises(TypeError):
        Money(1) * cast(Any, 1.5)
    with pytest.raises(TypeError):
        Money(1) * cast(Any, True)


@given(amounts, amounts, st.integers(min_value=-1000, max_value=1000))
def test_arithmetic_matches_integers(a: Money, b: Money, factor: int) -> None:
    assert (a + b).grosze == a.grosze + b.grosze
    assert (a - b) + b == a
    assert (a * factor).grosze == a.grosze * factor
    assert Money.total([a, b, -a]) == b


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (0, 7, 0),
        (1, 2, 1),
        (-1, 2, -1),
        (5, 2, 3),
        (-5, 2, -3),
        (4, 3, 1),
        (5, 3, 2),
        (-4, 3, -1),
        (-5, 3, -2),
        (1623750, 1000, 1624),
        (1623499, 1000, 1623),
        (6, 3, 2),
    ],
)
def test_round_half_up_div(numerator: int, denominator: int, expected: int) -> None:
    assert round_half_up_div(numerator, denominator) == expected


@pytest.mark.parametrize("denominator", [0, -1])
def test_round_half_up_div_needs_a_positive_denominator(denominator: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        round_half_up_div(10, denominator)


@given(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.integers(min_value=1, max_value=10**6),
)
def test_round_half_up_div_agrees_with_decimal(numerator: int, denominator: int) -> None:
    exact = Decimal(numerator) / Decimal(denominator)
    expected = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    result = round_half_up_div(numerator, denominator)
    assert result == expected
    assert abs(result * denominator - numerator) * 2 <= denominator
