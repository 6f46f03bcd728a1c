"""The manager's list of quarantined outbox rows: what the central service refused (or called a
conflict), when, and why. A refused row never blocks the others and is never deleted; once the
cause is fixed centrally, the manager sends the chosen rows again.

Sending again is an approval (reason required, a manager's PIN when a cashier is logged in),
so the audit log records who released which rows and why (`ApprovalAction.SYNC_RELEASE`).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.audit import APPROVAL_ACTIONS, ApprovalAction
from pos_client.services.approvals import ApprovalService
from pos_client.services.sync_service import SyncService
from pos_client.store.errors import StoreError
from pos_client.store.sync_outbox import QuarantinedRow
from pos_client.ui.approval_dialog import ApprovalDialog
from pos_client.ui.formatting import date_time
from pos_client.ui.message_label import show_message
from pos_client.ui.translations import error_text
from sync.protocol import EventKind, ItemStatus

COLUMN_KIND, COLUMN_DOCUMENT, COLUMN_WRITTEN, COLUMN_REFUSED, COLUMN_ANSWER, COLUMN_REASON = range(
    6
)
_ID_ROLE = Qt.ItemDataRole.UserRole


class QuarantineDialog(QDialog):
    def __init__(
        self,
        sync: SyncService,
        approvals: ApprovalService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quarantineDialog")
        self.setWindowTitle(self.tr("Quarantined rows"))
        self.setModal(True)
        self.resize(1100, 620)
        self._sync = sync
        self._approvals = approvals
        self._rows: list[QuarantinedRow] = []
        self.released = 0
        """Rows sent again while the dialog was open."""

        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "The central service refused these rows. The others are sent as usual; these "
                "stay on the till and are never deleted. Fix the cause centrally, then send "
                "the chosen rows again."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("quarantineTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("What"),
                self.tr("Document"),
                self.tr("Written"),
                self.tr("Refused"),
                self.tr("Answer"),
                self.tr("Reason"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # A tap adds a row to the choice or takes it out: no keyboard needed on a touchscreen.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setObjectName("quarantineRowHeader")
        self.table.horizontalHeader().setObjectName("quarantineColumnHeader")
        self.table.verticalHeader().setDefaultSectionSize(48)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_REASON, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        self.detail = QLabel(self)
        self.detail.setObjectName("quarantineDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        self.message = QLabel(self)
        self.message.setObjectName("quarantineMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.select_all_button = self._button(self.tr("Choose all"), "quarantineSelectAll")
        self.select_all_button.clicked.connect(self.table.selectAll)
        self.refresh_button = self._button(self.tr("Read again"), "quarantineRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.release_button = self._button("", "quarantineRelease")
        self.release_button.clicked.connect(self.release_selected)
        self.close_button = self._button(self.tr("Close (Esc)"), "quarantineClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.select_all_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.release_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.refresh()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(56)
        button.setAutoDefault(False)
        return button

    # --- the list ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the quarantined rows again (oldest first)."""
        try:
            rows = self._sync.quarantined()
        except StoreError as error:
            show_message(self.message, error_text(error))
            rows = []
        self._rows = rows
        self.table.clearSelection()
        self.table.setRowCount(len(rows))
        for position, row in enumerate(rows):
            cells = (
                (COLUMN_KIND, self._kind_text(row.kind)),
                (COLUMN_DOCUMENT, _document(row)),
                (COLUMN_WRITTEN, _written(row)),
                (COLUMN_REFUSED, date_time(row.quarantined_at)),
                (COLUMN_ANSWER, self._answer_text(row.status)),
                (COLUMN_REASON, row.reason),
            )
            for column, text in cells:
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, row.id)
                item.setToolTip(row.reason)
                self.table.setItem(position, column, item)
        if not rows:
            self.detail.setText(
                self.tr("Nothing is quarantined: every row was accepted or is still queued.")
            )
        self._selection_changed()

    def _kind_text(self, kind: str) -> str:
        texts: dict[str, str] = {
            EventKind.SALE: self.tr("Sale"),
            EventKind.RETURN: self.tr("Return"),
            EventKind.SHIFT_OPENED: self.tr("Shift opened"),
            EventKind.SHIFT_CLOSED: self.tr("Shift closed"),
            EventKind.CASH_MOVEMENT: self.tr("Cash in or out"),
        }
        return texts.get(kind, kind)

    def _answer_text(self, status: ItemStatus) -> str:
        if status is ItemStatus.CONFLICT:
            return self.tr("Conflict: the same row with other content")
        return self.tr("Refused")

    def selected_ids(self) -> list[str]:
        """The chosen rows' outbox ids, in the list's order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self._rows[row].id for row in rows]

    def _selection_changed(self) -> None:
        chosen = self.selected_ids()
        self.release_button.setText(self.tr("Send again (%n)", "", len(chosen)))
        self.release_button.setEnabled(bool(chosen))
        self.select_all_button.setEnabled(bool(self._rows))
        current = self.table.currentRow()
        if 0 <= current < len(self._rows) and chosen:
            row = self._rows[current]
            self.detail.setText(
                self.tr("Row %1 (%2), event %3: %4")
                .replace("%1", str(row.seq))
                .replace("%2", self._kind_text(row.kind))
                .replace("%3", row.id)
                .replace("%4", row.reason)
            )
        elif self._rows:
            self.detail.setText(self.tr("Tap the rows to send again, or Choose all."))

    # --- sending again -----------------------------------------------------------------------

    def release_selected(self) -> None:
        """After an approval (audited), put the chosen rows back in the queue and wake the
        sync worker."""
        ids = self.selected_ids()
        if not ids:
            return
        kinds = sorted({row.kind for row in self._rows if row.id in ids})
        approval = ApprovalDialog.request(
            self._approvals,
            APPROVAL_ACTIONS[ApprovalAction.SYNC_RELEASE],
            ApprovalAction.SYNC_RELEASE,
            self.tr("Send %n quarantined row(s) to the central service again", "", len(ids)),
            details={"outbox_ids": ids, "kinds": kinds},
            parent=self,
        )
        if approval is None:
            show_message(self.message, self.tr("Not approved: nothing was sent again."))
            return
        try:
            released = self._sync.release(ids)
        except StoreError as error:
            show_message(self.message, error_text(error))
            return
        self.released += released
        self.refresh()
        show_message(
            self.message,
            self.tr("%n row(s) back in the queue: they are sent again now.", "", released),
            "info",
        )


def _document(row: QuarantinedRow) -> str:
    """The receipt or return number when the payload has one, else the event's own id."""
    payload = row.payload or {}
    for key in ("receipt_number", "return_number"):
        value = payload.get(key)
        if isinstance(value, str) and value:
            return value
    return row.aggregate_id


def _written(row: QuarantinedRow) -> str:
    """When the till wrote the row (its own clock), as stored if it cannot be read."""
    try:
        return date_time(datetime.fromisoformat(row.created_at))
    except ValueError:
        return row.created_at
