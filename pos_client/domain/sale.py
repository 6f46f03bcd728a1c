"""A finished sale as it is stored and printed: lines with final amounts, payments, totals."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pos_client.domain.cart import Cart
from pos_client.domain.money import Money
from pos_client.domain.payment import Settlement, Tender
from pos_client.domain.quantity import Quantity
from pos_client.domain.vat import DEFAULT_RATES, VatClass, VatSummaryRow, vat_summary


@dataclass(frozen=True, slots=True)
class SaleLineRecord:
    line_id: uuid.UUID
    product_id: int
    sku: str
    name: str
    barcode: str | None
    vat_class: VatClass
    quantity: Quantity
    unit_price: Money
    line_discount: Money
    basket_discount: Money
    total: Money


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    payment_id: uuid.UUID
    tender: Tender
    amount: Money
    tendered: Money


@dataclass(frozen=True, slots=True)
class SaleRecord:
    sale_id: uuid.UUID
    store_code: str
    till_id: str
    created_at: datetime
    lines: tuple[SaleLineRecord, ...]
    payments: tuple[PaymentRecord, ...]
    subtotal: Money
    discount: Money
    total: Money
    change: Money
    sequence: int | None = None
    """Set by the store when the sale is committed (gap-free per till)."""
    shift_id: str | None = None
    """The shift the sale was made in (None only for sales from before shifts existed)."""
    cashier_id: str | None = None
    """The user who sold it, when known."""

    @property
    def receipt_number(self) -> str | None:
        if self.sequence is None:
            return None
        return receipt_number(self.store_code, self.till_id, self.sequence)

    def numbered(self, sequence: int) -> SaleRecord:
        return replace(self, sequence=sequence)

    def vat_summary(self, rates: dict[VatClass, int | None] | None = None) -> list[VatSummaryRow]:
        return vat_summary(
            ((line.vat_class, line.total) for line in self.lines), rates or DEFAULT_RATES
        )

    def to_json(self) -> dict[str, Any]:
        """The sale as plain JSON data (for the outbox and the central service)."""
        return {
            "id": str(self.sale_id),
            "receipt_number": self.receipt_number,
            "store_code": self.store_code,
            "till_id": self.till_id,
            "sequence": self.sequence,
            "created_at": self.created_at.isoformat(),
            "subtotal": self.subtotal.grosze,
            "discount": self.discount.grosze,
            "total": self.total.grosze,
            "change": self.change.grosze,
            "shift_id": self.shift_id,
            "cashier_id": self.cashier_id,
            "lines": [
                {
                    "id": str(line.line_id),
                    "product_id": line.product_id,
                    "sku": line.sku,
                    "name": line.name,
                    "barcode": line.barcode,
                    "vat_class": line.vat_class.value,
                    "unit": line.quantity.unit.value,
                    "quantity": line.quantity.amount,
                    "unit_price": line.unit_price.grosze,
                    "line_discount": line.line_discount.grosze,
                    "basket_discount": line.basket_discount.grosze,
                    "total": line.total.grosze,
                }
                for line in self.lines
            ],
            "payments": [
                {
                    "id": str(payment.payment_id),
                    "tender": payment.tender.value,
                    "amount": payment.amount.grosze,
                    "tendered": payment.tendered.grosze,
                }
                for payment in self.payments
            ],
        }


def receipt_number(store_code: str, till_id: str, sequence: int) -> str:
    return f"{store_code}-{till_id}-{sequence:06d}"


def sale_from_cart(
    cart: Cart, settlement: Settlement, store_code: str, till_id: str, now: datetime
) -> SaleRecord:
    """Freeze the cart and its settlement into a sale with fresh UUIDs (not yet numbered)."""
    if cart.is_empty():
        raise ValueError("an empty cart is not a sale")
    if settlement.paid != cart.total():
        raise ValueError("the settlement does not pay the cart's total")
    lines = tuple(
        SaleLineRecord(
            line_id=priced.line.line_id,
            product_id=priced.line.product.product_id,
            sku=priced.line.product.sku,
            name=priced.line.product.name,
            barcode=priced.line.product.barcode,
            vat_class=priced.line.product.vat_class,
            quantity=priced.line.quantity,
            unit_price=priced.line.product.unit_price,
            line_discount=priced.line.line_discount,
            basket_discount=priced.basket_discount,
            total=priced.total,
        )
        for priced in cart.priced_lines()
    )
    payments = tuple(
        PaymentRecord(uuid.uuid4(), payment.tender, payment.amount, payment.tendered)
        for payment in settlement.payments
    )
    return SaleRecord(
        sale_id=uuid.uuid4(),
        store_code=store_code,
        till_id=till_id,
        created_at=now,
        lines=lines,
        payments=payments,
        subtotal=cart.subtotal(),
        discount=cart.discount_total(),
        total=cart.total(),
        change=settlement.change,
    )
