"""Logging in with a login and a PIN; lockout after repeated wrong PINs; who is at the till.

Wrong PINs are counted in the database, so a restart does not reset them; the attempt that reaches
the limit locks the account for a while. The audit log records each login, each failure and each
lockout in the same transaction as the change to the account. An unknown login gets the same
answers as a wrong PIN (its attempts are counted in memory), so the screen never tells whether a
login exists.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pos_client.domain.audit import AuditAction, AuditEvent
from pos_client.domain.messages import QT_TRANSLATE_NOOP, Argument, Template, TillError
from pos_client.domain.people import Role, StaffMember, normalize_login
from pos_client.domain.pin import PinHash, hash_pin, verify_pin
from pos_client.store.users import UserRepository

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
SuccessEvent = Callable[[StaffMember], AuditEvent | None]

DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCKOUT = timedelta(minutes=5)
_UNKNOWN_LOGINS_KEPT = 1000


def utc_now() -> datetime:
    """The default clock: now, in UTC."""
    return datetime.now(UTC)


def clock_time(moment: datetime) -> str:
    """HH:MM on the till's local clock, rounded up (a lock until 10:31:20 shows 10:32)."""
    local = moment.astimezone()
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return local.strftime("%H:%M")


class AuthError(TillError):
    """A refused login, with a message for the till's screen."""

    def __init__(
        self,
        message: Template,
        *args: Argument,
        attempts_left: int | None = None,
        locked_until: datetime | None = None,
    ) -> None:
        super().__init__(message, *args)
        self.attempts_left = attempts_left
        self.locked_until = locked_until


@dataclass(slots=True)
class _UnknownLogin:
    failures: int = 0
    locked_until: datetime | None = None


