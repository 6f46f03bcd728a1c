"""Allocation: a discount spread over lines adds up exactly, each part close to its share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.allocation import allocate
from pos_client.domain.money import Money


def m(*grosze: int) -> list[Money]:
    return [Money(value) for value in grosze]


@pytest.mark.parametrize(
    ("amount", "weights", "parts"),
    [
        (100, (1, 1, 1), (34, 33, 33)),  # the tie goes to the earlier line
        (-100, (1, 1, 1), (-34, -33, -33)),
        (100, (1000, 3000), (25, 75)),
        (1, (500, 500), (1, 0)),
        (2, (1, 1, 1), (1, 1, 0)),
        (10, (0, 5), (0, 10)),
        (10, (0, 0), (10, 0)),  # all weights zero: the first line takes it
        (0, (3, 7), (0, 0)),
        (7, (10,), (7,)),
        (99, (1, 2, 3), (17, 33, 49)),
    ],
)
def test_examples(amount: int, weights: tuple[int, ...], parts: tuple[int, ...]) -> None:
    assert allocate(Money(amount), m(*weights)) == m(*parts)


def test_no_lines() -> None:
    assert allocate(Money(0), []) == []
    with pytest.raises(ValueError, match="no lines"):
        allocate(Money(1), [])


def test_negative_weights_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        allocate(Money(10), m(5, -1))


weights_strategy = st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=40)


@given(st.integers(min_value=-(10**9), max_value=10**9), weights_strategy)
def test_parts_add_up_and_are_fair(amount: int, raw_weights: list[int]) -> None:
    weights = m(*raw_weights)
    parts = allocate(Money(amount), weights)
    assert len(parts) == len(weights)
    assert Money.total(parts) == Money(amount)
    total_weight = sum(raw_weights)
    for part, weight in zip(parts, raw_weights, strict=True):
        # Same sign as the amount and never more than all of it.
        assert 0 <= part.grosze * (1 if amount >= 0 else -1) <= abs(amount)
        if total_weight:
            # Within one grosz of the exact proportional share.
            assert abs(part.grosze * total_weight - amount * weight) < total_weight
    # Deterministic.
    assert allocate(Money(amount), weights) == parts


@given(weights_strategy, st.data())
def test_a_discount_never_exceeds_a_line(raw_weights: list[int], data: st.DataObject) -> None:
    amount = data.draw(st.integers(min_value=0, max_value=sum(raw_weights)))
    parts = allocate(Money(amount), m(*raw_weights))
    for part, weight in zip(parts, raw_weights, strict=True):
        assert 0 <= part.grosze <= weight
