"""Printers chosen by configuration, tested on real connections: a TCP printer emulator on
loopback, files and device nodes (/dev/full), pseudo-terminals as serial printers."""

from __future__ import annotations

import errno
import logging
import os
import threading
import tty
from pathlib import Path

import pytest

from hardware.escpos_render import render_escpos
from hardware.escpos_setup import CupsPrinter, DeviceNotFoundError
from hardware.printers import (
    CupsQueue,
    DevicePrinter,
    DummyPrinter,
    NetworkPrinter,
    NoPrinter,
    PrinterConfig,
    PrinterError,
    PrintFailure,
    SerialPrinter,
    UsbPrinter,
    can_read_status,
    classify,
    failure_message,
    parse_printer_address,
    printer_address,
    send,
)
from hardware.receipt_document import ReceiptBuilder
from tests.hardware.escpos_decoder import decode_escpos
from tests.hardware.printer_emulator import (
    DLE_EOT_PAPER,
    PAPER_OK,
    PAPER_OUT,
    closed_port,
    tcp_printer,
)

POLISH = "Zażółć gęślą jaźń"
DATA = render_escpos(ReceiptBuilder().text(POLISH).qr("https://sklep.example/k/1").cut().build())


@pytest.mark.parametrize(
    ("text", "connection"),
    [
        ("usb:04b8:0202", UsbPrinter(0x04B8, 0x0202)),
        ("usb:0x04B8:0x0E15:in=0x81:out=0x02", UsbPrinter(0x04B8, 0x0E15, 0x81, 0x02)),
        ("serial:/dev/ttyUSB0", SerialPrinter("/dev/ttyUSB0")),
        ("serial:/dev/ttyS1@19200", SerialPrinter("/dev/ttyS1", 19200)),
        ("tcp://192.168.1.50:9100", NetworkPrinter("192.168.1.50")),
        ("network://printer.local", NetworkPrinter("printer.local")),
        ("tcp://[fe80::1]:9101", NetworkPrinter("fe80::1", 9101)),
        ("file:/dev/usb/lp0", DevicePrinter("/dev/usb/lp0")),
        ("/tmp/receipts.bin", DevicePrinter("/tmp/receipts.bin")),
        ("cups:TM-T20", CupsQueue("TM-T20")),
        ("dummy", DummyPrinter()),
        ("none", NoPrinter()),
        ("", NoPrinter()),
    ],
)
def test_printer_addresses(text: str, connection: object) -> None:
    parsed = parse_printer_address(text)
    assert parsed == connection
    assert parse_printer_address(printer_address(parsed)) == parsed


@pytest.mark.parametrize(
    "text", ["usb:04b8", "usb:xyz:0202", "tcp://host:70000", "cups:", "lpt1", "serial:"]
)
def test_bad_printer_addresses(text: str) -> None:
    with pytest.raises(ValueError, match=r"TCP port|not a printer address"):
        parse_printer_address(text)


def test_a_network_printer_gets_the_bytes_after_the_paper_check() -> None:
    with tcp_printer(PAPER_OK) as printer:
        send(PrinterConfig(NetworkPrinter("127.0.0.1", printer.port)), DATA)
        received = printer.next_job()
    assert received == DATA
    assert printer.status_requests == 1
    assert POLISH in decode_escpos(received).lines()


def test_paper_out_is_reported_and_nothing_printed() -> None:
    with tcp_printer(PAPER_OUT) as printer:
        with pytest.raises(PrinterError) as caught:
            send(PrinterConfig(NetworkPrinter("127.0.0.1", printer.port)), DATA)
        assert printer.next_job() == b""
    assert caught.value.failure is PrintFailure.PAPER_OUT
    assert "paper" in str(caught.value)


def test_a_printer_that_does_not_answer_the_status_still_prints() -> None:
    with tcp_printer(paper_reply=None) as printer:
        config = PrinterConfig(NetworkPrinter("127.0.0.1", printer.port), status_timeout_s=0.2)
        send(config, DATA)
        assert printer.next_job() == DATA


def test_the_status_check_can_be_switched_off() -> None:
    with tcp_printer(PAPER_OUT) as printer:
        config = PrinterConfig(NetworkPrinter("127.0.0.1", printer.port), check_status=False)
        send(config, DATA)
        assert printer.next_job() == DATA
    assert printer.status_requests == 0


def test_a_network_printer_on_a_closed_port_is_offline() -> None:
    with pytest.raises(PrinterError) as caught:
        send(PrinterConfig(NetworkPrinter("127.0.0.1", closed_port())), DATA)
    assert caught.value.failure is PrintFailure.OFFLINE
    assert "refused" in caught.value.detail.lower()


def test_a_printer_that_stops_taking_data_times_out() -> None:
    """A paused printer: the connection is accepted, the data is not read (20 MB is more than
    the loopback buffers hold)."""
    with tcp_printer(PAPER_OK, reads=False) as printer:
        config = PrinterConfig(
            NetworkPrinter("127.0.0.1", printer.port), io_timeout_s=0.3, check_status=False
        )
        with pytest.raises(PrinterError) as caught:
            send(config, b"\n" * 20_000_000)
    assert caught.value.failure is PrintFailure.TIMEOUT


def test_a_device_file_gets_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "lp0"
    send(PrinterConfig(DevicePrinter(str(path))), DATA)
    assert path.read_bytes() == DATA


