"""The cashier's flows on the real main window, driven with key clicks and mouse clicks."""

from __future__ import annotations

import sqlite3
import sys

from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from hardware.barcodes import with_check_digit
from hardware.decoding import ZxingDecoder
from hardware.symbology import Symbology
from pos_client.bootstrap import Till
from pos_client.ui.main_window import MainWindow
from pos_client.ui.payment_dialog import PaymentDialog
from pos_client.ui.receipt_dialog import ReceiptDialog
from tests.pos_client.ui.conftest import ean, pillow_of


def scan(qtbot: QtBot, window: MainWindow, code: str) -> None:
    qtbot.keyClicks(window.scan_input, code)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Return)


def when_dialog_opens(qtbot: QtBot, name: str, act: object) -> None:
    """Run `act(dialog)` on the modal dialog called `name` once it is shown."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != name:
            QTimer.singleShot(20, attempt)
            return
        act(dialog)  # type: ignore[operator]

    QTimer.singleShot(0, attempt)


def test_scan_pay_cash_shows_change_and_stores_the_sale(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    scan(qtbot, window, ean("P001"))
    scan(qtbot, window, ean("P001"))
    scan(qtbot, window, ean("P002"))

    assert window.cart_model.rowCount() == 2
    assert window.cart_model.index(0, 1).data() == "2"
    assert window.total_label.text().endswith("11,27\u00a0zł")
    seen: dict[str, str] = {}

    def pay_with_a_20(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        amount = dialog.findChild(QLineEdit, "amountInput")
        assert amount is not None
        qtbot.keyClicks(amount, "20")
        qtbot.mouseClick(dialog.findChild(QPushButton, "cashButton"), Qt.MouseButton.LeftButton)
        seen["change"] = dialog.change_label.text()
        seen["receipt"] = dialog.receipt_label.text()
        qtbot.mouseClick(dialog.findChild(QPushButton, "doneButton"), Qt.MouseButton.LeftButton)

    when_dialog_opens(qtbot, "paymentDialog", pay_with_a_20)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F12)

    assert seen["change"].endswith("8,73\u00a0zł")
    assert "WAW01-01-000001" in seen["receipt"]
    assert window.cart_model.rowCount() == 0
    with till.engine.connect() as connection:
        sale = connection.execute(text("SELECT id, total, change FROM sales")).one()
        lines = connection.execute(
            text("SELECT sku, quantity, total FROM sale_lines ORDER BY position")
        ).all()
        payments = connection.execute(
            text("SELECT tender, amount, tendered FROM sale_payments")
        ).all()
        outbox = (
            connection.execute(text("SELECT aggregate_id FROM outbox WHERE kind = 'sale'"))
            .scalars()
            .all()
        )
    assert (sale.total, sale.change) == (1127, 873)
    assert [tuple(line) for line in lines] == [("P001", 2, 698), ("P002", 1, 429)]
    assert [tuple(payment) for payment in payments] == [("cash", 1127, 2000)]
    assert outbox == [sale.id]


def test_unknown_code_shows_a_message_and_adds_nothing(qtbot: QtBot, window: MainWindow) -> None:
    unknown = with_check_digit("590999999999")
    scan(qtbot, window, unknown)

    assert window.cart_model.rowCount() == 0
    assert window.message.property("kind") == "error"
    assert f"Unknown barcode {unknown}" in window.message.text()
    assert window.scan_input.text() == ""
    assert window.scan_input.hasFocus()


def test_bad_check_digit_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    good = ean("P002")
    scan(qtbot, window, good[:-1] + str((int(good[-1]) + 1) % 10))

    assert window.cart_model.rowCount() == 0
    assert "check digit" in window.message.text()


def test_search_without_diacritics_finds_the_product(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F2)
    qtbot.keyClicks(window.search_input, "zolw")

    assert window.product_pages.currentWidget() is window.results_view
    names = [window.results_model.entry(row) for row in range(window.results_model.rowCount())]
    assert [entry.name for entry in names if entry] == ["Żółw czekoladowy 40 g"]

    qtbot.keyClick(window.search_input, Qt.Key.Key_Return)
    assert window.cart_model.index(0, 0).data() == "Żółw czekoladowy 40 g"
    assert window.search_input.text() == ""
    assert window.scan_input.hasFocus()


def test_quantity_keys_and_void_line(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, ean("P003"))
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Plus)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Plus)
    assert window.cart_model.index(0, 1).data() == "3"
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Minus)
    assert window.cart_model.index(0, 1).data() == "2"
    assert window.total_label.text().endswith("17,98\u00a0zł")

    qtbot.keyClick(window.scan_input, Qt.Key.Key_Delete)
    assert window.cart_model.rowCount() == 0
    assert not window.pay_button.isEnabled()


def test_absurd_quantity_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, ean("P002"))

    def type_quantity(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit, "numberInput")
        assert field is not None
        field.setText("100000")
        assert isinstance(dialog, QDialog)
        dialog.accept()

    when_dialog_opens(qtbot, "numberDialog", type_quantity)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F3)

    assert window.cart_model.index(0, 1).data() == "1"
    assert "Quantity refused" in window.message.text()


def test_weighed_item_asks_for_weight(qtbot: QtBot, window: MainWindow) -> None:
    def type_weight(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit, "numberInput")
        assert field is not None
        qtbot.keyClicks(field, "0,450")
        assert isinstance(dialog, QDialog)
        dialog.accept()

    when_dialog_opens(qtbot, "numberDialog", type_weight)
    scan(qtbot, window, ean("P004"))

    assert window.cart_model.index(0, 1).data() == "0,450 kg"
    assert window.cart_model.index(0, 4).data() == "5,85\u00a0zł"


def test_in_store_weight_label_adds_its_weight(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, with_check_digit("210000401250"))

    assert window.cart_model.index(0, 1).data() == "1,250 kg"
    assert window.cart_model.index(0, 4).data() == "16,24\u00a0zł"


def test_split_tender_card_then_cash(qtbot: QtBot, window: MainWindow, till: Till) -> None:
    scan(qtbot, window, ean("P005"))
    scan(qtbot, window, ean("P003"))

    def split(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        qtbot.keyClicks(dialog.amount_input, "10")
        qtbot.mouseClick(dialog.card_button, Qt.MouseButton.LeftButton)
        assert dialog.remaining_label.text().endswith("6,48\u00a0zł")
        qtbot.keyClicks(dialog.amount_input, "10")
        qtbot.keyClick(dialog.amount_input, Qt.Key.Key_Return)
        assert dialog.change_label.text().endswith("3,52\u00a0zł")
        dialog.accept()

    when_dialog_opens(qtbot, "paymentDialog", split)
    qtbot.mouseClick(window.pay_button, Qt.MouseButton.LeftButton)

    with till.engine.connect() as connection:
        payments = connection.execute(
            text("SELECT tender, amount, tendered FROM sale_payments ORDER BY position")
        ).all()
    assert [tuple(payment) for payment in payments] == [("card", 1000, 1000), ("cash", 648, 1000)]


def test_failed_commit_keeps_the_sale_and_retry_saves_it(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    scan(qtbot, window, ean("P002"))
    # Another process holds the write lock longer than the till's busy timeout (5 s).
    locker = sqlite3.connect(till.settings.database_path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    outcome: dict[str, str] = {}

    def pay_then_retry(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        qtbot.mouseClick(dialog.cash_button, Qt.MouseButton.LeftButton)
        outcome["error"] = dialog.message.text()
        outcome["retry_visible"] = str(dialog.retry_button.isVisible())
        locker.execute("ROLLBACK")
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
        outcome["change"] = dialog.change_label.text()
        dialog.accept()

    when_dialog_opens(qtbot, "paymentDialog", pay_then_retry)
    qtbot.mouseClick(window.pay_button, Qt.MouseButton.LeftButton)
    locker.close()

    assert "busy" in outcome["error"]
    assert outcome["retry_visible"] == "True"
    assert outcome["change"].endswith("0,00\u00a0zł")
    with till.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sales")).scalar() == 1


def test_void_sale_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    scan(qtbot, window, ean("P002"))

    def answer_yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    def find_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            answer_yes(box)
        else:
            QTimer.singleShot(20, find_box)

    QTimer.singleShot(0, find_box)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert window.cart_model.rowCount() == 0


def test_last_receipt_shows_the_sale(qtbot: QtBot, window: MainWindow, till: Till) -> None:
    """F9 shows the preview picture of the very document the printer gets."""
    scan(qtbot, window, ean("P001"))

    def pay_exact(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        qtbot.mouseClick(dialog.card_button, Qt.MouseButton.LeftButton)
        dialog.accept()

    when_dialog_opens(qtbot, "paymentDialog", pay_exact)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F12)
    shown: list[Image.Image] = []

    def read_receipt(dialog: QWidget) -> None:
        assert isinstance(dialog, ReceiptDialog)
        assert dialog.preview.image is not None
        shown.append(pillow_of(dialog.preview.image))
        dialog.reject()

    when_dialog_opens(qtbot, "receiptDialog", read_receipt)
    # With no window manager (offscreen, a kiosk) the window takes the activation back itself.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F9)

    assert shown, window.message.text()
    sale = till.checkout.last_sale()
    assert sale is not None
    expected = till.printing.preview(till.printing.sale(sale))
    assert shown[0].tobytes() == expected.tobytes()
    codes = [(code.symbology, code.text) for code in ZxingDecoder().decode(shown[0])]
    assert codes == [(Symbology.CODE128, "WAW01-01-000001")]


def test_every_interactive_widget_has_an_object_name(window: MainWindow) -> None:
    interactive = (QLineEdit, QAbstractButton, QAbstractItemView)
    unnamed = [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, interactive)
        and not widget.objectName()
        and not isinstance(widget.parent(), QAbstractItemView)  # a view's own corner button
    ]
    assert unnamed == []


def test_search_with_a_one_letter_last_word(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_input, "mleko l")
    found = [window.results_model.entry(row) for row in range(window.results_model.rowCount())]
    assert [entry.name for entry in found if entry] == ["Mleko łaciate 3,2% 1 l"]

    qtbot.keyClick(window.search_input, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.search_input, "x")
    assert window.results_model.rowCount() == 0


def test_scanning_does_not_leak_references_to_none(qtbot: QtBot, window: MainWindow) -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to None on every void Qt call, so a till
    aborted ("none_dealloc") after about 2,000 scans. None is immortal from Python 3.12 on."""
    code = ean("P002")
    before = sys.getrefcount(None)
    for _ in range(200):
        window.scan(code)
    lost = before - sys.getrefcount(None)
    assert lost < 200, f"{lost} references to None lost in 200 scans"
