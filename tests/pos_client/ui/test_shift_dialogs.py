"""Shift dialogs on a real till: open a shift counting notes, sell, read the X report, move cash,
close the shift counting the drawer (with the difference shown), and find the Z report again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from pos_client.bootstrap import Till, build_till
from pos_client.config import Settings
from pos_client.domain.cash import DENOMINATIONS, CashCount
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.services.checkout import SaleError
from pos_client.ui.shift_dialogs import (
    CashMovementDialog,
    CloseShiftDialog,
    OpenShiftDialog,
    ReportDialog,
    ZReportsDialog,
)
from tests.pos_client.ui.conftest import ean, make_catalogue


@pytest.fixture
def closed_till(tmp_path: Path) -> Iterator[Till]:
    """A till with its catalogue and no open shift."""
    settings = Settings(data_dir=tmp_path / "data")
    make_catalogue(settings)
    built = build_till(settings)
    yield built
    built.engine.dispose()


def show(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def spin(dialog: QDialog, denomination: int) -> QSpinBox:
    box = dialog.findChild(QSpinBox, f"count_{denomination}")
    assert box is not None
    return box


def label(dialog: QDialog, name: str) -> str:
    found = dialog.findChild(QLabel, name)
    assert found is not None
    return found.text()


def button(dialog: QDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None
    return found


def focus(qtbot: QtBot, box: QSpinBox) -> None:
    """Tap a row: it takes the focus and selects its count, so typing replaces it."""
    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.hasFocus)
    qtbot.waitUntil(lambda: box.lineEdit().selectedText() == box.text())


def type_count(qtbot: QtBot, dialog: QDialog, denomination: int, count: int) -> None:
    """Tap the row, then type the count on its on-screen keypad."""
    box = spin(dialog, denomination)
    focus(qtbot, box)
    for digit in str(count):
        qtbot.mouseClick(
            button(dialog, f"countKeypad_{denomination}Key{digit}"), Qt.MouseButton.LeftButton
        )
    assert box.value() == count


def sell(till: Till, skus: list[str], tender: Tender, amount: int) -> None:
    for sku in skus:
        till.checkout.scan(ean(sku))
    till.checkout.pay([(tender, Money(amount))])


def test_a_whole_shift_through_the_dialogs(qtbot: QtBot, closed_till: Till) -> None:
    till = closed_till
    till.checkout.scan(ean("P001"))
    with pytest.raises(SaleError, match="Open a shift first"):
        till.checkout.pay([(Tender.CASH, Money(349))])
    till.checkout.void_sale()

    opening = OpenShiftDialog(till.shifts, "u-anna")
    show(qtbot, opening)
    assert opening.objectName() == "openShiftDialog"
    assert {spin(opening, d).objectName() for d in DENOMINATIONS} == {
        f"count_{d}" for d in DENOMINATIONS
    }
    type_count(qtbot, opening, 10000, 2)
    type_count(qtbot, opening, 5000, 3)
    focus(qtbot, spin(opening, 1000))
    qtbot.keyClicks(spin(opening, 1000), "5")  # a physical keyboard works as well
    assert spin(opening, 1000).value() == 5
    assert label(opening, "openShiftTotal") == "Float: 400,00\u00a0zł"
    assert label(opening, "value_5000") == "150,00\u00a0zł"
    qtbot.mouseClick(button(opening, "openShiftConfirm"), Qt.MouseButton.LeftButton)

    assert opening.result() == QDialog.DialogCode.Accepted
    assert opening.shift is not None
    assert opening.shift.opening_float == Money(40000)
    assert opening.shift.opening_count == CashCount({10000: 2, 5000: 3, 1000: 5})
    assert till.shifts.current_shift() == opening.shift

    sell(till, ["P001", "P002"], Tender.CASH, 1000)  # 7,78 zł, change 2,22
    sell(till, ["P003"], Tender.CARD, 899)
    sell(till, ["P005", "P005"], Tender.CASH, 2000)  # 14,98 zł

    reading = ReportDialog(till.shifts.x_report(), till.store)
    show(qtbot, reading)
    assert reading.objectName() == "reportDialog"
    assert reading.windowTitle() == "X report"
    text = reading.text.toPlainText()
    assert "RAPORT X" in text
    assert "Sklep Warszawa Mokotów" in text
    lines = text.splitlines()

    def value(caption: str) -> str:
        return next(line for line in lines if line.strip().startswith(caption)).split()[-1]

    assert value("Liczba paragonów") == "3"
    assert value("Gotówka") == "22,76"  # the first "Gotówka" line: cash sales
    assert value("Karta") == "8,99"
    assert value("Razem sprzedaż") == "31,75"
    assert value("= Oczekiwano") == "422,76"
    assert value("Pierwszy") == "WAW01-01-000001"
    assert value("Ostatni") == "WAW01-01-000003"

    moving = CashMovementDialog(till.shifts, "u-boss", cash_out=True)
    show(qtbot, moving)
    assert label(moving, "movementExpected") == "In the drawer now: 422,76\u00a0zł"
    qtbot.keyClicks(moving.amount_input, "500")
    qtbot.keyClicks(moving.reason_input, "do sejfu")
    qtbot.mouseClick(button(moving, "movementConfirm"), Qt.MouseButton.LeftButton)
    assert moving.isVisible()
    assert "should hold only 422,76" in moving.message.text()
    assert moving.message.property("kind") == "error"
    moving.amount_input.clear()
    qtbot.mouseClick(button(moving, "movementKeypadKey2"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(moving, "movementKeypadKey0"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(moving, "movementKeypadKey0"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(moving, "movementConfirm"), Qt.MouseButton.LeftButton)
    assert moving.result() == QDialog.DialogCode.Accepted
    assert moving.movement is not None
    assert moving.movement.amount == Money(20000)

    closing = CloseShiftDialog(till.shifts, "u-boss")
    show(qtbot, closing)
    assert closing.objectName() == "closeShiftDialog"
    assert label(closing, "closeExpected") == "222,76\u00a0zł"
    assert label(closing, "closeCard") == "8,99\u00a0zł"
    type_count(qtbot, closing, 10000, 2)
    type_count(qtbot, closing, 2000, 1)
    type_count(qtbot, closing, 200, 1)
    type_count(qtbot, closing, 50, 1)
    type_count(qtbot, closing, 20, 1)
    assert label(closing, "closeCounted") == "222,70\u00a0zł"
    assert label(closing, "closeDifference") == "0,06\u00a0zł missing"
    assert closing.difference() == Money(-6)
    type_count(qtbot, closing, 5, 1)
    type_count(qtbot, closing, 1, 1)
    assert label(closing, "closeDifference") == "none (0,00\u00a0zł)"
    type_count(qtbot, closing, 1, 3)
    assert label(closing, "closeDifference") == "0,02\u00a0zł over"
    qtbot.mouseClick(button(closing, "closeShiftConfirm"), Qt.MouseButton.LeftButton)

    assert closing.result() == QDialog.DialogCode.Accepted
    report = closing.report
    assert report is not None
    assert report.number == 1
    assert report.expected_cash == Money(22276)
    assert report.counted_cash == Money(22278)
    assert report.difference == Money(2)
    assert till.shifts.current_shift() is None

    z_dialog = ReportDialog(report, till.store)
    show(qtbot, z_dialog)
    assert z_dialog.windowTitle() == "Z report no. 1"
    assert "RAPORT DOBOWY Z nr 1" in z_dialog.text.toPlainText()

    listing = ZReportsDialog(till.shifts, till.store)
    show(qtbot, listing)
    assert listing.objectName() == "zReportsDialog"
    assert listing.list.count() == 1
    assert listing.list.item(0).text().startswith("Z 1 · ")
    assert "RAPORT DOBOWY Z nr 1" in listing.text.toPlainText()
    assert "0,02" in listing.text.toPlainText()


def test_opening_while_a_shift_is_open_shows_the_refusal(qtbot: QtBot, till: Till) -> None:
    dialog = OpenShiftDialog(till.shifts)
    show(qtbot, dialog)
    qtbot.mouseClick(button(dialog, "openShiftConfirm"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.shift is None
    assert "already open" in dialog.message.text()
    qtbot.mouseClick(button(dialog, "openShiftCancel"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_closing_without_a_shift_cannot_be_confirmed(qtbot: QtBot, closed_till: Till) -> None:
    dialog = CloseShiftDialog(closed_till.shifts)
    show(qtbot, dialog)
    assert not button(dialog, "closeShiftConfirm").isEnabled()
    assert "open a shift first" in dialog.message.text()
    movement = CashMovementDialog(closed_till.shifts)
    show(qtbot, movement)
    assert not button(movement, "movementConfirm").isEnabled()


def test_cash_in_needs_a_reason_and_an_amount(qtbot: QtBot, till: Till) -> None:
    dialog = CashMovementDialog(till.shifts)
    show(qtbot, dialog)
    assert dialog.in_radio.isChecked()
    qtbot.keyClicks(dialog.amount_input, "50")
    qtbot.mouseClick(button(dialog, "movementConfirm"), Qt.MouseButton.LeftButton)
    assert "reason" in dialog.message.text()
    dialog.amount_input.setText("abc")
    qtbot.mouseClick(button(dialog, "movementConfirm"), Qt.MouseButton.LeftButton)
    assert "abc is not an amount" in dialog.message.text()
    dialog.amount_input.setText("50")
    qtbot.keyClicks(dialog.reason_input, "rozmienne")
    qtbot.mouseClick(button(dialog, "movementConfirm"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert till.shifts.expected_cash() == Money(48000 + 5000)


def test_no_z_reports_yet(qtbot: QtBot, till: Till) -> None:
    dialog = ZReportsDialog(till.shifts)
    show(qtbot, dialog)
    assert dialog.list.count() == 0
    assert dialog.text.toPlainText() == "No Z reports yet."
