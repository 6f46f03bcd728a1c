"""The manager's list of quarantined outbox rows on a real till against the real central service:
a sale for another store (refused) and a second, different version of a sale the central
service already has (a conflict) are listed with what, which document, when and why; the
chosen rows go back to the queue after an audited approval, and nothing does without one."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from pos_client.bootstrap import Till
from pos_client.domain.audit import ApprovalAction
from pos_client.domain.people import Role
from pos_client.services.sync_service import SyncService
from pos_client.store.database import write_session
from pos_client.store.journal import append_outbox
from pos_client.ui.quarantine_dialog import (
    COLUMN_ANSWER,
    COLUMN_DOCUMENT,
    COLUMN_KIND,
    COLUMN_REASON,
    QuarantineDialog,
)
from tests.pos_client.ui import central_for_screens as screens
from tests.pos_client.ui.central_for_screens import WAIT_MS, go_online
from tests.pos_client.ui.test_main_window import when_dialog_opens
from tests.pos_client.ui.test_till_operations import manager_approves
from tests.sync.conftest import Outbox

central_db_url = screens.central_db_url
central_engine = screens.central_engine
central_demo = screens.central_demo
central_server = screens.central_server
sync = screens.sync


def queue(till: Till, kind: str, payload: dict[str, Any]) -> None:
    with write_session(till.engine) as session:
        append_outbox(session, kind, payload["id"], datetime.now(UTC), payload)


def refused_and_conflicting_sales(qtbot: QtBot, till: Till, sync: SyncService) -> None:
    """Queue a sale for another store and two versions of one sale; wait until the central
    service has refused the first and called the third a conflict."""
    queue(till, "sale", Outbox.sale_payload([("P0000001", 1)], store="KRK01", sequence=1))
    sale_id = uuid.uuid4()
    for price in (250, 300):
        payload = Outbox.sale_payload(
            [("P0000002", 1)], sequence=7, unit_price=price, sale_id=sale_id
        )
        queue(till, "sale", payload)
    qtbot.waitUntil(lambda: sync.status().quarantined == 2, timeout=WAIT_MS)


def make_dialog(qtbot: QtBot, till: Till, sync: SyncService) -> QuarantineDialog:
    dialog = QuarantineDialog(sync, till.approvals)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cell(dialog: QuarantineDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def tap_row(qtbot: QtBot, dialog: QuarantineDialog, row: int) -> None:
    item = dialog.table.item(row, COLUMN_KIND)
    assert item is not None
    center = dialog.table.visualItemRect(item).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=center)


def release_entries(till: Till) -> list[Any]:
    with till.engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT user_id, approved_by, reason, details FROM audit_log "
                    "WHERE action = :action"
                ),
                {"action": ApprovalAction.SYNC_RELEASE},
            )
        )


def test_the_manager_sees_why_and_sends_the_chosen_row_again_audited(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    manager = till.users.add("kierownik", "Anna Nowak", Role.MANAGER, "1234")
    till.auth.login("kierownik", "1234")
    go_online(qtbot, sync, central_server.url, central_server.till_token)
    refused_and_conflicting_sales(qtbot, till, sync)
    dialog = make_dialog(qtbot, till, sync)

    assert dialog.table.rowCount() == 2
    assert [cell(dialog, row, COLUMN_KIND) for row in range(2)] == ["Sale", "Sale"]
    assert [cell(dialog, row, COLUMN_DOCUMENT) for row in range(2)] == [
        "KRK01-01-000001",
        "WAW01-01-000007",
    ]
    assert cell(dialog, 0, COLUMN_ANSWER) == "Refused"
    assert "KRK01" in cell(dialog, 0, COLUMN_REASON)
    assert cell(dialog, 1, COLUMN_ANSWER) == "Conflict: the same row with other content"
    assert not dialog.release_button.isEnabled()

    tap_row(qtbot, dialog, 0)
    assert dialog.release_button.text() == "Send again (1)"
    first = sync.quarantined()[0]
    assert dialog.selected_ids() == [first.id]
    assert first.reason in dialog.detail.text()

    refused: list[str] = []
    when_dialog_opens(qtbot, "approvalDialog", manager_approves(qtbot, "store fixed", refused))
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)

    assert refused == []
    assert dialog.released == 1
    assert dialog.message.text() == "1 row(s) back in the queue: they are sent again now."
    ((user_id, approved_by, reason, details),) = release_entries(till)
    assert (user_id, approved_by, reason) == (manager.id, manager.id, "store fixed")
    assert json.loads(details)["outbox_ids"] == [first.id]

    # Sent again, the central service refuses it again (nothing changed centrally).
    qtbot.waitUntil(
        lambda: (
            sync.status().quarantined == 2
            and sync.quarantined()[0].quarantined_at > first.quarantined_at
        ),
        timeout=WAIT_MS,
    )
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 2


def test_a_cashier_needs_a_manager_and_nothing_is_sent_without_the_approval(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    till.users.add("kierownik", "Anna Nowak", Role.MANAGER, "1234")
    till.users.add("kasjer", "Jan Kowalski", Role.CASHIER, "1111")
    till.auth.login("kasjer", "1111")
    go_online(qtbot, sync, central_server.url, central_server.till_token)
    refused_and_conflicting_sales(qtbot, till, sync)
    before = sync.quarantined()
    dialog = make_dialog(qtbot, till, sync)
    qtbot.mouseClick(dialog.select_all_button, Qt.MouseButton.LeftButton)
    assert dialog.release_button.text() == "Send again (2)"

    def cancel(approval: QWidget) -> None:
        button = approval.findChild(QPushButton, "approvalCancel")
        assert button is not None
        button.click()

    when_dialog_opens(qtbot, "approvalDialog", cancel)
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Not approved: nothing was sent again."
    assert sync.quarantined() == before
    assert release_entries(till) == []

    refused: list[str] = []
    when_dialog_opens(qtbot, "approvalDialog", manager_approves(qtbot, "fixed centrally", refused))
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    assert refused == []
    assert dialog.released == 2
    ((user_id, approved_by, _reason, details),) = release_entries(till)
    cashier, manager = till.users.by_login("kasjer"), till.users.by_login("kierownik")
    assert cashier is not None
    assert manager is not None
    assert (user_id, approved_by) == (cashier.member.id, manager.member.id)
    assert json.loads(details)["outbox_ids"] == [row.id for row in before]


def test_an_empty_quarantine_says_so(qtbot: QtBot, till: Till, sync: SyncService) -> None:
    dialog = make_dialog(qtbot, till, sync)
    assert dialog.table.rowCount() == 0
    assert dialog.detail.text() == (
        "Nothing is quarantined: every row was accepted or is still queued."
    )
    assert not dialog.release_button.isEnabled()
    assert not dialog.select_all_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
