"""The audit log: append-only (the triggers refuse UPDATE and DELETE), read newest first with
filters by action, person, date range and sale."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos_client.domain.audit import ApprovalAction, AuditAction, AuditEvent, AuditRecord
from pos_client.domain.people import Role, StaffMember
from pos_client.domain.pin import ScryptCost
from pos_client.store.audit import AuditRepository
from pos_client.store.journal import append_audit
from pos_client.store.users import UserRepository

FAST = ScryptCost(n=16, r=1, p=1)
DAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


@pytest.fixture
def audit(store_engine: Engine) -> AuditRepository:
    return AuditRepository(store_engine)


@pytest.fixture
def people(store_engine: Engine) -> dict[str, StaffMember]:
    users = UserRepository(store_engine, pin_cost=FAST)
    return {
        "manager": users.add("kierownik", "Łukasz Kierownik", Role.MANAGER, "1234"),
        "anna": users.add("kasjer", "Anna Kasjer", Role.CASHIER, "1111"),
        "piotr": users.add("piotr", "Piotr Żak", Role.CASHIER, "2222"),
    }


@pytest.fixture
def history(audit: AuditRepository, people: dict[str, StaffMember]) -> list[AuditEvent]:
    manager, anna, piotr = people["manager"].id, people["anna"].id, people["piotr"].id
    events = [
        AuditEvent(at=DAY - timedelta(days=3), action=AuditAction.LOGIN, user_id=anna),
        AuditEvent(
            at=DAY - timedelta(days=1),
            action=ApprovalAction.PRICE_OVERRIDE,
            user_id=anna,
            approved_by=manager,
            sale_id="sale-1",
            reason="damaged box",
            details={"sku": "CZK-040", "old": 499, "new": 399},
        ),
        AuditEvent(at=DAY, action=AuditAction.LOGIN, user_id=piotr),
        AuditEvent(
            at=DAY + timedelta(hours=1),
            action=ApprovalAction.VOID_PAID_SALE,
            user_id=piotr,
            approved_by=manager,
            sale_id="sale-2",
            reason="customer changed mind",
        ),
        AuditEvent(
            at=DAY + timedelta(hours=2),
            action=AuditAction.LOGIN_FAILED,
            reason="unknown login",
            details={"login": "ktos"},
        ),
    ]
    for entry in events:
        audit.record(entry)
    return events


def test_entries_come_back_newest_first_with_names(
    audit: AuditRepository, history: list[AuditEvent], people: dict[str, StaffMember]
) -> None:
    records = audit.entries()
    assert [record.action for record in records] == [
        "login_failed",
        "void_paid_sale",
        "login",
        "price_override",
        "login",
    ]
    override = records[3]
    assert isinstance(override, AuditRecord)
    assert override.at == DAY - timedelta(days=1)
    assert override.user_id == people["anna"].id
    assert override.user_name == "Anna Kasjer"
    assert override.approved_by == people["manager"].id
    assert override.approver_name == "Łukasz Kierownik"
    assert override.sale_id == "sale-1"
    assert override.reason == "damaged box"
    assert override.details == {"sku": "CZK-040", "old": 499, "new": 399}
    unknown = records[0]
    assert (unknown.user_id, unknown.user_name, unknown.approver_name) == (None, None, None)
    assert [record.seq for record in records] == sorted((r.seq for r in records), reverse=True)


def test_filter_by_action_and_sale(audit: AuditRepository, history: list[AuditEvent]) -> None:
    assert [r.sale_id for r in audit.entries(action="void_paid_sale")] == ["sale-2"]
    assert len(audit.entries(action=AuditAction.LOGIN)) == 2
    assert [r.action for r in audit.entries(sale_id="sale-1")] == ["price_override"]
    assert audit.entries(action="open_drawer") == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("anna", ["price_override", "login"]),
        ("KASJER", ["price_override", "login"]),
        ("zak", ["void_paid_sale", "login"]),  # "Żak" without the Polish letter
        ("lukasz", ["void_paid_sale", "price_override"]),  # as the approver
        ("kierownik", ["void_paid_sale", "price_override"]),
        ("nobody", []),
    ],
)
def test_filter_by_a_piece_of_a_login_or_name(
    audit: AuditRepository, history: list[AuditEvent], typed: str, expected: list[str]
) -> None:
    assert [record.action for record in audit.entries(user=typed)] == expected


def test_filter_by_user_id(
    audit: AuditRepository, history: list[AuditEvent], people: dict[str, StaffMember]
) -> None:
    assert len(audit.entries(user=people["piotr"].id)) == 2


def test_filter_by_date_range_since_inclusive_until_exclusive(
    audit: AuditRepository, history: list[AuditEvent]
) -> None:
    today = audit.entries(since=DAY, until=DAY + timedelta(days=1))
    assert [record.action for record in today] == ["login_failed", "void_paid_sale", "login"]
    assert [r.action for r in audit.entries(until=DAY)] == ["price_override", "login"]
    # Bounds in another time zone mean the same instants.
    warsaw = timezone(timedelta(hours=1))
    assert audit.entries(since=DAY.astimezone(warsaw), until=(DAY + timedelta(days=1))) == today


def test_limit_keeps_the_newest(audit: AuditRepository, history: list[AuditEvent]) -> None:
    assert [record.action for record in audit.entries(limit=2)] == [
        "login_failed",
        "void_paid_sale",
    ]


def test_actions_lists_what_the_log_holds(
    audit: AuditRepository, history: list[AuditEvent]
) -> None:
    assert audit.actions() == ["login", "login_failed", "price_override", "void_paid_sale"]


def test_the_journal_writer_and_the_repository_share_one_sequence(
    audit: AuditRepository, store_engine: Engine
) -> None:
    audit.record(AuditEvent(at=DAY, action="login"))
    with Session(store_engine) as session, session.begin():
        append_audit(
            session,
            at=DAY,
            action="open_drawer",
            user_id=None,
            approved_by=None,
            sale_id=None,
            reason="change for the next till",
            details={},
        )
    assert [record.seq for record in audit.entries()] == [2, 1]


def test_update_on_the_audit_log_is_refused(
    audit: AuditRepository, history: list[AuditEvent], store_engine: Engine
) -> None:
    before = audit.entries()
    with pytest.raises(IntegrityError, match="append-only"), store_engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET reason = 'nothing happened'"))
    with pytest.raises(IntegrityError, match="append-only"), store_engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET approved_by = NULL WHERE sale_id = 'sale-1'"))
    assert audit.entries() == before


def test_delete_on_the_audit_log_is_refused(
    audit: AuditRepository, history: list[AuditEvent], store_engine: Engine, store_path: object
) -> None:
    before = audit.entries()
    with pytest.raises(IntegrityError, match="append-only"), store_engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
    with pytest.raises(IntegrityError, match="append-only"), store_engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE action = 'login_failed'"))
    # Not even a raw connection outside SQLAlchemy gets round it.
    raw = sqlite3.connect(str(store_path))
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM audit_log")
    finally:
        raw.close()
    assert audit.entries() == before
