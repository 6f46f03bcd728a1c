"""Print jobs run off the UI thread; each ends in a `PrintResult`, never in an exception.

`PrintQueue.submit()` returns at once with a `concurrent.futures.Future` that always completes
with a result: printed, or failed with a kind (offline, paper out, busy, timeout, set-up, no
printer) and a message for the cashier, so the UI can offer Retry (submit the same document
again). Jobs print one after another in the order submitted.

A write to a device can block far longer than any timeout of its own (a USB printer with its
cover open, a device node of a printer that hangs). So each job's I/O runs on a helper thread
and the job gives up after `job_timeout_s`; while that helper is still stuck, later jobs wait
for it at most `job_timeout_s` more and then fail as busy, instead of piling up behind it.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from hardware.escpos_render import render_escpos
from hardware.printers import (
    NoPrinter,
    PrinterConfig,
    PrinterError,
    PrintFailure,
    classify,
    failure_message,
    send,
)
from hardware.receipt_document import ReceiptDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PrintJob:
    document: ReceiptDocument
    label: str = ""
    """What it is, for the cashier and the log: "Receipt WAW01-01-000123"."""
    job_id: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass(frozen=True, slots=True)
class PrintResult:
    job: PrintJob
    failure: PrintFailure | None = None
    detail: str = ""
    """What went wrong, technically (for the log and the details of the message box)."""

    @property
    def ok(self) -> bool:
        return self.failure is None

    @property
    def message(self) -> str:
        """For the cashier (English; the UI translates by `failure`)."""
        return "Printed." if self.failure is None else failure_message(self.failure)

    @property
    def can_retry(self) -> bool:
        return self.failure not in (None, PrintFailure.NO_PRINTER)


class PrintQueue:
    def __init__(
        self,
        config: PrinterConfig,
        on_result: Callable[[PrintResult], None] | None = None,
        *,
        job_timeout_s: float = 30.0,
    ) -> None:
        """`on_result` runs on the queue's thread (a Qt caller emits a signal from it)."""
        if job_timeout_s <= 0:
            raise ValueError("the job timeout must be positive")
        self.config = config
        self._on_result = on_result
        self._job_timeout_s = job_timeout_s
        self._jobs: queue.Queue[tuple[PrintJob, Future[PrintResult]] | None] = queue.Queue()
        self._stuck: threading.Thread | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._worker = threading.Thread(target=self._run, name="print-queue", daemon=True)
        self._worker.start()

    def submit(self, document: ReceiptDocument, label: str = "") -> Future[PrintResult]:
        """Queue a document; the future completes with its result (never an exception)."""
        job = PrintJob(document, label)
        future: Future[PrintResult] = Future()
        with self._lock:
            if self._closed:
                future.set_result(
                    PrintResult(job, PrintFailure.FAILED, "the print queue is closed")
                )
                return future
            self._jobs.put((job, future))
        return future

    def close(self, timeout: float | None = None) -> None:
        """Print what is queued, then stop the worker (waits at most `timeout` seconds)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(None)  # the worker stops when it gets here
        self._worker.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, future = item
            result = self._print(job)
            if result.ok:
                log.info("printed %s", job.label or job.job_id)
            else:
                log.warning(
                    "printing %s failed (%s): %s",
                    job.label or job.job_id,
                    result.failure,
                    result.detail,
                )
            future.set_result(result)
            if self._on_result is not None:
                try:
                    self._on_result(result)
                except Exception:
                    log.exception("the print result callback failed")

    def _print(self, job: PrintJob) -> PrintResult:
        if isinstance(self.config.connection, NoPrinter):
            return PrintResult(job, PrintFailure.NO_PRINTER, "no printer configured")
        try:
            data = render_escpos(job.document, self.config.escpos)
        except Exception as error:
            log.exception("laying out %s for the printer failed", job.label or job.job_id)
            return PrintResult(job, PrintFailure.FAILED, f"layout: {error}")
        if self._stuck is not None:
            self._stuck.join(self._job_timeout_s)
            if self._stuck.is_alive():
                return PrintResult(
                    job, PrintFailure.BUSY, "an earlier job is still stuck writing to the printer"
                )
            self._stuck = None
        outcome: list[BaseException | None] = []

        def write() -> None:
            try:
                send(self.config, data)
            except BaseException as error:
                outcome.append(error)
            else:
                outcome.append(None)

        writer = threading.Thread(target=write, name="print-io", daemon=True)
        writer.start()
        writer.join(self._job_timeout_s)
        if writer.is_alive():
            self._stuck = writer
            return PrintResult(
                job, PrintFailure.TIMEOUT, f"no answer from the printer in {self._job_timeout_s} s"
            )
        problem = outcome[0]
        if problem is None:
            return PrintResult(job)
        failure = problem if isinstance(problem, PrinterError) else classify(problem)
        return PrintResult(job, failure.failure, failure.detail)