def test_a_missing_device_is_offline(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as caught:
        send(PrinterConfig(DevicePrinter(str(tmp_path / "usb" / "lp0"))), DATA)
    assert caught.value.failure is PrintFailure.OFFLINE
    assert "No such file" in caught.value.detail


def test_a_directory_as_the_device_is_a_setup_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as caught:
        send(PrinterConfig(DevicePrinter(str(tmp_path))), DATA)
    assert caught.value.failure is PrintFailure.SETUP


def test_a_device_that_refuses_the_data_fails() -> None:
    with pytest.raises(PrinterError) as caught:
        send(PrinterConfig(DevicePrinter("/dev/full")), DATA)
    assert caught.value.failure is PrintFailure.FAILED
    assert "No space left" in caught.value.detail


class PtyPrinter:
    """A serial printer behind a pseudo-terminal: answers the paper status, keeps the data."""

    def __init__(self, paper_reply: bytes | None, unplug_on_status: bool = False) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.port = os.ttyname(self.slave)  # the slave stays open: no EIO before pyserial opens
        self.paper_reply = paper_reply
        self.unplug_on_status = unplug_on_status
        self.received = bytearray()
        self.plugged = True
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while self.plugged:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            with self._changed:
                self.received += chunk
                self._changed.notify_all()
            if self.received.endswith(DLE_EOT_PAPER):
                del self.received[-len(DLE_EOT_PAPER) :]
                if self.unplug_on_status:
                    self.unplug()
                    return
                if self.paper_reply is not None:
                    os.write(self.master, self.paper_reply)

    def unplug(self) -> None:
        if self.plugged:  # never close a file descriptor number twice: it may be reused
            self.plugged = False
            os.close(self.master)
            os.close(self.slave)

    def wait_for(self, count: int) -> bytes:
        with self._changed:
            self._changed.wait_for(lambda: len(self.received) >= count, timeout=10)
            return bytes(self.received)


def test_a_serial_printer_through_a_pty() -> None:
    printer = PtyPrinter(PAPER_OK)
    try:
        send(PrinterConfig(SerialPrinter(printer.port, 19200)), DATA)
        assert printer.wait_for(len(DATA)) == DATA
    finally:
        printer.unplug()


def test_a_serial_printer_out_of_paper() -> None:
    printer = PtyPrinter(PAPER_OUT)
    try:
        with pytest.raises(PrinterError) as caught:
            send(PrinterConfig(SerialPrinter(printer.port)), DATA)
        assert caught.value.failure is PrintFailure.PAPER_OUT
    finally:
        printer.unplug()


def test_a_serial_printer_unplugged_during_the_job_is_offline() -> None:
    printer = PtyPrinter(None, unplug_on_status=True)
    with pytest.raises(PrinterError) as caught:
        send(PrinterConfig(SerialPrinter(printer.port), status_timeout_s=5), DATA)
    assert caught.value.failure is PrintFailure.OFFLINE


def test_usb_without_pyusb_says_what_to_do() -> None:
    with pytest.raises(PrinterError) as caught:
        send(PrinterConfig(UsbPrinter(0x04B8, 0x0202)), DATA)
    assert caught.value.failure is PrintFailure.SETUP
    assert "pyusb" in caught.value.detail


@pytest.mark.skipif(CupsPrinter.is_usable(), reason="pycups is installed here")
def test_cups_without_its_client_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(PrinterError) as caught:
        send(PrinterConfig(CupsQueue("TM-T20")), DATA)
    assert caught.value.failure is PrintFailure.SETUP
    assert "pycups or the lp command" in caught.value.detail


def test_dummy_and_no_printer() -> None:
    send(PrinterConfig(DummyPrinter()), DATA)
    with pytest.raises(PrinterError) as caught:
        send(PrinterConfig(NoPrinter()), DATA)
    assert caught.value.failure is PrintFailure.NO_PRINTER


def test_which_connections_can_answer_a_status_request() -> None:
    assert can_read_status(NetworkPrinter("p"))
    assert can_read_status(SerialPrinter("/dev/ttyS0"))
    assert can_read_status(UsbPrinter(1, 2))
    assert not can_read_status(DevicePrinter("/dev/usb/lp0"))
    assert not can_read_status(CupsQueue("q"))


def usb_open_of_a_busy_printer() -> None:
    """How python-escpos's Usb.open wraps pyusb's error: the cause stays as the context."""
    try:
        raise OSError(errno.EBUSY, "Resource busy")
    except OSError as error:
        raise DeviceNotFoundError(f"Unable to open USB printer:\n{error}")  # noqa: B904


def test_classify_busy_and_permission_errors() -> None:
    busy = OSError(errno.EBUSY, os.strerror(errno.EBUSY), "/dev/usb/lp0")
    assert classify(busy).failure is PrintFailure.BUSY
    with pytest.raises(DeviceNotFoundError) as wrapped:
        usb_open_of_a_busy_printer()
    assert classify(wrapped.value).failure is PrintFailure.BUSY
    assert classify(DeviceNotFoundError("not found")).failure is PrintFailure.OFFLINE
    denied = OSError(errno.EACCES, os.strerror(errno.EACCES), "/dev/usb/lp0")
    assert classify(denied).failure is PrintFailure.SETUP
    assert classify(TimeoutError("timed out")).failure is PrintFailure.TIMEOUT
    assert classify(ValueError("odd")).failure is PrintFailure.FAILED


def test_every_failure_has_its_own_message() -> None:
    messages = [failure_message(failure) for failure in PrintFailure]
    assert all(messages)
    assert len(set(messages)) == len(messages)


def test_config_checks_its_timeouts() -> None:
    with pytest.raises(ValueError, match="positive"):
        PrinterConfig(io_timeout_s=0)


def test_printing_writes_nothing_to_stdout_and_leaves_logging_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handlers = list(logging.getLogger().handlers)
    send(PrinterConfig(DevicePrinter(str(tmp_path / "out.bin"))), DATA)
    with pytest.raises(PrinterError):
        send(PrinterConfig(DevicePrinter(str(tmp_path / "missing" / "out.bin"))), DATA)
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")
    assert logging.getLogger().handlers == handlers
