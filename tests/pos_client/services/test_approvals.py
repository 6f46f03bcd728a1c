"""Approvals on a real SQLite file: a manager does it alone or approves with their PIN; a cashier's
PIN approves nothing; a reason is required; every approval is in the audit log."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from pos_client.domain.audit import APPROVAL_ACTIONS, ApprovalAction
from pos_client.domain.people import Permission, Role, StaffMember
from pos_client.domain.pin import ScryptCost
from pos_client.services.approvals import (
    Approval,
    ApprovalError,
    ApprovalRequired,
    ApprovalService,
    describe,
)
from pos_client.services.auth import AuthService
from pos_client.store.users import UserRepository

FAST = ScryptCost(n=16, r=1, p=1)
NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def users(store_engine: Engine) -> UserRepository:
    return UserRepository(store_engine, pin_cost=FAST)


@pytest.fixture
def people(users: UserRepository) -> dict[str, StaffMember]:
    return {
        "manager": users.add("kierownik", "Kierownik", Role.MANAGER, "1234"),
        "cashier": users.add("kasjer", "Anna Kasjer", Role.CASHIER, "1111"),
        "other": users.add("piotr", "Piotr", Role.CASHIER, "2222"),
    }


@pytest.fixture
def auth(users: UserRepository, clock: FakeClock, people: dict[str, StaffMember]) -> AuthService:
    return AuthService(users, clock)


@pytest.fixture
def approvals(users: UserRepository, auth: AuthService, clock: FakeClock) -> ApprovalService:
    return ApprovalService(users, auth, clock)


def audit_rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM audit_log ORDER BY seq")).mappings().all()
    return [{**row, "details": json.loads(row["details"])} for row in rows]


def approval_rows(engine: Engine) -> list[dict[str, Any]]:
    return [r for r in audit_rows(engine) if r["action"] not in ("login", "logout")]


@pytest.mark.parametrize("action", list(ApprovalAction))
def test_a_logged_in_manager_approves_their_own_action(
    action: ApprovalAction,
    auth: AuthService,
    approvals: ApprovalService,
    people: dict[str, StaffMember],
    store_engine: Engine,
) -> None:
    auth.login("kierownik", "1234")
    permission = APPROVAL_ACTIONS[action]
    assert not approvals.needs_approval(permission)
    approval = approvals.authorize(permission, action, "  checked   by me ", sale_id="sale-1")
    assert approval.user == approval.approved_by == people["manager"]
    assert not approval.by_manager
    assert approval.reason == "checked by me"
    (row,) = approval_rows(store_engine)
    assert row["action"] == action.value
    assert row["user_id"] == row["approved_by"] == people["manager"].id
    assert row["sale_id"] == "sale-1"
    assert row["details"] == {"permission": permission.value}


@pytest.mark.parametrize(
    ("action", "details"),
    [
        (ApprovalAction.PRICE_OVERRIDE, {"sku": "CZK-040", "old": 499, "new": 399}),
        (ApprovalAction.LINE_DISCOUNT, {"line": "l-1", "discount": 100}),
        (ApprovalAction.BASKET_DISCOUNT, {"percent": 10}),
        (ApprovalAction.VOID_LINE_AFTER_TOTAL, {"line": "l-2"}),
        (ApprovalAction.VOID_PAID_SALE, {"total": 1299}),
        (ApprovalAction.RETURN_WITHOUT_RECEIPT, {"total": 650}),
        (ApprovalAction.OPEN_DRAWER, {}),
    ],
)
def test_a_cashier_needs_a_manager_pin_and_the_approval_is_audited(
    action: ApprovalAction,
    details: dict[str, Any],
    auth: AuthService,
    approvals: ApprovalService,
    people: dict[str, StaffMember],
    store_engine: Engine,
) -> None:
    auth.login("kasjer", "1111")
    permission = APPROVAL_ACTIONS[action]
    assert approvals.needs_approval(permission)
    with pytest.raises(ApprovalRequired, match="needs a manager") as raised:
        approvals.authorize(permission, action, "customer asked", sale_id="sale-7")
    assert raised.value.permission is permission
    assert approval_rows(store_engine) == []

    approval = approvals.authorize(
        permission,
        action,
        "customer asked",
        sale_id="sale-7",
        details=details,
        manager_login="kierownik",
        manager_pin="1234",
    )
    assert isinstance(approval, Approval)
    assert approval.user == people["cashier"]
    assert approval.approved_by == people["manager"]
    assert approval.by_manager
    assert approval.at == NOW
    assert auth.current == people["cashier"]  # the cashier stays logged in
    (row,) = approval_rows(store_engine)
    assert row["action"] == action.value
    assert row["user_id"] == people["cashier"].id
    assert row["approved_by"] == people["manager"].id
    assert row["sale_id"] == "sale-7"
    assert row["reason"] == "customer asked"
    assert row["at"] == NOW.isoformat()
    assert row["details"] == {**details, "permission": permission.value}


@pytest.mark.parametrize("pin_of", ["kasjer", "piotr"])
def test_a_cashier_pin_approves_nothing(
    pin_of: str,
    auth: AuthService,
    approvals: ApprovalService,
    people: dict[str, StaffMember],
    store_engine: Engine,
) -> None:
    auth.login("kasjer", "1111")
    pins = {"kasjer": "1111", "piotr": "2222"}
    with pytest.raises(ApprovalError, match="may not approve a price override"):
        approvals.authorize(
            Permission.PRICE_OVERRIDE,
            ApprovalAction.PRICE_OVERRIDE,
            "damaged",
            sale_id="sale-1",
            manager_login=pin_of,
            manager_pin=pins[pin_of],
        )
    (row,) = approval_rows(store_engine)
    assert row["action"] == "approval_refused"
    assert row["user_id"] == people["cashier"].id
    assert row["approved_by"] is None
    assert row["details"]["approver"] == people["cashier" if pin_of == "kasjer" else "other"].id
    assert row["details"]["action"] == "price_override"


def test_a_wrong_manager_pin_is_refused_counted_and_locks(
    auth: AuthService,
    approvals: ApprovalService,
    people: dict[str, StaffMember],
    store_engine: Engine,
) -> None:
    auth.login("kasjer", "1111")

    def attempt(pin: str) -> Approval:
        return approvals.authorize(
            Permission.VOID_PAID_SALE,
            ApprovalAction.VOID_PAID_SALE,
            "wrong tender",
            manager_login="kierownik",
            manager_pin=pin,
        )

    with pytest.raises(ApprovalError, match=r"Wrong login or PIN\. 4 attempts left"):
        attempt("0000")
    for _ in range(3):
        with pytest.raises(ApprovalError, match="attempt"):
            attempt("0000")
    with pytest.raises(ApprovalError, match="locked until"):
        attempt("0000")
    with pytest.raises(ApprovalError, match="locked until"):
        attempt("1234")
    failed = [r for r in approval_rows(store_engine) if r["action"] == "login_failed"]
    assert failed[0]["user_id"] == people["manager"].id
    assert failed[0]["details"]["purpose"] == "approval"
    assert failed[0]["details"]["for_user"] == people["cashier"].id
    assert failed[0]["details"]["permission"] == "void_paid_sale"
    assert "locked_out" in [r["action"] for r in approval_rows(store_engine)]
    assert not [r for r in approval_rows(store_engine) if r["action"] == "void_paid_sale"]


def test_an_unknown_manager_login_is_refused(auth: AuthService, approvals: ApprovalService) -> None:
    auth.login("kasjer", "1111")
    with pytest.raises(ApprovalError, match="Wrong login or PIN"):
        approvals.authorize(
            Permission.OPEN_DRAWER,
            ApprovalAction.OPEN_DRAWER,
            "change",
            manager_login="szef",
            manager_pin="1234",
        )


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_a_reason_is_required_before_any_pin_is_checked(
    reason: str, auth: AuthService, approvals: ApprovalService, store_engine: Engine
) -> None:
    auth.login("kasjer", "1111")
    with pytest.raises(ApprovalError, match="Give the reason for a manual discount"):
        approvals.authorize(
            Permission.MANUAL_DISCOUNT,
            ApprovalAction.LINE_DISCOUNT,
            reason,
            manager_login="kierownik",
            manager_pin="0000",
        )
    assert approval_rows(store_engine) == []
    auth.login("kierownik", "1234")
    with pytest.raises(ApprovalError, match="reason"):
        approvals.authorize(Permission.MANUAL_DISCOUNT, ApprovalAction.LINE_DISCOUNT, reason)


def test_a_too_long_reason_is_refused(auth: AuthService, approvals: ApprovalService) -> None:
    auth.login("kierownik", "1234")
    with pytest.raises(ApprovalError, match="too long"):
        approvals.authorize(Permission.OPEN_DRAWER, ApprovalAction.OPEN_DRAWER, "x" * 501)


def test_what_a_cashier_may_do_is_recorded_as_theirs(
    auth: AuthService,
    approvals: ApprovalService,
    people: dict[str, StaffMember],
    store_engine: Engine,
) -> None:
    auth.login("kasjer", "1111")
    assert not approvals.needs_approval(Permission.CASH_IN_OUT)
    approval = approvals.authorize(
        Permission.CASH_IN_OUT, ApprovalAction.CASH_OUT, "bank deposit", details={"amount": 50000}
    )
    assert approval.approved_by == people["cashier"]
    (row,) = approval_rows(store_engine)
    assert (row["action"], row["user_id"], row["approved_by"]) == (
        "cash_out",
        people["cashier"].id,
        people["cashier"].id,
    )


def test_nobody_logged_in_cannot_be_approved(
    approvals: ApprovalService, store_engine: Engine
) -> None:
    assert approvals.needs_approval(Permission.SELL)
    with pytest.raises(ApprovalError, match="log in"):
        approvals.authorize(
            Permission.OPEN_DRAWER,
            ApprovalAction.OPEN_DRAWER,
            "change",
            manager_login="kierownik",
            manager_pin="1234",
        )
    assert audit_rows(store_engine) == []


def test_bad_actions_and_details_are_programming_errors(
    auth: AuthService, approvals: ApprovalService
) -> None:
    auth.login("kierownik", "1234")
    with pytest.raises(ValueError, match="audit action"):
        approvals.authorize(Permission.OPEN_DRAWER, "", "why")
    with pytest.raises(ValueError, match="audit action"):
        approvals.authorize(Permission.OPEN_DRAWER, "x" * 41, "why")
    with pytest.raises(ValueError, match="JSON"):
        approvals.authorize(Permission.OPEN_DRAWER, "open_drawer", "why", details={"at": NOW})


def test_the_approval_time_is_the_clock_s(
    auth: AuthService, approvals: ApprovalService, clock: FakeClock, store_engine: Engine
) -> None:
    auth.login("kasjer", "1111")
    clock.now = NOW + timedelta(hours=3)
    approval = approvals.authorize(
        Permission.OPEN_DRAWER,
        ApprovalAction.OPEN_DRAWER,
        "change for till 2",
        manager_login="kierownik",
        manager_pin="1234",
    )
    assert approval.at == clock.now
    assert approval_rows(store_engine)[0]["at"] == clock.now.isoformat()


def test_every_permission_has_words_for_messages() -> None:
    for permission in Permission:
        assert describe(permission)
