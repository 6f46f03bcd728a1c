"""The till's users: PINs kept as salted scrypt hashes, failed attempts and lockouts persisted.

Every write runs in a `BEGIN IMMEDIATE` transaction and appends its audit entries in that same
transaction, so a failed PIN, a lockout or a login is recorded exactly when it takes effect.
"""

from __future__ import annotations

import builtins
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from pos_client.domain.audit import AuditAction, AuditEvent
from pos_client.domain.messages import QT_TRANSLATE_NOOP
from pos_client.domain.people import (
    Role,
    StaffMember,
    normalize_login,
    validate_display_name,
    validate_login,
)
from pos_client.domain.pin import DEFAULT_COST, PinHash, ScryptCost, hash_pin
from pos_client.store.audit import write_event
from pos_client.store.database import read_session, write_session
from pos_client.store.errors import StoreError
from pos_client.store.models import User


class LoginTakenError(StoreError):
    """Another user has this login already."""


class UnknownUserError(StoreError):
    """No user has this id (removed from under the caller)."""


class LastManagerError(StoreError):
    """Deactivating this user would leave the till without an active manager."""


@dataclass(frozen=True, slots=True)
class UserAccount:
    """A user row: the person, the PIN hash to check against, and the lockout state."""

    member: StaffMember
    pin: PinHash = field(repr=False)
    failed_attempts: int
    locked_until: datetime | None
    active: bool

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def _account(row: User) -> UserAccount:
    return UserAccount(
        member=StaffMember(row.id, row.login, row.display_name, Role(row.role)),
        pin=PinHash(row.pin_hash, row.pin_salt),
        failed_attempts=row.failed_attempts,
        locked_until=None if row.locked_until is None else datetime.fromisoformat(row.locked_until),
        active=row.active,
    )


