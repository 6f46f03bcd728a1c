"""The till's link to the central service, in its own one-row table: the address and the
bearer token given at enrolment (kept here, never in till.toml, never logged or shown), and
how the last exchanges went (the last success; a 401 that asks for a new enrolment)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, text

from pos_client.store.database import read_session, write_session

_GET = text(
    "SELECT central_url, token, enrolled_at, refused_at, last_success_at FROM sync_link "
    "WHERE id = 1"
)
_ENROL = text(
    "INSERT INTO sync_link (id, central_url, token, enrolled_at, refused_at, last_success_at) "
    "VALUES (1, :url, :token, :at, NULL, NULL) ON CONFLICT(id) DO UPDATE SET "
    "central_url = excluded.central_url, token = excluded.token, "
    "enrolled_at = excluded.enrolled_at, refused_at = NULL, last_success_at = NULL"
)
_FORGET = text("DELETE FROM sync_link")
_REFUSED = text("UPDATE sync_link SET refused_at = :at WHERE id = 1 AND token = :token")
_SUCCEEDED = text(
    "UPDATE sync_link SET refused_at = NULL, last_success_at = :at WHERE id = 1 AND token = :token"
)


def _moment(text_value: str | None) -> datetime | None:
    return None if text_value is None else datetime.fromisoformat(text_value)


@dataclass(frozen=True, slots=True)
class Enrolment:
    central_url: str
    token: str = field(repr=False)
    enrolled_at: datetime
    refused_at: datetime | None
    """When the central service last refused the token (401): enrol the till again."""
    last_success_at: datetime | None


class SyncLinkRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self) -> Enrolment | None:
        with read_session(self._engine) as session:
            row = session.execute(_GET).one_or_none()
        if row is None:
            return None
        enrolled_at = datetime.fromisoformat(row.enrolled_at)
        return Enrolment(
            row.central_url,
            row.token,
            enrolled_at,
            _moment(row.refused_at),
            _moment(row.last_success_at),
        )

    def enrol(self, central_url: str, token: str, at: datetime) -> None:
        """Keep the address and token (replacing any earlier enrolment)."""
        with write_session(self._engine) as session:
            session.execute(_ENROL, {"url": central_url, "token": token, "at": at.isoformat()})

    def forget(self) -> None:
        with write_session(self._engine) as session:
            session.execute(_FORGET)

    def refused(self, token: str, at: datetime) -> None:
        """The central service answered 401 to `token` (ignored if it was replaced since)."""
        with write_session(self._engine) as session:
            session.execute(_REFUSED, {"token": token, "at": at.isoformat()})

    def succeeded(self, token: str, at: datetime) -> None:
        with write_session(self._engine) as session:
            session.execute(_SUCCEEDED, {"token": token, "at": at.isoformat()})
