"""A return without a receipt on the real window: products found by scan and by name, the
quantities and refunds, the tender and the reason, a manager's approval, the saved return and
its audit entries."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from pos_client.bootstrap import Till
from pos_client.ui.blind_return_dialog import BlindReturnDialog
from pos_client.ui.main_window import MainWindow
from tests.pos_client.ui.conftest import ean
from tests.pos_client.ui.test_main_window import when_dialog_opens
from tests.pos_client.ui.test_till_operations import (
    log_in_cashier_with_a_manager,
    manager_approves,
)


def open_dialog(qtbot: QtBot, till: Till) -> BlindReturnDialog:
    shift = till.shifts.current_shift()
    assert shift is not None
    user = till.auth.current
    dialog = BlindReturnDialog(
        till.returns,
        till.lookup,
        till.approvals,
        None if user is None else user.id,
        shift.shift_id,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def find(qtbot: QtBot, dialog: QWidget, what: str) -> None:
    search = dialog.findChild(QLineEdit, "blindReturnSearch")
    assert search is not None
    qtbot.keyClicks(search, what)
    qtbot.keyClick(search, Qt.Key.Key_Return)


W = TypeVar("W", bound=QWidget)


def editor(dialog: QWidget, kind: type[W], name: str) -> W:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def rows(till: Till, sql: str) -> list[tuple[object, ...]]:
    with till.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_a_return_without_a_receipt_from_the_menu(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    log_in_cashier_with_a_manager(till)
    seen: dict[str, str] = {}
    refused: list[str] = []

    def fill_and_confirm(dialog: QWidget) -> None:
        find(qtbot, dialog, ean("P001"))
        find(qtbot, dialog, ean("P001"))  # the same product again: one more piece
        find(qtbot, dialog, "pomidory")  # by name; weighed: 1 kg to start with
        assert editor(dialog, QSpinBox, "blindReturnQuantity0").value() == 2
        assert editor(dialog, QLineEdit, "blindReturnRefund0").text() == "6,98"
        editor(dialog, QSpinBox, "blindReturnQuantity1").setValue(500)
        assert editor(dialog, QLineEdit, "blindReturnRefund1").text() == "6,50"  # 12,99 / 2
        refund = editor(dialog, QLineEdit, "blindReturnRefund0")
        refund.setText("6,00")  # a worn box: less than today's price
        seen["total"] = editor(dialog, QLabel, "blindReturnTotal").text()
        qtbot.mouseClick(editor(dialog, QWidget, "blindReturnCard"), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(editor(dialog, QLineEdit, "blindReturnReason"), "lost receipt")
        when_dialog_opens(qtbot, "approvalDialog", manager_approves(qtbot, "lost receipt", refused))
        qtbot.mouseClick(
            editor(dialog, QPushButton, "blindReturnConfirm"), Qt.MouseButton.LeftButton
        )
        seen["number"] = editor(dialog, QLabel, "blindReturnNumber").text()
        qtbot.mouseClick(editor(dialog, QPushButton, "blindReturnClose"), Qt.MouseButton.LeftButton)

    when_dialog_opens(qtbot, "blindReturnDialog", fill_and_confirm)
    action = window.menu_button.menu().findChild(QAction, "blindReturnAction")
    assert action is not None
    action.trigger()

    assert refused == []
    assert seen["total"] == "Refund: 12,50\u00a0zł"
    assert seen["number"] == "Return WAW01-01-R000001 saved: give back 12,50\u00a0zł."
    assert window.message.text() == "Return WAW01-01-R000001 saved."
    cashier, manager = till.users.by_login("kasjer"), till.users.by_login("kierownik")
    assert cashier is not None
    assert manager is not None
    assert rows(till, "SELECT sale_id, cashier_id, approved_by, total, reason FROM returns") == [
        (None, cashier.member.id, manager.member.id, 1250, "lost receipt")
    ]
    assert rows(till, "SELECT sku, quantity, total FROM return_lines ORDER BY sku") == [
        ("P001", 2, 600),
        ("P004", 500, 650),
    ]
    assert rows(till, "SELECT tender, amount FROM return_payments") == [("card", 1250)]
    assert rows(
        till,
        "SELECT action, user_id, approved_by, reason FROM audit_log "
        "WHERE action IN ('return_without_receipt', 'return') ORDER BY seq",
    ) == [
        ("return_without_receipt", cashier.member.id, manager.member.id, "lost receipt"),
        ("return", cashier.member.id, manager.member.id, "lost receipt"),
    ]


def test_a_refund_above_todays_price_is_refused_before_a_manager_is_asked(
    qtbot: QtBot, till: Till
) -> None:
    log_in_cashier_with_a_manager(till)
    dialog = open_dialog(qtbot, till)
    find(qtbot, dialog, ean("P002"))
    editor(dialog, QLineEdit, "blindReturnRefund0").setText("4,30")  # the price is 4,29
    qtbot.keyClicks(dialog.reason_input, "broken")

    dialog.confirm()  # no approval dialog opens: a test waiting for one would hang

    assert dialog.message.text().startswith("The refund for Mleko łaciate")
    editor(dialog, QLineEdit, "blindReturnRefund0").setText("abc")
    dialog.confirm()
    assert dialog.message.text() == "abc is not an amount of money."
    assert rows(till, "SELECT count(*) FROM audit_log WHERE action = 'return_without_receipt'") == [
        (0,)
    ]
    assert dialog.sale_return is None


def test_a_reason_is_needed_and_lines_can_be_removed(qtbot: QtBot, till: Till) -> None:
    dialog = open_dialog(qtbot, till)
    assert not dialog.confirm_button.isEnabled()
    find(qtbot, dialog, ean("P001"))
    find(qtbot, dialog, ean("P003"))
    assert dialog.total_label.text() == "Refund: 12,48\u00a0zł"

    qtbot.mouseClick(editor(dialog, QPushButton, "blindReturnRemove0"), Qt.MouseButton.LeftButton)

    assert dialog.table.rowCount() == 1
    product = dialog.table.item(0, 0)
    assert product is not None
    assert product.text() == "Chleb żytni na zakwasie 500 g"
    assert editor(dialog, QLineEdit, "blindReturnRefund0").text() == "8,99"
    assert dialog.total_label.text() == "Refund: 8,99\u00a0zł"
    dialog.confirm()
    assert dialog.message.text() == "Give the reason for the return."
    find(qtbot, dialog, "nic takiego")
    assert dialog.message.text() == "No product matches nic takiego."


def test_a_cancelled_approval_saves_nothing(qtbot: QtBot, till: Till) -> None:
    log_in_cashier_with_a_manager(till)
    dialog = open_dialog(qtbot, till)
    find(qtbot, dialog, ean("P001"))
    qtbot.keyClicks(dialog.reason_input, "no receipt")

    def cancel(approval: QWidget) -> None:
        assert isinstance(approval, QDialog)
        approval.reject()

    when_dialog_opens(qtbot, "approvalDialog", cancel)
    dialog.confirm()

    assert dialog.message.text() == "Not approved: nothing was saved."
    assert dialog.sale_return is None
    assert rows(till, "SELECT count(*) FROM returns") == [(0,)]


def test_every_interactive_widget_has_an_object_name(qtbot: QtBot, till: Till) -> None:
    dialog = open_dialog(qtbot, till)
    find(qtbot, dialog, ean("P001"))
    find(qtbot, dialog, "pomidory")
    interactive = (QLineEdit, QAbstractButton, QAbstractItemView, QSpinBox)
    unnamed = [
        widget
        for widget in dialog.findChildren(QWidget)
        if isinstance(widget, interactive)
        and not widget.objectName()
        and not isinstance(widget.parent(), QAbstractItemView)  # a view's own corner button
    ]
    assert unnamed == []
