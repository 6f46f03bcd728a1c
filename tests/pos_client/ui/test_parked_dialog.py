"""The parked sales dialog over a real SQLite file: list newest first, resume, refusals."""

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
    QListWidget,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from hardware.barcodes import VariableMeasureLayout
from pos_client.domain.cart import CartLine
from pos_client.services.checkout import CheckoutService, TillIdentity
from pos_client.services.parking import ParkingService
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.parked import ParkedSaleRepository
from pos_client.store.sales import SalesRepository
from pos_client.ui.parked_dialog import ParkedSalesDialog

W = TypeVar("W", bound=QWidget)

NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
ZOLW_EAN = "5901234123457"
WATER_UPC_AS_GTIN13 = "0036000291452"
BREAD_EAN8_AS_GTIN13 = "0000096385074"


class Services:
    def __init__(self, engine: Engine) -> None:
        self.now = NOW
        self.checkout = CheckoutService(
            CatalogueRepository(engine),
            SalesRepository(engine),
            TillIdentity("WAW01", "01"),
            VariableMeasureLayout(),
            clock=self.tick,
        )
        self.parking = ParkingService(self.checkout, ParkedSaleRepository(engine), self.tick)

    def tick(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now

    def park(self, label: str, *codes: str) -> str:
        for code in codes:
            assert isinstance(self.checkout.scan(code), CartLine)
        return self.parking.park_current(label)


@pytest.fixture
def services(store_engine: Engine, catalogue_with_products: dict[str, int]) -> Services:
    return Services(store_engine)


def open_dialog(qtbot: QtBot, services: Services) -> ParkedSalesDialog:
    dialog = ParkedSalesDialog(services.parking)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def child(dialog: QWidget, kind: type[W], name: str) -> W:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def items(dialog: ParkedSalesDialog) -> list[str]:
    listed = child(dialog, QListWidget, "parkedList")
    return [listed.item(row).text() for row in range(listed.count())]


def test_resume_the_older_of_two_parked_sales(qtbot: QtBot, services: Services) -> None:
    services.park("pani w czerwonym", ZOLW_EAN, ZOLW_EAN)
    newer = services.park("pan z psem", WATER_UPC_AS_GTIN13)
    dialog = open_dialog(qtbot, services)
    assert dialog.objectName() == "parkedDialog"
    shown = items(dialog)
    assert [text.splitlines()[0] for text in shown] == ["pan z psem", "pani w czerwonym"]
    assert "9,98\u00a0zł" in shown[1]
    assert "1 line" in shown[1]
    listed = child(dialog, QListWidget, "parkedList")
    listed.setCurrentRow(1)
    qtbot.mouseClick(child(dialog, QPushButton, "resumeParkedButton"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.resumed is services.checkout.cart
    assert [(line.product.sku, line.quantity.amount) for line in dialog.resumed.lines] == [
        ("CZK-040", 2)
    ]
    assert [summary.parked_id for summary in services.parking.parked()] == [newer]


def test_enter_resumes_the_selected_newest(qtbot: QtBot, services: Services) -> None:
    services.park("a", ZOLW_EAN)
    services.park("b", BREAD_EAN8_AS_GTIN13)
    dialog = open_dialog(qtbot, services)
    qtbot.keyClick(child(dialog, QListWidget, "parkedList"), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.resumed is not None
    assert dialog.resumed.lines[0].product.sku == "PIE-CHL"


def test_resuming_over_a_sale_in_progress_is_refused(qtbot: QtBot, services: Services) -> None:
    services.park("a", ZOLW_EAN)
    services.checkout.scan(WATER_UPC_AS_GTIN13)
    dialog = open_dialog(qtbot, services)
    qtbot.mouseClick(child(dialog, QPushButton, "resumeParkedButton"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.resumed is None
    message = child(dialog, QLabel, "parkedMessage").text()
    assert "Park or finish the current sale first" in message
    assert len(items(dialog)) == 1
    assert [line.product.sku for line in services.checkout.cart.lines] == ["NAP-WOD"]


def test_a_sale_resumed_meanwhile_is_explained_and_dropped_from_the_list(
    qtbot: QtBot, services: Services
) -> None:
    parked_id = services.park("a", ZOLW_EAN)
    dialog = open_dialog(qtbot, services)
    services.parking.resume(parked_id)  # e.g. another window got there first
    services.checkout.void_sale()
    qtbot.mouseClick(child(dialog, QPushButton, "resumeParkedButton"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "no longer there" in child(dialog, QLabel, "parkedMessage").text()
    assert items(dialog) == []
    assert not child(dialog, QPushButton, "resumeParkedButton").isEnabled()


def test_nothing_parked_says_so_and_close_rejects(qtbot: QtBot, services: Services) -> None:
    dialog = open_dialog(qtbot, services)
    assert child(dialog, QLabel, "parkedMessage").text() == "No sales are parked."
    assert not child(dialog, QPushButton, "resumeParkedButton").isEnabled()
    qtbot.mouseClick(child(dialog, QPushButton, "closeParkedButton"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.resumed is None


def test_every_interactive_widget_has_an_object_name(qtbot: QtBot, services: Services) -> None:
    services.park("a", ZOLW_EAN)
    dialog = open_dialog(qtbot, services)
    interactive = (QLineEdit, QAbstractButton, QAbstractItemView)
    unnamed = [
        widget
        for widget in dialog.findChildren(QWidget)
        if isinstance(widget, interactive)
        and not widget.objectName()
        and not isinstance(widget.parent(), QAbstractItemView)
    ]
    assert unnamed == []
