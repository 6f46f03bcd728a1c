"""Users on a real SQLite file: PINs only as salted hashes, failures and locks persisted with
their audit entries in the same IMMEDIATE transaction, store errors translated."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from pos_client.domain.audit import AuditAction, AuditEvent
from pos_client.domain.people import Role, StaffError
from pos_client.domain.pin import PinError, ScryptCost, verify_pin
from pos_client.store.database import create_store_engine
from pos_client.store.errors import StoreBusyError, StoreReadOnlyError
from pos_client.store.users import (
    LastManagerError,
    LoginTakenError,
    UnknownUserError,
    UserRepository,
)

FAST = ScryptCost(n=16, r=1, p=1)
NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)


@pytest.fixture
def users(store_engine: Engine) -> UserRepository:
    return UserRepository(store_engine, pin_cost=FAST)


def audit_rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM audit_log ORDER BY seq")).mappings().all()
    return [{**row, "details": json.loads(row["details"])} for row in rows]


def user_row(engine: Engine, user_id: str) -> dict[str, Any]:
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT * FROM users WHERE id = :id"), {"id": user_id}
        ).mappings()
        return dict(row.one())


def engine_with(path: Path, *pragmas: str) -> Engine:
    engine = create_store_engine(path)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    event.listen(engine, "connect", on_connect)
    return engine


def failure(user_id: str, at: datetime = NOW) -> AuditEvent:
    return AuditEvent(
        at=at,
        action=AuditAction.LOGIN_FAILED,
        user_id=user_id,
        reason="wrong PIN",
        details={"purpose": "login"},
    )


def test_add_keeps_only_a_salted_hash_of_the_pin(
    users: UserRepository, store_engine: Engine
) -> None:
    member = users.add("Kasjer", "Anna  Kasjer", Role.CASHIER, "1111")
    assert (member.login, member.display_name, member.role) == ("kasjer", "Anna Kasjer", "cashier")
    row = user_row(store_engine, member.id)
    assert "1111" not in row["pin_hash"]
    assert row["pin_hash"].startswith("scrypt$16$1$1$")
    assert len(bytes.fromhex(row["pin_salt"])) == 16
    assert (row["role"], row["failed_attempts"], row["locked_until"], row["active"]) == (
        "cashier",
        0,
        None,
        1,
    )
    account = users.by_login("kasjer")
    assert account is not None
    assert account.member == member
    assert verify_pin("1111", account.pin)
    assert not verify_pin("1112", account.pin)
    assert "scrypt" not in repr(account)


def test_users_are_found_by_login_without_regard_to_case_and_by_id(users: UserRepository) -> None:
    member = users.add("kierownik", "Kierownik", Role.MANAGER, "1234")
    found = users.by_login("  KIEROWNIK ")
    assert found is not None
    assert found.member == member
    assert users.get(member.id) == found
    assert users.by_login("nobody") is None
    assert users.by_login("   ") is None
    assert users.get("no-such-id") is None


def test_a_login_is_taken_once(users: UserRepository, store_engine: Engine) -> None:
    users.add("kasjer", "Anna", Role.CASHIER, "1111")
    with pytest.raises(LoginTakenError, match="taken"):
        users.add("KASJER", "Druga Anna", Role.CASHIER, "2222")
    assert users.count() == 1


@pytest.mark.parametrize(
    ("login", "name", "pin", "error"),
    [
        ("kasjer", "Anna", "123", PinError),
        ("kasjer", "Anna", "12a4", PinError),
        ("", "Anna", "1234", StaffError),
        ("anna k", "Anna", "1234", StaffError),
        ("kasjer", "  ", "1234", StaffError),
    ],
)
def test_bad_users_are_refused_and_nothing_is_written(
    users: UserRepository, login: str, name: str, pin: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        users.add(login, name, Role.CASHIER, pin)
    assert users.count() == 0


def test_add_can_record_who_added_the_user(users: UserRepository, store_engine: Engine) -> None:
    manager = users.add("kierownik", "Kierownik", Role.MANAGER, "1234")
    cashier = users.add("kasjer", "Anna", Role.CASHIER, "1111", at=NOW, added_by=manager.id)
    (row,) = audit_rows(store_engine)
    assert row["action"] == "user_added"
    assert row["user_id"] == manager.id
    assert row["details"] == {"user": cashier.id, "login": "kasjer", "role": "cashier"}
    assert row["at"] == NOW.isoformat()


def test_list_shows_active_users_by_name(users: UserRepository, store_engine: Engine) -> None:
    zofia = users.add("zofia", "Zofia", Role.CASHIER, "1111")
    adam = users.add("adam", "Adam", Role.MANAGER, "2222")
    gone = users.add("ewa", "Ewa", Role.CASHIER, "3333")
    with store_engine.begin() as connection:
        connection.execute(text("UPDATE users SET active = 0 WHERE id = :id"), {"id": gone.id})
    assert [account.member for account in users.list()] == [adam, zofia]
    assert [account.member.login for account in users.list(include_inactive=True)] == [
        "adam",
        "ewa",
        "zofia",
    ]
    assert users.count() == 3
    inactive = users.get(gone.id)
    assert inactive is not None
    assert not inactive.active


def test_failures_are_counted_and_audited_in_the_same_transaction(
    users: UserRepository, store_engine: Engine
) -> None:
    member = users.add("kasjer", "Anna", Role.CASHIER, "1111")
    account = users.record_failure(
        member.id, event=failure(member.id), max_failures=3, lockout=timedelta(minutes=5)
    )
    assert account.failed_attempts == 1
    assert account.locked_until is None
    account = users.record_failure(
        member.id, event=failure(member.id), max_failures=3, lockout=timedelta(minutes=5)
    )
    assert account.failed_attempts == 2
    rows = audit_rows(store_engine)
    assert [(row["action"], row["details"]["attempt"]) for row in rows] == [
        ("login_failed", 1),
        ("login_failed", 2),
    ]
    assert rows[0]["details"]["purpose"] == "login"
    assert rows[0]["user_id"] == member.id
    assert rows[0]["reason"] == "wrong PIN"


def test_the_last_allowed_failure_locks_and_starts_the_count_again(
    users: UserRepository, store_engine: Engine
) -> None:
    member = users.add("kasjer", "Anna", Role.CASHIER, "1111")
    for _ in range(3):
        account = users.record_failure(
            member.id, event=failure(member.id), max_failures=3, lockout=timedelta(minutes=5)
        )
    until = NOW + timedelta(minutes=5)
    assert account.locked_until == until
    assert account.failed_attempts == 0
    assert account.is_locked(NOW)
    assert account.is_locked(until - timedelta(seconds=1))
    assert not account.is_locked(until)
    assert user_row(store_engine, member.id)["locked_until"] == until.isoformat()
    rows = audit_rows(store_engine)
    assert [row["action"] for row in rows] == [
        "login_failed",
        "login_failed",
        "login_failed",
        "locked_out",
    ]
    assert rows[-1]["user_id"] == member.id
    assert rows[-1]["details"] == {"until": until.isoformat(), "attempts": 3}
    # Persisted: a fresh repository (a restarted till) sees the lock.
    again = UserRepository(store_engine).get(member.id)
    assert again is not None
    assert again.locked_until == until


def test_reset_clears_failures_and_the_lock_and_writes_its_entry(
    users: UserRepository, store_engine: Engine
) -> None:
    member = users.add("kasjer", "Anna", Role.CASHIER, "1111")
    users.record_failure(
        member.id, event=failure(member.id), max_failures=1, lockout=timedelta(minutes=5)
    )
    account = users.reset_failures(
        member.id, event=AuditEvent(at=NOW, action=AuditAction.LOGIN, user_id=member.id)
    )
    assert (account.failed_attempts, account.locked_until) == (0, None)
    assert [row["action"] for row in audit_rows(store_engine)] == [
        "login_failed",
        "locked_out",
        "login",
    ]
    users.reset_failures(member.id)
    assert len(audit_rows(store_engine)) == 3


def test_lock_until_locks_and_unlocks(users: UserRepository) -> None:
    member = users.add("kasjer", "Anna", Role.CASHIER, "1111")
    until = NOW + timedelta(hours=1)
    assert users.lock_until(member.id, until).locked_until == until
    users.record_failure(
        member.id, event=failure(member.id), max_failures=5, lockout=timedelta(minutes=5)
    )
    unlocked = users.lock_until(member.id, None)
    assert (unlocked.locked_until, unlocked.failed_attempts) == (None, 0)


def test_an_unknown_id_is_refused(users: UserRepository, store_engine: Engine) -> None:
    with pytest.raises(UnknownUserError):
        users.record_failure(
            "nobody", event=failure("nobody"), max_failures=5, lockout=timedelta(minutes=5)
        )
    with pytest.raises(UnknownUserError):
        users.reset_failures("nobody")
    assert audit_rows(store_engine) == []


def test_writes_take_the_write_lock_up_front(users: UserRepository, store_engine: Engine) -> None:
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(store_engine, "before_cursor_execute", seen)
    try:
        member = users.add("kasjer", "Anna", Role.CASHIER, "1111")
        users.record_failure(
            member.id, event=failure(member.id), max_failures=5, lockout=timedelta(minutes=5)
        )
        users.reset_failures(member.id)
        users.record_event(AuditEvent(at=NOW, action=AuditAction.LOGOUT, user_id=member.id))
    finally:
        event.remove(store_engine, "before_cursor_execute", seen)
    begins = [statement for statement in statements if statement.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"] * 4


@pytest.fixture
def impatient_engine(store_engine: Engine, store_path: Path) -> Iterator[Engine]:
    engine = engine_with(store_path, "PRAGMA busy_timeout=50")
    yield engine
    engine.dispose()


def test_a_busy_database_is_reported_and_nothing_is_written(
    store_engine: Engine, store_path: Path, impatient_engine: Engine
) -> None:
    member = UserRepository(store_engine, pin_cost=FAST).add("kasjer", "Anna", Role.CASHIER, "1111")
    users = UserRepository(impatient_engine, pin_cost=FAST)
    holder = sqlite3.connect(store_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusyError):
            users.record_failure(
                member.id, event=failure(member.id), max_failures=5, lockout=timedelta(minutes=5)
            )
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert user_row(store_engine, member.id)["failed_attempts"] == 0
    assert audit_rows(store_engine) == []


def test_a_read_only_database_is_reported(store_engine: Engine, store_path: Path) -> None:
    read_only = engine_with(store_path, "PRAGMA query_only=1")
    try:
        with pytest.raises(StoreReadOnlyError):
            UserRepository(read_only, pin_cost=FAST).add("kasjer", "Anna", Role.CASHIER, "1111")
        assert UserRepository(read_only).count() == 0  # reading still works
    finally:
        read_only.dispose()


def admin_event(action: AuditAction, actor: str, user_id: str) -> AuditEvent:
    return AuditEvent(
        at=NOW, action=action, user_id=actor, approved_by=actor, details={"user": user_id}
    )


def test_a_new_pin_replaces_the_old_and_lifts_the_lock(
    users: UserRepository, store_engine: Engine
) -> None:
    manager = users.add("kierownik", "Anna", Role.MANAGER, "1234")
    cashier = users.add("kasjer", "Jan", Role.CASHIER, "1111")
    before = user_row(store_engine, cashier.id)
    users.lock_until(cashier.id, NOW + timedelta(minutes=5))
    users.record_failure(
        cashier.id, event=failure(cashier.id), max_failures=5, lockout=timedelta(minutes=5)
    )

    account = users.change_pin(
        cashier.id, "98765", event=admin_event(AuditAction.PIN_CHANGED, manager.id, cashier.id)
    )

    assert (account.failed_attempts, account.locked_until) == (0, None)
    assert verify_pin("98765", account.pin)
    assert not verify_pin("1111", account.pin)
    assert user_row(store_engine, cashier.id)["pin_salt"] != before["pin_salt"]
    last = audit_rows(store_engine)[-1]
    assert (last["action"], last["user_id"], last["details"]) == (
        "pin_changed",
        manager.id,
        {"user": cashier.id},
    )


def test_a_bad_new_pin_changes_nothing(users: UserRepository, store_engine: Engine) -> None:
    cashier = users.add("kasjer", "Jan", Role.CASHIER, "1111")
    with pytest.raises(PinError):
        users.change_pin(
            cashier.id, "12", event=admin_event(AuditAction.PIN_CHANGED, cashier.id, cashier.id)
        )
    account = users.get(cashier.id)
    assert account is not None
    assert verify_pin("1111", account.pin)
    assert audit_rows(store_engine) == []


def test_deactivate_and_reactivate_keep_the_user_and_audit_it(
    users: UserRepository, store_engine: Engine
) -> None:
    manager = users.add("kierownik", "Anna", Role.MANAGER, "1234")
    cashier = users.add("kasjer", "Jan", Role.CASHIER, "1111")

    off = users.set_active(
        cashier.id, False, event=admin_event(AuditAction.USER_DEACTIVATED, manager.id, cashier.id)
    )
    assert not off.active
    assert [account.member.login for account in users.list()] == ["kierownik"]
    assert len(users.list(include_inactive=True)) == 2

    on = users.set_active(
        cashier.id, True, event=admin_event(AuditAction.USER_REACTIVATED, manager.id, cashier.id)
    )
    assert on.active
    assert [row["action"] for row in audit_rows(store_engine)] == [
        "user_deactivated",
        "user_reactivated",
    ]


def test_the_last_active_manager_stays_active(users: UserRepository, store_engine: Engine) -> None:
    first = users.add("kierownik", "Anna", Role.MANAGER, "1234")
    second = users.add("zastepca", "Ewa", Role.MANAGER, "4321")
    users.set_active(
        second.id, False, event=admin_event(AuditAction.USER_DEACTIVATED, first.id, second.id)
    )

    with pytest.raises(LastManagerError, match="Anna is the last active manager"):
        users.set_active(
            first.id, False, event=admin_event(AuditAction.USER_DEACTIVATED, second.id, first.id)
        )

    account = users.get(first.id)
    assert account is not None
    assert account.active
    assert [row["action"] for row in audit_rows(store_engine)] == ["user_deactivated"]
    users.set_active(  # a second manager again: now the first may go
        second.id, True, event=admin_event(AuditAction.USER_REACTIVATED, first.id, second.id)
    )
    users.set_active(
        first.id, False, event=admin_event(AuditAction.USER_DEACTIVATED, second.id, first.id)
    )
