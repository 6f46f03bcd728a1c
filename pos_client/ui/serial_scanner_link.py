"""A serial (USB-COM) scanner's codes and plug state, brought to the GUI thread.

`hardware.serial_scanner.SerialScanner` reads on its own thread and calls back there; the
link hands each code and status to the GUI thread through a `Handoff` (a queued signal), so
no widget is ever touched from the reader's thread. `code` and `status_changed` are emitted
on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from hardware.serial_scanner import ScannerStatus, SerialScanner, SerialScannerSettings
from pos_client.ui.thread_handoff import Handoff


class SerialScannerLink(QObject):
    code = Signal(str)
    status_changed = Signal(object)
    """A `ScannerStatus`: connected or not, and the reader's own (English) message."""

    def __init__(self, settings: SerialScannerSettings, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("serialScannerLink")
        self.settings = settings
        self.status: ScannerStatus | None = None
        self._codes = Handoff(self.code.emit, self)
        self._statuses = Handoff(self._status, self)
        self._reader = SerialScanner(settings, self._codes.post, self._statuses.post)

    def start(self) -> None:
        self._reader.start()

    def stop(self) -> None:
        """Stop the reader thread (waits for it); nothing is delivered afterwards."""
        self._codes.close()
        self._statuses.close()
        self._reader.stop()

    def _status(self, status: object) -> None:
        assert isinstance(status, ScannerStatus)
        self.status = status
        self.status_changed.emit(status)