class AuthService:
    def __init__(
        self,
        users: UserRepository,
        clock: Clock = utc_now,
        *,
        max_failures: int = DEFAULT_MAX_FAILURES,
        lockout: timedelta = DEFAULT_LOCKOUT,
    ) -> None:
        if max_failures < 1:
            raise ValueError("max_failures must be at least 1")
        self._users = users
        self._clock = clock
        self._max_failures = max_failures
        self._lockout = lockout
        self._current: StaffMember | None = None
        self._unknown: OrderedDict[str, _UnknownLogin] = OrderedDict()
        self._dummy_hash: PinHash | None = None

    @property
    def current(self) -> StaffMember | None:
        """Who is logged in at the till, or None."""
        return self._current

    @property
    def max_failures(self) -> int:
        return self._max_failures

    @property
    def lockout(self) -> timedelta:
        return self._lockout

    def require(self) -> StaffMember:
        """The logged-in user, or AuthError when no one is."""
        if self._current is None:
            raise AuthError(QT_TRANSLATE_NOOP("Auth", "No one is logged in: log in first."))
        return self._current

    def login(self, login: str, pin: str) -> StaffMember:
        """Log in; the user becomes `current`. Raises AuthError with a message for the screen
        (wrong login or PIN with the attempts left, or locked until HH:MM)."""
        previous = self._current
        member = self.authenticate(
            login,
            pin,
            on_success=lambda found: AuditEvent(
                at=self._clock(), action=AuditAction.LOGIN, user_id=found.id, approved_by=None
            ),
            purpose={"purpose": "login"},
        )
        if previous is not None and previous.id != member.id:
            self._users.record_event(
                AuditEvent(
                    at=self._clock(),
                    action=AuditAction.LOGOUT,
                    user_id=previous.id,
                    details={"next_user": member.id},
                )
            )
        self._current = member
        log.info("logged in: %s (%s)", member.login, member.role)
        return member

    def logout(self) -> None:
        """End the current user's session (recorded); nothing happens when no one is logged in."""
        member = self._current
        if member is None:
            return
        self._users.record_event(
            AuditEvent(at=self._clock(), action=AuditAction.LOGOUT, user_id=member.id)
        )
        self._current = None
        log.info("logged out: %s", member.login)

    def authenticate(
        self,
        login: str,
        pin: str,
        *,
        on_success: SuccessEvent,
        purpose: Mapping[str, Any],
    ) -> StaffMember:
        """Check a login and PIN under the lockout rules without changing `current`.

        A wrong PIN is counted and audited (with `purpose` in the details); a right one clears
        the count and appends `on_success(member)`'s entry in that same transaction. Used by
        `login` and by manager approvals.
        """
        if not login.strip():
            raise AuthError(QT_TRANSLATE_NOOP("Auth", "Enter your login."))
        if not pin:
            raise AuthError(QT_TRANSLATE_NOOP("Auth", "Enter your PIN."))
        now = self._clock()
        account = self._users.by_login(login)
        if account is None or not account.active:
            if self._dummy_hash is None:  # made on first need: start-up stays fast
                self._dummy_hash = hash_pin("00000000", self._users.pin_cost)
            verify_pin(pin, self._dummy_hash)  # as slow as a real check
            return self._refuse_unknown(login, now, purpose)
        member = account.member
        if account.is_locked(now):
            assert account.locked_until is not None
            self._users.record_event(
                AuditEvent(
                    at=now,
                    action=AuditAction.LOGIN_FAILED,
                    user_id=member.id,
                    reason="account locked",
                    details={**purpose, "locked_until": account.locked_until.isoformat()},
                )
            )
            raise self._locked(account.locked_until)
        if not verify_pin(pin, account.pin):
            updated = self._users.record_failure(
                member.id,
                event=AuditEvent(
                    at=now,
                    action=AuditAction.LOGIN_FAILED,
                    user_id=member.id,
                    reason="wrong PIN",
                    details=dict(purpose),
                ),
                max_failures=self._max_failures,
                lockout=self._lockout,
            )
            if updated.locked_until is not None and updated.is_locked(now):
                log.warning("locked out after wrong PINs: %s", member.login)
                raise self._locked(updated.locked_until)
            raise self._wrong(self._max_failures - updated.failed_attempts)
        self._users.reset_failures(member.id, event=on_success(member))
        return member

    def _refuse_unknown(self, login: str, now: datetime, purpose: Mapping[str, Any]) -> StaffMember:
        """Answer an unknown login exactly as a known one with a wrong PIN."""
        key = normalize_login(login)
        state = self._unknown.pop(key, None) or _UnknownLogin()
        self._unknown[key] = state
        while len(self._unknown) > _UNKNOWN_LOGINS_KEPT:
            self._unknown.popitem(last=False)
        self._users.record_event(
            AuditEvent(
                at=now,
                action=AuditAction.LOGIN_FAILED,
                reason="unknown login",
                details={**purpose, "login": key[:40]},
            )
        )
        if state.locked_until is not None and now < state.locked_until:
            raise self._locked(state.locked_until)
        state.failures += 1
        if state.failures >= self._max_failures:
            state.failures = 0
            state.locked_until = now + self._lockout
            raise self._locked(state.locked_until)
        raise self._wrong(self._max_failures - state.failures)

    @staticmethod
    def _wrong(attempts_left: int) -> AuthError:
        if attempts_left == 1:
            return AuthError(
                QT_TRANSLATE_NOOP(
                    "Auth", "Wrong login or PIN. 1 attempt left before the login is locked."
                ),
                attempts_left=1,
            )
        return AuthError(
            QT_TRANSLATE_NOOP(
                "Auth", "Wrong login or PIN. %1 attempts left before the login is locked."
            ),
            attempts_left,
            attempts_left=attempts_left,
        )

    def _locked(self, until: datetime) -> AuthError:
        return AuthError(
            QT_TRANSLATE_NOOP(
                "Auth",
                "Too many wrong PINs: this login is locked until %1. Wait, or ask the manager.",
            ),
            clock_time(until),
            attempts_left=0,
            locked_until=until,
        )


DEMO_USERS = (
    ("kierownik", "Kierownik Sklepu", Role.MANAGER, "1234"),
    ("kasjer", "Kasjer Demo", Role.CASHIER, "1111"),
)
"""The demo's users: login, name, role, PIN. Never created on a real till."""


def ensure_first_manager(users: UserRepository, clock: Clock = utc_now) -> tuple[StaffMember, ...]:
    """For the demo only: when the till has no user at all, create the demo manager
    ("kierownik", PIN 1234) and cashier ("kasjer", PIN 1111). Returns who was created."""
    if users.count():
        return ()
    created = tuple(
        users.add(login, name, role, pin, at=clock()) for login, name, role, pin in DEMO_USERS
    )
    log.info("demo users created: %s", ", ".join(member.login for member in created))
    return created
