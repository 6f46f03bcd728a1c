"""Reading the append-only audit log, and appending to it in a transaction of its own.

Entries written together with another change go through `write_event` (which calls
`journal.append_audit`) inside that change's transaction.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session, aliased

from pos_client.domain.audit import AuditEvent, AuditRecord
from pos_client.domain.text import fold
from pos_client.store.database import read_session, write_session
from pos_client.store.journal import append_audit
from pos_client.store.models import AuditEntry, User

DEFAULT_LIMIT = 500


def write_event(session: Session, event: AuditEvent) -> None:
    """Append `event` in the caller's transaction."""
    append_audit(
        session,
        at=event.at,
        action=str(event.action),
        user_id=event.user_id,
        approved_by=event.approved_by,
        sale_id=event.sale_id,
        reason=event.reason,
        details=dict(event.details),
    )


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


class AuditRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, event: AuditEvent) -> None:
        """Append one entry in its own transaction."""
        with write_session(self._engine) as session:
            write_event(session, event)

    def entries(
        self,
        *,
        action: str | None = None,
        user: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        sale_id: str | None = None,
        limit: int = DEFAULT_LIMIT,
    ) -> list[AuditRecord]:
        """Entries newest first.

        `user` is a piece of a login or a name (case and Polish letters do not matter) or a user
        id; it matches the person who acted and the person who approved. `since` is inclusive,
        `until` exclusive.
        """
        actor = aliased(User)
        approver = aliased(User)
        statement = (
            select(AuditEntry, actor.display_name, approver.display_name)
            .outerjoin(actor, actor.id == AuditEntry.user_id)
            .outerjoin(approver, approver.id == AuditEntry.approved_by)
            .order_by(AuditEntry.seq.desc())
            .limit(limit)
        )
        if action:
            statement = statement.where(AuditEntry.action == action)
        if sale_id:
            statement = statement.where(AuditEntry.sale_id == sale_id)
        if since is not None:
            statement = statement.where(AuditEntry.at >= _utc(since))
        if until is not None:
            statement = statement.where(AuditEntry.at < _utc(until))
        with read_session(self._engine) as session:
            if user is not None and user.strip():
                ids = self._matching_users(session, user)
                if not ids:
                    return []
                statement = statement.where(
                    or_(AuditEntry.user_id.in_(ids), AuditEntry.approved_by.in_(ids))
                )
            rows = session.execute(statement).all()
            return [_record(entry, name, approver_name) for entry, name, approver_name in rows]

    def actions(self) -> list[str]:
        """Every action the log holds, sorted (for a filter list)."""
        statement = select(AuditEntry.action).distinct().order_by(AuditEntry.action)
        with read_session(self._engine) as session:
            return list(session.scalars(statement))

    @staticmethod
    def _matching_users(session: Session, text: str) -> list[str]:
        """Ids of users whose login or name contains `text` (folded), or whose id it is.

        A store has tens of users, so they are folded here rather than in SQL (SQLite's lower()
        knows only ASCII)."""
        wanted = fold(text)
        rows = session.execute(select(User.id, User.login, User.display_name)).all()
        return [
            user_id
            for user_id, login, name in rows
            if user_id == text.strip() or wanted in fold(login) or wanted in fold(name)
        ]


def _record(entry: AuditEntry, user_name: str | None, approver_name: str | None) -> AuditRecord:
    details: Any = json.loads(entry.details) if entry.details else {}
    return AuditRecord(
        seq=entry.seq,
        id=entry.id,
        at=datetime.fromisoformat(entry.at),
        action=entry.action,
        user_id=entry.user_id,
        user_name=user_name,
        approved_by=entry.approved_by,
        approver_name=approver_name,
        sale_id=entry.sale_id,
        reason=entry.reason,
        details=details if isinstance(details, dict) else {"value": details},
    )
