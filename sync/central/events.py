"""What each kind of outbox event becomes centrally: its document row(s) and stock movements.

Each kind has a document table whose key is UNIQUE (a sale's id, a return's id, a shift's id
with the event kind, a cash movement's id): an event that repeats a stored document is a
duplicate (same payload) or a conflict (another payload), whatever its own event id.
"""

from __future__ import annotations

import json
import uuid
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.central.bulk import insert_new_rows, insert_rows
from sync.central.ledger import Movement, MovementKind
from sync.central.models import (
    CashMovement,
    Return,
    ReturnLine,
    Sale,
    SaleLine,
    SalePayment,
    ShiftEvent,
    table,
)
from sync.protocol import (
    CashMovementPayload,
    EventKind,
    ReturnPayload,
    SalePayload,
    ShiftClosedPayload,
    ShiftOpenedPayload,
)

INT64 = 2**63
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)
MAX_TEXT = 500
"""Characters of any text in a payload (also keeps an indexed SKU within PostgreSQL's limit)."""
_REASON_CHARS = 300


class PayloadError(ValueError):
    """The payload is not what its kind requires; the message is the rejection's reason."""


@dataclass(frozen=True, slots=True)
class SoldItem:
    """A product named by a sale or return line (made a placeholder if the SKU is unknown)."""

    sku: str
    name: str
    vat_class: str
    unit: str


@dataclass(frozen=True, slots=True)
class Parsed:
    document_id: uuid.UUID
    store_code: str | None
    """The store the payload names; None when it names none (the till's own store)."""
    payload: BaseModel
    items: tuple[SoldItem, ...]


@dataclass(frozen=True, slots=True)
class Accepted:
    """A new event whose document is stored now."""

    event_id: uuid.UUID
    payload_hash: str
    parsed: Parsed


@dataclass(frozen=True, slots=True)
class Context:
    store_id: uuid.UUID
    now: datetime
    products: Mapping[str, uuid.UUID]
    """Product id by SKU for every SoldItem of the batch."""


