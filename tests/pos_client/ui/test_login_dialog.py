"""The login dialog and the idle lock, driven with key clicks and the on-screen keypad."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from pos_client.domain.people import Role, StaffMember
from pos_client.domain.pin import ScryptCost
from pos_client.services.auth import AuthService, clock_time
from pos_client.store.users import UserRepository
from pos_client.ui.login_dialog import IdleLock, LoginDialog

FAST = ScryptCost(n=16, r=1, p=1)
START = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def people(store_engine: Engine) -> dict[str, StaffMember]:
    users = UserRepository(store_engine, pin_cost=FAST)
    return {
        "manager": users.add("kierownik", "Kierownik", Role.MANAGER, "1234"),
        "cashier": users.add("kasjer", "Anna Kasjer", Role.CASHIER, "1111"),
    }


@pytest.fixture
def auth(store_engine: Engine, clock: FakeClock, people: dict[str, StaffMember]) -> AuthService:
    return AuthService(UserRepository(store_engine, pin_cost=FAST), clock)


def open_dialog(qtbot: QtBot, auth: AuthService, **options: object) -> LoginDialog:
    dialog = LoginDialog(auth, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def child(dialog: QWidget, kind: type[QWidget], name: str) -> QWidget:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def press_keypad(qtbot: QtBot, dialog: QWidget, digits: str) -> None:
    for digit in digits:
        button = child(dialog, QPushButton, f"loginKeypadKey{digit}")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def try_login(qtbot: QtBot, dialog: LoginDialog, login: str, pin: str) -> None:
    login_input = child(dialog, QLineEdit, "loginInput")
    assert isinstance(login_input, QLineEdit)
    login_input.clear()
    qtbot.keyClicks(login_input, login)
    qtbot.keyClick(login_input, Qt.Key.Key_Return)  # moves to the PIN
    pin_input = child(dialog, QLineEdit, "pinInput")
    qtbot.keyClicks(pin_input, pin)
    qtbot.keyClick(pin_input, Qt.Key.Key_Return)


def message(dialog: QWidget) -> str:
    label = child(dialog, QLabel, "loginMessage")
    assert isinstance(label, QLabel)
    return label.text()


def test_the_widgets_have_their_names_and_the_pin_is_hidden(
    qtbot: QtBot, auth: AuthService
) -> None:
    dialog = open_dialog(qtbot, auth)
    assert dialog.objectName() == "loginDialog"
    pin_input = child(dialog, QLineEdit, "pinInput")
    assert isinstance(pin_input, QLineEdit)
    assert pin_input.echoMode() is QLineEdit.EchoMode.Password
    for name in ("loginInput", "loginOk", "loginMessage", "loginKeypad"):
        assert dialog.findChild(QWidget, name) is not None, name


def test_login_with_the_keyboard_and_the_keypad(
    qtbot: QtBot, auth: AuthService, people: dict[str, StaffMember]
) -> None:
    dialog = open_dialog(qtbot, auth)
    qtbot.keyClicks(dialog.login_input, "kasjer")
    qtbot.keyClick(dialog.login_input, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.pin_input
    press_keypad(qtbot, dialog, "1111")
    assert dialog.pin_input.text() == "1111"
    with qtbot.waitSignal(dialog.logged_in) as signal:
        qtbot.mouseClick(child(dialog, QPushButton, "loginOk"), Qt.MouseButton.LeftButton)
    assert signal.args == [people["cashier"]]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.member == people["cashier"]
    assert auth.current == people["cashier"]


def test_enter_in_the_pin_field_logs_in(
    qtbot: QtBot, auth: AuthService, people: dict[str, StaffMember]
) -> None:
    dialog = open_dialog(qtbot, auth)
    try_login(qtbot, dialog, "kierownik", "1234")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert auth.current == people["manager"]


def test_the_keypad_types_only_digits_into_the_pin(qtbot: QtBot, auth: AuthService) -> None:
    dialog = open_dialog(qtbot, auth)
    press_keypad(qtbot, dialog, "12")
    qtbot.mouseClick(child(dialog, QPushButton, "loginKeypadKeyComma"), Qt.MouseButton.LeftButton)
    press_keypad(qtbot, dialog, "3")
    qtbot.mouseClick(child(dialog, QPushButton, "loginKeypadKeyBack"), Qt.MouseButton.LeftButton)
    assert dialog.pin_input.text() == "12"
    qtbot.keyClicks(dialog.pin_input, "a9b8765432")
    assert dialog.pin_input.text() == "12987654"  # digits only, eight at most


def test_a_wrong_pin_shows_the_message_and_clears_the_pin(qtbot: QtBot, auth: AuthService) -> None:
    dialog = open_dialog(qtbot, auth)
    try_login(qtbot, dialog, "kasjer", "9999")
    assert "Wrong login or PIN" in message(dialog)
    assert "4 attempts left" in message(dialog)
    assert dialog.pin_input.text() == ""
    assert dialog.login_input.text() == "kasjer"
    assert dialog.focusWidget() is dialog.pin_input
    assert dialog.isVisible()
    assert auth.current is None


def test_an_unknown_login_shows_the_same_message(qtbot: QtBot, auth: AuthService) -> None:
    dialog = open_dialog(qtbot, auth)
    try_login(qtbot, dialog, "kasjer", "9999")
    wrong_pin = message(dialog)
    other = open_dialog(qtbot, auth)
    try_login(qtbot, other, "nieznany", "9999")
    assert message(other) == wrong_pin


def test_five_wrong_pins_lock_and_the_dialog_says_so(
    qtbot: QtBot, auth: AuthService, clock: FakeClock
) -> None:
    dialog = open_dialog(qtbot, auth)
    for _ in range(5):
        try_login(qtbot, dialog, "kasjer", "9999")
    until = START + timedelta(minutes=5)
    assert "locked" in message(dialog)
    assert clock_time(until) in message(dialog)
    try_login(qtbot, dialog, "kasjer", "1111")  # the right PIN while locked
    assert "locked" in message(dialog)
    assert dialog.isVisible()
    clock.now = until
    try_login(qtbot, dialog, "kasjer", "1111")
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_an_empty_login_is_asked_for(qtbot: QtBot, auth: AuthService) -> None:
    dialog = open_dialog(qtbot, auth)
    qtbot.mouseClick(child(dialog, QPushButton, "loginOk"), Qt.MouseButton.LeftButton)
    assert message(dialog) == "Enter your login."
    assert dialog.focusWidget() is dialog.login_input


def test_the_lock_screen_cannot_be_escaped(qtbot: QtBot, auth: AuthService) -> None:
    dialog = open_dialog(qtbot, auth, login="kasjer")
    assert dialog.login_input.text() == "kasjer"
    assert dialog.focusWidget() is dialog.pin_input
    qtbot.keyClick(dialog.pin_input, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.findChild(QPushButton, "loginCancel") is None


def test_a_cancellable_dialog_closes_on_escape(qtbot: QtBot, auth: AuthService) -> None:
    dialog = open_dialog(qtbot, auth, cancellable=True)
    qtbot.keyClick(dialog.login_input, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.member is None


# --- idle lock ---------------------------------------------------------------------------


def test_the_idle_lock_emits_after_the_idle_time(qtbot: QtBot) -> None:
    idle = IdleLock(0.2)
    started = time.monotonic()
    with qtbot.waitSignal(idle.locked, timeout=3000):
        idle.start()
    assert time.monotonic() - started >= 0.19
    assert not idle.is_running()
    idle.stop()


def test_input_keeps_the_till_unlocked(qtbot: QtBot) -> None:
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    idle = IdleLock(0.5)
    seen: list[bool] = []
    idle.locked.connect(lambda: seen.append(True))
    idle.start()
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        qtbot.keyClick(widget, Qt.Key.Key_5)
        qtbot.wait(50)
    assert seen == []
    assert idle.is_running()
    with qtbot.waitSignal(idle.locked, timeout=3000):
        pass
    assert seen == [True]
    idle.stop()


def test_the_idle_time_follows_the_clock_of_the_last_input(qtbot: QtBot) -> None:
    """With a fake clock: input noted after the start postpones the lock by what is left."""
    now = [0.0]
    idle = IdleLock(0.05, clock=lambda: now[0])
    idle.start()
    now[0] = 0.04
    idle.poke()  # input at 0.04 s: locked no earlier than 0.09 s
    now[0] = 0.06
    qtbot.wait(120)
    assert idle.is_running()
    now[0] = 0.2
    with qtbot.waitSignal(idle.locked, timeout=3000):
        pass
    idle.stop()


def test_the_idle_lock_stops_restarts_and_can_be_switched_off(qtbot: QtBot) -> None:
    idle = IdleLock(0.1)
    seen: list[bool] = []
    idle.locked.connect(lambda: seen.append(True))
    idle.start()
    idle.stop()
    qtbot.wait(250)
    assert seen == []
    idle.set_idle_seconds(0)
    idle.start()
    assert not idle.is_running()
    idle.set_idle_seconds(0.1)
    assert idle.idle_seconds == 0.1
    with qtbot.waitSignal(idle.locked, timeout=3000):
        idle.start()
    with qtbot.waitSignal(idle.locked, timeout=3000):
        idle.start()  # again after the next login
    assert seen == [True, True]
    idle.stop()
