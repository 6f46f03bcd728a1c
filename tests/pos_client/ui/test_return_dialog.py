"""The return dialog over a real SQLite file, on sales paid through the checkout: find the
receipt, choose quantities, see the refund and its tenders, confirm, see the return number."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from hardware.barcodes import VariableMeasureLayout
from pos_client.domain.cart import CartLine
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.sale import SaleRecord
from pos_client.services.checkout import CheckoutService, TillIdentity
from pos_client.services.returns import ReturnService
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.returns import ReturnRepository
from pos_client.store.sales import SalesRepository
from pos_client.ui.return_dialog import ReturnDialog

W = TypeVar("W", bound=QWidget)

NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
TILL = TillIdentity("WAW01", "01")
ZOLW_EAN = "5901234123457"
TOMATO_LABEL_1250_G = "2100042012509"


class Services:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.now = NOW
        self.checkout = CheckoutService(
            CatalogueRepository(engine),
            SalesRepository(engine),
            TILL,
            VariableMeasureLayout(),
            clock=self.tick,
        )
        self.returns = ReturnService(
            SalesRepository(engine), ReturnRepository(engine), TILL, self.tick
        )

    def tick(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now

    def count(self, table: str) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


@pytest.fixture
def services(store_engine: Engine, catalogue_with_products: dict[str, int]) -> Services:
    return Services(store_engine)


@pytest.fixture
def sale(services: Services) -> SaleRecord:
    """3 x Żółw (14,97) and 1,250 kg tomatoes (16,24): 5 zł by card, the rest in cash."""
    for code in (ZOLW_EAN, ZOLW_EAN, ZOLW_EAN, TOMATO_LABEL_1250_G):
        assert isinstance(services.checkout.scan(code), CartLine)
    total = services.checkout.cart.total()
    return services.checkout.pay([(Tender.CARD, Money(500)), (Tender.CASH, total)])


def open_dialog(qtbot: QtBot, services: Services) -> ReturnDialog:
    dialog = ReturnDialog(services.returns, user_id="cashier-1", shift_id=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def child(dialog: QWidget, kind: type[W], name: str) -> W:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def click(qtbot: QtBot, dialog: QWidget, name: str) -> None:
    qtbot.mouseClick(child(dialog, QPushButton, name), Qt.MouseButton.LeftButton)


def find_receipt(qtbot: QtBot, dialog: ReturnDialog, number: str) -> None:
    field = child(dialog, QLineEdit, "returnReceiptInput")
    field.clear()
    qtbot.keyClicks(field, number)  # as a scanner types it
    qtbot.keyClick(field, Qt.Key.Key_Return)


def table_text(dialog: ReturnDialog) -> list[list[str]]:
    table = child(dialog, QTableWidget, "returnLinesTable")
    rows: list[list[str]] = []
    for row in range(table.rowCount()):
        cells = [table.item(row, column) for column in range(4)]
        rows.append([cell.text() if cell is not None else "" for cell in cells])
    return rows


def test_a_partial_return_with_the_receipt(
    qtbot: QtBot, services: Services, sale: SaleRecord
) -> None:
    dialog = open_dialog(qtbot, services)
    assert dialog.objectName() == "returnDialog"
    find_receipt(qtbot, dialog, "waw01-01-000001")
    assert dialog.sale == sale
    assert "WAW01-01-000001" in child(dialog, QLabel, "returnReceiptLabel").text()
    assert table_text(dialog) == [
        ["Żółw czekoladowy 40 g", "14,97\u00a0zł", "3", "0"],
        ["Pomidory malinowe", "16,24\u00a0zł", "1,250 kg", "0,000 kg"],
    ]
    confirm = child(dialog, QPushButton, "confirmReturnButton")
    assert not confirm.isEnabled()  # nothing chosen yet

    child(dialog, QSpinBox, "returnQuantity0").setValue(2)
    child(dialog, QSpinBox, "returnQuantity1").setValue(250)
    assert child(dialog, QLabel, "returnRefundTotal").text() == "Refund: 13,23\u00a0zł"
    tenders = child(dialog, QLabel, "returnTenders").text()
    assert tenders == "Give back to the card: 5,00\u00a0zł, in cash: 8,23\u00a0zł"

    qtbot.keyClicks(child(dialog, QLineEdit, "returnReason"), "uszkodzone opakowanie")
    click(qtbot, dialog, "confirmReturnButton")
    assert dialog.sale_return is not None
    assert dialog.sale_return.return_number == "WAW01-01-R000001"
    assert child(dialog, QLabel, "returnNumberLabel").text() == "Return WAW01-01-R000001 saved."
    assert dialog.sale_return.total == Money(998 + 325)
    assert dialog.sale_return.cashier_id == "cashier-1"
    assert not confirm.isEnabled()
    assert services.count("returns") == 1
    click(qtbot, dialog, "closeReturnButton")
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_second_return_shows_what_came_back_before_and_caps_the_rest(
    qtbot: QtBot, services: Services, sale: SaleRecord
) -> None:
    services.returns.create_return(sale, {sale.lines[0].line_id: 2}, "x", None, None)
    dialog = open_dialog(qtbot, services)
    find_receipt(qtbot, dialog, "WAW01-01-000001")
    assert table_text(dialog)[0][2:] == ["3", "2"]
    spin = child(dialog, QSpinBox, "returnQuantity0")
    assert spin.maximum() == 1
    spin.setValue(5)  # a spin box cannot go past what remains
    assert spin.value() == 1
    click(qtbot, dialog, "returnAllButton")
    assert child(dialog, QSpinBox, "returnQuantity1").value() == 1250
    qtbot.keyClicks(child(dialog, QLineEdit, "returnReason"), "rezygnacja")
    click(qtbot, dialog, "confirmReturnButton")
    assert dialog.sale_return is not None
    assert dialog.sale_return.return_number == "WAW01-01-R000002"
    assert Money.total(r.total for r in services.returns.returns_of(sale)) == sale.total


def test_an_unknown_receipt_is_explained(
    qtbot: QtBot, services: Services, sale: SaleRecord
) -> None:
    dialog = open_dialog(qtbot, services)
    find_receipt(qtbot, dialog, "WAW01-01-000009")
    message = child(dialog, QLabel, "returnMessage").text()
    assert "not found on this till" in message
    assert "offline" in message
    assert child(dialog, QTableWidget, "returnLinesTable").rowCount() == 0
    assert dialog.isVisible()  # Enter in the field never confirms nor closes


def test_a_missing_reason_is_shown_and_confirming_again_saves(
    qtbot: QtBot, services: Services, sale: SaleRecord
) -> None:
    dialog = open_dialog(qtbot, services)
    find_receipt(qtbot, dialog, "WAW01-01-000001")
    child(dialog, QSpinBox, "returnQuantity0").setValue(1)
    click(qtbot, dialog, "confirmReturnButton")
    assert "reason" in child(dialog, QLabel, "returnMessage").text()
    assert dialog.sale_return is None
    assert services.count("returns") == 0
    qtbot.keyClicks(child(dialog, QLineEdit, "returnReason"), "expired")
    click(qtbot, dialog, "confirmReturnButton")
    assert services.count("returns") == 1
    assert child(dialog, QLabel, "returnMessage").text() == ""


def test_a_fully_returned_receipt_says_so(
    qtbot: QtBot, services: Services, sale: SaleRecord
) -> None:
    everything = {line.line_id: line.quantity.amount for line in sale.lines}
    services.returns.create_return(sale, everything, "x", None, None)
    dialog = open_dialog(qtbot, services)
    find_receipt(qtbot, dialog, "WAW01-01-000001")
    assert "returned already" in child(dialog, QLabel, "returnMessage").text()
    assert not child(dialog, QSpinBox, "returnQuantity0").isEnabled()
    assert not child(dialog, QPushButton, "confirmReturnButton").isEnabled()


def test_closing_without_a_return_rejects(qtbot: QtBot, services: Services) -> None:
    dialog = open_dialog(qtbot, services)
    click(qtbot, dialog, "closeReturnButton")
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.sale_return is None


def test_every_interactive_widget_has_an_object_name(
    qtbot: QtBot, services: Services, sale: SaleRecord
) -> None:
    dialog = open_dialog(qtbot, services)
    find_receipt(qtbot, dialog, "WAW01-01-000001")
    interactive = (QLineEdit, QAbstractButton, QAbstractItemView, QSpinBox)
    unnamed = [
        widget
        for widget in dialog.findChildren(QWidget)
        if isinstance(widget, interactive)
        and not widget.objectName()
        and not isinstance(widget.parent(), QAbstractItemView)
    ]
    assert unnamed == []
