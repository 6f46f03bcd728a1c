"""Manager approvals: price overrides, manual discounts, voids after the total, voiding a paid
sale, returns without a receipt, opening the drawer without a sale, and the rest of what a cashier
may not do alone.

When the logged-in user has the permission, the action is recorded as done and approved by them.
Otherwise a manager types their login and PIN at the till (same lockout rules as logging in; a
cashier's PIN approves nothing). Every approval needs a reason, and every one is written to the
append-only audit log: who, who approved, what, when, for which sale, why, and the details.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pos_client.domain.audit import MAX_ACTION_LENGTH, AuditAction, AuditEvent
from pos_client.domain.messages import QT_TRANSLATE_NOOP, Message, Template, TillError
from pos_client.domain.people import Permission, StaffMember
from pos_client.services.auth import AuthError, AuthService, Clock, utc_now
from pos_client.store.users import UserRepository

MAX_REASON_LENGTH = 500

_WHAT: Mapping[Permission, Template] = {
    Permission.SELL: QT_TRANSLATE_NOOP("Approvals", "selling"),
    Permission.PRICE_OVERRIDE: QT_TRANSLATE_NOOP("Approvals", "a price override"),
    Permission.MANUAL_DISCOUNT: QT_TRANSLATE_NOOP("Approvals", "a manual discount"),
    Permission.VOID_LINE_AFTER_TOTAL: QT_TRANSLATE_NOOP(
        "Approvals", "voiding a line after the total"
    ),
    Permission.VOID_PAID_SALE: QT_TRANSLATE_NOOP("Approvals", "voiding a paid sale"),
    Permission.RETURN_WITHOUT_RECEIPT: QT_TRANSLATE_NOOP("Approvals", "a return without a receipt"),
    Permission.OPEN_DRAWER: QT_TRANSLATE_NOOP("Approvals", "opening the drawer without a sale"),
    Permission.CASH_IN_OUT: QT_TRANSLATE_NOOP("Approvals", "cash in or out"),
    Permission.X_REPORT: QT_TRANSLATE_NOOP("Approvals", "an X report"),
    Permission.CLOSE_SHIFT: QT_TRANSLATE_NOOP("Approvals", "closing the shift"),
    Permission.VIEW_AUDIT: QT_TRANSLATE_NOOP("Approvals", "viewing the audit log"),
    Permission.SETTINGS: QT_TRANSLATE_NOOP("Approvals", "changing the settings"),
    Permission.MANAGE_USERS: QT_TRANSLATE_NOOP("Approvals", "managing users"),
}


def describe(permission: Permission) -> Message:
    """What the permission allows, for messages ("a price override")."""
    return Message(_WHAT[permission])


class ApprovalError(TillError):
    """An approval was refused; the message is meant for the till's screen."""


class ApprovalRequired(ApprovalError):  # noqa: N818 - reads as what the caller must do
    """The user may not do this alone: a manager's login and PIN are needed."""

    def __init__(self, message: Message, permission: Permission) -> None:
        super().__init__(message)
        self.permission = permission


@dataclass(frozen=True, slots=True)
class Approval:
    """A recorded permission to go ahead: `user` does it, `approved_by` allowed it."""

    permission: Permission
    action: str
    user: StaffMember
    approved_by: StaffMember
    at: datetime
    reason: str
    sale_id: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def by_manager(self) -> bool:
        """True when someone other than the user approved it with their PIN."""
        return self.approved_by.id != self.user.id


class ApprovalService:
    def __init__(self, users: UserRepository, auth: AuthService, clock: Clock = utc_now) -> None:
        self._users = users
        self._auth = auth
        self._clock = clock

    def needs_approval(self, permission: Permission) -> bool:
        """True when the logged-in user (if any) may not do this alone."""
        current = self._auth.current
        return current is None or not current.can(permission)

    def authorize(
        self,
        permission: Permission,
        action: str,
        reason: str,
        sale_id: str | None = None,
        details: Mapping[str, Any] | None = None,
        manager_login: str | None = None,
        manager_pin: str | None = None,
    ) -> Approval:
        """Allow `action` (the audit entry's action, e.g. "line_discount") under `permission`.

        Raises ApprovalRequired when a manager's login and PIN are needed and were not given,
        ApprovalError for a missing reason, a wrong PIN, a locked login or a cashier's PIN, and
        StoreError when the database refuses the write. On success the audit entry is written.
        """
        action = str(action)
        if not action or len(action) > MAX_ACTION_LENGTH:
            raise ValueError(f"an audit action is 1 to {MAX_ACTION_LENGTH} characters: {action!r}")
        facts = dict(details or {})
        try:
            json.dumps(facts)
        except (TypeError, ValueError) as error:
            raise ValueError(f"approval details must be JSON: {error}") from error
        user = self._auth.current
        if user is None:
            raise ApprovalError(
                QT_TRANSLATE_NOOP("Approvals", "No one is logged in: log in first.")
            )
        what = describe(permission)
        reason = " ".join(reason.split())
        if not reason:
            raise ApprovalError(QT_TRANSLATE_NOOP("Approvals", "Give the reason for %1."), what)
        if len(reason) > MAX_REASON_LENGTH:
            raise ApprovalError(
                QT_TRANSLATE_NOOP("Approvals", "The reason is too long (at most %1 characters)."),
                MAX_REASON_LENGTH,
            )
        facts.setdefault("permission", permission.value)

        def approval(approver: StaffMember) -> Approval:
            return Approval(
                permission, action, user, approver, self._clock(), reason, sale_id, facts
            )

        def entry(done: Approval) -> AuditEvent:
            return AuditEvent(
                at=done.at,
                action=action,
                user_id=user.id,
                approved_by=done.approved_by.id,
                sale_id=sale_id,
                reason=reason,
                details=facts,
            )

        if user.can(permission):
            done = approval(user)
            self._users.record_event(entry(done))
            return done
        if not manager_login or not manager_pin:
            raise ApprovalRequired(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Approvals",
                        "This needs a manager (%1): the manager enters their login and PIN.",
                    ),
                    (what,),
                ),
                permission,
            )
        approved: list[Approval] = []

        def on_success(approver: StaffMember) -> AuditEvent:
            if approver.can_approve(permission):
                approved.append(approval(approver))
                return entry(approved[0])
            return AuditEvent(
                at=self._clock(),
                action=AuditAction.APPROVAL_REFUSED,
                user_id=user.id,
                sale_id=sale_id,
                reason=reason,
                details={**facts, "action": action, "approver": approver.id},
            )

        try:
            approver = self._auth.authenticate(
                manager_login,
                manager_pin,
                on_success=on_success,
                purpose={
                    "purpose": "approval",
                    "permission": permission.value,
                    "action": action,
                    "for_user": user.id,
                },
            )
        except AuthError as error:
            raise ApprovalError(error.message) from error
        if not approved:
            raise ApprovalError(
                QT_TRANSLATE_NOOP(
                    "Approvals",
                    "%1 may not approve %2: a manager's login and PIN are needed.",
                ),
                approver.display_name,
                what,
            )
        return approved[0]
