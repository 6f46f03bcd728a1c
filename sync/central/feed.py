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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sync.central.bulk import insert_rows
from sync.central.models import FeedChange, FeedState, table
from sync.protocol import Entity

FEED_STATE_ID = 1
UPSERT = "upsert"
DELETE = "delete"
_REPLACE_CHANGE = (
    "ON CONFLICT (entity, key) DO UPDATE SET seq = excluded.seq, op = excluded.op, "
    "data = excluded.data, changed_at = excluded.changed_at"
)


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
    next_cursor: str
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
    insert_rows(session, table(FeedChange), rows, _REPLACE_CHANGE)
    return len(rows)


def feed_state(session: Session) -> tuple[int, int]:
    """(head, horizon)."""
    row = session.execute(
        select(FeedState.head, FeedState.horizon).where(FeedState.id == FEED_STATE_ID)
    ).one()
    return int(row.head), int(row.horizon)


_ENTITY_JSON = {entity.value: json.dumps(entity.value) for entity in Entity}
_PLAIN_KEY = re.compile(r'[^"\\\x00-\x1f\x7f]*')
"""A key JSON can hold between quotes as it is (SKUs, codes and logins nearly always)."""


def _change_json(seq: int, entity: str, key: str, op: str, data: str | None) -> str:
    quoted = f'"{key}"' if _PLAIN_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
    return (
        f'{{"seq":{seq},"entity":{_ENTITY_JSON[entity]},"key":{quoted},'
        f'"op":"{op}","data":{"null" if data is None else data}}}'
    )


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a reader is: after `seq`. The cursors this feed hands out also carry what it
    counted there, `remaining` changes up to `counted_to` (the newest seq then visible), so the
    next page's count only has to look at what came after `counted_to`, not at the whole rest
    of the feed (a million rows at the start of a first sync). Readers treat it as opaque."""

    seq: int
    remaining: int | None = None
    counted_to: int | None = None

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """ "SEQ" or "SEQ.REMAINING.COUNTED_TO" (CURSOR_PATTERN); ValueError otherwise."""
        if CURSOR_RE.fullmatch(text) is None:
            raise ValueError(f"not a cursor: {text!r}")
        parts = [int(part) for part in text.split(".")]
        if len(parts) == 1:
            return cls(parts[0])
        return cls(parts[0], parts[1], parts[2])

    def __str__(self) -> str:
        if self.remaining is None:
            return str(self.seq)
        return f"{self.seq}.{self.remaining}.{self.counted_to}"


CURSOR_PATTERN = r"^[0-9]{1,18}(\.[0-9]{1,18}\.[0-9]{1,18})?$"
CURSOR_RE = re.compile(CURSOR_PATTERN)


def _count_after(session: Session, seq: int) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(FeedChange).where(FeedChange.seq > seq)
        ).scalar_one()
    )


def _remaining(session: Session, cursor: Cursor, rows: Sequence[Any], last: int) -> int:
    """The changes after `last` (this page's last seq).

    From a plain cursor they are counted. From a cursor this feed made, the count it carries
    is carried on: less this page, plus what was committed after it was counted. A change
    that replaced a row the count had already covered is then counted twice, so during
    catalogue edits the figure may be a little high (never low) until the last page, which
    says 0 exactly; with no edits it is exact."""
    if cursor.remaining is None or cursor.counted_to is None:
        return _count_after(session, last)
    if (
        session.execute(select(FeedChange.seq).where(FeedChange.seq > last).limit(1)).first()
        is None
    ):
        return 0
    carried = cursor.remaining - len(rows) + _count_after(session, cursor.counted_to)
    return max(carried, 1)


def read_page(session: Session, after: Cursor, limit: int, now: datetime) -> Page:
    """Changes with seq > `after.seq`, at most `limit`, as ChangesPage JSON built from the
    stored JSON texts (no parsing: a page of 5,000 products is only string joins).

    Raises CursorGoneError for a cursor below the horizon or above the head."""
    head, horizon = feed_state(session)
    if after.seq > head or (after.seq != 0 and after.seq < horizon):
        raise CursorGoneError(
            f"cursor {after.seq} is outside the feed (horizon {horizon}, head {head})"
        )
    rows: Sequence[Any] = session.execute(
        select(FeedChange.seq, FeedChange.entity, FeedChange.key, FeedChange.op, FeedChange.data)
        .where(FeedChange.seq > after.seq)
        .order_by(FeedChange.seq)
        .limit(limit)
    ).all()
    last = int(rows[-1].seq) if rows else after.seq
    # The newest seq visible now, read before counting: every seq up to it is committed (the
    # writers' lock), so a later count of what lies above it misses nothing.
    counted_to = int(session.execute(select(func.max(FeedChange.seq))).scalar() or 0)
    remaining = _remaining(session, after, rows, last)
    next_cursor = Cursor(last, remaining, counted_to)
    changes = ",".join(_change_json(*row) for row in rows)
    body = (
        f'{{"changes":[{changes}],"next_cursor":"{next_cursor}",'
        f'"has_more":{"true" if remaining else "false"},"remaining":{remaining},'
        f'"server_time":{json.dumps(now.isoformat())}}}'
    )
    return Page(body.encode(), len(rows), str(next_cursor), remaining)


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
