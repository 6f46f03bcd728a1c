"""Logging in on a real SQLite file: the right PIN, wrong PINs with the attempts left, the
lockout (persisted, so a restart does not lift it), the same answer for an unknown login, and an
audit entry for each login, failure and lockout."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from pos_client.domain.audit import AuditEvent
from pos_client.domain.people import Role, StaffMember
from pos_client.domain.pin import ScryptCost
from pos_client.services.auth import (
    DEMO_USERS,
    AuthError,
    AuthService,
    clock_time,
    ensure_first_manager,
)
from pos_client.store.users import UserRepository

FAST = ScryptCost(n=16, r=1, p=1)
START = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


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
    }


@pytest.fixture
def auth(users: UserRepository, clock: FakeClock, people: dict[str, StaffMember]) -> AuthService:
    return AuthService(users, clock)


def audit_rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM audit_log ORDER BY seq")).mappings().all()
    return [{**row, "details": json.loads(row["details"])} for row in rows]


def test_the_right_pin_logs_in_and_is_audited(
    auth: AuthService, people: dict[str, StaffMember], store_engine: Engine
) -> None:
    with pytest.raises(AuthError, match="log in"):
        auth.require()
    member = auth.login(" Kasjer ", "1111")
    assert member == people["cashier"]
    assert auth.current == member
    assert auth.require() == member
    (row,) = audit_rows(store_engine)
    assert (row["action"], row["user_id"], row["at"]) == ("login", member.id, START.isoformat())


def test_logout_is_audited_and_clears_the_current_user(
    auth: AuthService, store_engine: Engine
) -> None:
    member = auth.login("kasjer", "1111")
    auth.logout()
    assert auth.current is None
    with pytest.raises(AuthError, match="log in"):
        auth.require()
    assert [(r["action"], r["user_id"]) for r in audit_rows(store_engine)] == [
        ("login", member.id),
        ("logout", member.id),
    ]
    auth.logout()  # no one logged in: nothing happens
    assert len(audit_rows(store_engine)) == 2


def test_another_user_logging_in_logs_the_first_out(
    auth: AuthService, people: dict[str, StaffMember], store_engine: Engine
) -> None:
    auth.login("kasjer", "1111")
    auth.login("kierownik", "1234")
    assert auth.current == people["manager"]
    actions = [(r["action"], r["user_id"]) for r in audit_rows(store_engine)]
    assert actions == [
        ("login", people["cashier"].id),
        ("login", people["manager"].id),
        ("logout", people["cashier"].id),
    ]


def test_a_wrong_pin_says_how_many_attempts_are_left(
    auth: AuthService, store_engine: Engine, people: dict[str, StaffMember]
) -> None:
    with pytest.raises(AuthError, match=r"Wrong login or PIN\. 4 attempts left") as raised:
        auth.login("kasjer", "9999")
    assert raised.value.attempts_left == 4
    assert raised.value.locked_until is None
    assert auth.current is None
    for left in (3, 2):
        with pytest.raises(AuthError, match=f"{left} attempts left"):
            auth.login("kasjer", "9999")
    with pytest.raises(AuthError, match="1 attempt left"):
        auth.login("kasjer", "9999")
    rows = audit_rows(store_engine)
    assert [(r["action"], r["user_id"], r["details"]["attempt"]) for r in rows] == [
        ("login_failed", people["cashier"].id, n) for n in (1, 2, 3, 4)
    ]
    assert rows[0]["details"]["purpose"] == "login"


def test_a_pin_that_is_not_even_a_pin_counts_as_wrong(auth: AuthService) -> None:
    with pytest.raises(AuthError, match="4 attempts left"):
        auth.login("kasjer", "12")


def test_empty_fields_are_asked_for_and_not_counted(
    auth: AuthService, store_engine: Engine
) -> None:
    with pytest.raises(AuthError, match="Enter your login"):
        auth.login("  ", "1111")
    with pytest.raises(AuthError, match="Enter your PIN"):
        auth.login("kasjer", "")
    assert audit_rows(store_engine) == []


def test_five_wrong_pins_lock_the_login_until_a_time(
    auth: AuthService,
    clock: FakeClock,
    users: UserRepository,
    people: dict[str, StaffMember],
    store_engine: Engine,
) -> None:
    for _ in range(4):
        with pytest.raises(AuthError, match="attempt"):
            auth.login("kasjer", "9999")
    until = START + timedelta(minutes=5)
    with pytest.raises(AuthError, match="locked until") as raised:
        auth.login("kasjer", "9999")
    assert raised.value.locked_until == until
    assert clock_time(until) in str(raised.value)
    # Locked: even the right PIN is refused, and the attempt is audited.
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(AuthError, match="locked until"):
        auth.login("kasjer", "1111")
    assert auth.current is None
    rows = audit_rows(store_engine)
    assert [r["action"] for r in rows] == ["login_failed"] * 5 + ["locked_out", "login_failed"]
    assert rows[5]["details"]["until"] == until.isoformat()
    assert rows[-1]["reason"] == "account locked"
    # Other users are not affected.
    assert auth.login("kierownik", "1234") == people["manager"]
    # When the time is up, the right PIN works and the count starts again.
    clock.advance(seconds=1)
    assert auth.login("kasjer", "1111") == people["cashier"]
    account = users.by_login("kasjer")
    assert account is not None
    assert (account.failed_attempts, account.locked_until) == (0, None)


def test_the_lock_survives_a_restart(
    users: UserRepository, clock: FakeClock, people: dict[str, StaffMember], store_engine: Engine
) -> None:
    first = AuthService(users, clock)
    for _ in range(5):
        with pytest.raises(AuthError):
            first.login("kasjer", "9999")
    restarted = AuthService(UserRepository(store_engine, pin_cost=FAST), clock)
    with pytest.raises(AuthError, match="locked until"):
        restarted.login("kasjer", "1111")


def test_failures_count_across_a_restart(
    users: UserRepository, clock: FakeClock, people: dict[str, StaffMember]
) -> None:
    with pytest.raises(AuthError, match="4 attempts left"):
        AuthService(users, clock).login("kasjer", "9999")
    with pytest.raises(AuthError, match="3 attempts left"):
        AuthService(users, clock).login("kasjer", "9999")


def test_a_right_pin_forgets_earlier_failures(auth: AuthService) -> None:
    for _ in range(4):
        with pytest.raises(AuthError):
            auth.login("kasjer", "9999")
    auth.login("kasjer", "1111")
    with pytest.raises(AuthError, match="4 attempts left"):
        auth.login("kasjer", "9999")


def test_an_unknown_login_gets_the_same_answers_as_a_wrong_pin(
    auth: AuthService, store_engine: Engine
) -> None:
    answers: dict[str, list[str]] = {"kasjer": [], "ktos": []}
    for login in answers:
        for _ in range(6):
            with pytest.raises(AuthError) as raised:
                auth.login(login, "9999")
            answers[login].append(str(raised.value))
    assert answers["kasjer"] == answers["ktos"]
    assert "locked until" in answers["ktos"][-1]
    unknown = [r for r in audit_rows(store_engine) if r["user_id"] is None]
    assert len(unknown) == 6
    assert {r["action"] for r in unknown} == {"login_failed"}
    assert unknown[0]["details"] == {"purpose": "login", "login": "ktos"}
    assert unknown[0]["reason"] == "unknown login"


def test_an_inactive_user_cannot_log_in(
    auth: AuthService, store_engine: Engine, people: dict[str, StaffMember]
) -> None:
    with store_engine.begin() as connection:
        connection.execute(
            text("UPDATE users SET active = 0 WHERE id = :id"), {"id": people["cashier"].id}
        )
    with pytest.raises(AuthError, match="Wrong login or PIN"):
        auth.login("kasjer", "1111")


def test_the_limit_and_the_lockout_are_settings(
    users: UserRepository, clock: FakeClock, people: dict[str, StaffMember]
) -> None:
    auth = AuthService(users, clock, max_failures=2, lockout=timedelta(minutes=15))
    with pytest.raises(AuthError, match="1 attempt left"):
        auth.login("kasjer", "9999")
    with pytest.raises(AuthError, match="locked") as raised:
        auth.login("kasjer", "9999")
    assert raised.value.locked_until == START + timedelta(minutes=15)
    with pytest.raises(ValueError, match="max_failures"):
        AuthService(users, clock, max_failures=0)


def test_authenticate_checks_without_logging_in(
    auth: AuthService, people: dict[str, StaffMember], store_engine: Engine
) -> None:
    member = auth.authenticate(
        "kierownik",
        "1234",
        on_success=lambda found: AuditEvent(at=START, action="open_drawer", user_id=found.id),
        purpose={"purpose": "approval"},
    )
    assert member == people["manager"]
    assert auth.current is None
    assert [r["action"] for r in audit_rows(store_engine)] == ["open_drawer"]


def test_clock_time_rounds_up_to_the_minute() -> None:
    local = START.astimezone()
    assert clock_time(START) == (local.replace(second=0) + timedelta(minutes=1)).strftime("%H:%M")
    on_the_minute = START.replace(second=0)
    assert clock_time(on_the_minute) == on_the_minute.astimezone().strftime("%H:%M")


def test_demo_users_are_made_only_on_an_empty_till(store_engine: Engine, clock: FakeClock) -> None:
    users = UserRepository(store_engine, pin_cost=FAST)
    created = ensure_first_manager(users, clock)
    assert [(m.login, m.role) for m in created] == [
        ("kierownik", Role.MANAGER),
        ("kasjer", Role.CASHIER),
    ]
    assert [(login, pin) for login, _, _, pin in DEMO_USERS] == [
        ("kierownik", "1234"),
        ("kasjer", "1111"),
    ]
    auth = AuthService(users, clock)
    assert auth.login("kierownik", "1234").role is Role.MANAGER
    assert auth.login("kasjer", "1111").role is Role.CASHIER
    assert ensure_first_manager(users, clock) == ()
    assert users.count() == 2
    assert [r["action"] for r in audit_rows(store_engine)][:2] == ["user_added", "user_added"]


def test_no_demo_users_when_someone_exists(store_engine: Engine) -> None:
    users = UserRepository(store_engine, pin_cost=FAST)
    users.add("szef", "Szef", Role.MANAGER, "2580")
    assert ensure_first_manager(users) == ()
    assert users.by_login("kierownik") is None
