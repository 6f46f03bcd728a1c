"""Tenders and the rules for settling a sale: cash with change, card, split between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money

MAX_CASH_TENDERED = Money(10_000_000)


class Tender(StrEnum):
    CASH = "cash"
    CARD = "card"


class PaymentError(TillError, ValueError):
    """A tender the till refuses, with a message for the cashier."""


@dataclass(frozen=True, slots=True)
class Payment:
    tender: Tender
    amount: Money
    """What this tender pays towards the sale (never more than was due)."""
    tendered: Money
    """What the customer handed over: more than `amount` for cash with change."""

    @property
    def change(self) -> Money:
        return self.tendered - self.amount


@dataclass(frozen=True, slots=True)
class Settlement:
    payments: tuple[Payment, ...]

    @property
    def change(self) -> Money:
        return Money.total(payment.change for payment in self.payments)

    @property
    def paid(self) -> Money:
        return Money.total(payment.amount for payment in self.payments)


def settle(total: Money, offered: Sequence[tuple[Tender, Money]]) -> Settlement:
    """Apply tenders in the order given; only cash may exceed what is still due (giving change).

    Card payments are taken for exactly what they say (charged on the external terminal) and must
    not exceed what is due. The tenders together must cover the total.
    """
    if total.is_negative():
        raise PaymentError(QT_TRANSLATE_NOOP("Payment", "the total to pay cannot be negative"))
    due = total
    payments: list[Payment] = []
    for index, (tender, amount) in enumerate(offered):
        if amount.is_negative() or (not amount and total):
            raise PaymentError(QT_TRANSLATE_NOOP("Payment", "each tender must be more than zero"))
        if tender is Tender.CASH and amount > MAX_CASH_TENDERED:
            raise PaymentError(
                QT_TRANSLATE_NOOP("Payment", "cash tendered over %1 is not plausible"),
                MAX_CASH_TENDERED,
            )
        if not due:
            raise PaymentError(QT_TRANSLATE_NOOP("Payment", "the sale is already paid in full"))
        if tender is Tender.CARD and amount > due:
            raise PaymentError(
                QT_TRANSLATE_NOOP("Payment", "a card payment cannot exceed what is due (%1)"), due
            )
        if tender is Tender.CASH and amount > due and index != len(offered) - 1:
            raise PaymentError(
                QT_TRANSLATE_NOOP("Payment", "cash with change must be the last tender")
            )
        applied = min(amount, due)
        payments.append(Payment(tender, applied, amount))
        due = due - applied
    if due:
        raise PaymentError(QT_TRANSLATE_NOOP("Payment", "still to pay: %1"), due)
    return Settlement(tuple(payments))
