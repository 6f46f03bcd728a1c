"""Keyboard-wedge scans on the real sale screen: key events with explicit timestamps (QTest's
carry 0) at a scanner's pace (5 ms a character, then Enter) and at a person's (150 ms), sent to
whatever widget has focus. A scan lands in the sale or in a window that takes scans and never
in a text field; typing still reaches the fields."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from pos_client.bootstrap import Till
from pos_client.domain.payment import Tender
from pos_client.ui.main_window import MainWindow
from pos_client.ui.number_dialog import NumberDialog
from pos_client.ui.return_dialog import ReturnDialog
from pos_client.ui.wedge_filter import key_of
from tests.pos_client.ui.conftest import ean
from tests.pos_client.ui.test_main_window import when_dialog_opens

SCANNER_MS = 5
PERSON_MS = 150


class Keyboard:
    """Key presses with timestamps of a clock of their own, sent to the focused widget."""

    def __init__(self) -> None:
        self.clock_ms = 7_000_000

    def type(self, text: str, gap_ms: int) -> None:
        for char in text:
            self.clock_ms += gap_ms
            focused = QApplication.focusWidget()
            assert focused is not None
            press = QKeyEvent(
                QEvent.Type.KeyPress, key_of(char), Qt.KeyboardModifier.NoModifier, char
            )
            press.setTimestamp(self.clock_ms)
            QApplication.sendEvent(focused, press)

    def scan(self, code: str) -> None:
        self.type(code + "\r", SCANNER_MS)


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def names_in_cart(window: MainWindow) -> list[str]:
    model = window.cart_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_a_scan_lands_in_the_sale_while_the_search_field_has_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    focus(qtbot, window.search_input)

    Keyboard().scan(ean("P002"))

    qtbot.waitUntil(lambda: window.cart_model.rowCount() == 1, timeout=2000)
    assert names_in_cart(window) == ["Mleko łaciate 3,2% 1 l"]
    assert window.search_input.text() == ""
    assert window.results_model.rowCount() == 0


def test_a_scan_in_the_scan_field_is_added_once_and_leaves_the_field_empty(
    qtbot: QtBot, window: MainWindow
) -> None:
    focus(qtbot, window.scan_input)
    keyboard = Keyboard()

    keyboard.scan(ean("P001"))
    keyboard.clock_ms += 2000
    keyboard.scan(ean("P001"))

    qtbot.waitUntil(lambda: window.cart_model.index(0, 1).data() == "2", timeout=2000)
    assert names_in_cart(window) == ["Żółw czekoladowy 40 g"]
    assert window.scan_input.text() == ""


def test_typing_by_hand_reaches_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window.search_input)

    Keyboard().type("zolw", PERSON_MS)

    qtbot.waitUntil(lambda: window.search_input.text() == "zolw", timeout=2000)
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=2000)
    assert window.cart_model.rowCount() == 0


def test_a_code_typed_by_hand_and_enter_is_added_from_the_scan_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    focus(qtbot, window.scan_input)

    Keyboard().type(ean("P003") + "\r", PERSON_MS)

    qtbot.waitUntil(lambda: window.cart_model.rowCount() == 1, timeout=2000)
    assert names_in_cart(window) == ["Chleb żytni na zakwasie 500 g"]
    assert window.scan_input.text() == ""


def test_a_fast_burst_without_the_suffix_is_typing(qtbot: QtBot, window: MainWindow) -> None:
    """A short burst (a quick typist, a paste of a few keys) reaches the field in order."""
    focus(qtbot, window.search_input)

    Keyboard().type("mleko", SCANNER_MS)

    qtbot.waitUntil(lambda: window.search_input.text() == "mleko", timeout=2000)
    assert window.cart_model.rowCount() == 0


def test_a_short_fast_burst_with_enter_is_typing(qtbot: QtBot, window: MainWindow) -> None:
    """Shorter than the shortest code (8): the keys and the Enter reach the scan field."""
    focus(qtbot, window.scan_input)

    Keyboard().type("P003\r", SCANNER_MS)

    qtbot.waitUntil(lambda: window.cart_model.rowCount() == 1, timeout=2000)
    assert names_in_cart(window) == ["Chleb żytni na zakwasie 500 g"]


def test_a_scan_goes_to_the_open_window_that_takes_scans(
    qtbot: QtBot, window: MainWindow, till: Till
) -> None:
    till.checkout.scan(ean("P001"))
    sale = till.checkout.pay([(Tender.CARD, till.checkout.cart.total())])
    found: list[str | None] = []

    def scan_the_receipt(dialog: QWidget) -> None:
        assert isinstance(dialog, ReturnDialog)
        focus(qtbot, dialog.reason_input)
        Keyboard().scan(sale.receipt_number or "")
        qtbot.waitUntil(lambda: dialog.sale is not None, timeout=2000)
        assert dialog.sale is not None
        found.append(dialog.sale.receipt_number)
        assert dialog.reason_input.text() == ""
        dialog.reject()

    when_dialog_opens(qtbot, "returnDialog", scan_the_receipt)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F10)

    assert found == ["WAW01-01-000001"]
    assert window.cart_model.rowCount() == 0


def test_a_scan_under_a_window_that_takes_none_is_refused_and_typed_nowhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.scan(ean("P001"))
    seen: list[str] = []

    def scan_into_the_quantity(dialog: QWidget) -> None:
        assert isinstance(dialog, NumberDialog)
        focus(qtbot, dialog.input)
        before = dialog.input.text()
        Keyboard().scan(ean("P002"))
        qtbot.waitUntil(lambda: "Scan not used" in window.message.text(), timeout=2000)
        seen.append(dialog.input.text())
        assert dialog.input.text() == before
        dialog.done(QDialog.DialogCode.Rejected)

    when_dialog_opens(qtbot, "numberDialog", scan_into_the_quantity)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F3)

    assert seen == ["1"]
    assert names_in_cart(window) == ["Żółw czekoladowy 40 g"]
    assert window.cart_model.index(0, 1).data() == "1"


def test_a_function_key_delivers_the_held_keys_first(qtbot: QtBot, window: MainWindow) -> None:
    """A key typed a moment before F2 reaches the scan field before the focus moves."""
    focus(qtbot, window.scan_input)
    keyboard = Keyboard()
    keyboard.type("5", PERSON_MS)
    assert window.scan_input.text() == ""  # held: it might start a scan

    qtbot.keyClick(window.scan_input, Qt.Key.Key_F2)

    assert window.scan_input.text() == "5"
    assert window.search_input.hasFocus()
