"""Logging in at the till (login, PIN on the keypad), and locking the till when it sits idle.

`LoginDialog` is both the start-of-day login and the lock screen: by default it cannot be closed
without logging in (Escape does nothing). `IdleLock` watches the whole application's keyboard,
mouse and touch input and emits `locked` after the configured idle time; the main window shows
the login dialog then and starts the lock again after a login.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.people import StaffMember
from pos_client.domain.pin import PIN_MAX_DIGITS
from pos_client.services.auth import AuthError, AuthService
from pos_client.store.errors import StoreError
from pos_client.ui.keypad import NumericKeypad
from pos_client.ui.translations import error_text

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def pin_field(parent: QWidget, name: str) -> QLineEdit:
    """A PIN input: hidden digits, at most eight, digits only (the keypad's comma is refused)."""
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(PIN_MAX_DIGITS)
    field.setValidator(
        QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX_DIGITS}}}"), field)
    )
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
    )
    return field


class LoginDialog(QDialog):
    """Asks for a login and a PIN and logs in through `AuthService.login`.

    After `exec()` returns Accepted, `member` is who logged in (also sent by `logged_in`).
    """

    logged_in = Signal(object)
    """The StaffMember who logged in."""

    def __init__(
        self,
        auth: AuthService,
        parent: QWidget | None = None,
        *,
        login: str = "",
        cancellable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in"))
        self.setModal(True)
        self._auth = auth
        self._cancellable = cancellable
        self.member: StaffMember | None = None

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Log in with your login and PIN"), self)
        title.setObjectName("loginTitle")
        layout.addWidget(title)
        form = QFormLayout()
        self.login_input = QLineEdit(login, self)
        self.login_input.setObjectName("loginInput")
        self.login_input.setMaxLength(40)
        form.addRow(self.tr("Login"), self.login_input)
        self.pin_input = pin_field(self, "pinInput")
        form.addRow(self.tr("PIN"), self.pin_input)
        layout.addLayout(form)
        layout.addWidget(NumericKeypad(self.pin_input, "loginKeypad", self))
        self.message_label = QLabel(self)
        self.message_label.setObjectName("loginMessage")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if cancellable:
            cancel = QPushButton(self.tr("Cancel"), self)
            cancel.setObjectName("loginCancel")
            cancel.setAutoDefault(False)
            cancel.clicked.connect(self.reject)
            buttons.addWidget(cancel)
        self.ok_button = QPushButton(self.tr("Log in"), self)
        self.ok_button.setObjectName("loginOk")
        self.ok_button.setAutoDefault(False)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)

        (self.pin_input if login else self.login_input).setFocus()

    def message(self) -> str:
        return self.message_label.text()

    def submit(self) -> None:
        """Try the login and PIN typed; on a refusal show why and clear the PIN."""
        try:
            member = self._auth.login(self.login_input.text(), self.pin_input.text())
        except (AuthError, StoreError) as error:
            self._refused(error_text(error))
            return
        self.member = member
        self.message_label.clear()
        self.logged_in.emit(member)
        self.accept()

    def _refused(self, message: str) -> None:
        self.message_label.setText(message)
        self.pin_input.clear()
        (self.pin_input if self.login_input.text().strip() else self.login_input).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter moves from the login to the PIN, and from the PIN logs in."""
        if event.key() in _ENTER_KEYS:
            event.accept()
            if self.focusWidget() is self.login_input and not self.pin_input.text():
                self.pin_input.setFocus()
            else:
                self.submit()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Escape and the window's close button do nothing unless the dialog is cancellable."""
        if self._cancellable:
            super().reject()


_USER_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


class IdleLock(QObject):
    """Emits `locked` once the application has had no keyboard, mouse or touch input for
    `idle_seconds`, then stops until `start()` is called again (after the next login).

    Input only notes the time (the event filter stays cheap); the timer, when it fires, waits
    again for whatever is left of the idle time.
    """

    locked = Signal()

    def __init__(
        self,
        idle_seconds: float,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("idleLock")
        self._idle_seconds = idle_seconds
        self._clock = clock
        self._last_input = clock()
        self._filtering: QCoreApplication | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("idleLockTimer")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)

    @property
    def idle_seconds(self) -> float:
        return self._idle_seconds

    def set_idle_seconds(self, seconds: float) -> None:
        """Change the idle time (0 or less switches the lock off); a running lock restarts."""
        self._idle_seconds = seconds
        if seconds <= 0:
            self.stop()
        elif self.is_running():
            self.start()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start (or restart) counting idle time from now."""
        if self._idle_seconds <= 0:
            return
        app = QCoreApplication.instance()
        if app is not None and self._filtering is None:
            app.installEventFilter(self)
            self._filtering = app
        self.poke()
        self._arm(self._idle_seconds)

    def stop(self) -> None:
        self._timer.stop()
        if self._filtering is not None:
            self._filtering.removeEventFilter(self)
            self._filtering = None

    def poke(self) -> None:
        """Count as user input now (e.g. a scan from a serial scanner, which is not a key)."""
        self._last_input = self._clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802, ARG002
        if event.type() in _USER_INPUT:
            self._last_input = self._clock()
        return False

    def _arm(self, seconds: float) -> None:
        self._timer.start(max(1, math.ceil(seconds * 1000)))

    def _check(self) -> None:
        left = self._idle_seconds - (self._clock() - self._last_input)
        if left > 0.001:
            self._arm(left)
            return
        self.stop()
        self.locked.emit()
