"""Returns: find the receipt, see what of it can still come back, give the money back.

A return with a receipt refunds each line in proportion to what was paid for it, to the sale's
own tenders (card first, then cash: see `domain.returns`). A return without a receipt needs a
manager's approval and is refunded to one tender (cash unless the cashier chooses the card).
Either way the return, its number, its refunds and its outbox event (the goods go back to
stock) are saved in one transaction.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.returns import (
    RefundRecord,
    ReturnableLine,
    ReturnLineRecord,
    ReturnPlan,
    ReturnRecord,
    ReturnRuleError,
    plan_return,
    return_from_plan,
    returnable_lines,
)
from pos_client.domain.sale import SaleRecord, receipt_number
from pos_client.services.checkout import TillIdentity
from pos_client.store.catalogue import CatalogueEntry
from pos_client.store.returns import ReturnConflictError, ReturnRepository
from pos_client.store.sales import SalesRepository

log = logging.getLogger(__name__)

MAX_REASON_LENGTH = 500

BlindReturnLine = tuple[CatalogueEntry, Quantity, Money]
"""A product brought back without a receipt, its quantity and the refund agreed for it."""


_OTHER_STORE = QT_TRANSLATE_NOOP(
    "Returns",
    "Receipt %1 is from store %2. Only receipts of this store (%3) can be returned here.",
)


class ReturnError(TillError, ValueError):
    """A return the till refuses; the message is for the cashier. Nothing was saved. (A
    conflict found by the store under its write lock passes the store's English text on.)"""


class ReceiptNotFoundError(ReturnError):
    """No such receipt among the ones this till holds."""


class ApprovalRequiredError(ReturnError):
    """The return needs a manager's approval first (a return without a receipt)."""


class ReturnService:
    def __init__(
        self,
        sales: SalesRepository,
        returns: ReturnRepository,
        till: TillIdentity,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._sales = sales
        self._returns = returns
        self._till = till
        self._clock = clock

    @property
    def till(self) -> TillIdentity:
        return self._till

    def find_sale(self, number: str) -> SaleRecord:
        """The sale of a receipt number, typed or scanned ("waw01-01-000123" and "WAW01-01-123"
        both work). Only this store's receipts held on this till can be found offline."""
        typed = "".join(number.split())
        if not typed:
            raise ReturnError(QT_TRANSLATE_NOOP("Returns", "Type or scan the receipt number."))
        parts = typed.rsplit("-", 2)
        if len(parts) != 3 or not parts[2].isdigit() or not parts[0] or not parts[1]:
            raise ReturnError(
                QT_TRANSLATE_NOOP(
                    "Returns", "%1 is not a receipt number. A receipt number looks like %2."
                ),
                typed,
                receipt_number(self._till.store_code, self._till.till_id, 123),
            )
        store, till, sequence = parts
        if store.upper() != self._till.store_code.upper():
            raise ReceiptNotFoundError(_OTHER_STORE, typed, store.upper(), self._till.store_code)
        for till_id in dict.fromkeys((till.upper(), till, till.lower())):
            sale = self._sales.by_receipt_number(
                receipt_number(self._till.store_code, till_id, int(sequence))
            )
            if sale is not None:
                return sale
        raise ReceiptNotFoundError(
            QT_TRANSLATE_NOOP(
                "Returns",
                "Receipt %1 was not found on this till. Only this store's receipts that reached "
                "this till are available offline: check the number, or make a return without a "
                "receipt (a manager must approve it).",
            ),
            typed,
        )

    def returnable_lines(self, sale: SaleRecord) -> list[ReturnableLine]:
        """Every line of the sale with what was sold, returned already and what remains."""
        return returnable_lines(sale, self._returns.returned_quantities(sale.sale_id))

    def preview(self, sale: SaleRecord, quantities: Mapping[uuid.UUID, int]) -> ReturnPlan:
        """The refund per line and per tender for these quantities (sale line id -> pieces, or
        grams for a weighed line), without saving anything. Raises ReturnError."""
        self._check_store(sale)
        already = self._returns.returned_quantities(sale.sale_id)
        card_before = self._returns.refunded_by_tender(sale.sale_id).get(Tender.CARD, Money(0))
        try:
            return plan_return(sale, already, quantities, card_before)
        except ReturnRuleError as error:
            raise ReturnError(error.message) from error

    def create_return(
        self,
        sale: SaleRecord,
        quantities: Mapping[uuid.UUID, int],
        reason: str,
        user_id: str | None,
        shift_id: str | None,
        approved_by: str | None = None,
    ) -> ReturnRecord:
        """Save a return of part or all of a sale; never more back than was sold, counting
        earlier returns. Raises ReturnError, or StoreError when the database refuses the write
        (nothing saved: the cashier retries)."""
        why = _reason(reason)
        plan = self.preview(sale, quantities)
        draft = return_from_plan(
            plan,
            sale,
            store_code=self._till.store_code,
            till_id=self._till.till_id,
            reason=why,
            now=self._clock(),
            cashier_id=user_id,
            approved_by=approved_by,
            shift_id=shift_id,
        )
        return self._record(draft)

    def check_blind_return(self, lines: Sequence[BlindReturnLine]) -> Money:
        """The total a return without a receipt would give back, or ReturnError for a line the
        rules refuse (nothing is saved): the screen checks before it asks for a manager."""
        return Money.total(line.refund for line in _blind_lines(lines))

    def create_blind_return(
        self,
        lines: Sequence[BlindReturnLine],
        reason: str,
        user_id: str | None,
        approved_by: str | None,
        shift_id: str | None,
        tender: Tender = Tender.CASH,
    ) -> ReturnRecord:
        """A return without a receipt: only with a manager's approval, refunded whole to one
        tender (cash unless told), each line's refund at most the product's price today for
        that quantity."""
        if not approved_by:
            raise ApprovalRequiredError(
                QT_TRANSLATE_NOOP(
                    "Returns",
                    "A return without a receipt needs a manager's approval: a manager must "
                    "approve it.",
                )
            )
        why = _reason(reason)
        records = _blind_lines(lines)
        total = Money.total(line.refund for line in records)
        draft = ReturnRecord(
            return_id=uuid.uuid4(),
            store_code=self._till.store_code,
            till_id=self._till.till_id,
            sale_id=None,
            created_at=self._clock(),
            lines=records,
            payments=(RefundRecord(uuid.uuid4(), tender, total),),
            reason=why,
            cashier_id=user_id,
            approved_by=approved_by,
            shift_id=shift_id,
        )
        return self._record(draft)

    def returns_of(self, sale: SaleRecord) -> list[ReturnRecord]:
        """The returns saved so far against a sale, oldest first."""
        return self._returns.for_sale(sale.sale_id)

    def _record(self, draft: ReturnRecord) -> ReturnRecord:
        try:
            recorded = self._returns.record(draft)
        except ReturnConflictError as error:
            raise ReturnError(str(error)) from error
        log.info(
            "return %s saved: %s (receipt %s, approved by %s)",
            recorded.return_number,
            recorded.total.plain(),
            recorded.sale_receipt_number or "none",
            recorded.approved_by or "nobody",
        )
        return recorded

    def _check_store(self, sale: SaleRecord) -> None:
        if sale.store_code != self._till.store_code:
            raise ReturnError(
                _OTHER_STORE, sale.receipt_number or "", sale.store_code, self._till.store_code
            )


def _reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise ReturnError(QT_TRANSLATE_NOOP("Returns", "Give the reason for the return."))
    return text[:MAX_REASON_LENGTH]


def _blind_lines(lines: Sequence[BlindReturnLine]) -> tuple[ReturnLineRecord, ...]:
    if not lines:
        raise ReturnError(QT_TRANSLATE_NOOP("Returns", "Choose at least one item to return."))
    return tuple(_blind_line(entry, quantity, refund) for entry, quantity, refund in lines)


def _blind_line(entry: CatalogueEntry, quantity: Quantity, refund: Money) -> ReturnLineRecord:
    if quantity.unit is not entry.unit:
        if entry.unit is Unit.KILOGRAM:
            raise ReturnError(
                QT_TRANSLATE_NOOP("Returns", "%1 is sold by weight: enter its quantity that way."),
                entry.name,
            )
        raise ReturnError(
            QT_TRANSLATE_NOOP("Returns", "%1 is sold by the piece: enter its quantity that way."),
            entry.name,
        )
    if refund.grosze <= 0:
        raise ReturnError(
            QT_TRANSLATE_NOOP("Returns", "Enter the amount to give back for %1."), entry.name
        )
    if entry.price is not None and refund > quantity.price(entry.price):
        raise ReturnError(
            QT_TRANSLATE_NOOP(
                "Returns", "The refund for %1 cannot be more than its price today (%2 for %3)."
            ),
            entry.name,
            quantity.price(entry.price),
            quantity,
        )
    return ReturnLineRecord(
        line_id=uuid.uuid4(),
        sale_line_id=None,
        product_id=entry.product_id,
        sku=entry.sku,
        name=entry.name,
        vat_class=entry.vat_class,
        quantity=quantity,
        refund=refund,
    )
