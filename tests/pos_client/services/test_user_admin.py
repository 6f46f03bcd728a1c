"""Managing users on a real SQLite file: only managers, the PIN twice, never deleting, never
deactivating oneself or the last manager, and an audit entry for each change."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, text

from pos_client.domain.people import Role, StaffError, StaffMember
from pos_client.domain.pin import PinError, ScryptCost
from pos_client.services.auth import AuthError, AuthService
from pos_client.services.user_admin import UserAdminError, UserAdminService
from pos_client.store.users import LastManagerError, LoginTakenError, UserRepository

FAST = ScryptCost(n=16, r=1, p=1)
NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)


@pytest.fixture
def users(store_engine: Engine) -> UserRepository:
    return UserRepository(store_engine, pin_cost=FAST)


@pytest.fixture
def admin(users: UserRepository) -> UserAdminService:
    return UserAdminService(users, clock=lambda: NOW)


@pytest.fixture
def manager(users: UserRepository) -> StaffMember:
    return users.add("kierownik", "Anna Nowak", Role.MANAGER, "1234")


@pytest.fixture
def cashier(users: UserRepository) -> StaffMember:
    return users.add("kasjer", "Jan Kowalski", Role.CASHIER, "1111")


def audit(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT action, user_id, approved_by, details FROM audit_log ORDER BY seq")
        ).mappings()
        return [{**row, "details": json.loads(row["details"])} for row in rows]


def test_a_manager_adds_a_user_with_the_pin_typed_twice(
    admin: UserAdminService, users: UserRepository, manager: StaffMember, store_engine: Engine
) -> None:
    member = admin.add_user(manager, " Ewa ", "Ewa  Zielińska", Role.CASHIER, "2468", "2468")

    assert (member.login, member.display_name, member.role) == (
        "ewa",
        "Ewa Zielińska",
        Role.CASHIER,
    )
    assert AuthService(users).login("EWA", "2468") == member
    assert audit(store_engine)[0] == {
        "action": "user_added",
        "user_id": manager.id,
        "approved_by": None,
        "details": {"user": member.id, "login": "ewa", "role": "cashier"},
    }


@pytest.mark.parametrize(
    ("login", "name", "pin", "again", "error", "message"),
    [
        ("ewa", "Ewa", "2468", "2469", UserAdminError, "The two PINs differ"),
        ("ewa", "Ewa", "24", "24", PinError, "4 to 8 digits"),
        ("e w", "Ewa", "2468", "2468", StaffError, "without spaces"),
        ("ewa", " ", "2468", "2468", StaffError, "A name is"),
        ("KASJER", "Ewa", "2468", "2468", LoginTakenError, "is taken"),
    ],
)
def test_a_bad_new_user_is_refused_and_nothing_is_written(
    admin: UserAdminService,
    manager: StaffMember,
    cashier: StaffMember,
    store_engine: Engine,
    login: str,
    name: str,
    pin: str,
    again: str,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        admin.add_user(manager, login, name, Role.CASHIER, pin, again)
    assert [account.member.login for account in admin.users()] == ["kierownik", "kasjer"]
    assert audit(store_engine) == []


def test_only_a_manager_manages_users(
    admin: UserAdminService, manager: StaffMember, cashier: StaffMember
) -> None:
    for attempt in (
        lambda: admin.add_user(cashier, "ewa", "Ewa", Role.MANAGER, "2468", "2468"),
        lambda: admin.change_pin(cashier, manager.id, "2468", "2468"),
        lambda: admin.deactivate(cashier, manager.id),
        lambda: admin.reactivate(cashier, manager.id),
    ):
        with pytest.raises(UserAdminError, match="Only a manager"):
            attempt()


def test_a_new_pin_lets_the_user_in_again(
    admin: UserAdminService,
    users: UserRepository,
    manager: StaffMember,
    cashier: StaffMember,
    store_engine: Engine,
) -> None:
    auth = AuthService(users, max_failures=2)
    for _ in range(2):
        with pytest.raises(AuthError):
            auth.login("kasjer", "0000")
    with pytest.raises(AuthError, match="locked"):
        auth.login("kasjer", "1111")

    with pytest.raises(UserAdminError, match="differ"):
        admin.change_pin(manager, cashier.id, "5555", "5556")
    admin.change_pin(manager, cashier.id, "5555", "5555")

    assert auth.login("kasjer", "5555") == cashier
    entry = next(row for row in audit(store_engine) if row["action"] == "pin_changed")
    assert entry == {
        "action": "pin_changed",
        "user_id": manager.id,
        "approved_by": manager.id,
        "details": {"user": cashier.id},
    }


def test_deactivated_users_cannot_log_in_until_reactivated(
    admin: UserAdminService,
    users: UserRepository,
    manager: StaffMember,
    cashier: StaffMember,
    store_engine: Engine,
) -> None:
    auth = AuthService(users)

    assert not admin.deactivate(manager, cashier.id).active
    with pytest.raises(AuthError, match="Wrong login or PIN"):
        auth.login("kasjer", "1111")
    assert [(a.member.login, a.active) for a in admin.users()] == [
        ("kierownik", True),
        ("kasjer", False),
    ]

    assert admin.reactivate(manager, cashier.id).active
    assert auth.login("kasjer", "1111") == cashier
    assert [
        (row["action"], row["user_id"], row["details"])
        for row in audit(store_engine)
        if row["action"].startswith("user_")
    ] == [
        ("user_deactivated", manager.id, {"user": cashier.id}),
        ("user_reactivated", manager.id, {"user": cashier.id}),
    ]


def test_a_manager_cannot_deactivate_themself(
    admin: UserAdminService, users: UserRepository, manager: StaffMember
) -> None:
    second = users.add("zastepca", "Ewa", Role.MANAGER, "4321")

    with pytest.raises(UserAdminError, match="cannot deactivate yourself"):
        admin.deactivate(manager, manager.id)

    admin.deactivate(second, manager.id)
    # Anna's session began before Ewa deactivated her (another till): Ewa, the only active
    # manager left, stays.
    with pytest.raises(LastManagerError, match="Ewa is the last active manager"):
        admin.deactivate(manager, second.id)
    account = users.get(second.id)
    assert account is not None
    assert account.active
