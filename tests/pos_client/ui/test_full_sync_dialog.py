"""The full catalogue sync window on a real till against the real central service: the first
sync paused and resumed, the window closed while the sync goes on, the counts and the bar,
a new full sync asked for by the manager, and a till that is not enrolled."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from pos_client.bootstrap import Till
from pos_client.services.sync_service import FullSyncProgress, SyncService, SyncState
from pos_client.ui.full_sync_dialog import FullSyncDialog
from tests.pos_client.ui import central_for_screens as screens
from tests.pos_client.ui.central_for_screens import WAIT_MS, go_online
from tests.pos_client.ui.test_main_window import when_dialog_opens
from tests.sync.conftest import DEMO_PRODUCTS

central_db_url = screens.central_db_url
central_engine = screens.central_engine
central_demo = screens.central_demo
central_server = screens.central_server
sync = screens.sync


def make_dialog(qtbot: QtBot, sync: SyncService) -> FullSyncDialog:
    dialog = FullSyncDialog(sync)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def products(till: Till) -> int:
    """Products the till sells (a full sync deactivates those the central service lacks)."""
    with till.engine.connect() as connection:
        count: int = connection.execute(
            text("SELECT count(*) FROM products WHERE active")
        ).scalar_one()
    return count


def test_the_first_sync_paused_resumed_and_finished_with_the_window_closed(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    sync.enrol(central_server.url, central_server.till_token)
    sync.pause_full_sync()
    assert sync.start()
    qtbot.waitUntil(lambda: sync.status().state is SyncState.ONLINE, timeout=WAIT_MS)
    dialog = make_dialog(qtbot, sync)

    assert dialog.headline.text() == "Syncing the catalogue from the central service"
    assert dialog.pause_button.text() == "Resume"
    assert dialog.state_label.text().startswith("Paused. Sales are still sent")
    assert dialog.count_label.text() == "0 catalogue items so far"
    assert (dialog.progress_bar.minimum(), dialog.progress_bar.maximum()) == (0, 0)  # busy
    assert dialog.restart_button.isHidden()

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert sync.status().full_sync is not None  # closing the window stops nothing
    assert products(till) == 5  # the till's own catalogue, until the new one is complete

    dialog.show()
    qtbot.mouseClick(dialog.pause_button, Qt.MouseButton.LeftButton)
    assert dialog.pause_button.text() == "Pause"
    assert dialog.close_button.text() == "Close (sync goes on)"
    qtbot.waitUntil(lambda: dialog.finished_sync, timeout=WAIT_MS)

    assert dialog.headline.text() == "The catalogue is up to date."
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum() == 1
    assert dialog.pause_button.isHidden()
    assert dialog.close_button.text() == "Close"
    assert products(till) == DEMO_PRODUCTS


def test_the_counts_and_the_bar_follow_the_progress(qtbot: QtBot, sync: SyncService) -> None:
    dialog = make_dialog(qtbot, sync)
    syncing = replace(
        dialog.status,
        state=SyncState.SYNCING,
        central_url="http://central",
        full_sync=FullSyncProgress(done=12500, remaining=37500, paused=False),
    )
    dialog.show_status(syncing)
    assert dialog.count_label.text() == "12\u00a0500 of 50\u00a0000 catalogue items"
    assert (dialog.progress_bar.value(), dialog.progress_bar.maximum()) == (12500, 50000)
    assert dialog.state_label.text() == (
        "You can close this window: the sync goes on in the background."
    )
    dialog.show_status(replace(syncing, state=SyncState.OFFLINE))
    assert dialog.state_label.text() == (
        "Waiting for the central service: the sync goes on when it answers."
    )


def test_the_manager_syncs_the_whole_catalogue_again(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    go_online(qtbot, sync, central_server.url, central_server.till_token)
    dialog = make_dialog(qtbot, sync)
    assert dialog.headline.text() == "No full catalogue sync is under way."
    assert dialog.pause_button.isHidden()
    assert dialog.restart_button.isVisible()

    def say_no(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.No).click()

    when_dialog_opens(qtbot, "fullSyncRestartBox", say_no)
    qtbot.mouseClick(dialog.restart_button, Qt.MouseButton.LeftButton)
    assert sync.status().full_sync is None

    def say_yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    when_dialog_opens(qtbot, "fullSyncRestartBox", say_yes)
    qtbot.mouseClick(dialog.restart_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.finished_sync, timeout=WAIT_MS)
    assert dialog.headline.text() == "The catalogue is up to date."
    assert products(till) == DEMO_PRODUCTS


def test_a_till_that_is_not_enrolled_has_nothing_to_sync(qtbot: QtBot, sync: SyncService) -> None:
    dialog = make_dialog(qtbot, sync)
    assert dialog.headline.text() == "No full catalogue sync is under way."
    assert dialog.state_label.text() == (
        "Not enrolled with a central service: there is nothing to sync."
    )
    assert dialog.restart_button.isHidden()
    assert dialog.pause_button.isHidden()
