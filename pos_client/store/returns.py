"""Recording returns: the return, its lines, its refunds, its gap-free number, its outbox event
(the goods go back to stock centrally) and, when a manager approved it, its audit entry, all in
one IMMEDIATE SQLite transaction."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.returns import RefundRecord, ReturnLineRecord, ReturnRecord
from pos_client.domain.vat import VatClass
from pos_client.store.database import write_session
from pos_client.store.errors import translate
from pos_client.store.journal import append_audit, append_outbox, next_number
from pos_client.store.models import ReturnLine, ReturnPayment, Sale, SaleLine, SaleReturn

_T = TypeVar("_T")


_SelectReturns = Select[SaleReturn]

AUDIT_ACTION = "return"
OUTBOX_KIND = "return"


def return_counter(till_id: str) -> str:
    return f"return:{till_id}"


class ReturnConflictError(TillError, ValueError):
    """The sale changed under the return (another return of it was saved meanwhile)."""


class ReturnRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _read(self, query: Callable[[Session], _T]) -> _T:
        try:
            with Session(self._engine) as session:
                return query(session)
        except (DBAPIError, sqlite3.Error) as error:
            raise translate(error) from error

    def record(self, sale_return: ReturnRecord) -> ReturnRecord:
        """Commit the return whole, numbered from the till's gap-free return sequence.

        The quantities are checked again inside the transaction against the sale and its earlier
        returns (ReturnConflictError, nothing written). Raises StoreError (busy, full, read-only)
        with nothing written: the caller keeps the return on screen.
        """
        if sale_return.sequence is not None:
            raise ValueError("this return is numbered already")
        with write_session(self._engine) as session:
            if sale_return.sale_id is not None:
                _check_quantities(session, sale_return)
            sequence = next_number(session, return_counter(sale_return.till_id))
            numbered = sale_return.numbered(sequence)
            session.add(_return_row(numbered))
            session.flush()
            append_outbox(
                session,
                OUTBOX_KIND,
                str(numbered.return_id),
                numbered.created_at,
                numbered.to_json(),
            )
            if numbered.approved_by is not None:
                append_audit(
                    session,
                    at=numbered.created_at,
                    action=AUDIT_ACTION,
                    user_id=numbered.cashier_id,
                    approved_by=numbered.approved_by,
                    sale_id=None if numbered.sale_id is None else str(numbered.sale_id),
                    reason=numbered.reason,
                    details={
                        "return_id": str(numbered.return_id),
                        "return_number": numbered.return_number,
                        "total": numbered.total.grosze,
                        "without_receipt": numbered.sale_id is None,
                    },
                )
        return numbered

    def returned_quantities(self, sale_id: uuid.UUID) -> dict[uuid.UUID, int]:
        """Pieces (grams for weighed lines) returned so far, by the sale line they came from."""
        statement = (
            select(ReturnLine.sale_line_id, func.sum(ReturnLine.quantity))
            .join(SaleReturn, SaleReturn.id == ReturnLine.return_id)
            .where(SaleReturn.sale_id == str(sale_id), ReturnLine.sale_line_id.is_not(None))
            .group_by(ReturnLine.sale_line_id)
        )

        def query(session: Session) -> dict[uuid.UUID, int]:
            return {
                uuid.UUID(str(line_id)): int(total) for line_id, total in session.execute(statement)
            }

        return self._read(query)

    def refunded_by_tender(self, sale_id: uuid.UUID) -> dict[Tender, Money]:
        """What the returns of a sale gave back so far, per tender."""
        statement = (
            select(ReturnPayment.tender, func.sum(ReturnPayment.amount))
            .join(SaleReturn, SaleReturn.id == ReturnPayment.return_id)
            .where(SaleReturn.sale_id == str(sale_id))
            .group_by(ReturnPayment.tender)
        )

        def query(session: Session) -> dict[Tender, Money]:
            rows = session.execute(statement)
            return {Tender(tender): Money(int(total)) for tender, total in rows}

        return self._read(query)

    def by_number(self, number: str) -> ReturnRecord | None:
        statement = _with_children(select(SaleReturn).where(SaleReturn.return_number == number))

        def query(session: Session) -> ReturnRecord | None:
            row = session.scalars(statement).first()
            return None if row is None else _return_record(session, row)

        return self._read(query)

    def for_sale(self, sale_id: uuid.UUID) -> list[ReturnRecord]:
        """The returns of a sale, oldest first."""
        statement = _with_children(
            select(SaleReturn)
            .where(SaleReturn.sale_id == str(sale_id))
            .order_by(SaleReturn.created_at, SaleReturn.till_id, SaleReturn.sequence)
        )

        def query(session: Session) -> list[ReturnRecord]:
            return [_return_record(session, row) for row in session.scalars(statement)]

        return self._read(query)


def _with_children(statement: _SelectReturns) -> _SelectReturns:
    return statement.options(selectinload(SaleReturn.lines), selectinload(SaleReturn.payments))


def _check_quantities(session: Session, sale_return: ReturnRecord) -> None:
    for line in sale_return.lines:
        if line.sale_line_id is None:
            raise ValueError("a return with a receipt names the sale line of each of its lines")
        sold = session.execute(
            select(SaleLine.quantity).where(
                SaleLine.id == str(line.sale_line_id), SaleLine.sale_id == str(sale_return.sale_id)
            )
        ).scalar_one_or_none()
        if sold is None:
            raise ReturnConflictError(
                QT_TRANSLATE_NOOP("ReturnErrors", "%1 is not on the receipt being returned."),
                line.name,
            )
        returned = session.execute(
            select(func.coalesce(func.sum(ReturnLine.quantity), 0)).where(
                ReturnLine.sale_line_id == str(line.sale_line_id)
            )
        ).scalar_one()
        if int(returned) + line.quantity.amount > int(sold):
            raise ReturnConflictError(
                QT_TRANSLATE_NOOP(
                    "ReturnErrors",
                    "%1 was returned meanwhile (another return of this receipt was saved). "
                    "Look the receipt up again.",
                ),
                line.name,
            )


def _return_row(sale_return: ReturnRecord) -> SaleReturn:
    assert sale_return.sequence is not None
    assert sale_return.return_number is not None
    return SaleReturn(
        id=str(sale_return.return_id),
        return_number=sale_return.return_number,
        till_id=sale_return.till_id,
        sequence=sale_return.sequence,
        sale_id=None if sale_return.sale_id is None else str(sale_return.sale_id),
        shift_id=sale_return.shift_id,
        created_at=sale_return.created_at.isoformat(),
        cashier_id=sale_return.cashier_id,
        approved_by=sale_return.approved_by,
        reason=sale_return.reason,
        total=sale_return.total.grosze,
        lines=[
            ReturnLine(
                id=str(line.line_id),
                position=position,
                sale_line_id=None if line.sale_line_id is None else str(line.sale_line_id),
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                vat_class=line.vat_class.value,
                unit=line.quantity.unit.value,
                quantity=line.quantity.amount,
                total=line.refund.grosze,
            )
            for position, line in enumerate(sale_return.lines)
        ],
        payments=[
            ReturnPayment(
                id=str(payment.payment_id),
                position=position,
                tender=payment.tender.value,
                amount=payment.amount.grosze,
            )
            for position, payment in enumerate(sale_return.payments)
        ],
    )


def _store_code(row: SaleReturn) -> str:
    """The store's code is the part of the number before `-<till>-R<sequence>`."""
    suffix = f"-{row.till_id}-R{row.sequence:06d}"
    if not row.return_number.endswith(suffix):
        raise ValueError(f"return number {row.return_number!r} does not end with {suffix!r}")
    return row.return_number[: -len(suffix)]


