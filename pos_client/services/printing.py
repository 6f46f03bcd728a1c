"""Printing at the till: each printout (a sale's or a return's receipt, a copy, an X or Z report,
a drawer kick) goes to the print queue, whose worker thread lays it out for the printer and
sends it; the caller gets a future that always ends in a `PrintResult`, so a failure never
reaches the sale, which the checkout service committed before anything is printed.

With no printer configured (`printer = "none"`) nothing is queued: the screen shows the
preview picture of the same document instead (`preview`).

The last receipt a customer was given (printed, or shown when there is no printer) is kept in
a small file beside the database (`ReceiptMarker`), so a till that stopped between a sale's
commit and its receipt can offer that receipt when it starts again.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from hardware.image_render import PreviewSettings, render_preview
from hardware.print_queue import PrintQueue, PrintResult
from hardware.printers import NoPrinter, PrinterConfig
from hardware.receipt_document import ReceiptBuilder, ReceiptDocument
from pos_client.domain.returns import ReturnRecord
from pos_client.domain.sale import SaleRecord
from pos_client.domain.shift_report import ShiftReport, report_title
from pos_client.services.receipt_printing import (
    ReceiptBranding,
    return_receipt,
    sale_receipt,
    shift_report_receipt,
)
from pos_client.store.users import UserRepository

log = logging.getLogger(__name__)

MARKER_FILE = "last_receipt_given.txt"
"""The file beside the database that holds the number of the last receipt a customer got."""


@dataclass(frozen=True, slots=True)
class Printout:
    """A document for the printer and what it is."""

    document: ReceiptDocument
    label: str
    """For the cashier and the log: "Receipt WAW01-01-000123", "Copy of ...", "Z report 7"."""
    receipt_number: str | None = None
    """The sale's number when this is the original receipt of a sale (kept in the marker
    once it is printed)."""


class ReceiptMarker:
    """The number of the last sale receipt given to a customer, in a one-line file written
    atomically (a temporary file renamed over it), so a power cut leaves the old or the new
    number."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def read(self) -> str | None:
        try:
            text = self.path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return text or None

    def write(self, number: str) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    file.write(number + "\n")
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise


class TillPrinting:
    """The till's printouts through one print queue (made at the first print)."""

    def __init__(
        self,
        config: PrinterConfig,
        branding: ReceiptBranding,
        users: UserRepository,
        marker: ReceiptMarker,
        *,
        job_timeout_s: float = 30.0,
    ) -> None:
        self.config = config
        self.branding = branding
        self._users = users
        self.marker = marker
        self._job_timeout_s = job_timeout_s
        self._queue: PrintQueue | None = None
        self._lock = threading.Lock()

    @property
    def has_printer(self) -> bool:
        """False for `printer = "none"`: receipts are shown as pictures instead."""
        return not isinstance(self.config.connection, NoPrinter)

    @property
    def columns(self) -> int:
        return self.config.escpos.resolved_columns()

    def _name(self, user_id: str | None) -> str | None:
        account = None if user_id is None else self._users.get(user_id)
        return None if account is None else account.member.display_name

    def sale(self, sale: SaleRecord, *, copy: bool = False) -> Printout:
        """A sale's receipt; a copy is marked KOPIA and opens no drawer."""
        number = sale.receipt_number or ""
        document = sale_receipt(sale, self.branding, cashier=self._name(sale.cashier_id), copy=copy)
        if copy:
            return Printout(document, f"Copy of receipt {number}")
        return Printout(document, f"Receipt {number}", sale.receipt_number)

    def sale_return(self, sale_return: ReturnRecord, *, copy: bool = False) -> Printout:
        number = sale_return.return_number or ""
        document = return_receipt(
            sale_return, self.branding, cashier=self._name(sale_return.cashier_id), copy=copy
        )
        return Printout(document, f"{'Copy of return' if copy else 'Return'} {number}")

    def report(self, report: ShiftReport) -> Printout:
        names = {
            account.member.id: account.member.display_name
            for account in self._users.list(include_inactive=True)
        }
        document = shift_report_receipt(
            report, self.branding, columns=self.columns, user_names=names
        )
        return Printout(document, report_title(report))

    @staticmethod
    def drawer() -> Printout:
        """Only the drawer kick (a manager opened the drawer without a sale)."""
        return Printout(ReceiptBuilder().open_drawer().build(), "Open the drawer")

    def preview(self, printout: Printout) -> Image.Image:
        """The printout as the printer would print it: one pixel a dot, 8-bit grey."""
        return render_preview(printout.document, PreviewSettings.like_printer(self.config.escpos))

    def submit(self, printout: Printout) -> Future[PrintResult]:
        """Queue the printout (returns at once); the future ends in its result. A sale's
        original receipt that printed is noted in the marker before the future ends."""
        with self._lock:
            if self._queue is None:
                self._queue = PrintQueue(self.config, job_timeout_s=self._job_timeout_s)
            queue = self._queue
        queued = queue.submit(printout.document, printout.label)
        done: Future[PrintResult] = Future()

        def finish(printed: Future[PrintResult]) -> None:
            result = printed.result()
            if result.ok and printout.receipt_number is not None:
                self._note(printout.receipt_number)
            done.set_result(result)

        queued.add_done_callback(finish)
        return done

    def _note(self, number: str) -> None:
        try:
            self.marker.write(number)
        except OSError:
            log.exception("could not note that receipt %s was printed", number)

    def given(self, sale: SaleRecord) -> None:
        """The customer got this sale's receipt another way (shown on the screen)."""
        if sale.receipt_number is not None:
            self.marker.write(sale.receipt_number)

    def not_given(self, last_sale: SaleRecord | None) -> SaleRecord | None:
        """The till's last sale when its receipt was never printed (the till stopped, or the
        printer failed and nobody retried); None when it was, or there is no printer. The first
        time (no marker yet) the last sale counts as given: receipts from before printing
        existed are not offered."""
        if last_sale is None or last_sale.receipt_number is None or not self.has_printer:
            return None
        given = self.marker.read()
        if given is None:
            self.marker.write(last_sale.receipt_number)
            return None
        return None if given == last_sale.receipt_number else last_sale

    def close(self, timeout: float | None = 10.0) -> None:
        """Print what is queued (waiting at most `timeout` seconds), then stop the queue."""
        with self._lock:
            queue, self._queue = self._queue, None
        if queue is not None:
            queue.close(timeout)