def utc(moment: datetime) -> datetime:
    """A till's time in UTC. A till's clock may be anything (a dead clock battery says 1970):
    its times are kept as told, never judged; a time without a zone is taken as UTC, and one
    too near year 1 or 9999 to move to UTC is pinned to the nearest day that can be."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return EARLIEST if moment.year == 1 else LATEST


def check_storable(values: Iterable[object]) -> None:
    """The values that go into columns: integers must fit 64 bits, texts must be at most
    MAX_TEXT characters without NUL (PostgreSQL stores neither, and indexes only short texts).
    The rest of a payload is kept as JSON text, where anything can be stored."""
    for value in values:
        if type(value) is int:
            if not -INT64 <= value < INT64:
                raise PayloadError("a number is out of range")
        elif type(value) is str and (len(value) > MAX_TEXT or "\x00" in value):
            raise PayloadError(
                f"a text is longer than {MAX_TEXT} characters or holds a NUL character"
            )


def _validation_reason(kind: str, error: ValidationError) -> str:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or 'payload'}: {problem['msg']}"
        for problem in error.errors(include_url=False)[:3]
    )
    return f"invalid {kind} payload: {problems}"[:_REASON_CHARS]


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class EventHandler(ABC):
    kind: ClassVar[EventKind]
    model: ClassVar[type[BaseModel]]

    def parse(self, payload: dict[str, Any]) -> Parsed:
        """The payload read for this kind; PayloadError (the reason) when it is not valid."""
        try:
            model = self.model.model_validate(payload)
        except ValidationError as error:
            raise PayloadError(_validation_reason(self.kind.value, error)) from error
        parsed = self._parsed(model)
        check_storable(self._stored_values(model))
        return parsed

    @abstractmethod
    def _parsed(self, model: Any) -> Parsed: ...

    @abstractmethod
    def _stored_values(self, model: Any) -> list[object]:
        """The payload's values that go into columns (see check_storable)."""

    @abstractmethod
    def existing(self, session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The payload hash of each of these documents stored already."""

    @abstractmethod
    def store(self, session: Session, accepted: Sequence[Accepted], context: Context) -> int:
        """Insert the documents (skipping any stored meanwhile); how many were inserted."""

    def movements(self, _accepted: Accepted, _context: Context) -> list[Movement]:
        return []


def _hashes(session: Session, key: Any, hash_column: Any, ids: Collection[uuid.UUID]) -> Any:
    rows = session.execute(select(key, hash_column).where(key.in_(list(ids))))
    return {document_id: digest for document_id, digest in rows}


class SaleHandler(EventHandler):
    kind = EventKind.SALE
    model = SalePayload

    def _parsed(self, model: SalePayload) -> Parsed:
        items = tuple(SoldItem(ln.sku, ln.name, ln.vat_class, ln.unit) for ln in model.lines)
        return Parsed(model.id, model.store_code, model, items)

    def _stored_values(self, model: SalePayload) -> list[object]:
        values: list[object] = [
            model.receipt_number,
            model.till_id,
            model.sequence,
            model.subtotal,
            model.discount,
            model.total,
            model.change,
            model.shift_id,
            model.cashier_id,
        ]
        for ln in model.lines:
            values += (ln.sku, ln.name, ln.barcode, ln.vat_class, ln.unit, ln.quantity)
            values += (ln.unit_price, ln.line_discount, ln.basket_discount, ln.total)
        for payment in model.payments:
            values += (payment.tender, payment.amount, payment.tendered)
        return values

    def existing(self, session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        found: dict[uuid.UUID, str] = _hashes(session, Sale.id, Sale.payload_hash, ids)
        return found

    def store(self, session: Session, accepted: Sequence[Accepted], context: Context) -> int:
        sales: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        payments: list[dict[str, Any]] = []
        for event in accepted:
            sale = event.parsed.payload
            assert isinstance(sale, SalePayload)
            sales.append(
                {
                    "id": sale.id,
                    "event_id": event.event_id,
                    "payload_hash": event.payload_hash,
                    "store_id": context.store_id,
                    "till_id": sale.till_id,
                    "receipt_number": sale.receipt_number,
                    "sequence": sale.sequence,
                    "created_at": utc(sale.created_at),
                    "received_at": context.now,
                    "subtotal": sale.subtotal,
                    "discount": sale.discount,
                    "total": sale.total,
                    "change": sale.change,
                    "shift_id": sale.shift_id,
                    "cashier_id": sale.cashier_id,
                }
            )
            lines += [
                {
                    "id": line.id,
                    "sale_id": sale.id,
                    "position": position,
                    "product_id": context.products[line.sku],
                    "sku": line.sku,
                    "name": line.name,
                    "barcode": line.barcode,
                    "vat_class": line.vat_class,
                    "unit": line.unit,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "line_discount": line.line_discount,
                    "basket_discount": line.basket_discount,
                    "total": line.total,
                }
                for position, line in enumerate(sale.lines)
            ]
            payments += [
                {
                    "sale_id": sale.id,
                    "position": position,
                    "id": payment.id,
                    "tender": payment.tender,
                    "amount": payment.amount,
                    "tendered": payment.tendered,
                }
                for position, payment in enumerate(sale.payments)
            ]
        inserted = insert_new_rows(session, table(Sale), sales, "id")
        if inserted == len(sales):
            insert_rows(session, table(SaleLine), lines)
            insert_rows(session, table(SalePayment), payments)
        return inserted

    def movements(self, accepted: Accepted, context: Context) -> list[Movement]:
        sale = accepted.parsed.payload
        assert isinstance(sale, SalePayload)
        return [
            Movement(
                MovementKind.SALE,
                context.store_id,
                context.products[line.sku],
                -line.quantity,
                0,
                sale.id,
                line.id,
                utc(sale.created_at),
            )
            for line in sale.lines
        ]


class ReturnHandler(EventHandler):
    kind = EventKind.RETURN
    model = ReturnPayload

    def _parsed(self, model: ReturnPayload) -> Parsed:
        items = tuple(SoldItem(ln.sku, ln.name, ln.vat_class, ln.unit) for ln in model.lines)
        return Parsed(model.id, model.store_code, model, items)

    def _stored_values(self, model: ReturnPayload) -> list[object]:
        values: list[object] = [
            model.return_number,
            model.till_id,
            model.reason,
            model.total,
            model.cashier_id,
            model.approved_by,
            model.shift_id,
        ]
        for ln in model.lines:
            values += (ln.sku, ln.name, ln.vat_class, ln.unit, ln.quantity, ln.total)
        return values

    def existing(self, session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        found: dict[uuid.UUID, str] = _hashes(session, Return.id, Return.payload_hash, ids)
        return found

    def store(self, session: Session, accepted: Sequence[Accepted], context: Context) -> int:
        returns: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        for event in accepted:
            back = event.parsed.payload
            assert isinstance(back, ReturnPayload)
            returns.append(
                {
                    "id": back.id,
                    "event_id": event.event_id,
                    "payload_hash": event.payload_hash,
                    "store_id": context.store_id,
                    "till_id": back.till_id,
                    "return_number": back.return_number,
                    "sale_id": back.sale_id,
                    "created_at": utc(back.created_at),
                    "received_at": context.now,
                    "reason": back.reason,
                    "total": back.total,
                    "cashier_id": back.cashier_id,
                    "approved_by": back.approved_by,
                    "shift_id": back.shift_id,
                }
            )
            lines += [
                {
                    "return_id": back.id,
                    "position": position,
                    "id": line.id,
                    "sale_line_id": line.sale_line_id,
                    "product_id": context.products[line.sku],
                    "sku": line.sku,
                    "name": line.name,
                    "vat_class": line.vat_class,
                    "unit": line.unit,
                    "quantity": line.quantity,
                    "refund": line.total,
                }
                for position, line in enumerate(back.lines)
            ]
        inserted = insert_new_rows(session, table(Return), returns, "id")
        if inserted == len(returns):
            insert_rows(session, table(ReturnLine), lines)
        return inserted

    def movements(self, accepted: Accepted, context: Context) -> list[Movement]:
        back = accepted.parsed.payload
        assert isinstance(back, ReturnPayload)
        return [
            Movement(
                MovementKind.RETURN,
                context.store_id,
                context.products[line.sku],
                line.quantity,
                0,
                back.id,
                line.id,
                utc(back.created_at),
            )
            for line in back.lines
        ]


class _ShiftHandler(EventHandler):
    """Shift events are keyed by the shift and the kind: one opening and one closing each."""

    def existing(self, session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        rows = session.execute(
            select(ShiftEvent.shift_id, ShiftEvent.payload_hash)
            .where(ShiftEvent.kind == self.kind.value)
            .where(ShiftEvent.shift_id.in_(list(ids)))
        )
        return {shift_id: digest for shift_id, digest in rows}

    @abstractmethod
    def _row(self, payload: Any) -> dict[str, Any]: ...

    def store(self, session: Session, accepted: Sequence[Accepted], context: Context) -> int:
        rows = [
            {
                "id": event.event_id,
                "payload_hash": event.payload_hash,
                "kind": self.kind.value,
                "shift_id": event.parsed.document_id,
                "store_id": context.store_id,
                "payload": canonical_json(event.parsed.payload.model_dump(mode="json")),
                **self._row(event.parsed.payload),
            }
            for event in accepted
        ]
        return insert_new_rows(session, table(ShiftEvent), rows, "id")


class ShiftOpenedHandler(_ShiftHandler):
    kind = EventKind.SHIFT_OPENED
    model = ShiftOpenedPayload

    def _parsed(self, model: ShiftOpenedPayload) -> Parsed:
        return Parsed(model.id, None, model, ())

    def _stored_values(self, model: ShiftOpenedPayload) -> list[object]:
        return [model.till_id, model.number, model.opened_by, model.opening_float]

    def _row(self, payload: ShiftOpenedPayload) -> dict[str, Any]:
        return {
            "till_id": payload.till_id,
            "number": payload.number,
            "at": utc(payload.opened_at),
            "user_id": payload.opened_by,
            "cash": payload.opening_float,
        }


class ShiftClosedHandler(_ShiftHandler):
    kind = EventKind.SHIFT_CLOSED
    model = ShiftClosedPayload

    def _parsed(self, model: ShiftClosedPayload) -> Parsed:
        return Parsed(model.id, None, model, ())

    def _stored_values(self, model: ShiftClosedPayload) -> list[object]:
        return [model.till_id, model.number, model.closed_by, model.counted_cash]

    def _row(self, payload: ShiftClosedPayload) -> dict[str, Any]:
        return {
            "till_id": payload.till_id,
            "number": payload.number,
            "at": utc(payload.closed_at),
            "user_id": payload.closed_by,
            "cash": payload.counted_cash,
        }


class CashMovementHandler(EventHandler):
    kind = EventKind.CASH_MOVEMENT
    model = CashMovementPayload

    def _parsed(self, model: CashMovementPayload) -> Parsed:
        return Parsed(model.id, None, model, ())

    def _stored_values(self, model: CashMovementPayload) -> list[object]:
        return [model.till_id, model.kind, model.amount, model.reason, model.user_id]

    def existing(self, session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        found: dict[uuid.UUID, str] = _hashes(
            session, CashMovement.id, CashMovement.payload_hash, ids
        )
        return found

    def store(self, session: Session, accepted: Sequence[Accepted], context: Context) -> int:
        rows = []
        for event in accepted:
            movement = event.parsed.payload
            assert isinstance(movement, CashMovementPayload)
            rows.append(
                {
                    "id": movement.id,
                    "event_id": event.event_id,
                    "payload_hash": event.payload_hash,
                    "store_id": context.store_id,
                    "till_id": movement.till_id,
                    "shift_id": movement.shift_id,
                    "kind": movement.kind,
                    "amount": movement.amount,
                    "reason": movement.reason,
                    "user_id": movement.user_id,
                    "at": utc(movement.at),
                }
            )
        return insert_new_rows(session, table(CashMovement), rows, "id")


HANDLERS: dict[str, EventHandler] = {
    handler.kind.value: handler
    for handler in (
        SaleHandler(),
        ReturnHandler(),
        ShiftOpenedHandler(),
        ShiftClosedHandler(),
        CashMovementHandler(),
    )
}
