"""The approval dialog: each approval kind of the issue approved with a manager's PIN, refused for
a cashier's PIN, and written to the audit log with who, who approved, what, when, sale, reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from pos_client.domain.audit import APPROVAL_ACTIONS, ApprovalAction
from pos_client.domain.people import Permission, Role, StaffMember
from pos_client.domain.pin import ScryptCost
from pos_client.services.approvals import ApprovalService
from pos_client.services.auth import AuthService
from pos_client.store.users import UserRepository
from pos_client.ui.approval_dialog import ApprovalDialog

FAST = ScryptCost(n=16, r=1, p=1)
NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)

# Each approval kind of the issue: (action, what the dialog shows, details for the audit entry).
KINDS: tuple[tuple[ApprovalAction, str, dict[str, Any]], ...] = (
    (ApprovalAction.PRICE_OVERRIDE, "Price of Żółw 4,99 zł → 3,99 zł", {"old": 499, "new": 399}),
    (ApprovalAction.LINE_DISCOUNT, "Discount 1,00 zł on Chleb żytni", {"discount": 100}),
    (ApprovalAction.BASKET_DISCOUNT, "Discount 10 % on the basket", {"percent": 10}),
    (ApprovalAction.VOID_LINE_AFTER_TOTAL, "Void Mleko after the total", {"line": "l-2"}),
    (ApprovalAction.VOID_PAID_SALE, "Void paid sale WAW01-01-000007", {"total": 1299}),
    (ApprovalAction.RETURN_WITHOUT_RECEIPT, "Return 6,50 zł without a receipt", {"total": 650}),
    (ApprovalAction.OPEN_DRAWER, "Open the drawer without a sale", {}),
)


class FakeClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def people(store_engine: Engine) -> dict[str, StaffMember]:
    users = UserRepository(store_engine, pin_cost=FAST)
    return {
        "manager": users.add("kierownik", "Kierownik", Role.MANAGER, "1234"),
        "cashier": users.add("kasjer", "Anna Kasjer", Role.CASHIER, "1111"),
        "other": users.add("piotr", "Piotr", Role.CASHIER, "2222"),
    }


@pytest.fixture
def auth(store_engine: Engine, people: dict[str, StaffMember]) -> AuthService:
    return AuthService(UserRepository(store_engine, pin_cost=FAST), FakeClock())


@pytest.fixture
def approvals(store_engine: Engine, auth: AuthService) -> ApprovalService:
    return ApprovalService(UserRepository(store_engine, pin_cost=FAST), auth, FakeClock())


def audit_rows(engine: Engine, *actions: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM audit_log ORDER BY seq")).mappings().all()
    return [
        {**row, "details": json.loads(row["details"])}
        for row in rows
        if not actions or row["action"] in actions
    ]


def open_dialog(
    qtbot: QtBot,
    approvals: ApprovalService,
    action: ApprovalAction,
    description: str,
    details: dict[str, Any] | None = None,
    sale_id: str | None = "sale-42",
) -> ApprovalDialog:
    dialog = ApprovalDialog(
        approvals, APPROVAL_ACTIONS[action], action, description, sale_id=sale_id, details=details
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def child(dialog: QWidget, kind: type[QWidget], name: str) -> Any:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def approve_with(qtbot: QtBot, dialog: QWidget, reason: str, login: str, pin: str) -> None:
    """Type the reason and the login, the PIN on the keypad, then press OK."""
    reason_input = child(dialog, QLineEdit, "approvalReason")
    reason_input.clear()
    qtbot.keyClicks(reason_input, reason)
    qtbot.keyClick(reason_input, Qt.Key.Key_Return)  # on to the login
    login_input = child(dialog, QLineEdit, "approvalLogin")
    login_input.clear()
    qtbot.keyClicks(login_input, login)
    for digit in pin:
        key = child(dialog, QPushButton, f"approvalKeypadKey{digit}")
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(child(dialog, QPushButton, "approvalOk"), Qt.MouseButton.LeftButton)


def shown_message(dialog: QWidget) -> str:
    label: QLabel = child(dialog, QLabel, "approvalMessage")
    return label.text()


@pytest.mark.parametrize(("action", "description", "details"), KINDS)
def test_a_manager_pin_approves_and_the_audit_says_who_what_when_and_why(
    qtbot: QtBot,
    auth: AuthService,
    approvals: ApprovalService,
    people: dict[str, StaffMember],
    store_engine: Engine,
    action: ApprovalAction,
    description: str,
    details: dict[str, Any],
) -> None:
    auth.login("kasjer", "1111")
    dialog = open_dialog(qtbot, approvals, action, description, details)
    assert dialog.objectName() == "approvalDialog"
    assert child(dialog, QLabel, "approvalWhat").text() == description
    assert child(dialog, QWidget, "approvalManager").isVisible()
    pin: QLineEdit = child(dialog, QLineEdit, "approvalPin")
    assert pin.echoMode() is QLineEdit.EchoMode.Password

    approve_with(qtbot, dialog, "customer complaint", "kierownik", "1234")

    assert dialog.result() == QDialog.DialogCode.Accepted
    approval = dialog.approval
    assert approval is not None
    assert approval.user == people["cashier"]
    assert approval.approved_by == people["manager"]
    assert approval.action == action
    (row,) = audit_rows(store_engine, action.value)
    assert row["user_id"] == people["cashier"].id  # who
    assert row["approved_by"] == people["manager"].id  # who approved
    assert row["action"] == action.value  # what
    assert row["at"] == NOW.isoformat()  # when
    assert row["sale_id"] == "sale-42"  # which sale
    assert row["reason"] == "customer complaint"  # why
    assert row["details"] == {**details, "permission": APPROVAL_ACTIONS[action].value}


@pytest.mark.parametrize(("action", "description", "details"), KINDS)
def test_a_cashier_pin_is_refused(
    qtbot: QtBot,
    auth: AuthService,
    approvals: ApprovalService,
    people: dict[str, StaffMember],
    store_engine: Engine,
    action: ApprovalAction,
    description: str,
    details: dict[str, Any],
) -> None:
    auth.login("kasjer", "1111")
    dialog = open_dialog(qtbot, approvals, action, description, details)

    approve_with(qtbot, dialog, "customer complaint", "piotr", "2222")

    assert dialog.isVisible()
    assert dialog.approval is None
    assert "may not approve" in shown_message(dialog)
    assert child(dialog, QLineEdit, "approvalPin").text() == ""
    assert audit_rows(store_engine, action.value) == []
    (refused,) = audit_rows(store_engine, "approval_refused")
    assert refused["user_id"] == people["cashier"].id
    assert refused["details"]["approver"] == people["other"].id
    assert refused["sale_id"] == "sale-42"

    # The manager then approves in the same dialog.
    approve_with(qtbot, dialog, "customer complaint", "kierownik", "1234")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(audit_rows(store_engine, action.value)) == 1


def test_a_wrong_manager_pin_shows_the_attempts_left(
    qtbot: QtBot, auth: AuthService, approvals: ApprovalService
) -> None:
    auth.login("kasjer", "1111")
    dialog = open_dialog(qtbot, approvals, ApprovalAction.OPEN_DRAWER, "Open the drawer")
    approve_with(qtbot, dialog, "change", "kierownik", "9999")
    assert "4 attempts left" in shown_message(dialog)
    assert dialog.focusWidget() is child(dialog, QLineEdit, "approvalPin")


def test_a_reason_is_required(
    qtbot: QtBot, auth: AuthService, approvals: ApprovalService, store_engine: Engine
) -> None:
    auth.login("kasjer", "1111")
    dialog = open_dialog(qtbot, approvals, ApprovalAction.VOID_PAID_SALE, "Void the sale")
    approve_with(qtbot, dialog, "", "kierownik", "1234")
    assert "reason" in shown_message(dialog)
    assert dialog.isVisible()
    assert dialog.focusWidget() is child(dialog, QLineEdit, "approvalReason")
    assert audit_rows(store_engine, "void_paid_sale") == []


def test_a_logged_in_manager_gives_only_the_reason(
    qtbot: QtBot,
    auth: AuthService,
    approvals: ApprovalService,
    people: dict[str, StaffMember],
    store_engine: Engine,
) -> None:
    auth.login("kierownik", "1234")
    dialog = open_dialog(qtbot, approvals, ApprovalAction.PRICE_OVERRIDE, "New price")
    assert not dialog.needs_manager
    assert not child(dialog, QWidget, "approvalManager").isVisible()
    reason = child(dialog, QLineEdit, "approvalReason")
    qtbot.keyClicks(reason, "price label wrong")
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (row,) = audit_rows(store_engine, "price_override")
    assert row["user_id"] == row["approved_by"] == people["manager"].id


def test_enter_moves_through_the_fields_and_approves(
    qtbot: QtBot, auth: AuthService, approvals: ApprovalService, store_engine: Engine
) -> None:
    auth.login("kasjer", "1111")
    dialog = open_dialog(qtbot, approvals, ApprovalAction.OPEN_DRAWER, "Open the drawer")
    reason = child(dialog, QLineEdit, "approvalReason")
    assert dialog.focusWidget() is reason
    qtbot.keyClicks(reason, "coins for till 2")
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    login = child(dialog, QLineEdit, "approvalLogin")
    assert dialog.focusWidget() is login
    qtbot.keyClicks(login, "kierownik")
    qtbot.keyClick(login, Qt.Key.Key_Return)
    pin = child(dialog, QLineEdit, "approvalPin")
    assert dialog.focusWidget() is pin
    qtbot.keyClicks(pin, "1234")
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(audit_rows(store_engine, "open_drawer")) == 1


def test_cancel_approves_nothing(
    qtbot: QtBot, auth: AuthService, approvals: ApprovalService, store_engine: Engine
) -> None:
    auth.login("kasjer", "1111")
    dialog = open_dialog(qtbot, approvals, ApprovalAction.OPEN_DRAWER, "Open the drawer")
    qtbot.mouseClick(child(dialog, QPushButton, "approvalCancel"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.approval is None
    assert audit_rows(store_engine, "open_drawer") == []


def test_request_runs_the_dialog_modally_and_returns_the_approval(
    qtbot: QtBot, auth: AuthService, approvals: ApprovalService, people: dict[str, StaffMember]
) -> None:
    auth.login("kasjer", "1111")

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "approvalDialog":
            QTimer.singleShot(20, act)
            return
        approve_with(qtbot, dialog, "wrong price on the shelf", "kierownik", "1234")

    QTimer.singleShot(0, act)
    approval = ApprovalDialog.request(
        approvals,
        Permission.PRICE_OVERRIDE,
        ApprovalAction.PRICE_OVERRIDE,
        "New price",
        sale_id="sale-1",
        details={"new": 399},
    )
    assert approval is not None
    assert approval.approved_by == people["manager"]
    assert approval.sale_id == "sale-1"
