"""Serial (RS-232 or USB-COM) scanners: codes read by a background thread with pyserial.

The scanner sends each code followed by CR, LF or both (configurable). Unlike a keyboard-wedge
scanner it keeps every byte, so the GS1 separator (GS, 0x1D) of a GS1-128 or DataMatrix code
arrives intact. Unplugging the scanner is reported through `on_status` and the reader keeps
trying to open the port again; plugging it back in resumes reading.

Callbacks run on the reader thread: a Qt caller forwards them to the UI thread with a signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import serial

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SerialScannerSettings:
    port: str
    """Device path or name: /dev/ttyACM0, /dev/serial/by-id/..., COM3."""
    baudrate: int = 9600
    terminators: bytes = b"\r\n"
    """Any of these bytes ends a code; empty codes (CR LF pairs) are skipped."""
    encoding: str = "utf-8"
    """How the scanner encodes text (undecodable bytes become U+FFFD)."""
    retry_s: float = 2.0
    """Wait between attempts to open the port."""
    read_timeout_s: float = 0.1
    """How often the reader looks whether it was asked to stop."""

    def __post_init__(self) -> None:
        if not self.terminators:
            raise ValueError("a serial scanner needs at least one terminator byte")
        if self.baudrate <= 0 or self.retry_s <= 0 or self.read_timeout_s <= 0:
            raise ValueError("baud rate, retry and read timeout must be positive")


@dataclass(frozen=True, slots=True)
class ScannerStatus:
    connected: bool
    message: str
    """For the status bar: "Scanner connected on ..." or why it is not."""


class FrameSplitter:
    """Cuts a byte stream into codes at the terminator bytes; keeps an unfinished code."""

    def __init__(self, terminators: bytes) -> None:
        self._terminators = frozenset(terminators)
        self._pending = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        frames = []
        for byte in data:
            if byte in self._terminators:
                if self._pending:
                    frames.append(bytes(self._pending))
                    self._pending.clear()
            else:
                self._pending.append(byte)
        return frames

    def discard(self) -> bytes:
        """Drop the unfinished code (the scanner went away mid-code) and return it."""
        pending = bytes(self._pending)
        self._pending.clear()
        return pending


class SerialScanner:
    """Reads codes from a serial port on its own thread until `stop()`."""

    def __init__(
        self,
        settings: SerialScannerSettings,
        on_code: Callable[[str], None],
        on_status: Callable[[ScannerStatus], None] | None = None,
    ) -> None:
        self.settings = settings
        self._on_code = on_code
        self._on_status = on_status
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_status: ScannerStatus | None = None

    @property
    def status(self) -> ScannerStatus | None:
        return self._last_status

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the scanner reader is already running")
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"serial-scanner {self.settings.port}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop reading and wait for the thread (at most `timeout` seconds)."""
        thread = self._thread
        if thread is None:
            return
        self._stop.set()
        thread.join(timeout)
        self._thread = None

    def __enter__(self) -> SerialScanner:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _report(self, status: ScannerStatus) -> None:
        if status == self._last_status:
            return
        self._last_status = status
        log.info("%s", status.message)
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:
                log.exception("the scanner status callback failed")

    def _run(self) -> None:
        settings = self.settings
        while not self._stop.is_set():
            try:
                port = serial.Serial(
                    settings.port, settings.baudrate, timeout=settings.read_timeout_s
                )
            except (serial.SerialException, OSError, ValueError) as error:
                self._report(
                    ScannerStatus(False, f"Scanner on {settings.port} not available: {error}")
                )
                self._stop.wait(settings.retry_s)
                continue
            self._report(ScannerStatus(True, f"Scanner connected on {settings.port}"))
            try:
                with port:
                    self._read(port)
            except (serial.SerialException, OSError) as error:
                self._report(
                    ScannerStatus(False, f"Scanner on {settings.port} disconnected: {error}")
                )
                self._stop.wait(settings.retry_s)

    def _read(self, port: serial.Serial) -> None:
        splitter = FrameSplitter(self.settings.terminators)
        try:
            while not self._stop.is_set():
                data = port.read(max(1, port.in_waiting))
                for frame in splitter.feed(data):
                    self._emit(frame.decode(self.settings.encoding, errors="replace"))
        finally:
            lost = splitter.discard()
            if lost:
                log.warning("dropped an unfinished code from the scanner: %r", lost)

    def _emit(self, code: str) -> None:
        try:
            self._on_code(code)
        except Exception:
            log.exception("the scanner code callback failed on %r", code)
