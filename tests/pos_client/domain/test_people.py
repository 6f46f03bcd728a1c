"""Roles and permissions: a cashier sells; approvals and the day's close need a manager."""

from __future__ import annotations

import dataclasses

import pytest

from pos_client.domain.audit import APPROVAL_ACTIONS, ApprovalAction
from pos_client.domain.people import (
    ROLE_PERMISSIONS,
    Permission,
    Role,
    StaffError,
    StaffMember,
    normalize_login,
    validate_display_name,
    validate_login,
)

CASHIER = StaffMember("c-1", "kasjer", "Anna Kasjer", Role.CASHIER)
MANAGER = StaffMember("m-1", "kierownik", "Łukasz Kierownik", Role.MANAGER)

NEEDS_A_MANAGER = (
    Permission.PRICE_OVERRIDE,
    Permission.MANUAL_DISCOUNT,
    Permission.VOID_LINE_AFTER_TOTAL,
    Permission.VOID_PAID_SALE,
    Permission.RETURN_WITHOUT_RECEIPT,
    Permission.OPEN_DRAWER,
    Permission.CLOSE_SHIFT,
    Permission.VIEW_AUDIT,
    Permission.SETTINGS,
    Permission.MANAGE_USERS,
)


@pytest.mark.parametrize(
    "permission", [Permission.SELL, Permission.CASH_IN_OUT, Permission.X_REPORT]
)
def test_a_cashier_sells_moves_cash_and_prints_an_x_report(permission: Permission) -> None:
    assert CASHIER.can(permission)


@pytest.mark.parametrize("permission", NEEDS_A_MANAGER)
def test_a_cashier_needs_a_manager_for_the_rest(permission: Permission) -> None:
    assert not CASHIER.can(permission)
    assert not CASHIER.can_approve(permission)


@pytest.mark.parametrize("permission", list(Permission))
def test_a_manager_may_do_and_approve_everything(permission: Permission) -> None:
    assert MANAGER.can(permission)
    assert MANAGER.can_approve(permission)


def test_every_permission_has_a_role_and_every_role_a_set() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert set().union(*ROLE_PERMISSIONS.values()) == set(Permission)
    assert ROLE_PERMISSIONS[Role.CASHIER] < ROLE_PERMISSIONS[Role.MANAGER]


def test_the_permission_table_cannot_be_changed_at_run_time() -> None:
    with pytest.raises(TypeError):
        ROLE_PERMISSIONS[Role.CASHIER] = frozenset(Permission)  # type: ignore[index]
    with pytest.raises(AttributeError):
        ROLE_PERMISSIONS[Role.CASHIER].add(Permission.SETTINGS)  # type: ignore[attr-defined]


def test_a_staff_member_is_frozen_and_compares_by_value() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CASHIER.role = Role.MANAGER  # type: ignore[misc]
    assert StaffMember("c-1", "kasjer", "Anna Kasjer", Role.CASHIER) == CASHIER
    assert MANAGER.is_manager
    assert not CASHIER.is_manager


def test_every_approval_action_names_a_permission_a_cashier_lacks_or_has() -> None:
    assert set(APPROVAL_ACTIONS) == set(ApprovalAction)
    assert APPROVAL_ACTIONS[ApprovalAction.LINE_DISCOUNT] is Permission.MANUAL_DISCOUNT
    assert APPROVAL_ACTIONS[ApprovalAction.BASKET_DISCOUNT] is Permission.MANUAL_DISCOUNT


def test_roles_and_permissions_are_stored_as_plain_text() -> None:
    assert Role("manager") is Role.MANAGER
    assert Permission("void_paid_sale") is Permission.VOID_PAID_SALE
    assert str(Permission.OPEN_DRAWER) == "open_drawer"


@pytest.mark.parametrize(
    ("typed", "login"), [("kasjer", "kasjer"), ("  Kasjer ", "kasjer"), ("ANNA.K", "anna.k")]
)
def test_logins_ignore_case_and_surrounding_spaces(typed: str, login: str) -> None:
    assert normalize_login(typed) == login
    assert validate_login(typed) == login


@pytest.mark.parametrize("login", ["", "   ", "anna kowalska", "x" * 41])
def test_bad_logins_are_refused(login: str) -> None:
    with pytest.raises(StaffError, match="login"):
        validate_login(login)


def test_display_names_are_tidied_and_bounded() -> None:
    assert validate_display_name("  Łukasz   Kierownik ") == "Łukasz Kierownik"
    with pytest.raises(StaffError):
        validate_display_name("   ")
    with pytest.raises(StaffError):
        validate_display_name("x" * 81)
