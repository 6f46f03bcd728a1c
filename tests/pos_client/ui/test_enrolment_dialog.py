"""Enrolling a real till with the real central service from the manager's window: what is wrong
with an address or a token is said plainly (not an address, cannot be reached, token refused,
a right one is kept and the sync starts, the token never reaches the log,
a refused token is shown, and the enrolment can be forgotten."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pos_client.services.sync_service import SyncService, SyncState
from pos_client.ui.enrolment_dialog import EnrolmentDialog
from sync.central.auth import revoke_till
from sync.central.database import write_transaction
from tests.pos_client.ui import central_for_screens as screens
from tests.pos_client.ui.central_for_screens import STORE, WAIT_MS
from tests.pos_client.ui.test_main_window import when_dialog_opens

central_db_url = screens.central_db_url
central_engine = screens.central_engine
central_demo = screens.central_demo
central_server = screens.central_server
sync = screens.sync


def make_dialog(qtbot: QtBot, sync: SyncService, default_url: str = "") -> EnrolmentDialog:
    dialog = EnrolmentDialog(sync, STORE, "01", default_url)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def submit(qtbot: QtBot, dialog: EnrolmentDialog, url: str, token: str) -> str:
    """Type the address and the token, press Enter, wait for the answer; the message."""
    dialog.url_input.setText(url)
    dialog.token_input.setText(token)
    qtbot.keyClick(dialog.token_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    return dialog.message.text()


@pytest.mark.parametrize(
    ("url", "token", "message"),
    [
        ("", "abc", "Enter the central service's address."),
        (
            "ftp://central",
            "abc",
            "ftp://central is not an address like https://central.example.com:8765.",
        ),
        (
            "http://central:8765",
            "two words",
            "Enter the till's token exactly as it was issued (no spaces).",
        ),
        ("http://central:8765", "", "Enter the till's token exactly as it was issued (no spaces)."),
    ],
)
def test_what_is_not_an_address_or_a_token_is_refused_at_once(
    qtbot: QtBot, sync: SyncService, url: str, token: str, message: str
) -> None:
    dialog = make_dialog(qtbot, sync)
    dialog.url_input.setText(url)
    dialog.token_input.setText(token)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert dialog.message.text() == message
    assert sync.enrolment() is None


def test_the_central_service_says_what_is_wrong_then_a_right_token_enrols_and_syncs(
    qtbot: QtBot,
    sync: SyncService,
    central_server: screens.CentralServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    url = central_server.url
    dialog = make_dialog(qtbot, sync, default_url=url)
    assert dialog.url_input.text() == url  # from the setting
    assert dialog.current_label.text() == (
        "This till is not enrolled: it sells on its own and keeps its sales."
    )
    assert dialog.forget_button.isHidden()
    hint = dialog.findChild(QLabel, "enrolmentHint")
    assert hint is not None
    assert "“pos-central enrol-till --store WAW01 --till 01”" in hint.text()

    assert submit(qtbot, dialog, url, "not-a-token") == (
        f"The central service at {url} refused this token: check it, or ask for a new one."
    )
    assert submit(qtbot, dialog, "http://127.0.0.1:9", central_server.till_token).startswith(
        "The central service at http://127.0.0.1:9 could not be reached: "
    )
    assert sync.enrolment() is None
    assert dialog.token_input.text() == central_server.till_token  # kept to correct

    dialog.url_input.setText(url + "/")
    dialog.token_input.setText(central_server.till_token)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.busy
    assert not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)

    assert dialog.message.text() == f"Enrolled with {url}: the till syncs now."
    assert dialog.enrolled
    assert dialog.token_input.text() == ""
    assert dialog.current_label.text().startswith(f"Enrolled with {url} since ")
    assert dialog.forget_button.isVisible()
    assert sync.running
    qtbot.waitUntil(lambda: sync.status().state is SyncState.ONLINE, timeout=WAIT_MS)
    assert all(central_server.till_token not in record.getMessage() for record in caplog.records)


def test_a_refused_token_is_shown_and_the_enrolment_can_be_forgotten(
    qtbot: QtBot, sync: SyncService, central_server: screens.CentralServer
) -> None:
    sync.enrol(central_server.url, central_server.till_token)
    sync.start()
    write_transaction(
        central_server.engine,
        lambda session: revoke_till(session, STORE, "01", datetime.now(UTC)),
    )
    sync.sync_now()
    qtbot.waitUntil(lambda: sync.status().needs_enrolment, timeout=WAIT_MS)
    dialog = make_dialog(qtbot, sync)
    assert dialog.url_input.text() == central_server.url
    assert dialog.current_label.text().startswith(
        f"Enrolled with {central_server.url}, but the central service refused the token on "
    )

    def say_no(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.No).click()

    when_dialog_opens(qtbot, "enrolmentForgetBox", say_no)
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    assert sync.enrolment() is not None

    def say_yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    when_dialog_opens(qtbot, "enrolmentForgetBox", say_yes)
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.message.text() == "Enrolment forgotten: the till sells on its own."
    assert sync.enrolment() is None
    assert not sync.running
    assert sync.status().state is SyncState.NOT_ENROLLED
    assert dialog.forget_button.isHidden()
