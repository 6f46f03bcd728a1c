"""Recording sales: the sale, its lines, its payments, its receipt number and its outbox event
in one SQLite transaction, committed before anything is printed."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, selectinload

from pos_client.domain.messages import QT_TRANSLATE_NOOP
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.sale import PaymentRecord, SaleLineRecord, SaleRecord
from pos_client.domain.vat import VatClass
from pos_client.store.database import write_session
from pos_client.store.errors import StoreError
from pos_client.store.journal import append_outbox, next_number
from pos_client.store.models import Sale, SaleLine, SalePayment

_SHIFT_OPEN = text("SELECT closed_at IS NULL FROM shifts WHERE id = :id")


class ShiftNotOpenError(StoreError):
    """The sale names a shift that is closed (or unknown): nothing was written."""


def receipt_counter(till_id: str) -> str:
    return f"receipt:{till_id}"


class SalesRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, sale: SaleRecord) -> SaleRecord:
        """Commit the sale whole, numbered from the till's gap-free sequence, with its outbox row.

        Raises StoreError (busy, full, read-only) with nothing written: the caller keeps the sale.
        A sale stamped with a shift is refused (ShiftNotOpenError) unless that shift is still open
        under the write lock, so no sale lands in a shift whose Z report is already made.
        """
        with write_session(self._engine) as session:
            if sale.shift_id is not None:
                is_open = session.execute(_SHIFT_OPEN, {"id": sale.shift_id}).scalar()
                if not is_open:
                    raise ShiftNotOpenError(
                        QT_TRANSLATE_NOOP(
                            "StoreErrors",
                            "The shift was closed before this sale was saved. Open a shift "
                            "and pay again; the sale is kept on screen.",
                        )
                    )
            sequence = next_number(session, receipt_counter(sale.till_id))
            numbered = sale.numbered(sequence)
            session.add(_sale_row(numbered))
            append_outbox(
                session,
                "sale",
                str(numbered.sale_id),
                numbered.created_at,
                numbered.to_json(),
            )
        return numbered

    def last(self, till_id: str) -> SaleRecord | None:
        statement = (
            select(Sale)
            .where(Sale.till_id == till_id)
            .order_by(Sale.sequence.desc())
            .limit(1)
            .options(selectinload(Sale.lines), selectinload(Sale.payments))
        )
        with Session(self._engine) as session:
            row = session.scalars(statement).first()
            return None if row is None else _sale_record(row)

    def by_receipt_number(self, number: str) -> SaleRecord | None:
        statement = (
            select(Sale)
            .where(Sale.receipt_number == number)
            .options(selectinload(Sale.lines), selectinload(Sale.payments))
        )
        with Session(self._engine) as session:
            row = session.scalars(statement).first()
            return None if row is None else _sale_record(row)


def _sale_row(sale: SaleRecord) -> Sale:
    assert sale.sequence is not None
    assert sale.receipt_number is not None
    return Sale(
        id=str(sale.sale_id),
        receipt_number=sale.receipt_number,
        store_code=sale.store_code,
        till_id=sale.till_id,
        sequence=sale.sequence,
        created_at=sale.created_at.isoformat(),
        subtotal=sale.subtotal.grosze,
        discount=sale.discount.grosze,
        total=sale.total.grosze,
        change=sale.change.grosze,
        shift_id=sale.shift_id,
        cashier_id=sale.cashier_id,
        lines=[
            SaleLine(
                id=str(line.line_id),
                position=position,
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                barcode=line.barcode,
                vat_class=line.vat_class.value,
                unit=line.quantity.unit.value,
                quantity=line.quantity.amount,
                unit_price=line.unit_price.grosze,
                line_discount=line.line_discount.grosze,
                basket_discount=line.basket_discount.grosze,
                total=line.total.grosze,
            )
            for position, line in enumerate(sale.lines)
        ],
        payments=[
            SalePayment(
                id=str(payment.payment_id),
                position=position,
                tender=payment.tender.value,
                amount=payment.amount.grosze,
                tendered=payment.tendered.grosze,
            )
            for position, payment in enumerate(sale.payments)
        ],
    )


def _sale_record(row: Sale) -> SaleRecord:
    return SaleRecord(
        sale_id=uuid.UUID(row.id),
        store_code=row.store_code,
        till_id=row.till_id,
        created_at=datetime.fromisoformat(row.created_at),
        lines=tuple(
            SaleLineRecord(
                line_id=uuid.UUID(line.id),
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                barcode=line.barcode,
                vat_class=VatClass(line.vat_class),
                quantity=Quantity(line.quantity, Unit(line.unit)),
                unit_price=Money(line.unit_price),
                line_discount=Money(line.line_discount),
                basket_discount=Money(line.basket_discount),
                total=Money(line.total),
            )
            for line in row.lines
        ),
        payments=tuple(
            PaymentRecord(
                payment_id=uuid.UUID(payment.id),
                tender=Tender(payment.tender),
                amount=Money(payment.amount),
                tendered=Money(payment.tendered),
            )
            for payment in row.payments
        ),
        subtotal=Money(row.subtotal),
        discount=Money(row.discount),
        total=Money(row.total),
        change=Money(row.change),
        sequence=row.sequence,
        shift_id=row.shift_id,
        cashier_id=row.cashier_id,
    )
