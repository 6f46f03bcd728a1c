"""The users screen from the till's menu: add a user (PIN twice), set a new PIN, deactivate and
reactivate, never oneself; a cashier gets it only with a manager's approval."""

from __future__ import annotations

import json
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from pos_client.bootstrap import Till
from pos_client.domain.people import Role
from pos_client.services.user_admin import UserAdminService
from pos_client.ui.main_window import MainWindow
from pos_client.ui.users_dialog import UsersDialog
from tests.pos_client.ui.test_main_window import when_dialog_opens
from tests.pos_client.ui.test_till_operations import (
    log_in_cashier_with_a_manager,
    manager_approves,
)

W = TypeVar("W", bound=QWidget)


def child(dialog: QWidget, kind: type[W], name: str) -> W:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def click(qtbot: QtBot, dialog: QWidget, name: str) -> None:
    qtbot.mouseClick(child(dialog, QPushButton, name), Qt.MouseButton.LeftButton)


def fill_form(qtbot: QtBot, values: dict[str, str], outcome: list[str]) -> object:
    """Fill the add-user or new-PIN form and save; a refusal is kept in `outcome` and the form
    cancelled, so that a failing test does not hang in it."""

    def fill(form: QWidget) -> None:
        for name, value in values.items():
            if name == "userRole":
                combo = child(form, QComboBox, name)
                combo.setCurrentIndex(combo.findData(value))
            else:
                child(form, QLineEdit, name).setText(value)
        click(qtbot, form, "userFormSave")
        if form.isVisible():
            outcome.append(child(form, QLabel, "userFormMessage").text())
            assert isinstance(form, QDialog)
            form.reject()

    return fill


def answer_yes(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def states(dialog: UsersDialog) -> dict[str, str]:
    return {
        account.member.login: dialog.table.item(row, 3).text()  # type: ignore[union-attr]
        for row, account in enumerate(dialog.accounts)
    }


def audit(till: Till) -> list[tuple[str, str | None, dict[str, object]]]:
    with till.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT action, user_id, details FROM audit_log ORDER BY seq")
        ).all()
    return [(action, user_id, json.loads(details)) for action, user_id, details in rows]


def open_users(window: MainWindow) -> None:
    action = window.menu_button.menu().findChild(QAction, "usersAction")
    assert action is not None
    action.trigger()


