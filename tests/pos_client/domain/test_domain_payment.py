"""Settling a sale: cash with change, card for exactly what it says, splits, refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.money import Money
from pos_client.domain.payment import (
    MAX_CASH_TENDERED,
    Payment,
    PaymentError,
    Settlement,
    Tender,
    settle,
)

CASH = Tender.CASH
CARD = Tender.CARD


def test_cash_with_change() -> None:
    settlement = settle(Money(1234), [(CASH, Money(2000))])
    assert settlement == Settlement((Payment(CASH, Money(1234), Money(2000)),))
    assert settlement.paid == Money(1234)
    assert settlement.change == Money(766)
    assert settlement.payments[0].change == Money(766)


def test_exact_cash() -> None:
    settlement = settle(Money(1234), [(CASH, Money(1234))])
    assert settlement.change == Money(0)


def test_exact_card() -> None:
    settlement = settle(Money(1234), [(CARD, Money(1234))])
    assert settlement.payments == (Payment(CARD, Money(1234), Money(1234)),)
    assert settlement.change == Money(0)
    assert settlement.paid == Money(1234)


def test_split_card_then_cash_with_change() -> None:
    settlement = settle(Money(5000), [(CARD, Money(3000)), (CASH, Money(2500))])
    assert settlement.payments == (
        Payment(CARD, Money(3000), Money(3000)),
        Payment(CASH, Money(2000), Money(2500)),
    )
    assert settlement.paid == Money(5000)
    assert settlement.change == Money(500)


def test_split_cash_then_card() -> None:
    settlement = settle(Money(5000), [(CASH, Money(1000)), (CARD, Money(4000))])
    assert [p.amount for p in settlement.payments] == [Money(1000), Money(4000)]
    assert settlement.change == Money(0)


def test_card_over_what_is_due_is_refused() -> None:
    with pytest.raises(PaymentError, match="card"):
        settle(Money(1000), [(CARD, Money(1500))])
    with pytest.raises(PaymentError, match="card"):
        settle(Money(1000), [(CASH, Money(600)), (CARD, Money(500))])


def test_not_enough_is_refused() -> None:
    with pytest.raises(PaymentError, match="still to pay"):
        settle(Money(1000), [(CASH, Money(500))])
    with pytest.raises(PaymentError, match="still to pay"):
        settle(Money(1000), [(CARD, Money(400)), (CASH, Money(500))])
    with pytest.raises(PaymentError, match="still to pay"):
        settle(Money(1000), [])


def test_cash_with_change_must_be_last() -> None:
    with pytest.raises(PaymentError, match="last"):
        settle(Money(1000), [(CASH, Money(2000)), (CARD, Money(100))])


def test_nothing_after_the_sale_is_paid() -> None:
    with pytest.raises(PaymentError, match="already paid"):
        settle(Money(1000), [(CARD, Money(1000)), (CASH, Money(100))])


@pytest.mark.parametrize("amount", [0, -100])
def test_tenders_must_be_positive(amount: int) -> None:
    with pytest.raises(PaymentError, match="more than zero"):
        settle(Money(1000), [(CASH, Money(amount))])


def test_implausible_cash_is_refused() -> None:
    with pytest.raises(PaymentError, match="not plausible"):
        settle(Money(1000), [(CASH, MAX_CASH_TENDERED + Money(1))])
    assert settle(Money(1000), [(CASH, MAX_CASH_TENDERED)]).change == MAX_CASH_TENDERED - Money(
        1000
    )


def test_negative_total_is_refused() -> None:
    with pytest.raises(PaymentError, match="negative"):
        settle(Money(-1), [(CASH, Money(1))])


def test_a_free_sale_needs_no_tender() -> None:
    assert settle(Money(0), []) == Settlement(())


@given(
    st.integers(min_value=1, max_value=MAX_CASH_TENDERED.grosze // 2),
    st.integers(min_value=0, max_value=MAX_CASH_TENDERED.grosze // 2),
    st.integers(min_value=0, max_value=MAX_CASH_TENDERED.grosze // 2),
)
def test_card_part_and_cash_rest_always_balance(total: int, card: int, extra_cash: int) -> None:
    card = min(card, total)
    rest = total - card
    offered: list[tuple[Tender, Money]] = []
    if card:
        offered.append((CARD, Money(card)))
    if rest:
        offered.append((CASH, Money(rest + extra_cash)))
    settlement = settle(Money(total), offered)
    assert settlement.paid == Money(total)
    assert settlement.change == (Money(extra_cash) if rest else Money(0))
    assert all(payment.amount <= payment.tendered for payment in settlement.payments)
