"""Print jobs off the caller's thread: every job ends in a result, failures included, on real
connections (a TCP printer emulator, files, a FIFO that blocks like a hung device)."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest

from hardware.escpos_render import render_escpos
from hardware.print_queue import PrintQueue, PrintResult
from hardware.printers import (
    DevicePrinter,
    NetworkPrinter,
    NoPrinter,
    PrinterConfig,
    PrintFailure,
)
from hardware.receipt_document import ReceiptBuilder, ReceiptDocument
from tests.hardware.escpos_decoder import decode_escpos
from tests.hardware.printer_emulator import PAPER_OK, PAPER_OUT, closed_port, tcp_printer

WAIT_S = 10.0


def receipt(number: int) -> ReceiptDocument:
    return ReceiptBuilder().text(f"Paragon nr {number} — żółw").barcode(f"R-{number}").build()


def test_jobs_print_in_order_off_the_callers_thread() -> None:
    results: list[PrintResult] = []
    threads: list[str] = []

    def on_result(result: PrintResult) -> None:
        threads.append(threading.current_thread().name)
        results.append(result)

    with tcp_printer(PAPER_OK) as printer:
        queue = PrintQueue(PrinterConfig(NetworkPrinter("127.0.0.1", printer.port)), on_result)
        futures = [queue.submit(receipt(n), f"Receipt {n}") for n in range(1, 4)]
        outcomes = [future.result(WAIT_S) for future in futures]
        received = [printer.next_job() for _ in range(3)]
        queue.close(WAIT_S)
    assert [outcome.ok for outcome in outcomes] == [True, True, True]
    assert [outcome.job.label for outcome in outcomes] == ["Receipt 1", "Receipt 2", "Receipt 3"]
    assert results == outcomes
    assert set(threads) == {"print-queue"}
    assert received == [render_escpos(receipt(n)) for n in range(1, 4)]
    assert decode_escpos(received[0]).lines()[0] == "Paragon nr 1 - żółw"
    assert outcomes[0].message == "Printed."


def test_an_offline_network_printer_fails_with_a_reason_and_retry_works() -> None:
    queue = PrintQueue(PrinterConfig(NetworkPrinter("127.0.0.1", closed_port())))
    result = queue.submit(receipt(1), "Receipt 1").result(WAIT_S)
    assert result.failure is PrintFailure.OFFLINE
    assert result.can_retry
    assert "switched on" in result.message
    assert "refused" in result.detail.lower()
    queue.close(WAIT_S)


def test_paper_out_then_refilled() -> None:
    with tcp_printer(PAPER_OUT) as printer:
        queue = PrintQueue(PrinterConfig(NetworkPrinter("127.0.0.1", printer.port)))
        first = queue.submit(receipt(7)).result(WAIT_S)
        assert first.failure is PrintFailure.PAPER_OUT
        assert "paper" in first.message
        printer.paper_reply = PAPER_OK  # a new roll
        retried = queue.submit(first.job.document).result(WAIT_S)
        assert retried.ok
        assert printer.next_job() == b""  # the refused attempt sent nothing
        assert printer.next_job() == render_escpos(receipt(7))
        queue.close(WAIT_S)


def test_a_file_printer_on_a_path_that_fails(tmp_path: Path) -> None:
    queue = PrintQueue(PrinterConfig(DevicePrinter(str(tmp_path / "no" / "lp0"))))
    assert queue.submit(receipt(1)).result(WAIT_S).failure is PrintFailure.OFFLINE
    queue.close(WAIT_S)
    full = PrintQueue(PrinterConfig(DevicePrinter("/dev/full")))
    result = full.submit(receipt(1)).result(WAIT_S)
    assert result.failure is PrintFailure.FAILED
    assert "No space left" in result.detail
    full.close(WAIT_S)


def test_a_closed_pty_fails_and_the_queue_goes_on(tmp_path: Path) -> None:
    master, slave = os.openpty()
    path = os.ttyname(slave)
    os.close(slave)
    os.close(master)
    queue = PrintQueue(PrinterConfig(DevicePrinter(path)))
    closed = queue.submit(receipt(1)).result(WAIT_S)
    # Linux refuses to open a pty whose master is gone with EACCES, i.e. "check the set-up"
    # (an unplugged USB-serial adapter's node disappears instead: ENOENT, "offline").
    assert closed.failure is PrintFailure.SETUP
    assert "Permission denied" in closed.detail
    queue.close(WAIT_S)
    good = tmp_path / "receipts.bin"
    after = PrintQueue(PrinterConfig(DevicePrinter(str(good))))
    assert after.submit(receipt(2)).result(WAIT_S).ok
    after.close(WAIT_S)
    assert good.read_bytes() == render_escpos(receipt(2))


def test_a_hung_device_times_out_then_reports_busy_then_recovers(tmp_path: Path) -> None:
    """A FIFO with no reader blocks the writer's open() like a hung printer device."""
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    queue = PrintQueue(PrinterConfig(DevicePrinter(str(fifo))), job_timeout_s=0.3)
    first = queue.submit(receipt(1)).result(WAIT_S)
    assert first.failure is PrintFailure.TIMEOUT
    second = queue.submit(receipt(2)).result(WAIT_S)
    assert second.failure is PrintFailure.BUSY
    assert "still stuck" in second.detail
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the printer wakes up
    try:
        third = queue.submit(receipt(3)).result(WAIT_S)
        assert third.ok
        queue.close(WAIT_S)
        data = b""
        while chunk := os.read(reader, 1 << 20):
            data += chunk
    finally:
        os.close(reader)
    assert data == render_escpos(receipt(1)) + render_escpos(receipt(3))


def test_no_printer_configured() -> None:
    queue = PrintQueue(PrinterConfig(NoPrinter()))
    result = queue.submit(receipt(1)).result(WAIT_S)
    assert result.failure is PrintFailure.NO_PRINTER
    assert not result.can_retry
    assert "shown on screen" in result.message
    queue.close(WAIT_S)


def test_submit_after_close_and_close_twice(tmp_path: Path) -> None:
    queue = PrintQueue(PrinterConfig(DevicePrinter(str(tmp_path / "out.bin"))))
    pending = queue.submit(receipt(1))
    queue.close(WAIT_S)
    assert pending.result(0).ok  # queued jobs are printed before the queue stops
    late = queue.submit(receipt(2)).result(0)
    assert late.failure is PrintFailure.FAILED
    assert "closed" in late.detail
    queue.close(WAIT_S)


def test_a_failing_result_callback_does_not_stop_the_queue(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def on_result(result: PrintResult) -> None:
        raise RuntimeError("the dialog was closed")

    queue = PrintQueue(PrinterConfig(DevicePrinter(str(tmp_path / "out.bin"))), on_result)
    with caplog.at_level(logging.ERROR, "hardware.print_queue"):
        assert queue.submit(receipt(1)).result(WAIT_S).ok
        assert queue.submit(receipt(2)).result(WAIT_S).ok
        queue.close(WAIT_S)
    assert "callback failed" in caplog.text


def test_the_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        PrintQueue(PrinterConfig(NoPrinter()), job_timeout_s=0)
