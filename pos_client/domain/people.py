"""Who works the till and what each role may do.

Two roles. A cashier sells, takes cash in and out of the drawer during the shift (each movement
with a reason, counted at the close) and prints an X report; anything that changes what a customer
pays after the fact, gives money back without proof, opens the drawer without a sale or closes the
day needs a manager: either a manager is logged in, or a manager approves with their login and PIN
(see `services/approvals.py`). docs/PERMISSIONS.md says the same for a store manager.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError

LOGIN_MAX_LENGTH = 40
DISPLAY_NAME_MAX_LENGTH = 80


class StaffError(TillError, ValueError):
    """A login or a name that breaks the rules; the message is meant for the screen."""


def normalize_login(login: str) -> str:
    """Logins are matched without surrounding spaces and without regard to case."""
    return login.strip().lower()


def validate_login(login: str) -> str:
    """The normalised login, or StaffError."""
    normal = normalize_login(login)
    if not normal or len(normal) > LOGIN_MAX_LENGTH or any(char.isspace() for char in normal):
        raise StaffError(
            QT_TRANSLATE_NOOP("People", "A login is 1 to %1 characters without spaces."),
            LOGIN_MAX_LENGTH,
        )
    return normal


def validate_display_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > DISPLAY_NAME_MAX_LENGTH:
        raise StaffError(
            QT_TRANSLATE_NOOP("People", "A name is 1 to %1 characters."), DISPLAY_NAME_MAX_LENGTH
        )
    return cleaned


class Role(StrEnum):
    CASHIER = "cashier"
    MANAGER = "manager"


class Permission(StrEnum):
    SELL = "sell"
    """Scan, change quantities, void lines before the total, take payment, park a sale."""
    PRICE_OVERRIDE = "price_override"
    MANUAL_DISCOUNT = "manual_discount"
    """A discount typed by hand on a line or on the whole basket."""
    VOID_LINE_AFTER_TOTAL = "void_line_after_total"
    VOID_PAID_SALE = "void_paid_sale"
    RETURN_WITHOUT_RECEIPT = "return_without_receipt"
    OPEN_DRAWER = "open_drawer"
    """Open the cash drawer without a sale."""
    CASH_IN_OUT = "cash_in_out"
    X_REPORT = "x_report"
    CLOSE_SHIFT = "close_shift"
    """Close the shift with the cash count and the Z report."""
    VIEW_AUDIT = "view_audit"
    SETTINGS = "settings"
    MANAGE_USERS = "manage_users"


_CASHIER = frozenset({Permission.SELL, Permission.CASH_IN_OUT, Permission.X_REPORT})

ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = MappingProxyType(
    {
        Role.CASHIER: _CASHIER,
        Role.MANAGER: frozenset(Permission),
    }
)
"""What each role may do itself. Anything else needs a manager's approval."""


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A person logged in to the till (never carries the PIN or its hash)."""

    id: str
    login: str
    display_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def can_approve(self, permission: Permission) -> bool:
        """Only a manager approves, and only what a manager may do."""
        return self.role is Role.MANAGER and self.can(permission)

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER
