"""The outbox as the sync worker sees it: pending rows in the order they were written, the
central service's answers recorded against them, and the counts the status line shows.

A row leaves the queue only by an answer after the central commit: `accepted` or `duplicate`
marks it acknowledged; `rejected` or `conflict` quarantines it with the reason. Nothing is
ever deleted here. A quarantined row stays visible to the manager and can be sent again.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, bindparam, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import ConnectionPoolEntry

from pos_client.store.database import read_session, write_session
from sync.protocol import ItemResult, ItemStatus, OutboxItem

log = logging.getLogger(__name__)

_PENDING = "acknowledged_at IS NULL AND quarantined_at IS NULL"
_QUARANTINED = "quarantined_at IS NOT NULL AND acknowledged_at IS NULL"

_SELECT_PENDING = text(
    "SELECT id, seq, kind, aggregate_id, created_at, payload FROM outbox "
    f"WHERE {_PENDING} AND seq > :after ORDER BY seq LIMIT :limit"
)
_ACKNOWLEDGE = text(
    "UPDATE outbox SET acknowledged_at = :at WHERE id = :id AND acknowledged_at IS NULL"
)
_QUARANTINE = text(
    "UPDATE outbox SET quarantined_at = :at, quarantine_status = :status, "
    "quarantine_reason = :reason WHERE id = :id AND acknowledged_at IS NULL"
)
_RELEASE = text(
    "UPDATE outbox SET quarantined_at = NULL, quarantine_status = NULL, "
    f"quarantine_reason = NULL WHERE id IN :ids AND {_QUARANTINED}"
).bindparams(bindparam("ids", expanding=True))
_COUNTS = text(
    f"SELECT (SELECT count(*) FROM outbox WHERE {_PENDING}), "
    f"(SELECT count(*) FROM outbox WHERE {_PENDING} AND kind = 'sale'), "
    f"(SELECT count(*) FROM outbox WHERE {_QUARANTINED}), "
    f"(SELECT created_at FROM outbox WHERE {_PENDING} ORDER BY seq LIMIT 1)"
)
_SELECT_QUARANTINED = text(
    "SELECT id, seq, kind, aggregate_id, created_at, payload, quarantined_at, "
    f"quarantine_status, quarantine_reason FROM outbox WHERE {_QUARANTINED} "
    "ORDER BY seq LIMIT :limit"
)

_OUTBOX_WRITTEN = "pos_sync_outbox_written"


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    unsent: int
    """Rows waiting for the central service (every kind)."""
    unsent_sales: int
    quarantined: int
    oldest_unsent_at: datetime | None
    """The till's clock when the oldest waiting row was written."""


@dataclass(frozen=True, slots=True)
class QuarantinedRow:
    """An outbox row the central service refused (or the till could not send), for the manager."""

    id: str
    seq: int
    kind: str
    aggregate_id: str
    created_at: str
    quarantined_at: datetime
    status: ItemStatus
    reason: str
    payload: dict[str, Any] | None
    """The event as written; None if its JSON cannot be read."""


def _now() -> datetime:
    return datetime.now(UTC)


def _payload(raw: str) -> dict[str, Any] | None:
    try:
        decoded = json.loads(raw)
    except ValueError:
        return None
    return decoded if isinstance(decoded, dict) else None


def _item(row: Any) -> OutboxItem:
    payload = _payload(row.payload)
    if payload is None:
        raise ValueError("its payload is not a JSON object")
    return OutboxItem(
        id=uuid.UUID(row.id),
        kind=row.kind,
        aggregate_id=uuid.UUID(row.aggregate_id),
        seq=row.seq,
        created_at=datetime.fromisoformat(row.created_at),
        payload=payload,
    )


