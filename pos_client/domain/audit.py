"""The audit trail as the till's code sees it: events to append and records read back.

The `audit_log` table is append-only (triggers refuse UPDATE and DELETE). Each entry says who did
what (`user_id`), who approved it (`approved_by`, the same person when they had the right
themselves), when, for which sale, why, and details as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from pos_client.domain.people import Permission

MAX_ACTION_LENGTH = 40
"""The `audit_log.action` column's width."""


class AuditAction(StrEnum):
    """Actions the till writes about people; approvals add their own (see APPROVAL_ACTIONS)."""

    LOGIN = "login"
    LOGOUT = "logout"
    LOGIN_FAILED = "login_failed"
    """A wrong PIN or an unknown login, at the login screen or in an approval."""
    LOCKED_OUT = "locked_out"
    APPROVAL_REFUSED = "approval_refused"
    """The right PIN of someone who may not approve this (a cashier)."""
    USER_ADDED = "user_added"
    PIN_CHANGED = "pin_changed"
    """A manager set a new PIN for someone (it also lifts their lockout)."""
    USER_DEACTIVATED = "user_deactivated"
    USER_REACTIVATED = "user_reactivated"


class ApprovalAction(StrEnum):
    """What a manager approves (the audit entry's action), each under one permission."""

    PRICE_OVERRIDE = "price_override"
    LINE_DISCOUNT = "line_discount"
    BASKET_DISCOUNT = "basket_discount"
    VOID_LINE_AFTER_TOTAL = "void_line_after_total"
    VOID_PAID_SALE = "void_paid_sale"
    RETURN_WITHOUT_RECEIPT = "return_without_receipt"
    OPEN_DRAWER = "open_drawer"
    CASH_IN = "cash_in"
    CASH_OUT = "cash_out"
    X_REPORT = "x_report"
    CLOSE_SHIFT = "close_shift"
    VIEW_AUDIT = "view_audit"
    SETTINGS = "settings"
    MANAGE_USERS = "manage_users"
    SYNC_QUEUE = "sync_queue"
    """The quarantined sync rows looked at from a cashier's screen."""
    SYNC_RELEASE = "sync_release"
    """Quarantined sync rows sent to the central service again."""
    FULL_SYNC = "full_sync"
    """The catalogue sync window opened from a cashier's screen."""
    SYNC_ENROLMENT = "sync_enrolment"
    """The enrolment window opened (it decides where the till's sales go)."""


APPROVAL_ACTIONS: Mapping[ApprovalAction, Permission] = MappingProxyType(
    {
        ApprovalAction.PRICE_OVERRIDE: Permission.PRICE_OVERRIDE,
        ApprovalAction.LINE_DISCOUNT: Permission.MANUAL_DISCOUNT,
        ApprovalAction.BASKET_DISCOUNT: Permission.MANUAL_DISCOUNT,
        ApprovalAction.VOID_LINE_AFTER_TOTAL: Permission.VOID_LINE_AFTER_TOTAL,
        ApprovalAction.VOID_PAID_SALE: Permission.VOID_PAID_SALE,
        ApprovalAction.RETURN_WITHOUT_RECEIPT: Permission.RETURN_WITHOUT_RECEIPT,
        ApprovalAction.OPEN_DRAWER: Permission.OPEN_DRAWER,
        ApprovalAction.CASH_IN: Permission.CASH_IN_OUT,
        ApprovalAction.CASH_OUT: Permission.CASH_IN_OUT,
        ApprovalAction.X_REPORT: Permission.X_REPORT,
        ApprovalAction.CLOSE_SHIFT: Permission.CLOSE_SHIFT,
        ApprovalAction.VIEW_AUDIT: Permission.VIEW_AUDIT,
        ApprovalAction.SETTINGS: Permission.SETTINGS,
        ApprovalAction.MANAGE_USERS: Permission.MANAGE_USERS,
        ApprovalAction.SYNC_QUEUE: Permission.SETTINGS,
        ApprovalAction.SYNC_RELEASE: Permission.SETTINGS,
        ApprovalAction.FULL_SYNC: Permission.SETTINGS,
        ApprovalAction.SYNC_ENROLMENT: Permission.SETTINGS,
    }
)
"""The permission each approval action needs."""


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """An entry to append (written in the transaction of the change it describes)."""

    at: datetime
    action: str
    user_id: str | None = None
    approved_by: str | None = None
    sale_id: str | None = None
    reason: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """An entry read back, with the names of the people it mentions (None if unknown)."""

    seq: int
    id: str
    at: datetime
    action: str
    user_id: str | None
    user_name: str | None
    approved_by: str | None
    approver_name: str | None
    sale_id: str | None
    reason: str
    details: Mapping[str, Any]