class UserRepository:
    def __init__(self, engine: Engine, *, pin_cost: ScryptCost = DEFAULT_COST) -> None:
        self._engine = engine
        self._pin_cost = pin_cost

    @property
    def pin_cost(self) -> ScryptCost:
        """The scrypt cost of newly set PINs (stored hashes name their own)."""
        return self._pin_cost

    # --- reading -------------------------------------------------------------------------

    def get(self, user_id: str) -> UserAccount | None:
        return self._one(select(User).where(User.id == user_id))

    def by_login(self, login: str) -> UserAccount | None:
        normal = normalize_login(login)
        if not normal:
            return None
        return self._one(select(User).where(User.login == normal))

    def list(self, *, include_inactive: bool = False) -> builtins.list[UserAccount]:
        """Users by name; only active ones unless asked."""
        statement = select(User).order_by(User.display_name, User.login)
        if not include_inactive:
            statement = statement.where(User.active.is_(True))
        with read_session(self._engine) as session:
            return [_account(row) for row in session.scalars(statement)]

    def count(self) -> int:
        """How many users exist, active or not."""
        with read_session(self._engine) as session:
            return int(session.execute(select(func.count()).select_from(User)).scalar_one())

    def _one(self, statement: Select[User]) -> UserAccount | None:
        with read_session(self._engine) as session:
            row = session.scalars(statement).first()
            return None if row is None else _account(row)

    # --- writing -------------------------------------------------------------------------

    def add(
        self,
        login: str,
        display_name: str,
        role: Role,
        pin: str,
        *,
        at: datetime | None = None,
        added_by: str | None = None,
    ) -> StaffMember:
        """Create a user. Raises StaffError or PinError (bad login, name or PIN) and
        LoginTakenError. With `at`, a "user_added" audit entry is written with the user."""
        normal = validate_login(login)
        name = validate_display_name(display_name)
        hashed = hash_pin(pin, self._pin_cost)
        member = StaffMember(str(uuid.uuid4()), normal, name, Role(role))
        with write_session(self._engine) as session:
            taken = session.scalars(select(User.id).where(User.login == normal)).first()
            if taken is not None:
                raise LoginTakenError(
                    QT_TRANSLATE_NOOP("Users", "The login %1 is taken: choose another."),
                    repr(normal),
                )
            session.add(
                User(
                    id=member.id,
                    login=member.login,
                    display_name=member.display_name,
                    role=member.role.value,
                    pin_hash=hashed.hash,
                    pin_salt=hashed.salt,
                    failed_attempts=0,
                    locked_until=None,
                    active=True,
                )
            )
            session.flush()
            if at is not None:
                write_event(
                    session,
                    AuditEvent(
                        at=at,
                        action=AuditAction.USER_ADDED,
                        user_id=added_by,
                        details={"user": member.id, "login": member.login, "role": member.role},
                    ),
                )
        return member

    def record_failure(
        self,
        user_id: str,
        *,
        event: AuditEvent,
        max_failures: int,
        lockout: timedelta,
    ) -> UserAccount:
        """Count a wrong PIN and append `event` (with the attempt number in its details).

        The attempt that reaches `max_failures` locks the account until `event.at + lockout`,
        starts the count again and appends a "locked_out" entry too, all in one transaction.
        """
        with write_session(self._engine) as session:
            row = self._row(session, user_id)
            attempts = row.failed_attempts + 1
            locked_until: datetime | None = None
            if attempts >= max_failures:
                locked_until = event.at + lockout
                row.failed_attempts = 0
                row.locked_until = locked_until.isoformat()
            else:
                row.failed_attempts = attempts
            session.flush()
            write_event(session, replace(event, details={**event.details, "attempt": attempts}))
            if locked_until is not None:
                write_event(
                    session,
                    AuditEvent(
                        at=event.at,
                        action=AuditAction.LOCKED_OUT,
                        user_id=user_id,
                        reason=f"{attempts} wrong PINs in a row",
                        details={"until": locked_until.isoformat(), "attempts": attempts},
                    ),
                )
            return _account(row)

    def reset_failures(self, user_id: str, *, event: AuditEvent | None = None) -> UserAccount:
        """Forget wrong PINs and any lock (a right PIN), appending `event` if given."""
        with write_session(self._engine) as session:
            row = self._row(session, user_id)
            row.failed_attempts = 0
            row.locked_until = None
            session.flush()
            if event is not None:
                write_event(session, event)
            return _account(row)

    def lock_until(
        self, user_id: str, until: datetime | None, *, event: AuditEvent | None = None
    ) -> UserAccount:
        """Lock the account until `until` (None unlocks it), appending `event` if given."""
        with write_session(self._engine) as session:
            row = self._row(session, user_id)
            row.locked_until = None if until is None else until.isoformat()
            if until is None:
                row.failed_attempts = 0
            session.flush()
            if event is not None:
                write_event(session, event)
            return _account(row)

    def change_pin(self, user_id: str, pin: str, *, event: AuditEvent) -> UserAccount:
        """Set a new PIN (PinError when it breaks the rules); the wrong-PIN count and any
        lockout are cleared with it. `event` is appended in the same transaction."""
        hashed = hash_pin(pin, self._pin_cost)
        with write_session(self._engine) as session:
            row = self._row(session, user_id)
            row.pin_hash = hashed.hash
            row.pin_salt = hashed.salt
            row.failed_attempts = 0
            row.locked_until = None
            session.flush()
            write_event(session, event)
            return _account(row)

    def set_active(self, user_id: str, active: bool, *, event: AuditEvent) -> UserAccount:
        """Deactivate (the user can no longer log in or approve; nothing is deleted) or
        reactivate a user, appending `event`. The last active manager is never deactivated
        (LastManagerError): the check runs under the write lock, so two tills cannot each
        deactivate one of the last two managers."""
        with write_session(self._engine) as session:
            row = self._row(session, user_id)
            if not active and row.active and row.role == Role.MANAGER.value:
                others = session.execute(
                    select(func.count())
                    .select_from(User)
                    .where(
                        User.role == Role.MANAGER.value,
                        User.active.is_(True),
                        User.id != user_id,
                    )
                ).scalar_one()
                if not others:
                    raise LastManagerError(
                        QT_TRANSLATE_NOOP(
                            "Users",
                            "%1 is the last active manager: make another manager first, "
                            "the till always needs one.",
                        ),
                        row.display_name,
                    )
            row.active = active
            session.flush()
            write_event(session, event)
            return _account(row)

    def record_event(self, event: AuditEvent) -> None:
        """Append an audit entry about people (a logout, an approval) in its own transaction."""
        with write_session(self._engine) as session:
            write_event(session, event)

    @staticmethod
    def _row(session: Session, user_id: str) -> User:
        row = session.get(User, user_id)
        if row is None:
            raise UnknownUserError(QT_TRANSLATE_NOOP("Users", "No user has the id %1."), user_id)
        return row