def _return_record(session: Session, row: SaleReturn) -> ReturnRecord:
    receipt = None
    if row.sale_id is not None:
        receipt = session.execute(
            select(Sale.receipt_number).where(Sale.id == row.sale_id)
        ).scalar_one_or_none()
    return ReturnRecord(
        return_id=uuid.UUID(row.id),
        store_code=_store_code(row),
        till_id=row.till_id,
        sale_id=None if row.sale_id is None else uuid.UUID(row.sale_id),
        created_at=datetime.fromisoformat(row.created_at),
        lines=tuple(
            ReturnLineRecord(
                line_id=uuid.UUID(line.id),
                sale_line_id=None if line.sale_line_id is None else uuid.UUID(line.sale_line_id),
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                vat_class=VatClass(line.vat_class),
                quantity=Quantity(line.quantity, Unit(line.unit)),
                refund=Money(line.total),
            )
            for line in row.lines
        ),
        payments=tuple(
            RefundRecord(
                payment_id=uuid.UUID(payment.id),
                tender=Tender(payment.tender),
                amount=Money(payment.amount),
            )
            for payment in row.payments
        ),
        reason=row.reason,
        cashier_id=row.cashier_id,
        approved_by=row.approved_by,
        shift_id=row.shift_id,
        sale_receipt_number=receipt,
        sequence=row.sequence,
    )