def test_a_manager_adds_changes_deactivates_and_reactivates(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    log_in_cashier_with_a_manager(till)
    till.auth.login("kierownik", "1234")
    manager, cashier = till.users.by_login("kierownik"), till.users.by_login("kasjer")
    assert manager is not None
    assert cashier is not None
    refused: list[str] = []
    seen: dict[str, object] = {}

    def manage(dialog: QWidget) -> None:
        assert isinstance(dialog, UsersDialog)
        try:
            steps(dialog)
        finally:
            dialog.reject()  # also after a failed step: the test must not hang in the dialog

    def steps(dialog: UsersDialog) -> None:
        assert states(dialog) == {"kierownik": "Active", "kasjer": "Active"}
        new_user = {
            "userLogin": "ewa",
            "userName": "Ewa Zielińska",
            "userRole": "manager",
            "userPin": "2468",
            "userPinAgain": "2469",
        }
        when_dialog_opens(qtbot, "addUserDialog", fill_form(qtbot, new_user, refused))
        click(qtbot, dialog, "addUserButton")
        assert refused == ["The two PINs differ: type the same PIN twice."]
        new_user["userPinAgain"] = "2468"
        when_dialog_opens(qtbot, "addUserDialog", fill_form(qtbot, new_user, refused))
        click(qtbot, dialog, "addUserButton")
        seen["added"] = dialog.message.text()

        dialog.select_login("kasjer")
        pins = {"userPin": "5555", "userPinAgain": "5555"}
        when_dialog_opens(qtbot, "changePinDialog", fill_form(qtbot, pins, refused))
        click(qtbot, dialog, "changePinButton")
        seen["pin"] = dialog.message.text()

        dialog.select_login("kasjer")
        when_dialog_opens(qtbot, "deactivateUserBox", answer_yes)
        click(qtbot, dialog, "deactivateUserButton")
        seen["deactivated"] = states(dialog)["kasjer"]
        assert not dialog.pin_button.isEnabled()
        assert dialog.reactivate_button.isEnabled()

        dialog.select_login("kierownik")
        seen["may_deactivate_self"] = dialog.deactivate_button.isEnabled()

        dialog.select_login("kasjer")
        click(qtbot, dialog, "reactivateUserButton")
        seen["reactivated"] = dialog.message.text()

    when_dialog_opens(qtbot, "usersDialog", manage)
    open_users(window)

    assert refused == ["The two PINs differ: type the same PIN twice."]
    assert seen == {
        "added": "User Ewa Zielińska added.",
        "pin": "New PIN set for Jan Kowalski.",
        "deactivated": "Deactivated",
        "may_deactivate_self": False,
        "reactivated": "Jan Kowalski is active again.",
    }
    ewa = till.users.by_login("ewa")
    assert ewa is not None
    assert ewa.member.role is Role.MANAGER
    assert till.auth.login("kasjer", "5555").id == cashier.member.id
    changes = [entry for entry in audit(till) if entry[0].startswith(("user_", "pin_"))]
    assert changes == [
        (
            "user_added",
            manager.member.id,
            {"user": ewa.member.id, "login": "ewa", "role": "manager"},
        ),
        ("pin_changed", manager.member.id, {"user": cashier.member.id}),
        ("user_deactivated", manager.member.id, {"user": cashier.member.id}),
        ("user_reactivated", manager.member.id, {"user": cashier.member.id}),
    ]


def test_a_cashier_needs_a_managers_approval_and_acts_in_their_name(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    log_in_cashier_with_a_manager(till)
    manager = till.users.by_login("kierownik")
    assert manager is not None
    refused: list[str] = []
    seen: dict[str, bool] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, UsersDialog)
        dialog.select_login("kierownik")
        seen["deactivate_the_approver"] = dialog.deactivate_button.isEnabled()
        dialog.select_login("kasjer")
        seen["deactivate_the_cashier"] = dialog.deactivate_button.isEnabled()
        click(qtbot, dialog, "usersClose")
        dialog.reject()  # closed already unless the click failed: never hang here

    when_dialog_opens(qtbot, "approvalDialog", manager_approves(qtbot, "new colleague", refused))
    when_dialog_opens(qtbot, "usersDialog", look)
    open_users(window)

    assert refused == []
    assert seen == {"deactivate_the_approver": False, "deactivate_the_cashier": True}
    approvals = [entry for entry in audit(till) if entry[0] == "manage_users"]
    assert len(approvals) == 1


def test_the_last_manager_is_kept_and_the_refusal_shown(qtbot: QtBot, till: Till) -> None:
    first = till.users.add("kierownik", "Anna Nowak", Role.MANAGER, "1234")
    second = till.users.add("zastepca", "Ewa Zielińska", Role.MANAGER, "4321")
    admin = UserAdminService(till.users)
    admin.deactivate(second, first.id)  # at another till, while Anna's screen is open
    dialog = UsersDialog(admin, first)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select_login("zastepca")

    when_dialog_opens(qtbot, "deactivateUserBox", answer_yes)
    click(qtbot, dialog, "deactivateUserButton")

    assert dialog.message.text() == (
        "Ewa Zielińska is the last active manager: make another manager first, "
        "the till always needs one."
    )
    assert states(dialog)["zastepca"] == "Active"


def test_every_interactive_widget_has_an_object_name(qtbot: QtBot, till: Till) -> None:
    manager = till.users.add("kierownik", "Anna Nowak", Role.MANAGER, "1234")
    dialog = UsersDialog(UserAdminService(till.users), manager)
    qtbot.addWidget(dialog)
    interactive = (QLineEdit, QAbstractButton, QAbstractItemView)
    unnamed = [
        widget
        for widget in dialog.findChildren(QWidget)
        if isinstance(widget, interactive)
        and not widget.objectName()
        and not isinstance(widget.parent(), QAbstractItemView)  # a view's own corner button
    ]
    assert unnamed == []