def _problem(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        return f"{'.'.join(str(part) for part in first['loc'])}: {first['msg']}"
    return str(error)


class SyncOutbox:
    """The sync worker's view of the outbox (sync.worker.OutboxSource)."""

    def __init__(self, engine: Engine, now: Callable[[], datetime] = _now) -> None:
        self._engine = engine
        self._now = now

    def pending(self, limit: int) -> list[OutboxItem]:
        """Up to `limit` unsent rows, oldest first. A row that cannot even be read as an outbox
        item (a damaged payload) is quarantined here with the reason, so it never blocks the
        rows behind it."""
        items: list[OutboxItem] = []
        unreadable: list[dict[str, str]] = []
        after = 0
        while len(items) < limit:
            with read_session(self._engine) as session:
                rows = session.execute(
                    _SELECT_PENDING, {"after": after, "limit": limit - len(items)}
                ).fetchall()
            if not rows:
                break
            for row in rows:
                try:
                    items.append(_item(row))
                except (ValueError, ValidationError) as error:
                    reason = f"the till cannot read this outbox row: {_problem(error)}"
                    log.error("outbox row %s (seq %d) quarantined: %s", row.id, row.seq, reason)
                    unreadable.append(self._refusal(row.id, ItemStatus.REJECTED, reason))
            after = rows[-1].seq
        if unreadable:
            self._write([], unreadable)
        return items

    def record(self, results: Sequence[ItemResult]) -> None:
        """The central service's answers (after its commit): accepted and duplicate rows are
        acknowledged, rejected and conflicting ones quarantined with the reason."""
        at = self._now().isoformat()
        acknowledged: list[dict[str, str]] = []
        refused: list[dict[str, str]] = []
        for result in results:
            if result.status in (ItemStatus.ACCEPTED, ItemStatus.DUPLICATE):
                acknowledged.append({"id": str(result.id), "at": at})
            else:
                reason = result.reason or f"{result.status.value} without a reason"
                refused.append(self._refusal(str(result.id), result.status, reason, at))
        self._write(acknowledged, refused)

    def _refusal(
        self, row_id: str, status: ItemStatus, reason: str, at: str | None = None
    ) -> dict[str, str]:
        at = at or self._now().isoformat()
        return {"id": row_id, "at": at, "status": status.value, "reason": reason}

    def _write(self, acknowledged: list[dict[str, str]], refused: list[dict[str, str]]) -> None:
        if not acknowledged and not refused:
            return
        with write_session(self._engine) as session:
            if acknowledged:
                session.execute(_ACKNOWLEDGE, acknowledged)
            if refused:
                session.execute(_QUARANTINE, refused)

    def counts(self) -> OutboxCounts:
        with read_session(self._engine) as session:
            unsent, sales, quarantined, oldest = session.execute(_COUNTS).one()
        return OutboxCounts(
            unsent=int(unsent),
            unsent_sales=int(sales),
            quarantined=int(quarantined),
            oldest_unsent_at=None if oldest is None else datetime.fromisoformat(oldest),
        )

    def quarantined(self, limit: int = 1000) -> list[QuarantinedRow]:
        """Quarantined rows, oldest first."""
        with read_session(self._engine) as session:
            rows = session.execute(_SELECT_QUARANTINED, {"limit": limit}).fetchall()
        return [
            QuarantinedRow(
                id=row.id,
                seq=row.seq,
                kind=row.kind,
                aggregate_id=row.aggregate_id,
                created_at=row.created_at,
                quarantined_at=datetime.fromisoformat(row.quarantined_at),
                status=ItemStatus(row.quarantine_status),
                reason=row.quarantine_reason,
                payload=_payload(row.payload),
            )
            for row in rows
        ]

    def release(self, ids: Sequence[str]) -> int:
        """Put quarantined rows back in the queue (the manager fixed the cause centrally);
        returns how many. Sending one again is safe: the central service deduplicates."""
        if not ids:
            return 0
        with write_session(self._engine) as session:
            return int(session.execute(_RELEASE, {"ids": list(ids)}).rowcount)  # type: ignore[attr-defined]


def watch_outbox_commits(engine: Engine, callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback` after each transaction on `engine` that wrote an outbox row has
    committed (a sale, a return, a shift event), so the sync worker sends it at once. Returns
    a function that stops watching."""

    def after_execute(connection: Connection, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip()[:18].upper() == "INSERT INTO OUTBOX":
            connection.info[_OUTBOX_WRITTEN] = True

    def on_rollback(connection: Connection) -> None:
        connection.info.pop(_OUTBOX_WRITTEN, None)

    def on_checkin(_dbapi: Any, record: ConnectionPoolEntry) -> None:
        # Back in the pool: the transaction has committed (or rolled back, cleared above).
        if record.info.pop(_OUTBOX_WRITTEN, False):
            callback()

    event.listen(engine, "after_cursor_execute", after_execute)
    event.listen(engine, "rollback", on_rollback)
    event.listen(engine.pool, "checkin", on_checkin)

    def stop() -> None:
        event.remove(engine, "after_cursor_execute", after_execute)
        event.remove(engine, "rollback", on_rollback)
        event.remove(engine.pool, "checkin", on_checkin)

    return stop
