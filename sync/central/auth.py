"""Bearer tokens: made at enrolment, kept only as SHA-256 hashes, bound to one store and till.

A token is `secrets.token_urlsafe(32)` (256 random bits), so a plain SHA-256 is enough to keep
it (no salt or slow hash is needed against guessing). It is shown once, by the CLI, and never
logged. Revoking sets `revoked_at`; enrolling the same till again replaces its token.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.central.catalogue import store_by_code
from sync.central.models import AdminToken, Store, Till


@dataclass(frozen=True, slots=True)
class TillCaller:
    till_pk: uuid.UUID
    store_id: uuid.UUID
    store_code: str
    till_id: str


@dataclass(frozen=True, slots=True)
class AdminCaller:
    token_id: uuid.UUID
    name: str


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_caller(session: Session, token: str) -> TillCaller | AdminCaller | None:
    """Whose token this is; None for an unknown or revoked token."""
    digest = token_hash(token)
    till = session.execute(
        select(Till.id, Till.store_id, Store.code, Till.till_id)
        .join(Store, Store.id == Till.store_id)
        .where(Till.token_hash == digest)
        .where(Till.revoked_at.is_(None))
    ).one_or_none()
    if till is not None:
        return TillCaller(*till)
    admin = session.execute(
        select(AdminToken.id, AdminToken.name)
        .where(AdminToken.token_hash == digest)
        .where(AdminToken.revoked_at.is_(None))
    ).one_or_none()
    return None if admin is None else AdminCaller(*admin)


def enrol_till(session: Session, store_code: str, till_id: str, now: datetime) -> str:
    """A new token for the till (replacing any earlier one); CatalogueError for no such store."""
    store = store_by_code(session, store_code)
    token = new_token()
    till = session.execute(
        select(Till).where(Till.store_id == store.id).where(Till.till_id == till_id)
    ).scalar_one_or_none()
    if till is None:
        session.add(
            Till(
                id=uuid.uuid4(),
                store_id=store.id,
                till_id=till_id,
                token_hash=token_hash(token),
                enrolled_at=now,
                revoked_at=None,
            )
        )
    else:
        till.token_hash = token_hash(token)
        till.enrolled_at = now
        till.revoked_at = None
    session.flush()
    return token


def revoke_till(session: Session, store_code: str, till_id: str, now: datetime) -> bool:
    """Revoke the till's token; False when no such till was enrolled (or it was revoked)."""
    store = store_by_code(session, store_code)
    revoked = session.execute(
        update(Till)
        .where(Till.store_id == store.id)
        .where(Till.till_id == till_id)
        .where(Till.revoked_at.is_(None))
        .values(revoked_at=now)
        .returning(Till.id)
    ).all()
    return bool(revoked)


def issue_admin_token(session: Session, name: str, now: datetime) -> str:
    token = new_token()
    session.add(
        AdminToken(
            id=uuid.uuid4(),
            name=name,
            token_hash=token_hash(token),
            created_at=now,
            revoked_at=None,
        )
    )
    session.flush()
    return token
