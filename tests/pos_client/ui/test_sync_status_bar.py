"""The always-visible sync line on a real till (SQLite file, its own SyncService) against the
real central service on 127.0.0.1: not connected, online after the first sync, unsent sales,
offline when the central service stops, a refused token, quarantined rows, a clock that is off,
and "Sync now" for a stopped worker."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from pos_client.bootstrap import Till
from pos_client.services.sync_service import SyncService, SyncState
from pos_client.store.database import write_session
from pos_client.store.journal import append_outbox
from pos_client.ui.formatting import date_time
from pos_client.ui.sync_status_bar import SyncStatusBar
from pos_client.ui.translations import install_translation
from sync.central.auth import revoke_till
from sync.central.database import write_transaction
from tests.pos_client.ui import central_for_screens as screens
from tests.pos_client.ui.central_for_screens import WAIT_MS, go_online, new_token, sell
from tests.pos_client.ui.conftest import compile_polish

central_db_url = screens.central_db_url
central_engine = screens.central_engine
central_demo = screens.central_demo
central_server = screens.central_server
central_process = screens.central_process
sync = screens.sync


def make_bar(qtbot: QtBot, sync: SyncService) -> SyncStatusBar:
    bar = SyncStatusBar(sync)
    qtbot.addWidget(bar)
    bar.show()
    return bar


def test_a_till_on_its_own_says_so_and_counts_its_unsent_sales(
    qtbot: QtBot, till: Till, sync: SyncService
) -> None:
    bar = make_bar(qtbot, sync)
    assert bar.state_label.text() == "Not connected"
    assert bar.state_label.property("state") == "not_enrolled"
    assert "not enrolled" in bar.state_label.toolTip()
    assert bar.unsent_label.text() == "Unsent sales: 0"
    for hidden in (
        bar.last_sync_label,
        bar.quarantine_button,
        bar.full_sync_button,
        bar.enrol_button,
        bar.sync_now_button,
        bar.warning_label,
    ):
        assert hidden.isHidden(), hidden.objectName()

    sell(till)
    sell(till, "P002")
    bar.refresh()
    assert bar.unsent_label.text() == "Unsent sales: 2"
    assert "3 rows waiting" in bar.unsent_label.toolTip()  # the shift's opening too


def test_online_after_the_first_sync_and_sales_go_out_at_once(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    bar = make_bar(qtbot, sync)
    with qtbot.waitSignal(bar.full_sync_started, timeout=WAIT_MS):
        sync.enrol(central_server.url, central_server.till_token)
    assert bar.full_sync_button.isVisible()
    assert bar.state_label.text() == "Sync stopped"
    assert bar.last_sync_label.text() == "Last sync: never"

    assert sync.start()
    qtbot.waitUntil(
        lambda: (
            bar.state_label.text() == "Online"
            and bar.full_sync_button.isHidden()
            and bar.last_sync_label.text() != "Last sync: never"
        ),
        timeout=WAIT_MS,
    )
    assert bar.state_label.property("state") == "online"
    last_success = bar.status.last_success_at
    assert last_success is not None
    assert bar.last_sync_label.text() == f"Last sync: {date_time(last_success)}"
    assert central_server.url in bar.state_label.toolTip()
    assert bar.sync_now_button.isVisible()
    assert bar.warning_label.isHidden()

    sell(till, "P0000001")  # from the central catalogue the till now has
    qtbot.waitUntil(lambda: sync.status().unsent == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bar.unsent_label.text() == "Unsent sales: 0", timeout=WAIT_MS)
    assert bar.status.last_success_at is not None


def test_offline_when_the_central_service_stops_and_the_sales_wait(
    qtbot: QtBot,
    till: Till,
    sync: SyncService,
    central_demo: Engine,
    central_db_url: str,
    central_process: screens.CentralProcessFactory,
) -> None:
    server = central_process(central_db_url)
    go_online(qtbot, sync, server.url, new_token(central_demo))
    bar = make_bar(qtbot, sync)
    assert bar.state_label.text() == "Online"

    server.stop()
    sell(till, "P0000001")
    qtbot.waitUntil(lambda: bar.state_label.text() == "Offline", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bar.unsent_label.text() == "Unsent sales: 1", timeout=WAIT_MS)
    assert bar.state_label.property("state") == "offline"
    assert "Last problem:" in bar.state_label.toolTip()
    assert bar.last_sync_label.text() != "Last sync: never"  # the last success is kept

    server.start()
    bar.sync_now_button.click()
    qtbot.waitUntil(
        lambda: bar.state_label.text() == "Online" and bar.unsent_label.text() == "Unsent sales: 0",
        timeout=WAIT_MS,
    )


def test_a_refused_token_asks_a_manager_to_enrol_the_till_again(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    go_online(qtbot, sync, central_server.url, central_server.till_token)
    bar = make_bar(qtbot, sync)
    write_transaction(
        central_server.engine,
        lambda session: revoke_till(session, screens.STORE, "01", datetime.now(UTC)),
    )
    sell(till, "P0000001")
    qtbot.waitUntil(bar.enrol_button.isVisible, timeout=WAIT_MS)
    assert "enrol the till again" in bar.warning_label.text()
    assert bar.warning_label.isVisible()
    assert bar.unsent_label.text() == "Unsent sales: 1"
    with qtbot.waitSignal(bar.enrolment_requested, timeout=1000):
        qtbot.mouseClick(bar.enrol_button, Qt.MouseButton.LeftButton)

    sync.enrol(central_server.url, central_server.enrol(screens.STORE, "01"))
    qtbot.waitUntil(
        lambda: bar.enrol_button.isHidden() and bar.unsent_label.text() == "Unsent sales: 0",
        timeout=WAIT_MS,
    )
    assert bar.warning_label.isHidden()


def test_quarantined_rows_are_counted_and_lead_to_their_list(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    go_online(qtbot, sync, central_server.url, central_server.till_token)
    bar = make_bar(qtbot, sync)
    with write_session(till.engine) as session:
        append_outbox(session, "no_such_kind", str(uuid.uuid4()), datetime.now(UTC), {})
    qtbot.waitUntil(bar.quarantine_button.isVisible, timeout=WAIT_MS)
    assert bar.quarantine_button.text() == "Quarantined: 1"
    assert bar.status.unsent == 0  # the refused row does not hold the queue
    with qtbot.waitSignal(bar.quarantine_requested, timeout=1000):
        qtbot.mouseClick(bar.quarantine_button, Qt.MouseButton.LeftButton)


def test_a_clock_off_by_more_than_two_minutes_is_a_warning(qtbot: QtBot, sync: SyncService) -> None:
    bar = make_bar(qtbot, sync)
    online = replace(bar.status, state=SyncState.ONLINE, central_url="http://central")

    bar.show_status(replace(online, clock_skew=timedelta(minutes=5, seconds=20)))
    assert bar.warning_label.isVisible()
    assert bar.warning_label.text() == (
        "The till's clock is 5 min behind the central service's: correct the clock."
    )
    bar.show_status(replace(online, clock_skew=timedelta(hours=-3)))
    assert bar.warning_label.text() == (
        "The till's clock is 3 h ahead of the central service's: correct the clock."
    )
    bar.show_status(replace(online, clock_skew=timedelta(seconds=-119)))
    assert bar.warning_label.isHidden()


def test_sync_now_starts_a_stopped_worker(
    qtbot: QtBot, sync: SyncService, central_server: screens.CentralServer
) -> None:
    sync.enrol(central_server.url, central_server.till_token)
    bar = make_bar(qtbot, sync)
    assert bar.state_label.text() == "Sync stopped"
    assert sync.status().state is SyncState.STOPPED
    qtbot.mouseClick(bar.sync_now_button, Qt.MouseButton.LeftButton)
    assert sync.running
    qtbot.waitUntil(lambda: bar.state_label.text() == "Online", timeout=WAIT_MS)


def test_the_bar_follows_a_change_of_language(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, sync: SyncService
) -> None:
    bar = make_bar(qtbot, sync)
    assert bar.state_label.text() == "Not connected"
    compile_polish(tmp_path)
    install_translation(qapp, "pl", tmp_path)
    try:
        qtbot.waitUntil(lambda: bar.state_label.text() == "Brak połączenia")
        assert bar.unsent_label.text() == "Niewysłana sprzedaż: 0"
    finally:
        install_translation(qapp, "en")
    qtbot.waitUntil(lambda: bar.state_label.text() == "Not connected")
