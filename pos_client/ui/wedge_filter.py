"""Keyboard-wedge scanners at the application: every key press passes `hardware.wedge`'s
detector, with the key event's own timestamp, before it reaches the focused widget.

A scan (a burst of keys at a scanner's pace, ended by its suffix) is swallowed, so it never
lands in a text field, and reported through `scanned`; the window decides where it goes. Keys
that turn out to be typing are given back to the widget they were meant for, in order: a
person still types into any field (each key waits at most `hold_ms` when no prefix is set).
A key without text (arrows, F-keys, shortcuts with Ctrl or Alt) or a change of focus gives the
held keys back first.

A key event without a timestamp (0) did not come from a device: the till's own on-screen
keys, an input method, QTest. It is typing, never part of a scan, and passes at once.

`scanned` is emitted through a queued connection: the scan is handled after the key event,
never inside it, so whatever it opens (a weight dialog) does not run in the event filter.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from hardware.wedge import ENTER, TAB, WedgeDetector, WedgeSettings, WedgeVerdict

_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_KEYS_OF_TEXT = {ENTER: Qt.Key.Key_Return, TAB: Qt.Key.Key_Tab, "\x1d": Qt.Key.Key_unknown}


def key_of(char: str) -> int:
    """The Qt key that types `char` (Qt's key codes of letters are their upper case)."""
    special = _KEYS_OF_TEXT.get(char)
    if special is not None:
        return int(special.value)
    return ord(char.upper()) if len(char.upper()) == 1 else int(Qt.Key.Key_unknown.value)


class WedgeFilter(QObject):
    """Install with `QApplication.installEventFilter`; parented to the window it serves, it is
    removed from the application when the window goes."""

    scanned = Signal(str)
    """A scan, emitted after the key event that ended it was handled."""
    _found = Signal(str)

    def __init__(self, settings: WedgeSettings, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("wedgeFilter")
        self.detector = WedgeDetector(settings)
        self._replaying = False
        self._target: QWidget | None = None
        """The widget the held keys were typed into."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        self._found.connect(self.scanned, Qt.ConnectionType.QueuedConnection)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or not self._first_receiver(watched):
            return False
        assert isinstance(event, QKeyEvent)
        text = self._scanner_text(event) if event.timestamp() else None
        if text is None:  # a shortcut may fire: what is held was typed before it
            self._interrupt()
            return False
        if kind == QEvent.Type.ShortcutOverride:
            return False
        if not self.detector.holding:
            self._target = watched
        verdict = self.detector.key(text, event.timestamp())
        self._apply(verdict, watched)
        return verdict.swallow

    @staticmethod
    def _first_receiver(widget: QWidget) -> bool:
        """True for the widget a key event goes to first (the focused one, else the window);
        the parents it propagates to afterwards see the same event again."""
        focus = QApplication.focusWidget()
        return widget is focus if focus is not None else widget.isWindow()

    def _scanner_text(self, event: QKeyEvent) -> str | None:
        """The character a scanner could have sent with this key, or None for a key that is
        not part of a scan (no text, or a command with Ctrl, Alt or Meta)."""
        if event.modifiers() & _COMMAND_MODIFIERS:
            return None
        text = event.text()
        if len(text) != 1:
            return None
        if text.isprintable() or text in self.detector.settings.suffixes or text == "\x1d":
            return text
        return None

    def _apply(self, verdict: WedgeVerdict, receiver: QWidget | None = None) -> None:
        self._give_back(verdict.replay, receiver)
        if verdict.scan is not None:
            self._found.emit(verdict.scan)
        wait = self.detector.wait_ms()
        if wait is None:
            self._timer.stop()
        else:
            self._timer.start(wait)

    def _expire(self) -> None:
        self._apply(self.detector.expire())

    def _give_back(self, text: str, fallback: QWidget | None = None) -> None:
        """Type `text` into the widget the held keys were meant for."""
        if not text:
            return
        target = self._target
        if target is None or not shiboken6.isValid(target):
            target = QApplication.focusWidget() or fallback
        self._target = None
        if target is None:
            return
        self._replaying = True
        try:
            for char in text:
                press = QKeyEvent(
                    QEvent.Type.KeyPress, key_of(char), Qt.KeyboardModifier.NoModifier, char
                )
                QApplication.sendEvent(target, press)
        finally:
            self._replaying = False

    def _interrupt(self, receiver: QWidget | None = None) -> None:
        if self.detector.holding:
            self._apply(WedgeVerdict(replay=self.detector.interrupt()), receiver)

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        self._interrupt(old)
