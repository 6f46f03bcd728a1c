"""The sync line shown on the sale screen at all times: online / offline / syncing, the sales not
yet sent, the last successful sync, quarantined rows, a clock that is off from the central
service's by more than two minutes, a till the central service refused (enrol it again), and a
full catalogue sync under way.

It follows `SyncService` through a listener that the service calls on the sync worker's
thread; the status is handed to the GUI thread (`thread_handoff.Handoff`) before any widget is
touched. The buttons only emit signals (quarantine, enrolment, full sync) for the window to
open the screens, which are for managers; "Sync now" asks the worker to push and pull at once.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_client.services.sync_service import SyncService, SyncState, SyncStatus
from pos_client.ui.durations import duration_text
from pos_client.ui.formatting import date_time
from pos_client.ui.thread_handoff import Handoff

BUTTON_HEIGHT = 44
"""A finger's height: the bar's buttons are touch targets."""
REFRESH_MS = 15_000
"""The status is also read this often: the worker reports only while it runs (a till that is
not enrolled still counts its unsent sales)."""

_STYLE = """
#syncStatusBar { border-top: 1px solid #d0d7de; }
#syncStateLabel { padding: 4px 12px; border-radius: 10px; font-weight: bold; }
#syncStateLabel[state="online"] { background: #dafbe1; color: #116329; }
#syncStateLabel[state="syncing"], #syncStateLabel[state="starting"] {
    background: #ddf4ff; color: #0550ae;
}
#syncStateLabel[state="offline"] { background: #fff1c5; color: #7d4e00; }
#syncStateLabel[state="not_enrolled"], #syncStateLabel[state="stopped"] {
    background: #eceff2; color: #57606a;
}
#syncWarningLabel {
    background: #ffebe9; color: #a40e26; font-weight: bold; padding: 4px 8px; border-radius: 6px;
}
#syncQuarantineButton { color: #a40e26; font-weight: bold; }
"""


class SyncStatusBar(QFrame):
    quarantine_requested = Signal()
    """The quarantined-rows button was pressed."""
    enrolment_requested = Signal()
    """The "Enrol again" button was pressed (shown after a 401 or 403)."""
    full_sync_requested = Signal()
    """The full catalogue sync button was pressed."""
    full_sync_started = Signal()
    """A full catalogue sync began (it was not under way at the status before)."""

    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusBar")
        self.setStyleSheet(_STYLE)
        self._sync = sync

        self.state_label = self._label("syncStateLabel")
        self.unsent_label = self._label("syncUnsentLabel")
        self.last_sync_label = self._label("syncLastSyncLabel")
        self.quarantine_button = self._button("syncQuarantineButton")
        self.quarantine_button.clicked.connect(self.quarantine_requested)
        self.full_sync_button = self._button("syncFullSyncButton")
        self.full_sync_button.clicked.connect(self.full_sync_requested)
        self.enrol_button = self._button("syncEnrolButton")
        self.enrol_button.clicked.connect(self.enrolment_requested)
        self.sync_now_button = self._button("syncNowButton")
        self.sync_now_button.clicked.connect(self.sync_now)
        self.warning_label = self._label("syncWarningLabel")
        self.warning_label.setWordWrap(True)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        for label in (self.state_label, self.unsent_label, self.last_sync_label):
            row.addWidget(label)
        row.addStretch(1)
        for button in (
            self.quarantine_button,
            self.full_sync_button,
            self.enrol_button,
            self.sync_now_button,
        ):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.warning_label)

        self._handoff = Handoff(self._changed, self)
        self._handoff.on_close(sync.add_listener(self._handoff.post))
        self._status = sync.status()
        self._render()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.timeout.connect(self.refresh)
        self._refresh_timer.start(REFRESH_MS)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        return label

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        return button

    @property
    def status(self) -> SyncStatus:
        """The status shown now."""
        return self._status

    def _changed(self, _status: object) -> None:
        """The service reported a change: show the status as it is now. (Reports come from
        several threads, the worker's and the GUI's, so they may arrive out of order: the one
        posted is only the cue.)"""
        self.show_status(self._sync.status())

    def show_status(self, status: SyncStatus) -> None:
        """Show `status` (on the GUI thread)."""
        started = status.full_sync is not None and self._status.full_sync is None
        self._status = status
        self._render()
        if started:
            self.full_sync_started.emit()

    def refresh(self) -> None:
        """Read the status now (e.g. after a sale, when no worker runs to report it)."""
        self.show_status(self._sync.status())

    def sync_now(self) -> None:
        """Push and pull now (starting the worker if the till is enrolled but it is stopped)."""
        if self._sync.start():
            self._sync.sync_now()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    # --- texts -------------------------------------------------------------------------------

    def _state_text(self, state: SyncState) -> str:
        texts = {
            SyncState.NOT_ENROLLED: self.tr("Not connected"),
            SyncState.STOPPED: self.tr("Sync stopped"),
            SyncState.STARTING: self.tr("Connecting…"),
            SyncState.ONLINE: self.tr("Online"),
            SyncState.SYNCING: self.tr("Syncing…"),
            SyncState.OFFLINE: self.tr("Offline"),
        }
        return texts[state]

    def _state_tip(self, status: SyncStatus) -> str:
        if status.state is SyncState.NOT_ENROLLED:
            return self.tr(
                "This till is not enrolled with a central service: it sells on its own and "
                "keeps every sale until it is enrolled."
            )
        lines = [self.tr("Central service: %1").replace("%1", status.central_url or "")]
        if status.last_error:
            lines.append(self.tr("Last problem: %1").replace("%1", status.last_error))
        if status.retry_in is not None and status.state is SyncState.OFFLINE:
            lines.append(
                self.tr("Next attempt in %1").replace(
                    "%1", duration_text(timedelta(seconds=status.retry_in))
                )
            )
        return "\n".join(lines)

    def _clock_warning(self, skew: timedelta) -> str:
        if skew > timedelta(0):
            text = self.tr(
                "The till's clock is %1 behind the central service's: correct the clock."
            )
        else:
            text = self.tr(
                "The till's clock is %1 ahead of the central service's: correct the clock."
            )
        return text.replace("%1", duration_text(skew))

    def _warnings(self, status: SyncStatus) -> list[str]:
        warnings = []
        if status.needs_enrolment:
            warnings.append(
                self.tr(
                    "The central service refused this till's token: a manager must enrol the "
                    "till again. Sales are kept and sent after that."
                )
            )
        if status.forbidden:
            warnings.append(
                self.tr(
                    "The central service refused this till's data (403): a manager must enrol "
                    "the till again with a token for this store."
                )
            )
        if status.clock_warning and status.clock_skew is not None:
            warnings.append(self._clock_warning(status.clock_skew))
        return warnings

    def _render(self) -> None:
        status = self._status
        enrolled = status.state is not SyncState.NOT_ENROLLED
        self.state_label.setText(self._state_text(status.state))
        self.state_label.setToolTip(self._state_tip(status))
        self.state_label.setProperty("state", status.state.value)
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)

        self.unsent_label.setText(
            self.tr("Unsent sales: %1").replace("%1", str(status.unsent_sales))
        )
        self.unsent_label.setToolTip(
            ""
            if status.oldest_unsent_at is None
            else self.tr("%1 rows waiting (sales, returns, shift events), the oldest from %2")
            .replace("%1", str(status.unsent))
            .replace("%2", date_time(status.oldest_unsent_at))
        )
        self.last_sync_label.setText(
            self.tr("Last sync: never")
            if status.last_success_at is None
            else self.tr("Last sync: %1").replace("%1", date_time(status.last_success_at))
        )
        self.last_sync_label.setVisible(enrolled)

        self.quarantine_button.setText(
            self.tr("Quarantined: %1").replace("%1", str(status.quarantined))
        )
        self.quarantine_button.setVisible(status.quarantined > 0)
        progress = status.full_sync
        if progress is not None:
            if progress.paused:
                text = self.tr("Catalogue sync paused")
            elif progress.total:
                percent = progress.done * 100 // progress.total
                text = self.tr("Catalogue sync %1%").replace("%1", str(percent))
            else:
                text = self.tr("Catalogue sync…")
            self.full_sync_button.setText(text)
        self.full_sync_button.setVisible(progress is not None)
        self.enrol_button.setText(self.tr("Enrol again"))
        self.enrol_button.setVisible(status.needs_enrolment or status.forbidden)
        self.sync_now_button.setText(self.tr("Sync now"))
        self.sync_now_button.setVisible(enrolled)

        warnings = self._warnings(status)
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
