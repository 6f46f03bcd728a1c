"""The outbox as the sync worker sees it, on a real SQLite file: pending rows in order, answers
recorded (acknowledged or quarantined, never deleted), counts, release, and the commit watch."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, text

from pos_client.store.database import write_session
from pos_client.store.errors import StoreError
from pos_client.store.journal import append_outbox
from pos_client.store.sales import SalesRepository, ShiftNotOpenError
from pos_client.store.sync_outbox import OutboxCounts, SyncOutbox, watch_outbox_commits
from sync.protocol import ItemResult, ItemStatus
from tests.pos_client.store.test_sales_repository import make_sale

NOW = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
LATER = datetime(2025, 3, 14, 9, 5, tzinfo=UTC)


@pytest.fixture
def outbox(store_engine: Engine) -> SyncOutbox:
    return SyncOutbox(store_engine, now=lambda: LATER)


def add_events(engine: Engine, count: int, kind: str = "shift_opened") -> list[str]:
    """Outbox rows written the way the till writes them; returns their aggregate ids."""
    aggregates = [str(uuid.uuid4()) for _ in range(count)]
    with write_session(engine) as session:
        for n, aggregate in enumerate(aggregates):
            append_outbox(session, kind, aggregate, NOW, {"n": n, "text": "żółw"})
    return aggregates


def rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        result = connection.execute(
            text(
                "SELECT id, seq, acknowledged_at, quarantined_at, quarantine_status, "
                "quarantine_reason FROM outbox ORDER BY seq"
            )
        )
        return [dict(row._mapping) for row in result]


def test_pending_rows_come_in_the_order_they_were_written(
    store_engine: Engine, outbox: SyncOutbox
) -> None:
    aggregates = add_events(store_engine, 5)
    first = outbox.pending(3)
    assert [item.seq for item in first] == [1, 2, 3]
    assert [str(item.aggregate_id) for item in first] == aggregates[:3]
    assert first[0].kind == "shift_opened"
    assert first[0].payload == {"n": 0, "text": "żółw"}
    assert first[0].created_at == NOW
    assert [item.seq for item in outbox.pending(100)] == [1, 2, 3, 4, 5]


def test_answers_acknowledge_or_quarantine_and_nothing_is_deleted(
    store_engine: Engine, outbox: SyncOutbox
) -> None:
    add_events(store_engine, 5)
    items = outbox.pending(5)
    outbox.record(
        [
            ItemResult(id=items[0].id, status=ItemStatus.ACCEPTED),
            ItemResult(id=items[1].id, status=ItemStatus.DUPLICATE),
            ItemResult(id=items[2].id, status=ItemStatus.REJECTED, reason="unknown store"),
            ItemResult(id=items[3].id, status=ItemStatus.CONFLICT, reason="other payload"),
        ]
    )
    stored = rows(store_engine)
    assert len(stored) == 5
    assert [row["acknowledged_at"] is not None for row in stored] == [
        True,
        True,
        False,
        False,
        False,
    ]
    assert [(row["quarantine_status"], row["quarantine_reason"]) for row in stored[2:]] == [
        ("rejected", "unknown store"),
        ("conflict", "other payload"),
        (None, None),
    ]
    assert stored[2]["quarantined_at"] == LATER.isoformat()
    # The quarantined rows no longer block the queue.
    assert [item.seq for item in outbox.pending(5)] == [5]
    assert outbox.counts() == OutboxCounts(
        unsent=1, unsent_sales=0, quarantined=2, oldest_unsent_at=NOW
    )


def test_a_late_answer_does_not_undo_an_acknowledgement(
    store_engine: Engine, outbox: SyncOutbox
) -> None:
    add_events(store_engine, 1)
    item = outbox.pending(1)[0]
    outbox.record([ItemResult(id=item.id, status=ItemStatus.ACCEPTED)])
    outbox.record([ItemResult(id=item.id, status=ItemStatus.CONFLICT, reason="resent")])
    (row,) = rows(store_engine)
    assert row["acknowledged_at"] is not None
    assert row["quarantined_at"] is None


def test_a_row_the_till_cannot_read_is_quarantined_and_the_rest_still_go(
    store_engine: Engine, outbox: SyncOutbox
) -> None:
    add_events(store_engine, 3)
    with store_engine.begin() as connection:
        connection.execute(text("UPDATE outbox SET payload = 'not json' WHERE seq = 1"))
        connection.execute(text("UPDATE outbox SET aggregate_id = 'till-01' WHERE seq = 2"))
    assert [item.seq for item in outbox.pending(2)] == [3]
    stored = rows(store_engine)
    assert [row["quarantine_status"] for row in stored] == ["rejected", "rejected", None]
    assert "the till cannot read this outbox row" in stored[0]["quarantine_reason"]
    quarantined = outbox.quarantined()
    assert [(row.seq, row.payload) for row in quarantined] == [
        (1, None),
        (2, {"n": 1, "text": "żółw"}),
    ]


def test_counts_tell_unsent_sales_apart(store_engine: Engine, outbox: SyncOutbox) -> None:
    assert outbox.counts() == OutboxCounts(0, 0, 0, None)
    sales = SalesRepository(store_engine)
    sales.record(make_sale())
    sales.record(make_sale())
    add_events(store_engine, 1)
    counts = outbox.counts()
    assert (counts.unsent, counts.unsent_sales, counts.quarantined) == (3, 2, 0)


def test_released_rows_go_to_the_queue_again(store_engine: Engine, outbox: SyncOutbox) -> None:
    add_events(store_engine, 3)
    items = outbox.pending(3)
    outbox.record(
        [ItemResult(id=item.id, status=ItemStatus.REJECTED, reason="no") for item in items[:2]]
    )
    quarantined = outbox.quarantined()
    assert [row.id for row in quarantined] == [str(items[0].id), str(items[1].id)]
    assert quarantined[0].status is ItemStatus.REJECTED
    assert quarantined[0].quarantined_at == LATER
    assert outbox.release([quarantined[0].id, str(uuid.uuid4())]) == 1
    assert outbox.release([]) == 0
    assert [item.seq for item in outbox.pending(3)] == [1, 3]
    assert outbox.counts().quarantined == 1


def test_the_watch_calls_back_after_each_committed_outbox_write(store_engine: Engine) -> None:
    calls: list[str] = []
    stop = watch_outbox_commits(store_engine, lambda: calls.append("outbox"))
    sales = SalesRepository(store_engine)
    sales.record(make_sale())
    assert calls == ["outbox"]

    # Not for a write without an outbox row, nor for a sale that was rolled back.
    with write_session(store_engine) as session:
        session.execute(text("INSERT INTO counters (name, value) VALUES ('other', 1)"))
    with pytest.raises(ShiftNotOpenError):
        sales.record(replace(make_sale(), shift_id="no such shift"))

    def outbox_row_then_failure() -> None:
        with write_session(store_engine) as session:
            append_outbox(session, "sale", str(uuid.uuid4()), NOW, {})
            session.execute(text("INSERT INTO no_such_table VALUES (1)"))

    with pytest.raises(StoreError):
        outbox_row_then_failure()
    assert calls == ["outbox"]

    stop()
    sales.record(make_sale())
    assert calls == ["outbox"]
