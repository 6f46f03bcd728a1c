"""Quantities: pieces or grams, with limits, and weighed items priced per kilogram."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.money import Money
from pos_client.domain.quantity import MAX_GRAMS, MAX_PIECES, Quantity, QuantityError, Unit


def test_limits_of_pieces() -> None:
    assert Quantity.pieces(1).amount == 1
    assert Quantity.pieces(MAX_PIECES) == Quantity(999, Unit.PIECE)
    with pytest.raises(QuantityError, match="limit"):
        Quantity.pieces(MAX_PIECES + 1)
    with pytest.raises(QuantityError, match="more than zero"):
        Quantity.pieces(0)
    with pytest.raises(QuantityError, match="more than zero"):
        Quantity.pieces(-1)


def test_limits_of_grams() -> None:
    assert Quantity.grams(1).unit is Unit.KILOGRAM
    assert Quantity.grams(MAX_GRAMS).amount == 50_000
    with pytest.raises(QuantityError, match="limit"):
        Quantity.grams(MAX_GRAMS + 1)
    with pytest.raises(QuantityError):
        Quantity.grams(0)
    with pytest.raises(QuantityError):
        Quantity.grams(100_000)


def test_quantity_error_is_a_value_error() -> None:
    assert issubclass(QuantityError, ValueError)


def test_pieces_price_is_a_plain_multiple() -> None:
    assert Quantity.pieces(3).price(Money(499)) == Money(1497)
    assert Quantity.pieces(1).price(Money(0)) == Money(0)


@pytest.mark.parametrize(
    ("grams", "per_kg", "expected"),
    [
        (1000, 1299, 1299),
        (1250, 1299, 1624),  # 16,2375 zł rounds up
        (333, 150, 50),  # 0,4995 zł rounds half up to 0,50
        (1, 499, 0),  # 0,00499 zł
        (1, 500, 1),  # exactly half a grosz rounds up
        (50_000, 1299, 64950),
        (125, 1999, 250),  # 2,49875 zł
    ],
)
def test_grams_are_priced_per_kilogram_rounded_half_up(
    grams: int, per_kg: int, expected: int
) -> None:
    assert Quantity.grams(grams).price(Money(per_kg)) == Money(expected)


@given(
    st.integers(min_value=1, max_value=MAX_GRAMS),
    st.integers(min_value=0, max_value=10_000_000),
)
def test_weighed_price_is_within_half_a_grosz(grams: int, per_kg: int) -> None:
    price = Quantity.grams(grams).price(Money(per_kg)).grosze
    exact_thousandths = per_kg * grams
    assert -500 < price * 1000 - exact_thousandths <= 500
    assert price == (exact_thousandths + 500) // 1000


def test_describe() -> None:
    assert Quantity.pieces(3).describe() == "3 szt."
    assert Quantity.grams(1250).describe() == "1,250 kg"
    assert Quantity.grams(50).describe() == "0,050 kg"
