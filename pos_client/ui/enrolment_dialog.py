"""Enrolling the till with the central service (a manager's task): the central address and the
till's token, issued once by `pos-central enrol-till --store S --till T`.

The address and the token are checked with the central service before they are kept (on a
thread of its own: the screen never freezes); a refusal says what is wrong: an address that is
not one, a central service that cannot be reached, a token it refuses. Once enrolled, the sync
starts at once. The manager may also forget the enrolment: the till then sells on its own and
keeps every unsent sale until it is enrolled again. The token is never shown again or logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.services.sync_service import EnrolmentError, SyncService, check_central_url
from pos_client.store.errors import StoreError
from pos_client.ui.formatting import date_time
from pos_client.ui.message_label import show_message
from pos_client.ui.thread_handoff import Handoff
from pos_client.ui.translations import error_text
from sync.client import (
    OfflineError,
    SyncError,
    TimedOutError,
    TokenRefusedError,
)


@dataclass(frozen=True, slots=True)
class _Done:
    """The outcome of a background step: `error` is None when it worked."""

    step: str
    """"enrol" or "forget"."""
    url: str
    error: Exception | None


class EnrolmentDialog(QDialog):
    def __init__(
        self,
        sync: SyncService,
        store_code: str,
        till_id: str,
        default_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """`default_url` fills the address when the till is not enrolled yet (the setting)."""
        super().__init__(parent)
        self.setObjectName("enrolmentDialog")
        self.setWindowTitle(self.tr("Central service"))
        self.setModal(True)
        self.resize(720, 420)
        self._sync = sync
        self._busy = False
        self.enrolled = False
        """The till was enrolled (and its sync started) while the dialog was open."""
        self._handoff = Handoff(self._finished, self)

        layout = QVBoxLayout(self)
        self.current_label = QLabel(self)
        self.current_label.setObjectName("enrolmentCurrent")
        self.current_label.setWordWrap(True)
        layout.addWidget(self.current_label)
        hint = QLabel(
            self.tr(
                "Ask the central office for this till's token: it is made with "
                "“pos-central enrol-till --store %1 --till %2” and shown only once. A new "
                "token replaces the old one."
            )
            .replace("%1", store_code)
            .replace("%2", till_id),
            self,
        )
        hint.setObjectName("enrolmentHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        form = QFormLayout()
        enrolment = sync.enrolment()
        self.url_input = QLineEdit(
            default_url if enrolment is None else enrolment.central_url, self
        )
        self.url_input.setObjectName("enrolmentUrl")
        self.url_input.setPlaceholderText("https://central.example.com:8765")
        form.addRow(self.tr("Central service address"), self.url_input)
        self.token_input = QLineEdit(self)
        self.token_input.setObjectName("enrolmentToken")
        self.token_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_input.setPlaceholderText(self.tr("The till's token"))
        self.token_input.returnPressed.connect(self.submit)
        form.addRow(self.tr("Token"), self.token_input)
        self.show_token = QCheckBox(self.tr("Show the token"), self)
        self.show_token.setObjectName("enrolmentShowToken")
        self.show_token.toggled.connect(self._toggle_token)
        form.addRow("", self.show_token)
        layout.addLayout(form)

        self.message = QLabel(self)
        self.message.setObjectName("enrolmentMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.forget_button = self._button(self.tr("Forget the enrolment"), "enrolmentForget")
        self.forget_button.clicked.connect(self.forget)
        self.submit_button = self._button(self.tr("Check and enrol"), "enrolmentSubmit")
        self.submit_button.clicked.connect(self.submit)
        self.close_button = self._button(self.tr("Close (Esc)"), "enrolmentClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._show_current()
        (self.url_input if not self.url_input.text() else self.token_input).setFocus()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(56)
        button.setAutoDefault(False)
        return button

    def _toggle_token(self, shown: bool) -> None:
        self.token_input.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )

    @property
    def busy(self) -> bool:
        """The central service is being asked (the buttons wait)."""
        return self._busy

    def _show_current(self) -> None:
        try:
            enrolment = self._sync.enrolment()
        except StoreError as error:
            show_message(self.message, error_text(error))
            return
        if enrolment is None:
            text = self.tr("This till is not enrolled: it sells on its own and keeps its sales.")
        elif enrolment.refused_at is not None:
            text = (
                self.tr(
                    "Enrolled with %1, but the central service refused the token on %2: "
                    "enter a new token."
                )
                .replace("%1", enrolment.central_url)
                .replace("%2", date_time(enrolment.refused_at))
            )
        else:
            text = (
                self.tr("Enrolled with %1 since %2.")
                .replace("%1", enrolment.central_url)
                .replace("%2", date_time(enrolment.enrolled_at))
            )
        self.current_label.setText(text)
        self.forget_button.setVisible(enrolment is not None)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (
            self.url_input,
            self.token_input,
            self.submit_button,
            self.forget_button,
            self.close_button,
        ):
            widget.setEnabled(not busy)

    # --- enrolling ---------------------------------------------------------------------------

    def submit(self) -> None:
        """Check the address and token with the central service, keep them, start the sync."""
        if self._busy:
            return
        url = self.url_input.text().strip()
        token = self.token_input.text().strip()
        if not url:
            show_message(self.message, self.tr("Enter the central service's address."))
            self.url_input.setFocus()
            return
        try:
            url = check_central_url(url)
        except EnrolmentError:
            show_message(
                self.message,
                self.tr("%1 is not an address like https://central.example.com:8765.").replace(
                    "%1", url
                ),
            )
            self.url_input.setFocus()
            return
        if not token or any(char.isspace() for char in token):
            show_message(
                self.message,
                self.tr("Enter the till's token exactly as it was issued (no spaces)."),
            )
            self.token_input.setFocus()
            return
        sync = self._sync

        def enrol() -> _Done:
            try:
                sync.enrol(url, token)
                sync.start()
            except (EnrolmentError, StoreError) as error:
                return _Done("enrol", url, error)
            return _Done("enrol", url, None)

        self._set_busy(True)
        show_message(
            self.message,
            self.tr("Checking with the central service at %1…").replace("%1", url),
            "info",
        )
        self._handoff.run(enrol, "enrolment")

    def forget(self) -> None:
        """Stop syncing and forget the address and token, after the manager confirms."""
        if self._busy:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Central service"),
            self.tr(
                "Forget the central service? The till stops syncing and sells on its own; "
                "unsent sales stay on the till until it is enrolled again."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("enrolmentForgetBox")
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        sync = self._sync

        def forget() -> _Done:
            try:
                sync.forget_enrolment()
            except StoreError as error:
                return _Done("forget", "", error)
            return _Done("forget", "", None)

        self._set_busy(True)
        show_message(self.message, self.tr("Stopping the sync…"), "info")
        self._handoff.run(forget, "forget-enrolment")

    def _finished(self, done: object) -> None:
        self._set_busy(False)
        if not isinstance(done, _Done):
            show_message(self.message, error_text(done) if isinstance(done, Exception) else "")
            return
        self._show_current()
        if done.error is not None:
            show_message(self.message, self._refusal(done.url, done.error))
            return
        self.token_input.clear()
        if done.step == "enrol":
            self.enrolled = True
            show_message(
                self.message,
                self.tr("Enrolled with %1: the till syncs now.").replace("%1", done.url),
                "info",
            )
        else:
            show_message(
                self.message, self.tr("Enrolment forgotten: the till sells on its own."), "info"
            )

    def _refusal(self, url: str, error: Exception) -> str:
        """What went wrong, in the chosen language (a technical detail after it)."""
        cause = error.__cause__
        if isinstance(cause, TokenRefusedError):
            return self.tr(
                "The central service at %1 refused this token: check it, or ask for a new one."
            ).replace("%1", url)
        if isinstance(cause, OfflineError | TimedOutError):
            return (
                self.tr("The central service at %1 could not be reached: %2")
                .replace("%1", url)
                .replace("%2", str(cause))
            )
        if isinstance(cause, SyncError):
            return (
                self.tr("The central service at %1 answered with an error: %2")
                .replace("%1", url)
                .replace("%2", str(cause))
            )
        return error_text(error)

    def reject(self) -> None:
        if not self._busy:  # the answer is awaited: Esc waits too
            super().reject()
