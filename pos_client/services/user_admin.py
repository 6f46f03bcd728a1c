"""Managing the till's users: list them, add one, set a new PIN, deactivate and reactivate.

Only a manager does this (`actor`: the manager logged in, or the manager who approved it for
the cashier at the till). Users are never deleted, so the audit log and the sales keep naming
them; a deactivated user can no longer log in or approve. A manager cannot deactivate
themself, and the last active manager cannot be deactivated. Every change is written to the
audit log in the transaction that makes it.
"""

from __future__ import annotations

import logging

from pos_client.domain.audit import AuditAction, AuditEvent
from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.people import Permission, Role, StaffMember
from pos_client.domain.pin import validate_pin
from pos_client.services.auth import Clock, utc_now
from pos_client.store.users import UserAccount, UserRepository

log = logging.getLogger(__name__)


class UserAdminError(TillError, ValueError):
    """A change of users the till refuses; nothing was written."""


class UserAdminService:
    def __init__(self, users: UserRepository, clock: Clock = utc_now) -> None:
        self._users = users
        self._clock = clock

    def users(self) -> list[UserAccount]:
        """Everyone, active or not, by name."""
        return self._users.list(include_inactive=True)

    def add_user(
        self,
        actor: StaffMember,
        login: str,
        display_name: str,
        role: Role,
        pin: str,
        pin_again: str,
    ) -> StaffMember:
        """Raises UserAdminError, StaffError or PinError (bad login, name or PIN),
        LoginTakenError, or StoreError."""
        _check_actor(actor)
        _same_pins(pin, pin_again)
        member = self._users.add(
            login, display_name, role, pin, at=self._clock(), added_by=actor.id
        )
        log.info("user added by %s: %s (%s)", actor.login, member.login, member.role)
        return member

    def change_pin(self, actor: StaffMember, user_id: str, pin: str, pin_again: str) -> None:
        """A new PIN for anyone (also the actor); it lifts a lockout too."""
        _check_actor(actor)
        _same_pins(pin, pin_again)
        account = self._users.change_pin(
            user_id,
            pin,
            event=AuditEvent(
                at=self._clock(),
                action=AuditAction.PIN_CHANGED,
                user_id=actor.id,
                approved_by=actor.id,
                details={"user": user_id},
            ),
        )
        log.info("PIN changed by %s for %s", actor.login, account.member.login)

    def deactivate(self, actor: StaffMember, user_id: str) -> UserAccount:
        """Raises UserAdminError for the actor themself, LastManagerError for the last active
        manager."""
        _check_actor(actor)
        if user_id == actor.id:
            raise UserAdminError(
                QT_TRANSLATE_NOOP(
                    "UserAdmin",
                    "You cannot deactivate yourself: another manager must do it.",
                )
            )
        return self._set_active(actor, user_id, active=False)

    def reactivate(self, actor: StaffMember, user_id: str) -> UserAccount:
        _check_actor(actor)
        return self._set_active(actor, user_id, active=True)

    def _set_active(self, actor: StaffMember, user_id: str, *, active: bool) -> UserAccount:
        account = self._users.set_active(
            user_id,
            active,
            event=AuditEvent(
                at=self._clock(),
                action=AuditAction.USER_REACTIVATED if active else AuditAction.USER_DEACTIVATED,
                user_id=actor.id,
                approved_by=actor.id,
                details={"user": user_id},
            ),
        )
        log.info(
            "user %s by %s: %s",
            "reactivated" if active else "deactivated",
            actor.login,
            account.member.login,
        )
        return account


def _check_actor(actor: StaffMember) -> None:
    if not actor.can(Permission.MANAGE_USERS):
        raise UserAdminError(QT_TRANSLATE_NOOP("UserAdmin", "Only a manager manages users."))


def _same_pins(pin: str, pin_again: str) -> None:
    validate_pin(pin)
    if pin != pin_again:
        raise UserAdminError(
            QT_TRANSLATE_NOOP("UserAdmin", "The two PINs differ: type the same PIN twice.")
        )
