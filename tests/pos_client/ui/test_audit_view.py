"""The audit dialog for managers: the newest entries first, filtered by action, person, days
and sale."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from pos_client.domain.audit import ApprovalAction, AuditAction, AuditEvent
from pos_client.domain.people import Role, StaffMember
from pos_client.domain.pin import ScryptCost
from pos_client.store.audit import AuditRepository
from pos_client.store.returns import AUDIT_ACTION as RETURN_ACTION
from pos_client.store.users import UserRepository
from pos_client.ui.audit_view import AuditDialog, Column, action_labels

FAST = ScryptCost(n=16, r=1, p=1)
# Midday on the till's local clock (the dialog's days are local days), stored in UTC.
DAY = datetime(2025, 3, 14, 12, 0).astimezone(UTC)
TODAY = date(2025, 3, 14)


@pytest.fixture
def people(store_engine: Engine) -> dict[str, StaffMember]:
    users = UserRepository(store_engine, pin_cost=FAST)
    return {
        "manager": users.add("kierownik", "Łukasz Kierownik", Role.MANAGER, "1234"),
        "anna": users.add("kasjer", "Anna Kasjer", Role.CASHIER, "1111"),
        "piotr": users.add("piotr", "Piotr Żak", Role.CASHIER, "2222"),
    }


@pytest.fixture
def audit(store_engine: Engine, people: dict[str, StaffMember]) -> AuditRepository:
    repository = AuditRepository(store_engine)
    manager, anna, piotr = people["manager"].id, people["anna"].id, people["piotr"].id
    for event in (
        AuditEvent(at=DAY - timedelta(days=2), action=AuditAction.LOGIN, user_id=anna),
        AuditEvent(
            at=DAY - timedelta(days=2, hours=-1),
            action=ApprovalAction.PRICE_OVERRIDE,
            user_id=anna,
            approved_by=manager,
            sale_id="sale-1",
            reason="damaged box",
            details={"old": 499, "new": 399},
        ),
        AuditEvent(at=DAY, action=AuditAction.LOGIN, user_id=piotr),
        AuditEvent(
            at=DAY + timedelta(hours=1),
            action=ApprovalAction.VOID_PAID_SALE,
            user_id=piotr,
            approved_by=manager,
            sale_id="sale-2",
            reason="wrong tender",
        ),
        AuditEvent(
            at=DAY + timedelta(hours=2),
            action=AuditAction.LOGIN_FAILED,
            reason="unknown login",
            details={"login": "ktos", "purpose": "login"},
        ),
    ):
        repository.record(event)
    return repository


@pytest.fixture
def dialog(qtbot: QtBot, audit: AuditRepository) -> AuditDialog:
    shown = AuditDialog(audit, today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def column(dialog: AuditDialog, which: Column) -> list[str]:
    model = dialog.model
    return [model.index(row, which).data() for row in range(model.rowCount())]


def test_the_newest_entries_come_first_with_names_and_labels(dialog: AuditDialog) -> None:
    assert dialog.objectName() == "auditDialog"
    table = dialog.findChild(QTableView, "auditTable")
    assert table is not None
    assert table.model() is dialog.model
    assert column(dialog, Column.ACTION) == [
        "Failed login or PIN",
        "Paid sale voided",
        "Login",
        "Price override",
        "Login",
    ]
    assert column(dialog, Column.USER) == [
        "? ktos",
        "Piotr Żak",
        "Piotr Żak",
        "Anna Kasjer",
        "Anna Kasjer",
    ]
    assert column(dialog, Column.APPROVED_BY) == [
        "",
        "Łukasz Kierownik",
        "",
        "Łukasz Kierownik",
        "",
    ]
    assert column(dialog, Column.SALE)[1] == "sale-2"
    assert column(dialog, Column.REASON)[3] == "damaged box"
    assert column(dialog, Column.DETAILS)[3] == "new: 399, old: 499"
    expected_time = (DAY + timedelta(hours=2)).astimezone().strftime("%d.%m.%Y %H:%M:%S")
    assert column(dialog, Column.TIME)[0] == expected_time
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    status = dialog.findChild(QLabel, "auditStatus")
    assert status is not None
    assert status.text() == "5 entries"


def test_filter_by_action(dialog: AuditDialog) -> None:
    combo = dialog.findChild(QComboBox, "auditAction")
    assert combo is not None
    assert combo.itemText(0) == "All actions"
    combo.setCurrentIndex(combo.findData("void_paid_sale"))
    assert column(dialog, Column.SALE) == ["sale-2"]
    dialog.set_action(AuditAction.LOGIN)
    assert column(dialog, Column.ACTION) == ["Login", "Login"]
    dialog.set_action("open_drawer")
    assert dialog.model.rowCount() == 0
    dialog.set_action(None)
    assert dialog.model.rowCount() == 5


def test_filter_by_user_text(qtbot: QtBot, dialog: AuditDialog) -> None:
    user = dialog.findChild(QLineEdit, "auditUser")
    assert user is not None
    qtbot.keyClicks(user, "zak")  # "Piotr Żak", typed without the Polish letter
    assert column(dialog, Column.ACTION) == ["Paid sale voided", "Login"]
    user.clear()
    qtbot.keyClicks(user, "KIEROWNIK")  # matches as the approver too
    assert column(dialog, Column.ACTION) == ["Paid sale voided", "Price override"]
    user.clear()
    qtbot.keyClicks(user, "nobody")
    assert dialog.model.rowCount() == 0
    user.clear()
    assert dialog.model.rowCount() == 5


def test_filter_by_days(dialog: AuditDialog) -> None:
    first = dialog.findChild(QDateEdit, "auditFrom")
    last = dialog.findChild(QDateEdit, "auditTo")
    assert first is not None
    assert last is not None
    assert last.date() == QDate(2025, 3, 14)
    first.setDate(QDate(2025, 3, 14))
    assert column(dialog, Column.ACTION) == ["Failed login or PIN", "Paid sale voided", "Login"]
    dialog.set_dates(date(2025, 3, 12), date(2025, 3, 12))
    assert column(dialog, Column.ACTION) == ["Price override", "Login"]
    dialog.set_dates(date(2025, 3, 13), date(2025, 3, 13))
    assert dialog.model.rowCount() == 0


def test_a_from_day_after_the_to_day_is_explained(dialog: AuditDialog) -> None:
    dialog.set_dates(date(2025, 3, 14), date(2025, 3, 12))
    assert dialog.model.rowCount() == 0
    status = dialog.findChild(QLabel, "auditStatus")
    assert status is not None
    assert "after" in status.text()


def test_filter_by_sale_and_combined(qtbot: QtBot, dialog: AuditDialog) -> None:
    sale = dialog.findChild(QLineEdit, "auditSale")
    user = dialog.findChild(QLineEdit, "auditUser")
    assert sale is not None
    assert user is not None
    qtbot.keyClicks(sale, "sale-1")
    assert column(dialog, Column.ACTION) == ["Price override"]
    qtbot.keyClicks(user, "piotr")
    assert dialog.model.rowCount() == 0


def test_only_the_newest_entries_up_to_the_limit(qtbot: QtBot, audit: AuditRepository) -> None:
    shown = AuditDialog(audit, today=TODAY, limit=2)
    qtbot.addWidget(shown)
    assert shown.model.rowCount() == 2
    status = shown.findChild(QLabel, "auditStatus")
    assert status is not None
    assert "newest 2" in status.text()


def test_every_action_the_till_writes_has_a_label() -> None:
    labels = action_labels()

    assert set(ApprovalAction) | set(AuditAction) | {RETURN_ACTION} <= set(labels)
    assert len(set(labels.values())) == len(labels)
