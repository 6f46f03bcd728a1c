"""Selling: scan or pick products into the cart, change quantities, void, take payment, commit."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TypeVar

from hardware.barcodes import (
    BarcodeError,
    MeasureKind,
    VariableMeasureLayout,
    has_valid_check_digit,
    parse_product_code,
)
from pos_client.domain.audit import AuditEvent
from pos_client.domain.cart import Cart, CartError, CartLine, ProductSnapshot
from pos_client.domain.messages import QT_TRANSLATE_NOOP, Message, TillError
from pos_client.domain.money import Money
from pos_client.domain.payment import PaymentError, Tender, settle
from pos_client.domain.quantity import Quantity, QuantityError, Unit
from pos_client.domain.sale import SaleRecord, sale_from_cart
from pos_client.services.shifts import ShiftService
from pos_client.store.audit import AuditRepository
from pos_client.store.catalogue import CatalogueEntry, CatalogueRepository
from pos_client.store.errors import StoreError
from pos_client.store.sales import SalesRepository

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class SaleError(TillError, ValueError):
    """Something the cashier must be told; the cart is unchanged."""


@dataclass(frozen=True, slots=True)
class TillIdentity:
    store_code: str
    till_id: str


@dataclass(frozen=True, slots=True)
class WeightNeeded:
    """A weighed product was picked without a weight: ask the cashier (or the scale) for grams."""

    entry: CatalogueEntry


ScanOutcome = CartLine | WeightNeeded


def _snapshot(entry: CatalogueEntry, price: Money) -> ProductSnapshot:
    return ProductSnapshot(
        product_id=entry.product_id,
        sku=entry.sku,
        name=entry.name,
        unit_price=price,
        vat_class=entry.vat_class,
        unit=entry.unit,
        barcode=entry.barcode,
    )


def barcode_refusal(code: str) -> Message:
    """Why `parse_product_code` refused an all-digit code, in a message the screen translates
    (the hardware package's own messages are English only)."""
    if not (code.isascii() and code.isdigit()):
        return Message(QT_TRANSLATE_NOOP("Checkout", "%1 is not a product barcode"), (repr(code),))
    if len(code) not in (8, 12, 13, 14):
        return Message(
            QT_TRANSLATE_NOOP("Checkout", "A product barcode has 8, 12, 13 or 14 digits, not %1"),
            (len(code),),
        )
    if not has_valid_check_digit(code):
        return Message(
            QT_TRANSLATE_NOOP(
                "Checkout", "The check digit of %1 is wrong: scan it again or type it"
            ),
            (code,),
        )
    if len(code) == 14:
        return Message(
            QT_TRANSLATE_NOOP("Checkout", "%1 is a case code (GTIN-14), not a consumer item"),
            (code,),
        )
    return Message(
        QT_TRANSLATE_NOOP(
            "Checkout", "The in-store code's price check digit is wrong: scan it again"
        )
    )


class CheckoutService:
    def __init__(
        self,
        catalogue: CatalogueRepository,
        sales: SalesRepository,
        till: TillIdentity,
        layout: VariableMeasureLayout,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        shifts: ShiftService | None = None,
        audit: AuditRepository | None = None,
    ) -> None:
        """With `shifts`, a sale is saved only in an open shift and carries its id; with `audit`,
        every void is recorded (the Z report counts them)."""
        self._catalogue = catalogue
        self._sales = sales
        self._till = till
        self._layout = layout
        self._clock = clock
        self._shifts = shifts
        self._audit = audit
        self.cart = Cart()
        self.cashier_id: str | None = None
        """The user selling now (set at login); stamped on every sale."""

    @property
    def till(self) -> TillIdentity:
        return self._till

    @property
    def shifts(self) -> ShiftService | None:
        return self._shifts

    def scan(self, text: str) -> ScanOutcome:
        """Add what was scanned or typed: an EAN/UPC (in-store weight or price codes included)
        or a SKU. Raises SaleError with a message for the cashier; the cart is then unchanged."""
        code = text.strip()
        if not code:
            raise SaleError(QT_TRANSLATE_NOOP("Checkout", "Nothing was scanned."))
        if not code.isdigit():
            entry = self._catalogue.by_sku(code)
            if entry is None:
                raise SaleError(
                    QT_TRANSLATE_NOOP(
                        "Checkout", "Unknown code %1: no product has this barcode or SKU."
                    ),
                    repr(code),
                )
            return self.add(entry)
        try:
            scanned = parse_product_code(code, self._layout)
        except BarcodeError as error:
            raise SaleError(barcode_refusal(code)) from error
        entry = self._catalogue.by_barcode(scanned.lookup_code)
        if entry is None:
            raise SaleError(
                QT_TRANSLATE_NOOP(
                    "Checkout", "Unknown barcode %1: no product has it. Set the item aside."
                ),
                code,
            )
        entry = replace(entry, barcode=scanned.lookup_code)
        measure = scanned.measure
        if measure is None or not measure.value:
            return self.add(entry)  # a bare in-store code (no weight on it) asks for the weight
        if measure.kind is MeasureKind.WEIGHT_GRAMS:
            if entry.unit is not Unit.KILOGRAM:
                raise SaleError(
                    QT_TRANSLATE_NOOP(
                        "Checkout", "%1 is not sold by weight, but the label has a weight."
                    ),
                    entry.name,
                )
            return self.add(entry, self._quantity(lambda: Quantity.grams(measure.value)))
        return self._add_priced_label(entry, Money(measure.value))

    def _add_priced_label(self, entry: CatalogueEntry, price: Money) -> CartLine:
        """A label that carries the price to pay (one piece at that price)."""
        snapshot = _snapshot(entry, price)
        if entry.unit is Unit.KILOGRAM:
            raise SaleError(
                QT_TRANSLATE_NOOP(
                    "Checkout", "%1 is sold by weight; its label must carry the weight."
                ),
                entry.name,
            )
        return self._guard(lambda: self.cart.add(snapshot, Quantity.pieces(1)))

    def add(self, entry: CatalogueEntry, quantity: Quantity | None = None) -> ScanOutcome:
        """Add a catalogue product (from a scan, a quick key or the search list)."""
        if entry.price is None:
            raise SaleError(
                QT_TRANSLATE_NOOP("Checkout", "%1 has no valid price today. Call the manager."),
                entry.name,
            )
        if quantity is None:
            if entry.unit is Unit.KILOGRAM:
                return WeightNeeded(entry)
            quantity = Quantity.pieces(1)
        snapshot = _snapshot(entry, entry.price)
        return self._guard(lambda: self.cart.add(snapshot, quantity))

    def add_weighed(self, entry: CatalogueEntry, grams: int) -> CartLine:
        quantity = self._quantity(lambda: Quantity.grams(grams))
        outcome = self.add(entry, quantity)
        assert isinstance(outcome, CartLine)
        return outcome

    def set_quantity(self, line_id: uuid.UUID, amount: int) -> CartLine:
        line = self._guard(lambda: self.cart.line(line_id))
        quantity = self._quantity(lambda: Quantity(amount, line.quantity.unit))
        return self._guard(lambda: self.cart.set_quantity(line_id, quantity))

    def step_quantity(self, line_id: uuid.UUID, step: int) -> CartLine:
        """Plus or minus one piece; a weighed line changes only by entering a weight."""
        line = self._guard(lambda: self.cart.line(line_id))
        if line.quantity.unit is Unit.KILOGRAM:
            raise SaleError(
                QT_TRANSLATE_NOOP(
                    "Checkout", "A weighed item's quantity is its weight: weigh it again instead."
                )
            )
        return self.set_quantity(line_id, line.quantity.amount + step)

    def set_line_discount(self, line_id: uuid.UUID, discount: Money) -> CartLine:
        """A discount typed by hand (the caller has the manager's approval)."""
        return self._guard(lambda: self.cart.set_line_discount(line_id, discount))

    def override_price(self, line_id: uuid.UUID, unit_price: Money) -> CartLine:
        """A price changed by hand (the caller has the manager's approval)."""
        return self._guard(lambda: self.cart.override_price(line_id, unit_price))

    def set_basket_discount(self, discount: Money) -> None:
        self._guard(lambda: self.cart.set_basket_discount(discount))

    def void_line(self, line_id: uuid.UUID) -> CartLine:
        line = self._guard(lambda: self.cart.remove(line_id))
        log.info("line voided: %s x %s", line.product.sku, line.quantity.describe())
        self._record_void(
            "void_line",
            {"sku": line.product.sku, "quantity": line.quantity.amount, "unit": line.quantity.unit},
        )
        return line

    def void_sale(self) -> None:
        if not self.cart.is_empty():
            log.info(
                "sale voided: %d lines, total %s", len(self.cart.lines), self.cart.total().plain()
            )
            self._record_void(
                "void_sale", {"lines": len(self.cart.lines), "total": self.cart.total().grosze}
            )
        self.cart.clear()

    def _record_void(self, action: str, details: dict[str, object]) -> None:
        """Audit a void. The void is done either way: a busy or full database must not stop the
        cashier, so a failure here goes to the log (which the manager's report would miss)."""
        if self._audit is None:
            return
        event = AuditEvent(
            at=self._clock(), action=action, user_id=self.cashier_id, details=details
        )
        try:
            self._audit.record(event)
        except StoreError:
            log.exception("could not audit %s: %s", action, details)

    def pay(self, tenders: Sequence[tuple[Tender, Money]]) -> SaleRecord:
        """Settle and commit the sale (lines, payments, receipt number, outbox) in one transaction.

        On any failure the cart stays as it was, so the cashier can try again: nothing is lost.
        With a shift service, the sale is refused while no shift is open.
        """
        if self.cart.is_empty():
            raise SaleError(
                QT_TRANSLATE_NOOP("Checkout", "The sale is empty: scan something first.")
            )
        shift_id: str | None = None
        if self._shifts is not None:
            shift = self._shifts.current_shift()
            if shift is None:
                raise SaleError(
                    QT_TRANSLATE_NOOP(
                        "Checkout",
                        "Open a shift first: no shift is open on this till, so the sale cannot "
                        "be saved. The sale is kept on screen.",
                    )
                )
            shift_id = shift.shift_id
        try:
            settlement = settle(self.cart.total(), tenders)
        except PaymentError as error:
            raise SaleError(error.message) from error
        sale = sale_from_cart(
            self.cart, settlement, self._till.store_code, self._till.till_id, self._clock()
        )
        sale = replace(sale, shift_id=shift_id, cashier_id=self.cashier_id)
        recorded = self._sales.record(sale)
        log.info("sale %s committed: %s", recorded.receipt_number, recorded.total.plain())
        self.cart = Cart()
        return recorded

    def last_sale(self) -> SaleRecord | None:
        return self._sales.last(self._till.till_id)

    @staticmethod
    def _quantity(make: Callable[[], Quantity]) -> Quantity:
        try:
            return make()
        except QuantityError as error:
            raise SaleError(
                QT_TRANSLATE_NOOP("Checkout", "Quantity refused: %1."), error.message
            ) from error

    @staticmethod
    def _guard(action: Callable[[], _T]) -> _T:
        try:
            return action()
        except CartError as error:
            raise SaleError(error.message) from error
