"""Coupon terms' basket arithmetic: what a scope covers and what a value takes off it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.coupons.terms import (
    EPOCH,
    MAX_MINUTES,
    BasketLine,
    Scope,
    ValueKind,
    check_scope,
    discount_of,
    from_minutes,
    scope_amount,
    to_minutes,
)

BASKET = [
    BasketLine("P1", "Nabiał", 1000),
    BasketLine("P2", "Nabiał", 250),
    BasketLine("P3", None, 4000),
]


def test_a_scope_covers_its_lines() -> None:
    assert scope_amount(Scope.BASKET, None, BASKET) == 5250
    assert scope_amount(Scope.CATEGORY, "Nabiał", BASKET) == 1250
    assert scope_amount(Scope.SKU, "P3", BASKET) == 4000
    assert scope_amount(Scope.SKU, "P9", BASKET) == 0


@pytest.mark.parametrize(
    ("kind", "value", "base", "discount"),
    [
        (ValueKind.PERCENT, 10, 1005, 101),  # 100.5 rounds half up
        (ValueKind.PERCENT, 10, 1004, 100),
        (ValueKind.PERCENT, 100, 777, 777),
        (ValueKind.AMOUNT, 500, 1200, 500),
        (ValueKind.AMOUNT, 5000, 1200, 1200),  # never more than the scope costs
        (ValueKind.AMOUNT, 500, 0, 0),
    ],
)
def test_a_value_takes_its_part(kind: ValueKind, value: int, base: int, discount: int) -> None:
    assert discount_of(kind, value, base) == discount


@given(st.sampled_from(ValueKind), st.integers(1, 100), st.integers(0, 10**9))
def test_a_discount_is_between_nothing_and_the_base(kind: ValueKind, value: int, base: int) -> None:
    assert 0 <= discount_of(kind, value, base) <= base


def test_coupon_times_are_whole_minutes_since_2024() -> None:
    moment = datetime(2026, 3, 1, 10, 30, 59, tzinfo=UTC)
    assert from_minutes(to_minutes(moment)) == moment.replace(second=0)
    assert to_minutes(EPOCH) == 0
    assert from_minutes(MAX_MINUTES) < datetime(9999, 12, 31, 0, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="time zone"):
        to_minutes(datetime(2026, 3, 1))
    with pytest.raises(ValueError, match="before"):
        to_minutes(EPOCH - timedelta(minutes=1))
    with pytest.raises(ValueError, match="out of range"):
        from_minutes(MAX_MINUTES + 1)


def test_a_scope_names_what_it_needs() -> None:
    check_scope(Scope.SKU, "P0000001")
    with pytest.raises(ValueError, match="names no"):
        check_scope(Scope.BASKET, "Nabiał")
    with pytest.raises(ValueError, match="64 bytes"):
        check_scope(Scope.CATEGORY, "ż" * 33)
    with pytest.raises(ValueError, match="control"):
        check_scope(Scope.SKU, "P\n1")
