"""Returns: what may still come back from a sale, what each returned line refunds, and which
tenders the refund goes to. Pure rules, no store.

Refund of a line (amounts in grosze, rounded half up):
    A line refunds in proportion to what the customer paid for it (its final total, after line
    and basket discounts), never its list price. Returning `q` units of a line sold as `n` units
    for `T`, after `a` units of it came back earlier, refunds

        round_half_up(T * (a + q) / n) - round_half_up(T * a / n)

    i.e. the proportional share `round_half_up(T * q / n)`, give or take one grosz so that the
    refunds of a line always add up to the proportional share of everything returned so far.
    So the partial refunds of a line never add up to more than its total, and the last remaining
    units get exactly the rest: the full refund of a line is its total to the grosz, however it
    was split. A weighed line counts grams (half a kilo of a 1 kg line refunds half its total).

Never more back than was sold, counting earlier returns.

Which tenders get the refund (`split_refund`):
    Card first, up to what the cards paid on the sale less what earlier returns of that sale
    already put back on a card; the rest in cash. Refunding to the card that paid keeps the cash
    drawer for the cash that was taken in, and since the card is drained first, the cash refunded
    over all the returns of a sale never exceeds the cash that sale took. A return without a
    receipt is refunded in cash.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money, round_half_up_div
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Measure, Quantity, Unit
from pos_client.domain.sale import PaymentRecord, SaleLineRecord, SaleRecord
from pos_client.domain.vat import VatClass

_NOTHING = Money(0)


class ReturnRuleError(TillError, ValueError):
    """A return the rules refuse, with a message for the cashier."""


def return_number(store_code: str, till_id: str, sequence: int) -> str:
    """`WAW01-01-R000001`: store, till, "R" and the till's gap-free return sequence."""
    return f"{store_code}-{till_id}-R{sequence:06d}"


def line_refund(total: Money, sold: int, already_returned: int, quantity: int) -> Money:
    """What returning `quantity` more units of a line refunds (see the module's rule)."""
    if sold <= 0:
        raise ValueError("a sold line has a positive quantity")
    if quantity < 0 or already_returned < 0 or already_returned + quantity > sold:
        raise ValueError("returned quantities must lie between zero and what was sold")
    before = round_half_up_div(total.grosze * already_returned, sold)
    after = round_half_up_div(total.grosze * (already_returned + quantity), sold)
    return Money(after - before)


@dataclass(frozen=True, slots=True)
class ReturnableLine:
    """A line of the original sale with what of it already came back."""

    line: SaleLineRecord
    returned: int
    """Pieces, or grams for a weighed line, returned by earlier returns of the sale."""

    @property
    def sold(self) -> int:
        return self.line.quantity.amount

    @property
    def remaining(self) -> int:
        return max(self.sold - self.returned, 0)

    @property
    def unit(self) -> Unit:
        return self.line.quantity.unit


def returnable_lines(
    sale: SaleRecord, already_returned: Mapping[uuid.UUID, int]
) -> list[ReturnableLine]:
    return [ReturnableLine(line, already_returned.get(line.line_id, 0)) for line in sale.lines]


@dataclass(frozen=True, slots=True)
class PlannedLine:
    line: SaleLineRecord
    quantity: Quantity
    refund: Money


@dataclass(frozen=True, slots=True)
class ReturnPlan:
    """What a return gives back: lines with their refunds, and the tenders the total goes to."""

    lines: tuple[PlannedLine, ...]
    tenders: tuple[tuple[Tender, Money], ...]

    @property
    def total(self) -> Money:
        return Money.total(line.refund for line in self.lines)


def plan_return(
    sale: SaleRecord,
    already_returned: Mapping[uuid.UUID, int],
    requested: Mapping[uuid.UUID, int],
    card_refunded_before: Money = _NOTHING,
) -> ReturnPlan:
    """Check the requested quantities (sale line id -> pieces or grams; zero means none) against
    what remains of each line, and price the refund. Raises ReturnRuleError for the cashier."""
    by_id = {line.line_id: line for line in sale.lines}
    for line_id, quantity in requested.items():
        if line_id not in by_id:
            raise ReturnRuleError(
                QT_TRANSLATE_NOOP("ReturnRules", "That item is not on this receipt.")
            )
        if quantity < 0:
            raise ReturnRuleError(
                QT_TRANSLATE_NOOP("ReturnRules", "A quantity to return cannot be negative.")
            )
    planned: list[PlannedLine] = []
    for line in sale.lines:  # the receipt's order, whatever order the request came in
        quantity = requested.get(line.line_id, 0)
        if not quantity:
            continue
        returnable = ReturnableLine(line, already_returned.get(line.line_id, 0))
        if quantity > returnable.remaining:
            raise _too_many(returnable)
        planned.append(
            PlannedLine(
                line=line,
                quantity=Quantity(quantity, returnable.unit),
                refund=line_refund(line.total, returnable.sold, returnable.returned, quantity),
            )
        )
    if not planned:
        raise ReturnRuleError(
            QT_TRANSLATE_NOOP("ReturnRules", "Choose at least one item to return.")
        )
    refund = Money.total(line.refund for line in planned)
    return ReturnPlan(tuple(planned), split_refund(refund, sale.payments, card_refunded_before))


