"""The sync screens reached from the real sale screen: a manager enrols an empty till from the
menu, the first catalogue sync shows itself, staff ask F4 about the product just scanned, the
status line counts and sends the sale, leads to the quarantined rows, and a cashier needs a
manager for the sync screens but not for stock in other stores."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos_client.bootstrap import Till, build_till
from pos_client.config import Settings
from pos_client.domain.audit import ApprovalAction
from pos_client.domain.people import Role
from pos_client.services.sync_service import SyncService, SyncState
from pos_client.store.database import write_session
from pos_client.store.journal import append_outbox
from pos_client.ui.enrolment_dialog import EnrolmentDialog
from pos_client.ui.full_sync_dialog import FullSyncDialog
from pos_client.ui.main_window import MainWindow
from pos_client.ui.quarantine_dialog import QuarantineDialog
from pos_client.ui.stock_lookup_dialog import COLUMN_STORE, StockLookupDialog
from tests.pos_client.ui import central_for_screens as screens
from tests.pos_client.ui.central_for_screens import STORE, WAIT_MS
from tests.pos_client.ui.conftest import OPENING_FLOAT
from tests.pos_client.ui.test_main_window import scan, when_dialog_opens
from tests.pos_client.ui.test_till_operations import manager_approves

central_db_url = screens.central_db_url
central_engine = screens.central_engine
central_demo = screens.central_demo
central_server = screens.central_server
sync = screens.sync

SKU = "P0000001"


@pytest.fixture
def empty_till(tmp_path: Path) -> Iterator[Till]:
    """A till with no catalogue yet, a manager logged in and a shift open: it is about to be
    enrolled for the first time."""
    built = build_till(Settings(data_dir=tmp_path / "empty"))
    built.users.add("kierownik", "Anna Nowak", Role.MANAGER, "1234")
    built.auth.login("kierownik", "1234")
    built.shifts.open_shift(OPENING_FLOAT)
    yield built
    built.sync.close()
    built.engine.dispose()


def open_window(qtbot: QtBot, till: Till) -> MainWindow:
    window = MainWindow(till)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def menu_action(window: MainWindow, name: str) -> QAction:
    menu = window.menu_button.menu()
    assert menu is not None
    action = menu.findChild(QAction, name)
    assert action is not None, name
    return action


def unnamed_interactive(widget: QWidget) -> list[QWidget]:
    interactive = (QLineEdit, QAbstractButton, QAbstractItemView)
    return [
        child
        for child in widget.findChildren(QWidget)
        if isinstance(child, interactive)
        and not child.objectName()
        and not isinstance(child.parent(), QAbstractItemView)
    ]


def test_a_manager_enrols_an_empty_till_and_the_first_sync_shows_itself(
    qtbot: QtBot, empty_till: Till, central_server: screens.CentralServer
) -> None:
    till = empty_till
    till.sync.pause_full_sync()  # so that the first sync waits to be watched
    window = open_window(qtbot, till)
    assert window.sync_bar.state_label.text() == "Not connected"
    assert "F4 Stock" in window.shortcut_bar.text()
    assert unnamed_interactive(window.sync_bar) == []
    seen: dict[str, str] = {}

    def enrol(dialog: QWidget) -> None:
        assert isinstance(dialog, EnrolmentDialog)
        assert unnamed_interactive(dialog) == []
        assert dialog.url_input.text() == till.settings.central_url  # the setting
        dialog.url_input.setText(central_server.url)
        dialog.token_input.setText(central_server.till_token)
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        seen["enrolment"] = dialog.message.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    refused: list[str] = []
    when_dialog_opens(
        qtbot,
        "approvalDialog",
        manager_approves(qtbot, "new till", refused),
    )
    when_dialog_opens(qtbot, "enrolmentDialog", enrol)
    menu_action(window, "enrolmentAction").trigger()

    assert refused == []
    assert seen["enrolment"] == f"Enrolled with {central_server.url}: the till syncs now."
    assert window.message.text() == "Enrolled: the till syncs with the central service."
    assert till.sync.running
    with till.engine.connect() as connection:
        assert (
            connection.exec_driver_sql(
                "SELECT count(*) FROM audit_log WHERE action = ?", (ApprovalAction.SYNC_ENROLMENT,)
            ).scalar_one()
            == 1
        )

    qtbot.waitUntil(
        lambda: (
            (found := window.findChild(FullSyncDialog, "fullSyncDialog")) is not None
            and found.isVisible()
        ),
        timeout=WAIT_MS,
    )
    full_sync = window.findChild(FullSyncDialog, "fullSyncDialog")
    assert full_sync is not None
    assert unnamed_interactive(full_sync) == []
    assert full_sync.pause_button.text() == "Resume"
    qtbot.mouseClick(full_sync.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: full_sync.finished_sync, timeout=WAIT_MS)
    assert full_sync.headline.text() == "The catalogue is up to date."
    qtbot.mouseClick(full_sync.close_button, Qt.MouseButton.LeftButton)
    assert not full_sync.isVisible()
    qtbot.waitUntil(lambda: window.sync_bar.state_label.text() == "Online", timeout=WAIT_MS)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    scan(qtbot, window, SKU)
    assert window.cart_model.rowCount() == 1
    asked: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, StockLookupDialog)
        assert unnamed_interactive(dialog) == []
        qtbot.waitUntil(lambda: dialog.answer is not None, timeout=WAIT_MS)
        asked["answer"] = dialog.answer
        item = dialog.table.item(0, COLUMN_STORE)
        asked["first"] = "" if item is None else item.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog_opens(qtbot, "stockLookupDialog", look)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F4)
    answer = asked["answer"]
    assert answer is not None
    assert getattr(answer, "sku", None) == SKU
    assert getattr(answer, "live", None) is True
    assert str(asked["first"]).endswith(f"({STORE}) · this store")

    def pay_exact(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.findChild(QPushButton, "cashButton"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "doneButton"), Qt.MouseButton.LeftButton)

    when_dialog_opens(qtbot, "paymentDialog", pay_exact)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # back from the stock window
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F12)
    assert window.cart_model.rowCount() == 0
    qtbot.waitUntil(lambda: till.sync.status().unsent == 0, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: window.sync_bar.unsent_label.text() == "Unsent sales: 0", timeout=WAIT_MS
    )

    with write_session(till.engine) as session:
        append_outbox(session, "no_such_kind", str(uuid.uuid4()), datetime.now(UTC), {})
    qtbot.waitUntil(window.sync_bar.quarantine_button.isVisible, timeout=WAIT_MS)
    listed: list[int] = []

    def look_at_quarantine(dialog: QWidget) -> None:
        assert isinstance(dialog, QuarantineDialog)
        assert unnamed_interactive(dialog) == []
        listed.append(dialog.table.rowCount())
        dialog.reject()

    when_dialog_opens(qtbot, "quarantineDialog", look_at_quarantine)
    qtbot.mouseClick(window.sync_bar.quarantine_button, Qt.MouseButton.LeftButton)
    assert listed == [1]  # a manager is logged in: no approval to look


def test_a_cashier_looks_up_stock_freely_but_needs_a_manager_for_the_sync_screens(
    qtbot: QtBot,
    till: Till,
    sync: SyncService,
    central_server: screens.CentralServer,
) -> None:
    till.users.add("kierownik", "Anna Nowak", Role.MANAGER, "1234")
    till.users.add("kasjer", "Jan Kowalski", Role.CASHIER, "1111")
    till.auth.login("kasjer", "1111")
    sync.enrol(central_server.url, central_server.till_token)
    window = open_window(qtbot, till)
    opened: list[str] = []

    def close_at_once(dialog: QWidget) -> None:
        opened.append(dialog.objectName())
        assert isinstance(dialog, QDialog)
        dialog.reject()

    when_dialog_opens(qtbot, "stockLookupDialog", close_at_once)
    menu_action(window, "stockLookupAction").trigger()
    assert opened == ["stockLookupDialog"]

    def cancel(dialog: QWidget) -> None:
        opened.append(dialog.objectName())
        assert isinstance(dialog, QDialog)
        dialog.reject()

    for action in ("syncQueueAction", "fullSyncAction", "enrolmentAction"):
        when_dialog_opens(qtbot, "approvalDialog", cancel)
        menu_action(window, action).trigger()
        assert QApplication.activeModalWidget() is None
    assert opened == ["stockLookupDialog", *["approvalDialog"] * 3]
    assert window.findChild(FullSyncDialog, "fullSyncDialog") is None

    refused: list[str] = []
    when_dialog_opens(qtbot, "approvalDialog", manager_approves(qtbot, "check the queue", refused))
    when_dialog_opens(qtbot, "quarantineDialog", close_at_once)
    menu_action(window, "syncQueueAction").trigger()
    assert refused == []
    assert opened[-1] == "quarantineDialog"
    assert sync.status().state is SyncState.STOPPED
