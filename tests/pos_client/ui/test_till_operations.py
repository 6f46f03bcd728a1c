"""Operations reached from the sale screen: parking and resuming, approval of a void after the
total was shown, and the refusal to sell without a shift."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from pos_client.bootstrap import Till
from pos_client.domain.people import Role
from pos_client.ui.main_window import MainWindow
from pos_client.ui.parked_dialog import ParkedSalesDialog
from pos_client.ui.payment_dialog import PaymentDialog
from tests.pos_client.ui.conftest import ean
from tests.pos_client.ui.test_main_window import scan, when_dialog_opens


def log_in_cashier_with_a_manager(till: Till) -> None:
    till.users.add("kierownik", "Anna Nowak", Role.MANAGER, "1234")
    till.users.add("kasjer", "Jan Kowalski", Role.CASHIER, "1111")
    till.auth.login("kasjer", "1111")


def manager_approves(qtbot: QtBot, reason: str, refused: list[str]) -> Callable[[QWidget], None]:
    """Fill the approval dialog as the manager and press OK. A refusal is kept in `refused` and
    the dialog closed, so that a failing test does not hang in it."""

    def approve(dialog: QWidget) -> None:
        for name, value in (
            ("approvalReason", reason),
            ("approvalLogin", "kierownik"),
            ("approvalPin", "1234"),
        ):
            field = dialog.findChild(QLineEdit, name)
            assert field is not None
            field.setText(value)
        qtbot.mouseClick(dialog.findChild(QPushButton, "approvalOk"), Qt.MouseButton.LeftButton)
        if dialog.isVisible():
            message = dialog.findChild(QLabel, "approvalMessage")
            refused.append(message.text() if message is not None else "?")
            assert isinstance(dialog, QDialog)
            dialog.reject()

    return approve


def test_park_then_resume_from_the_sale_screen(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    scan(qtbot, window, ean("P001"))
    scan(qtbot, window, ean("P002"))
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F7)

    assert window.cart_model.rowCount() == 0
    assert "parked" in window.message.text()

    scan(qtbot, window, ean("P003"))
    assert window.cart_model.rowCount() == 1
    window._checkout.void_sale()
    window._cart_replaced()

    def resume_first(dialog: QWidget) -> None:
        assert isinstance(dialog, ParkedSalesDialog)
        dialog.parked_list.setCurrentRow(0)
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "resumeParkedButton"), Qt.MouseButton.LeftButton
        )

    when_dialog_opens(qtbot, "parkedDialog", resume_first)
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F8)

    assert [window.cart_model.index(row, 0).data() for row in range(2)] == [
        "Żółw czekoladowy 40 g",
        "Mleko łaciate 3,2% 1 l",
    ]
    with till.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM parked_sales")).scalar() == 0


def test_void_after_the_total_was_shown_needs_a_manager(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    log_in_cashier_with_a_manager(till)
    scan(qtbot, window, ean("P001"))
    scan(qtbot, window, ean("P002"))

    def cancel_payment(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        dialog.reject()

    when_dialog_opens(qtbot, "paymentDialog", cancel_payment)
    qtbot.mouseClick(window.pay_button, Qt.MouseButton.LeftButton)

    refused: list[str] = []
    when_dialog_opens(
        qtbot, "approvalDialog", manager_approves(qtbot, "customer changed mind", refused)
    )
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Delete)

    assert refused == []
    assert window.cart_model.rowCount() == 1
    with till.engine.connect() as connection:
        entry = connection.execute(
            text("SELECT action, approved_by, reason FROM audit_log WHERE action = :a"),
            {"a": "void_line_after_total"},
        ).one()
    manager = till.users.by_login("kierownik")
    assert manager is not None
    assert (entry.approved_by, entry.reason) == (manager.member.id, "customer changed mind")


def test_a_refused_approval_keeps_the_line(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, ean("P001"))
    window._total_shown = True

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        dialog.reject()

    when_dialog_opens(qtbot, "approvalDialog", cancel)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Delete)

    assert window.cart_model.rowCount() == 1


def test_no_sale_without_an_open_shift(qtbot: QtBot, window: MainWindow, till: Till) -> None:
    from pos_client.domain.cash import CashCount

    till.shifts.close_shift(CashCount({}))
    scan(qtbot, window, ean("P001"))
    outcome: dict[str, str] = {}

    def pay(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        qtbot.mouseClick(dialog.cash_button, Qt.MouseButton.LeftButton)
        outcome["message"] = dialog.message.text()
        dialog.reject()

    when_dialog_opens(qtbot, "paymentDialog", pay)
    qtbot.mouseClick(window.pay_button, Qt.MouseButton.LeftButton)

    assert "Open a shift first" in outcome["message"]
    assert window.cart_model.rowCount() == 1


def test_price_override_with_a_managers_approval(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    log_in_cashier_with_a_manager(till)
    scan(qtbot, window, ean("P003"))

    def new_price(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit, "numberInput")
        assert field is not None
        field.setText("5,00")
        assert isinstance(dialog, QDialog)
        dialog.accept()
        when_dialog_opens(
            qtbot, "approvalDialog", manager_approves(qtbot, "damaged packaging", refused)
        )

    refused: list[str] = []

    when_dialog_opens(qtbot, "numberDialog", new_price)
    window.operations.override_price()

    assert refused == []
    assert window.cart_model.index(0, 2).data() == "5,00\u00a0zł"
    assert window.total_label.text().endswith("5,00\u00a0zł")
    with till.engine.connect() as connection:
        actions = connection.execute(text("SELECT action FROM audit_log")).scalars().all()
    assert "price_override" in actions


def test_voids_are_audited_for_the_z_report(qtbot: QtBot, window: MainWindow, till: Till) -> None:
    scan(qtbot, window, ean("P001"))
    scan(qtbot, window, ean("P002"))
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Delete)
    window._checkout.void_sale()

    with till.engine.connect() as connection:
        actions = connection.execute(
            text("SELECT action FROM audit_log WHERE action LIKE 'void%' ORDER BY seq")
        ).scalars()
        assert list(actions) == ["void_line", "void_sale"]
    assert till.shifts.x_report().voids == 2


def test_void_the_last_paid_sale_with_a_managers_approval(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    log_in_cashier_with_a_manager(till)
    scan(qtbot, window, ean("P005"))

    def pay_by_card(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        qtbot.mouseClick(dialog.card_button, Qt.MouseButton.LeftButton)
        dialog.accept()

    when_dialog_opens(qtbot, "paymentDialog", pay_by_card)
    qtbot.mouseClick(window.pay_button, Qt.MouseButton.LeftButton)

    refused: list[str] = []
    when_dialog_opens(
        qtbot, "approvalDialog", manager_approves(qtbot, "wrong item rung up", refused)
    )
    window.operations.void_paid_sale()

    assert refused == []
    with till.engine.connect() as connection:
        refund = connection.execute(
            text(
                "SELECT r.total, p.tender, p.amount FROM returns r "
                "JOIN return_payments p ON p.return_id = r.id"
            )
        ).one()
        actions = connection.execute(text("SELECT action FROM audit_log")).scalars().all()
    assert tuple(refund) == (749, "card", 749)
    assert "void_paid_sale" in actions
    assert "voided" in window.message.text()

    window.operations.void_paid_sale()
    assert "no paid sale left" in window.message.text()
