"""The full catalogue sync (the first one, or one after the central feed was reset): a progress
bar with the counts, pause and resume, and a close button that leaves the sync running in the
background (the status bar keeps showing it).

The dialog is not modal: the till sells with the old catalogue (or, on the first sync, waits
for one) while it runs. It follows `SyncService` through a listener handed over to the GUI
thread. When no full sync is under way, a manager may start one ("Sync the whole catalogue
again"), e.g. when the catalogue on the till looks wrong.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.services.sync_service import FullSyncProgress, SyncService, SyncState, SyncStatus
from pos_client.store.errors import StoreError
from pos_client.ui.message_label import show_message
from pos_client.ui.thread_handoff import Handoff
from pos_client.ui.translations import error_text


class FullSyncDialog(QDialog):
    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fullSyncDialog")
        self.setWindowTitle(self.tr("Catalogue sync"))
        self.setModal(False)
        self.resize(640, 320)
        self._sync = sync
        self._seen: FullSyncProgress | None = None
        """The last progress shown."""
        self.finished_sync = False
        """A full sync was seen under way and then ended while the dialog was open."""

        layout = QVBoxLayout(self)
        self.headline = QLabel(self)
        self.headline.setObjectName("fullSyncHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("fullSyncProgress")
        self.progress_bar.setMinimumHeight(40)
        layout.addWidget(self.progress_bar)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("fullSyncCount")
        layout.addWidget(self.count_label)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("fullSyncState")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        self.message = QLabel(self)
        self.message.setObjectName("fullSyncMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.pause_button = self._button("fullSyncPauseButton")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.restart_button = self._button("fullSyncRestartButton")
        self.restart_button.clicked.connect(self.restart)
        self.close_button = self._button("fullSyncCloseButton")
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.restart_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self._handoff = Handoff(self._changed, self)
        self._handoff.on_close(sync.add_listener(self._handoff.post))
        self._status = sync.status()
        self._render()

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setMinimumHeight(56)
        button.setAutoDefault(False)
        return button

    @property
    def status(self) -> SyncStatus:
        return self._status

    def _changed(self, _status: object) -> None:
        """The service reported a change: show the status as it is now. (Reports come from
        several threads, the worker's and the GUI's, so they may arrive out of order: the one
        posted is only the cue.)"""
        self.show_status(self._sync.status())

    def show_status(self, status: SyncStatus) -> None:
        """Show `status` (on the GUI thread)."""
        if status.full_sync is None and self._seen is not None:
            self.finished_sync = True
        self._status = status
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    # --- actions -----------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        """Pause the full sync (sales still go out), or resume it."""
        progress = self._status.full_sync
        if progress is None:
            return
        try:
            if progress.paused:
                self._sync.resume_full_sync()
            else:
                self._sync.pause_full_sync()
        except StoreError as error:
            show_message(self.message, error_text(error))
            return
        self.message.clear()
        self.show_status(self._sync.status())

    def restart(self) -> None:
        """Sync the whole catalogue again from the start, after the manager confirms."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Catalogue sync"),
            self.tr(
                "Sync the whole catalogue again from the central service? The till keeps "
                "selling with the catalogue it has until the new one is complete."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("fullSyncRestartBox")
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._sync.resync_catalogue()
            self._sync.sync_now()
        except StoreError as error:
            show_message(self.message, error_text(error))
            return
        self.finished_sync = False
        self._seen = None  # finished again only after the new sync was seen under way
        self.message.clear()
        self.show_status(self._sync.status())

    # --- showing -----------------------------------------------------------------------------

    def _count_text(self, progress: FullSyncProgress) -> str:
        locale = QLocale()
        if progress.total is None:
            return self.tr("%1 catalogue items so far").replace(
                "%1", locale.toString(progress.done)
            )
        return (
            self.tr("%1 of %2 catalogue items")
            .replace("%1", locale.toString(progress.done))
            .replace("%2", locale.toString(progress.total))
        )

    def _running_text(self, status: SyncStatus, progress: FullSyncProgress) -> str:
        if progress.paused:
            return self.tr(
                "Paused. Sales are still sent; resume to finish the catalogue (it is used "
                "only when complete)."
            )
        if status.state is SyncState.OFFLINE:
            return self.tr("Waiting for the central service: the sync goes on when it answers.")
        if status.state in (SyncState.STOPPED, SyncState.NOT_ENROLLED):
            return self.tr("The sync is stopped: it goes on when the till syncs again.")
        return self.tr("You can close this window: the sync goes on in the background.")

    def _render(self) -> None:
        status = self._status
        progress = status.full_sync
        if progress is not None:
            self._seen = progress
            self.headline.setText(self.tr("Syncing the catalogue from the central service"))
            total = progress.total
            if total:
                self.progress_bar.setRange(0, total)
                self.progress_bar.setValue(progress.done)
            else:
                self.progress_bar.setRange(0, 0)  # busy until the first page tells the total
            self.count_label.setText(self._count_text(progress))
            self.state_label.setText(self._running_text(status, progress))
            self.pause_button.setText(self.tr("Resume") if progress.paused else self.tr("Pause"))
            self.close_button.setText(self.tr("Close (sync goes on)"))
        else:
            self.headline.setText(
                self.tr("The catalogue is up to date.")
                if self.finished_sync
                else self.tr("No full catalogue sync is under way.")
            )
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(1 if self.finished_sync else 0)
            self.count_label.clear()
            self.state_label.setText(
                self.tr("Not enrolled with a central service: there is nothing to sync.")
                if status.state is SyncState.NOT_ENROLLED
                else ""
            )
            self.close_button.setText(self.tr("Close"))
        self.pause_button.setVisible(progress is not None)
        self.restart_button.setText(self.tr("Sync the whole catalogue again"))
        self.restart_button.setVisible(
            progress is None and status.state is not SyncState.NOT_ENROLLED
        )
