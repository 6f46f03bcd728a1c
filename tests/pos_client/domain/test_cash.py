"""Polish cash: denominations in grosze and a drawer counted by denomination."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.cash import (
    COINS,
    DENOMINATIONS,
    MAX_PIECES,
    NOTES,
    CashCount,
    CashCountError,
    denomination_label,
)
from pos_client.domain.money import Money


def test_polish_notes_and_coins_in_grosze() -> None:
    assert NOTES == (50000, 20000, 10000, 5000, 2000, 1000)
    assert COINS == (500, 200, 100, 50, 20, 10, 5, 2, 1)
    assert DENOMINATIONS == NOTES + COINS
    assert list(DENOMINATIONS) == sorted(DENOMINATIONS, reverse=True)


@pytest.mark.parametrize(
    ("grosze", "label"),
    [(50000, "500 zł"), (1000, "10 zł"), (500, "5 zł"), (100, "1 zł"), (50, "50 gr"), (1, "1 gr")],
)
def test_denomination_labels(grosze: int, label: str) -> None:
    assert denomination_label(grosze) == label


def test_total_of_a_count() -> None:
    count = CashCount({10000: 2, 5000: 3, 2000: 4, 1000: 5, 500: 1, 50: 3, 1: 7})
    # 200 + 150 + 80 + 50 + 5 + 1,50 + 0,07
    assert count.total() == Money(48657)
    assert count.count(5000) == 3
    assert count.count(20000) == 0


def test_zero_counts_are_dropped_and_order_is_largest_first() -> None:
    count = CashCount({1: 2, 50000: 0, 100: 1, 10000: 1})
    assert count.pieces == ((10000, 1), (100, 1), (1, 2))
    assert count == CashCount({10000: 1, 100: 1, 1: 2})
    assert list(count.lines()) == [(10000, 1, Money(10000)), (100, 1, Money(100)), (1, 2, Money(2))]


def test_an_empty_count_is_zero_and_false() -> None:
    assert CashCount().total() == Money.zero()
    assert not CashCount()
    assert not CashCount({500: 0})
    assert CashCount({500: 1})


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({300: 1}, "not a Polish note or coin"),
        ({100000: 1}, "not a Polish note or coin"),
        ({0: 1}, "not a Polish note or coin"),
        ({500: -1}, "negative"),
        ({500: MAX_PIECES + 1}, "not plausible"),
        ({500: 1.5}, "not a number"),
        ({500: True}, "not a number"),
        ({True: 1}, "not a Polish note or coin"),
    ],
)
def test_invalid_counts_are_refused(counts: dict[Any, Any], message: str) -> None:
    with pytest.raises(CashCountError, match=message):
        CashCount(counts)


def test_json_round_trip() -> None:
    count = CashCount({20000: 1, 200: 4, 2: 3})
    data = count.to_json()
    assert data == {"20000": 1, "200": 4, "2": 3}
    assert CashCount.from_json(json.loads(json.dumps(data))) == count


def test_from_json_refuses_rubbish() -> None:
    with pytest.raises(CashCountError):
        CashCount.from_json({"abc": 1})
    with pytest.raises(CashCountError):
        CashCount.from_json({"7": 1})


@given(st.dictionaries(st.sampled_from(DENOMINATIONS), st.integers(0, 10_000)))
def test_total_is_the_sum_of_denomination_times_count(counts: dict[int, int]) -> None:
    count = CashCount(counts)
    assert count.total().grosze == sum(d * n for d, n in counts.items())
    assert count.as_dict() == {d: n for d, n in counts.items() if n}
    assert CashCount.from_json(count.to_json()) == count
