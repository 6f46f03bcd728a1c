"""Shifts of a till: opened with a counted float, cash put in and taken out, the figures that X
and Z reports are computed from, and the close that writes the numbered Z report.

Every change is one IMMEDIATE transaction holding the change, its outbox event and its audit
entry. Decisions that depend on the shift's figures (the Z report, the cash a cash-out may take)
are made on figures read inside that transaction, under the write lock, so no sale can slip in
between the reading and the writing.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, select, text
from sqlalchemy.orm import Session

from pos_client.domain.cash import CashCount
from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money
from pos_client.domain.shift_report import (
    VOID_ACTIONS,
    MovementFigures,
    MovementKind,
    ReturnFigures,
    SaleFigures,
    ShiftFigures,
    ShiftReport,
)
from pos_client.domain.vat import VatClass
from pos_client.store.database import read_session, write_session
from pos_client.store.journal import append_audit, append_outbox, next_number
from pos_client.store.models import CashMovement, Shift, ZReport

_NEXT_SHIFT_NUMBER = text(
    "SELECT COALESCE(MAX(number), 0) + 1 FROM shifts WHERE till_id = :till_id"
)
_SALES = text(
    "SELECT id, sequence, receipt_number, total, discount FROM sales "
    "WHERE shift_id = :shift_id ORDER BY sequence"
)
_SALE_LINES = text(
    "SELECT l.sale_id, l.vat_class, l.total FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
    "WHERE s.shift_id = :shift_id ORDER BY l.sale_id, l.position"
)
_SALE_PAYMENTS = text(
    "SELECT p.sale_id, p.tender, p.amount FROM sale_payments p JOIN sales s ON s.id = p.sale_id "
    "WHERE s.shift_id = :shift_id ORDER BY p.sale_id, p.position"
)
_RETURNS = text(
    "SELECT id, sequence, return_number, total FROM returns "
    "WHERE shift_id = :shift_id ORDER BY sequence"
)
_RETURN_LINES = text(
    "SELECT l.return_id, l.vat_class, l.total FROM return_lines l "
    "JOIN returns r ON r.id = l.return_id WHERE r.shift_id = :shift_id "
    "ORDER BY l.return_id, l.position"
)
_RETURN_PAYMENTS = text(
    "SELECT p.return_id, p.tender, p.amount FROM return_payments p "
    "JOIN returns r ON r.id = p.return_id WHERE r.shift_id = :shift_id "
    "ORDER BY p.return_id, p.position"
)
_MOVEMENTS = text(
    "SELECT kind, amount FROM cash_movements WHERE shift_id = :shift_id ORDER BY at, id"
)
_VOIDS = text(
    "SELECT COUNT(*) FROM audit_log WHERE action IN :actions AND at >= :since "
    "AND (:until IS NULL OR at <= :until)"
).bindparams(bindparam("actions", expanding=True))


def z_counter(till_id: str) -> str:
    return f"z:{till_id}"


class ShiftStateError(TillError, RuntimeError):
    """The shift is not in the state the change needs (already open, closed, unknown)."""


@dataclass(frozen=True, slots=True)
class ShiftRecord:
    shift_id: str
    till_id: str
    number: int
    """Per till, from 1."""
    opened_at: datetime
    opened_by: str | None
    opening_float: Money
    opening_count: CashCount
    closed_at: datetime | None = None
    closed_by: str | None = None
    counted_cash: Money | None = None
    closing_count: CashCount | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class CashMovementRecord:
    movement_id: str
    shift_id: str
    at: datetime
    user_id: str | None
    kind: MovementKind
    amount: Money
    reason: str


def _json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def _shift_record(row: Shift) -> ShiftRecord:
    return ShiftRecord(
        shift_id=row.id,
        till_id=row.till_id,
        number=row.number,
        opened_at=datetime.fromisoformat(row.opened_at),
        opened_by=row.opened_by,
        opening_float=Money(row.opening_float),
        opening_count=CashCount.from_json(json.loads(row.opening_count)),
        closed_at=None if row.closed_at is None else datetime.fromisoformat(row.closed_at),
        closed_by=row.closed_by,
        counted_cash=None if row.counted_cash is None else Money(row.counted_cash),
        closing_count=(
            None
            if row.closing_count is None
            else CashCount.from_json(json.loads(row.closing_count))
        ),
    )


def _open_shift_row(session: Session, till_id: str) -> Shift | None:
    statement = (
        select(Shift)
        .where(Shift.till_id == till_id, Shift.closed_at.is_(None))
        .order_by(Shift.number.desc())
        .limit(1)
    )
    return session.scalars(statement).first()


def _open_row(session: Session, shift_id: str) -> Shift:
    row = session.get(Shift, shift_id)
    if row is None:
        raise ShiftStateError(QT_TRANSLATE_NOOP("ShiftErrors", "There is no shift %1."), shift_id)
    if row.closed_at is not None:
        raise ShiftStateError(
            QT_TRANSLATE_NOOP("ShiftErrors", "Shift %1 is already closed."), row.number
        )
    return row


def _grouped(session: Session, statement: Any, shift_id: str) -> dict[str, list[tuple[str, int]]]:
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for owner, key, amount in session.execute(statement, {"shift_id": shift_id}):
        grouped[str(owner)].append((str(key), int(amount)))
    return grouped


def _figures(session: Session, row: Shift) -> ShiftFigures:
    lines = _grouped(session, _SALE_LINES, row.id)
    payments = _grouped(session, _SALE_PAYMENTS, row.id)
    sales = tuple(
        SaleFigures(
            sequence=int(sequence),
            receipt_number=str(number),
            total=Money(int(total)),
            discount=Money(int(discount)),
            lines=tuple((VatClass(vat), Money(amount)) for vat, amount in lines[str(sale_id)]),
            payments=tuple((tender, Money(amount)) for tender, amount in payments[str(sale_id)]),
        )
        for sale_id, sequence, number, total, discount in session.execute(
            _SALES, {"shift_id": row.id}
        )
    )
    return_lines = _grouped(session, _RETURN_LINES, row.id)
    refunds = _grouped(session, _RETURN_PAYMENTS, row.id)
    returns = tuple(
        ReturnFigures(
            sequence=int(sequence),
            return_number=str(number),
            total=Money(int(total)),
            lines=tuple(
                (VatClass(vat), Money(amount)) for vat, amount in return_lines[str(return_id)]
            ),
            refunds=tuple((tender, Money(amount)) for tender, amount in refunds[str(return_id)]),
        )
        for return_id, sequence, number, total in session.execute(_RETURNS, {"shift_id": row.id})
    )
    movements = tuple(
        MovementFigures(MovementKind(kind), Money(int(amount)))
        for kind, amount in session.execute(_MOVEMENTS, {"shift_id": row.id})
    )
    voids = session.execute(
        _VOIDS, {"actions": list(VOID_ACTIONS), "since": row.opened_at, "until": row.closed_at}
    ).scalar_one()
    return ShiftFigures(
        shift_id=row.id,
        till_id=row.till_id,
        shift_number=row.number,
        opened_at=datetime.fromisoformat(row.opened_at),
        opened_by=row.opened_by,
        opening_float=Money(row.opening_float),
        sales=sales,
        returns=returns,
        movements=movements,
        voids=int(voids),
    )


class ShiftRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def open(
        self, till_id: str, user_id: str | None, count: CashCount, at: datetime
    ) -> ShiftRecord:
        """Open the till's next shift with the float counted in the drawer.

        Raises ShiftStateError when a shift is already open on the till.
        """
        with write_session(self._engine) as session:
            current = _open_shift_row(session, till_id)
            if current is not None:
                raise ShiftStateError(
                    QT_TRANSLATE_NOOP(
                        "ShiftErrors", "Shift %1 is already open on till %2: close it first."
                    ),
                    current.number,
                    till_id,
                )
            number = int(session.execute(_NEXT_SHIFT_NUMBER, {"till_id": till_id}).scalar_one())
            row = Shift(
                id=str(uuid.uuid4()),
                till_id=till_id,
                number=number,
                opened_at=at.isoformat(),
                opened_by=user_id,
                opening_float=count.total().grosze,
                opening_count=_json(count.to_json()),
                closed_at=None,
                closed_by=None,
                counted_cash=None,
                closing_count=None,
            )
            session.add(row)
            session.flush()
            payload = {
                "id": row.id,
                "till_id": till_id,
                "number": number,
                "opened_at": row.opened_at,
                "opened_by": user_id,
                "opening_float": row.opening_float,
                "opening_count": count.to_json(),
            }
            append_outbox(session, "shift_opened", row.id, at, payload)
            append_audit(
                session,
                at=at,
                action="shift_opened",
                user_id=user_id,
                approved_by=None,
                sale_id=None,
                reason="",
                details=payload,
            )
            return _shift_record(row)

    def current(self, till_id: str) -> ShiftRecord | None:
        with read_session(self._engine) as session:
            row = _open_shift_row(session, till_id)
            return None if row is None else _shift_record(row)

    def shift(self, shift_id: str) -> ShiftRecord | None:
        with read_session(self._engine) as session:
            row = session.get(Shift, shift_id)
            return None if row is None else _shift_record(row)

    def figures(self, shift_id: str) -> ShiftFigures:
        """The shift's sales (lines, payments), returns (lines, refunds), cash movements and
        voids, read in one snapshot. Raises ShiftStateError for an unknown shift."""
        with read_session(self._engine) as session:
            row = session.get(Shift, shift_id)
            if row is None:
                raise ShiftStateError(
                    QT_TRANSLATE_NOOP("ShiftErrors", "There is no shift %1."), shift_id
                )
            return _figures(session, row)

    def cash_movement(
        self,
        shift_id: str,
        kind: MovementKind,
        amount: Money,
        reason: str,
        user_id: str | None,
        at: datetime,
        check: Callable[[ShiftFigures], None] | None = None,
    ) -> CashMovementRecord:
        """Record cash put into (`in`) or taken out of (`out`) the drawer of an open shift.

        `check` is called with the shift's figures under the write lock and may raise to refuse
        (e.g. more cash taken out than the drawer should hold); nothing is written then.
        """
        with write_session(self._engine) as session:
            row = _open_row(session, shift_id)
            if check is not None:
                check(_figures(session, row))
            movement_id = str(uuid.uuid4())
            movement = CashMovement(
                id=movement_id,
                shift_id=shift_id,
                at=at.isoformat(),
                user_id=user_id,
                kind=kind.value,
                amount=amount.grosze,
                reason=reason,
            )
            session.add(movement)
            session.flush()
            payload = {
                "id": movement_id,
                "shift_id": shift_id,
                "till_id": row.till_id,
                "at": at.isoformat(),
                "user_id": user_id,
                "kind": kind.value,
                "amount": amount.grosze,
                "reason": reason,
            }
            append_outbox(session, "cash_movement", movement_id, at, payload)
            append_audit(
                session,
                at=at,
                action="cash_movement",
                user_id=user_id,
                approved_by=None,
                sale_id=None,
                reason=reason,
                details=payload,
            )
        return CashMovementRecord(movement_id, shift_id, at, user_id, kind, amount, reason)

    def close(
        self,
        shift_id: str,
        user_id: str | None,
        count: CashCount,
        at: datetime,
        build: Callable[[ShiftFigures, int], ShiftReport],
    ) -> ShiftReport:
        """Close the shift with its Z report, in one transaction: the figures are read under
        the write lock, the till's Z counter is advanced (gap-free), `build(figures, number)`
        makes the report, and the report, the closing count, the outbox event and the audit
        entries are written. Raises ShiftStateError when the shift is not open."""
        with write_session(self._engine) as session:
            row = _open_row(session, shift_id)
            figures = _figures(session, row)
            number = next_number(session, z_counter(row.till_id))
            report = build(figures, number)
            if report.number != number or report.shift_id != shift_id:
                raise ValueError("the Z report does not match the shift being closed")
            row.closed_at = at.isoformat()
            row.closed_by = user_id
            row.counted_cash = count.total().grosze
            row.closing_count = _json(count.to_json())
            report_json = report.to_json()
            session.add(
                ZReport(
                    id=str(uuid.uuid4()),
                    till_id=row.till_id,
                    number=number,
                    shift_id=shift_id,
                    created_at=at.isoformat(),
                    payload=_json(report_json),
                )
            )
            session.flush()
            append_outbox(
                session,
                "shift_closed",
                shift_id,
                at,
                {
                    "id": shift_id,
                    "till_id": row.till_id,
                    "number": row.number,
                    "closed_at": row.closed_at,
                    "closed_by": user_id,
                    "counted_cash": row.counted_cash,
                    "closing_count": count.to_json(),
                    "z_report": report_json,
                },
            )
            details = {
                "shift_id": shift_id,
                "z_number": number,
                "expected_cash": report.expected_cash.grosze,
                "counted_cash": row.counted_cash,
            }
            append_audit(
                session,
                at=at,
                action="shift_closed",
                user_id=user_id,
                approved_by=None,
                sale_id=None,
                reason="",
                details=details,
            )
            difference = report.difference
            if difference:
                append_audit(
                    session,
                    at=at,
                    action="cash_difference",
                    user_id=user_id,
                    approved_by=None,
                    sale_id=None,
                    reason="counted cash differs from the expected cash",
                    details={**details, "difference": difference.grosze},
                )
        return report

    def z_reports(self, till_id: str) -> list[ShiftReport]:
        """The till's Z reports, oldest first."""
        statement = (
            select(ZReport.payload).where(ZReport.till_id == till_id).order_by(ZReport.number)
        )
        with read_session(self._engine) as session:
            payloads = list(session.scalars(statement))
        return [ShiftReport.from_json(json.loads(payload)) for payload in payloads]

    def z_report(self, till_id: str, number: int) -> ShiftReport | None:
        statement = select(ZReport.payload).where(
            ZReport.till_id == till_id, ZReport.number == number
        )
        with read_session(self._engine) as session:
            payload = session.scalars(statement).first()
        return None if payload is None else ShiftReport.from_json(json.loads(payload))
