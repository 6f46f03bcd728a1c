"""Rows written inside another write's transaction: the outbox event for the central service
and the append-only audit entry. Both take the caller's session, so they commit or vanish with
the change they describe."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos_client.store.models import AuditEntry, OutboxEvent

_ADVANCE_COUNTER = text(
    "INSERT INTO counters(name, value) VALUES (:name, 1) "
    "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"
)
_NEXT_OUTBOX_SEQ = text("SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox")
_NEXT_AUDIT_SEQ = text("SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log")


def next_number(session: Session, counter: str) -> int:
    """Advance a gap-free counter (receipts, returns, Z reports) in the caller's transaction:
    the number is used only if that transaction commits."""
    return int(session.execute(_ADVANCE_COUNTER, {"name": counter}).scalar_one())


def _json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def append_outbox(
    session: Session, kind: str, aggregate_id: str, at: datetime, payload: dict[str, Any]
) -> None:
    """Queue an event for the central service (never pruned before it is acknowledged)."""
    session.add(
        OutboxEvent(
            id=str(uuid.uuid4()),
            seq=int(session.execute(_NEXT_OUTBOX_SEQ).scalar_one()),
            kind=kind,
            aggregate_id=aggregate_id,
            created_at=at.isoformat(),
            payload=_json(payload),
            acknowledged_at=None,
        )
    )
    session.flush()


def append_audit(
    session: Session,
    *,
    at: datetime,
    action: str,
    user_id: str | None,
    approved_by: str | None,
    sale_id: str | None,
    reason: str,
    details: dict[str, Any],
) -> None:
    """Record who did what, who approved it and why (the table refuses updates and deletes)."""
    session.add(
        AuditEntry(
            id=str(uuid.uuid4()),
            seq=int(session.execute(_NEXT_AUDIT_SEQ).scalar_one()),
            at=at.isoformat(),
            user_id=user_id,
            approved_by=approved_by,
            action=action,
            sale_id=sale_id,
            reason=reason,
            details=_json(details),
        )
    )
    session.flush()
