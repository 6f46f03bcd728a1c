"""The change feed: catalogue, stores, VAT rates and users as a log a till pages through.

Why a reader never skips a committed change: a plain database sequence can commit out of order
(transaction A takes 7, B takes 8, B commits, a reader pages past 8, then A commits 7 behind its
cursor). Here every writer first runs `UPDATE feed_state SET head = head + n ... RETURNING head`
and takes its seqs from that row. On PostgreSQL the UPDATE locks the row until the writer
commits or rolls back, so the next writer gets its (higher) seqs only after the previous one is
committed: seqs become visible in order. On SQLite the whole database has one writer at a time
(`BEGIN IMMEDIATE`), which gives the same order.

Compaction as it is written: the feed keeps one row per (entity, key). A new change replaces it
with a new, higher seq, so a reader that has not reached the old row simply meets the newer
one later, and one that has passed it meets the newer one too. Only deletes need care: their
rows (tombstones) may be purged after a while (`purge_tombstones`); the feed then remembers the
highest purged seq as its `horizon`, and a cursor below it is answered 410 Gone (the till may
have missed a delete and starts again from cursor 0).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sync.central.database import upsert
from sync.central.models import FeedChange, FeedState, table
from sync.protocol import Entity

FEED_STATE_ID = 1
UPSERT = "upsert"
DELETE = "delete"
_CHUNK = 5000


@dataclass(frozen=True, slots=True)
class ChangeRow:
    entity: Entity
    key: str
    op: str
    data: str | None
    """JSON text of the entity's full state."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the feed; `body` is the ChangesPage JSON ready to send."""

    body: bytes
    count: int
    next_cursor: int
    remaining: int


class CursorGoneError(Exception):
    """The cursor is below the compaction horizon (or above the head: the feed was reset)."""


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def upserted(entity: Entity, key: str, data: dict[str, Any]) -> ChangeRow:
    return ChangeRow(entity, key, UPSERT, to_json(data))


def deleted(entity: Entity, key: str) -> ChangeRow:
    return ChangeRow(entity, key, DELETE, None)


def take_seqs(session: Session, count: int) -> int:
    """Reserve `count` seqs for this transaction and return the first. Locks the feed's row
    until the transaction ends: catalogue writers run one after another (module docstring)."""
    head = session.execute(
        update(FeedState)
        .where(FeedState.id == FEED_STATE_ID)
        .values(head=FeedState.head + count)
        .returning(FeedState.head)
    ).scalar_one()
    return int(head) - count + 1


def lock(session: Session) -> None:
    """Take the feed's row lock now, before reading what a catalogue write will change, so
    catalogue writers (which all publish) run one after another from their first read
    (PostgreSQL; SQLite has one writer anyway)."""
    take_seqs(session, 0)


def publish(session: Session, changes: Iterable[ChangeRow], at: datetime | None = None) -> int:
    """Write `changes` to the feed in the caller's transaction (the newest of each key wins);
    returns how many rows were written."""
    newest: dict[tuple[str, str], ChangeRow] = {}
    for change in changes:
        newest.pop((change.entity, change.key), None)
        newest[(change.entity, change.key)] = change
    if not newest:
        return 0
    first = take_seqs(session, len(newest))
    at = at or datetime.now(UTC)
    rows = [
        {
            "entity": change.entity.value,
            "key": change.key,
            "seq": seq,
            "op": change.op,
            "data": change.data,
            "changed_at": at,
        }
        for seq, change in enumerate(newest.values(), start=first)
    ]
    statement = upsert(
        session, table(FeedChange), ("entity", "key"), ("seq", "op", "data", "changed_at")
    )
    for start in range(0, len(rows), _CHUNK):
        session.execute(statement, rows[start : start + _CHUNK])
    return len(rows)


def feed_state(session: Session) -> tuple[int, int]:
    """(head, horizon)."""
    row = session.execute(
        select(FeedState.head, FeedState.horizon).where(FeedState.id == FEED_STATE_ID)
    ).one()
    return int(row.head), int(row.horizon)


def _change_json(seq: int, entity: str, key: str, op: str, data: str | None) -> str:
    return (
        f'{{"seq":{seq},"entity":{json.dumps(entity)},"key":{json.dumps(key, ensure_ascii=False)},'
        f'"op":"{op}","data":{"null" if data is None else data}}}'
    )


def read_page(session: Session, after: int, limit: int, now: datetime) -> Page:
    """Changes with seq > `after`, at most `limit`, as ChangesPage JSON built from the stored
    JSON texts (no parsing: a page of 5,000 products is only string joins).

    Raises CursorGoneError for a cursor below the horizon or above the head."""
    head, horizon = feed_state(session)
    if after > head or (after != 0 and after < horizon):
        raise CursorGoneError(
            f"cursor {after} is outside the feed (horizon {horizon}, head {head})"
        )
    rows: Sequence[Any] = session.execute(
        select(FeedChange.seq, FeedChange.entity, FeedChange.key, FeedChange.op, FeedChange.data)
        .where(FeedChange.seq > after)
        .order_by(FeedChange.seq)
        .limit(limit)
    ).all()
    next_cursor = int(rows[-1].seq) if rows else after
    remaining = int(
        session.execute(
            select(func.count()).select_from(FeedChange).where(FeedChange.seq > next_cursor)
        ).scalar_one()
    )
    changes = ",".join(_change_json(*row) for row in rows)
    body = (
        f'{{"changes":[{changes}],"next_cursor":"{next_cursor}",'
        f'"has_more":{"true" if remaining else "false"},"remaining":{remaining},'
        f'"server_time":{json.dumps(now.isoformat())}}}'
    )
    return Page(body.encode(), len(rows), next_cursor, remaining)


def purge_tombstones(session: Session, older_than: timedelta, now: datetime) -> int:
    """Delete the delete-rows older than `older_than` and move the horizon past them; returns
    how many were purged. Tills whose cursor is below the new horizon get 410 and resync."""
    lock(session)  # like a writer: nothing is published meanwhile
    newest, count = session.execute(
        select(func.max(FeedChange.seq), func.count())
        .where(FeedChange.op == DELETE)
        .where(FeedChange.changed_at < now - older_than)
    ).one()
    if not count:
        return 0
    session.execute(
        delete(FeedChange).where(FeedChange.op == DELETE).where(FeedChange.seq <= newest)
    )
    _head, horizon = feed_state(session)
    session.execute(
        update(FeedState)
        .where(FeedState.id == FEED_STATE_ID)
        .values(horizon=max(horizon, int(newest)))
    )
    return int(count)
