"""A serial scanner read through a real pseudo-terminal pair: pyserial opens the slave end, the
test writes what a scanner would send on the master end, closes it to "unplug" the scanner and
opens a new pair behind the same path (as udev's /dev/serial/by-id links do) to plug it back."""

from __future__ import annotations

import logging
import os
import queue
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware.serial_scanner import (
    FrameSplitter,
    ScannerStatus,
    SerialScanner,
    SerialScannerSettings,
)

WAIT_S = 10.0


class Pty:
    """The scanner's end of a pseudo-terminal, and the path the till opens."""

    def __init__(self) -> None:
        self.master, slave = os.openpty()
        tty.setraw(slave)  # no echo or line editing before pyserial configures the port
        self.slave_name = os.ttyname(slave)
        os.close(slave)
        self.plugged = True

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def unplug(self) -> None:
        if self.plugged:  # never close a file descriptor number twice: it may be reused
            os.close(self.master)
            self.plugged = False


class Events:
    def __init__(self) -> None:
        self.codes: queue.Queue[str] = queue.Queue()
        self.statuses: queue.Queue[ScannerStatus] = queue.Queue()

    def next_code(self) -> str:
        return self.codes.get(timeout=WAIT_S)

    def wait_status(self, connected: bool) -> ScannerStatus:
        while True:
            status = self.statuses.get(timeout=WAIT_S)
            if status.connected is connected:
                return status


@pytest.fixture
def pty_pair() -> Iterator[Pty]:
    pair = Pty()
    yield pair
    pair.unplug()


@pytest.fixture
def link(tmp_path: Path, pty_pair: Pty) -> Path:
    path = tmp_path / "scanner"
    path.symlink_to(pty_pair.slave_name)
    return path


def start(port: str, events: Events, **settings: object) -> SerialScanner:
    scanner = SerialScanner(
        SerialScannerSettings(port=port, retry_s=0.05, **settings),  # type: ignore[arg-type]
        events.codes.put,
        events.statuses.put,
    )
    scanner.start()
    events.wait_status(connected=True)
    return scanner


def test_codes_ended_by_cr_lf_arrive_one_by_one(pty_pair: Pty) -> None:
    events = Events()
    scanner = start(pty_pair.slave_name, events)
    try:
        pty_pair.send(b"5901234123457\r\n")
        pty_pair.send(b"96385074\r\n036000")  # the third code arrives in two pieces
        pty_pair.send(b"291452\r\n")
        assert [events.next_code() for _ in range(3)] == [
            "5901234123457",
            "96385074",
            "036000291452",
        ]
    finally:
        scanner.stop()
    assert events.codes.empty()


def test_the_gs1_separator_is_kept(pty_pair: Pty) -> None:
    events = Events()
    scanner = start(pty_pair.slave_name, events)
    try:
        code = b"]C10105901234123457" + b"10AB12\x1d3103001250"
        pty_pair.send(code + b"\r")
        assert events.next_code() == code.decode()
    finally:
        scanner.stop()


def test_polish_text_from_a_qr_code_in_utf8(pty_pair: Pty) -> None:
    events = Events()
    scanner = start(pty_pair.slave_name, events)
    try:
        pty_pair.send("żółw-łódź-ŹDŹBŁO\r\n".encode())
        assert events.next_code() == "żółw-łódź-ŹDŹBŁO"
    finally:
        scanner.stop()


def test_configured_terminator_and_encoding(pty_pair: Pty) -> None:
    events = Events()
    scanner = start(pty_pair.slave_name, events, terminators=b"\t", encoding="cp1250")
    try:
        pty_pair.send("Żółw\tA\r\nB\t".encode("cp1250"))
        assert events.next_code() == "Żółw"
        assert events.next_code() == "A\r\nB"
    finally:
        scanner.stop()


def test_speed_is_set_on_the_port(pty_pair: Pty) -> None:
    events = Events()
    scanner = start(pty_pair.slave_name, events, baudrate=115200)
    try:
        pty_pair.send(b"12345670\r")
        assert events.next_code() == "12345670"
    finally:
        scanner.stop()
    assert scanner.settings.baudrate == 115200


def test_unplugging_is_reported_and_plugging_back_resumes(
    tmp_path: Path, link: Path, pty_pair: Pty
) -> None:
    events = Events()
    scanner = start(str(link), events)
    try:
        pty_pair.send(b"5901234123457\r\n")
        assert events.next_code() == "5901234123457"

        pty_pair.send(b"59012")  # unplugged in the middle of a code: never glued to the next
        pty_pair.unplug()
        lost = events.wait_status(connected=False)
        assert "disconnected" in lost.message or "not available" in lost.message
        assert str(link) in lost.message

        replacement = Pty()
        new_link = tmp_path / "new-link"
        new_link.symlink_to(replacement.slave_name)
        new_link.replace(link)
        try:
            back = events.wait_status(connected=True)
            assert back.message == f"Scanner connected on {link}"
            replacement.send(b"96385074\r\n")
            assert events.next_code() == "96385074"
        finally:
            replacement.unplug()
    finally:
        scanner.stop()
    assert events.codes.empty()


def test_a_missing_port_is_reported_and_retried(tmp_path: Path) -> None:
    events = Events()
    port = tmp_path / "no-scanner"
    scanner = SerialScanner(
        SerialScannerSettings(port=str(port), retry_s=0.05), events.codes.put, events.statuses.put
    )
    scanner.start()
    try:
        missing = events.wait_status(connected=False)
        assert "not available" in missing.message
        assert scanner.status == missing
        pair = Pty()
        try:
            port.symlink_to(pair.slave_name)
            events.wait_status(connected=True)
            pair.send(b"5901234123457\n")
            assert events.next_code() == "5901234123457"
        finally:
            pair.unplug()
    finally:
        scanner.stop()


def test_a_failing_callback_does_not_stop_the_reader(
    pty_pair: Pty, caplog: pytest.LogCaptureFixture
) -> None:
    received: queue.Queue[str] = queue.Queue()

    def on_code(code: str) -> None:
        if code == "bad":
            raise RuntimeError("the till choked")
        received.put(code)

    statuses = Events()
    scanner = SerialScanner(
        SerialScannerSettings(port=pty_pair.slave_name), on_code, statuses.statuses.put
    )
    with caplog.at_level(logging.ERROR, "hardware.serial_scanner"), scanner:
        statuses.wait_status(connected=True)  # pyserial empties the input when it opens
        pty_pair.send(b"bad\r\ngood\r\n")
        assert received.get(timeout=WAIT_S) == "good"
    assert any("callback failed" in record.message for record in caplog.records)


def test_start_twice_is_refused_and_stop_is_idempotent(pty_pair: Pty) -> None:
    events = Events()
    scanner = start(pty_pair.slave_name, events)
    with pytest.raises(RuntimeError, match="already running"):
        scanner.start()
    scanner.stop()
    scanner.stop()


def test_frame_splitter() -> None:
    splitter = FrameSplitter(b"\r\n")
    assert splitter.feed(b"\r\n\r\nab") == []
    assert splitter.feed(b"c\rd") == [b"abc"]
    assert splitter.feed(b"\n") == [b"d"]
    assert splitter.feed(b"\x1de") == []
    assert splitter.discard() == b"\x1de"
    assert splitter.discard() == b""


@pytest.mark.parametrize(
    "settings", [{"terminators": b""}, {"baudrate": 0}, {"retry_s": 0}, {"read_timeout_s": -1}]
)
def test_settings_are_checked(settings: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"terminator|positive"):
        SerialScannerSettings(port="/dev/ttyACM0", **settings)  # type: ignore[arg-type]
