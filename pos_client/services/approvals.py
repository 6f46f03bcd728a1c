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
from pos_client.domain.people import Permission, StaffMember
from pos_client.services.auth import AuthError, AuthService, Clock, utc_now
from pos_client.store.users import UserRepository

MAX_REASON_LENGTH = 500

_WHAT: Mapping[Permission, str] = {
    Permission.SELL: "selling",
    Permission.PRICE_OVERRIDE: "a price override",
    Permission.MANUAL_DISCOUNT: "a manual discount",
    Permission.VOID_LINE_AFTER_TOTAL: "voiding a line after the total",
    Permission.VOID_PAID_SALE: "voiding a paid sale",
    Permission.RETURN_WITHOUT_RECEIPT: "a return without a receipt",
    Permission.OPEN_DRAWER: "opening the drawer without a sale",
    Permission.CASH_IN_OUT: "cash in or out",
    Permission.X_REPORT: "an X report",
    Permission.CLOSE_SHIFT: "closing the shift",
    Permission.VIEW_AUDIT: "viewing the audit log",
    Permission.SETTINGS: "changing the settings",
    Permission.MANAGE_USERS: "managing users",
}


def describe(permission: Permission) -> str:
    """What the permission allows, for messages ("a price override")."""
    return _WHAT[permission]


class ApprovalError(Exception):
    """An approval was refused; the message is meant for the till's screen."""


class ApprovalRequired(ApprovalError):  # noqa: N818 - reads as what the caller must do
    """The user may not do this alone: a manager's login and PIN are needed."""

    def __init__(self, message: str, permission: Permission) -> None:
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
            raise ApprovalError("No one is logged in: log in first.")
        what = describe(permission)
        reason = " ".join(reason.split())
        if not reason:
            raise ApprovalError(f"Give the reason for {what}.")
        if len(reason) > MAX_REASON_LENGTH:
            raise ApprovalError(f"The reason is too long (at most {MAX_REASON_LENGTH} characters).")
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
                f"{what[0].upper()}{what[1:]} needs a manager: "
                "the manager enters their login and PIN.",
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
            raise ApprovalError(str(error)) from error
        if not approved:
            raise ApprovalError(
                f"{approver.display_name} may not approve {what}: a manager's login and PIN "
                "are needed."
            )
        return approved[0]