def _too_many(returnable: ReturnableLine) -> ReturnRuleError:
    def amount(value: int) -> Measure:
        return Measure(value, returnable.unit)

    if not returnable.remaining:
        return ReturnRuleError(
            QT_TRANSLATE_NOOP(
                "ReturnRules",
                "All of %1 came back already (%2 sold). Never more back than was sold.",
            ),
            returnable.line.name,
            amount(returnable.sold),
        )
    return ReturnRuleError(
        QT_TRANSLATE_NOOP(
            "ReturnRules",
            "Only %1 of %2 can still come back: %3 sold, %4 returned before. "
            "Never more back than was sold.",
        ),
        amount(returnable.remaining),
        returnable.line.name,
        amount(returnable.sold),
        amount(returnable.returned),
    )


def split_refund(
    refund: Money, payments: Sequence[PaymentRecord], card_refunded_before: Money = _NOTHING
) -> tuple[tuple[Tender, Money], ...]:
    """Card first (up to what the cards paid less earlier card refunds), then cash; tenders with
    nothing to refund are left out, so the amounts always add up to `refund`."""
    if refund.is_negative():
        raise ValueError("a refund cannot be negative")
    card_paid = Money.total(p.amount for p in payments if p.tender is Tender.CARD)
    card_left = max(card_paid - card_refunded_before, Money(0))
    card = min(refund, card_left)
    cash = refund - card
    return tuple(
        (tender, amount) for tender, amount in ((Tender.CARD, card), (Tender.CASH, cash)) if amount
    )


@dataclass(frozen=True, slots=True)
class ReturnLineRecord:
    line_id: uuid.UUID
    sale_line_id: uuid.UUID | None
    """None for a return without a receipt."""
    product_id: int
    sku: str
    name: str
    vat_class: VatClass
    quantity: Quantity
    refund: Money
    """Gross amount given back for this line (positive)."""


@dataclass(frozen=True, slots=True)
class RefundRecord:
    payment_id: uuid.UUID
    tender: Tender
    amount: Money
    """Given back (positive)."""


@dataclass(frozen=True, slots=True)
class ReturnRecord:
    """A return document: the goods that came back and the money given for them."""

    return_id: uuid.UUID
    store_code: str
    till_id: str
    sale_id: uuid.UUID | None
    """The original sale; None for a return without a receipt (approved by a manager)."""
    created_at: datetime
    lines: tuple[ReturnLineRecord, ...]
    payments: tuple[RefundRecord, ...]
    reason: str
    cashier_id: str | None = None
    approved_by: str | None = None
    shift_id: str | None = None
    sale_receipt_number: str | None = None
    """The original receipt's number, for the outbox and the printout (not stored twice)."""
    sequence: int | None = None
    """Set by the store when the return is committed (gap-free per till)."""

    @property
    def total(self) -> Money:
        return Money.total(line.refund for line in self.lines)

    @property
    def return_number(self) -> str | None:
        if self.sequence is None:
            return None
        return return_number(self.store_code, self.till_id, self.sequence)

    def numbered(self, sequence: int) -> ReturnRecord:
        return replace(self, sequence=sequence)

    def to_json(self) -> dict[str, Any]:
        """The return as plain JSON data (for the outbox: the goods go back to stock centrally)."""
        return {
            "id": str(self.return_id),
            "return_number": self.return_number,
            "store_code": self.store_code,
            "till_id": self.till_id,
            "sequence": self.sequence,
            "sale_id": None if self.sale_id is None else str(self.sale_id),
            "sale_receipt_number": self.sale_receipt_number,
            "created_at": self.created_at.isoformat(),
            "cashier_id": self.cashier_id,
            "approved_by": self.approved_by,
            "shift_id": self.shift_id,
            "reason": self.reason,
            "total": self.total.grosze,
            "lines": [
                {
                    "id": str(line.line_id),
                    "sale_line_id": None if line.sale_line_id is None else str(line.sale_line_id),
                    "product_id": line.product_id,
                    "sku": line.sku,
                    "name": line.name,
                    "vat_class": line.vat_class.value,
                    "unit": line.quantity.unit.value,
                    "quantity": line.quantity.amount,
                    "total": line.refund.grosze,
                }
                for line in self.lines
            ],
            "payments": [
                {"id": str(p.payment_id), "tender": p.tender.value, "amount": p.amount.grosze}
                for p in self.payments
            ],
        }


def return_from_plan(
    plan: ReturnPlan,
    sale: SaleRecord,
    *,
    store_code: str,
    till_id: str,
    reason: str,
    now: datetime,
    cashier_id: str | None,
    approved_by: str | None = None,
    shift_id: str | None = None,
) -> ReturnRecord:
    """Freeze a checked plan into a return document with fresh UUIDs (not yet numbered), made
    at the till `store_code`/`till_id` (whose sequence numbers it)."""
    return ReturnRecord(
        return_id=uuid.uuid4(),
        store_code=store_code,
        till_id=till_id,
        sale_id=sale.sale_id,
        created_at=now,
        lines=tuple(
            ReturnLineRecord(
                line_id=uuid.uuid4(),
                sale_line_id=planned.line.line_id,
                product_id=planned.line.product_id,
                sku=planned.line.sku,
                name=planned.line.name,
                vat_class=planned.line.vat_class,
                quantity=planned.quantity,
                refund=planned.refund,
            )
            for planned in plan.lines
        ),
        payments=tuple(
            RefundRecord(uuid.uuid4(), tender, amount) for tender, amount in plan.tenders
        ),
        reason=reason,
        cashier_id=cashier_id,
        approved_by=approved_by,
        shift_id=shift_id,
        sale_receipt_number=sale.receipt_number,
    )
