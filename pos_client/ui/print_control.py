"""Printing from the screens: printouts go to the print queue (off the GUI thread) and their
results come back through a `Handoff`; a failure shows in `PrintStatusBar` at the foot of the
sale screen with Retry, and selling goes on meanwhile (the sale was committed before).

With no printer configured, a printout is shown as its preview picture instead
(`preview_requested`), and a sale's receipt then counts as given to the customer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from hardware.print_queue import PrintResult
from hardware.printers import PrintFailure
from pos_client.domain.sale import SaleRecord
from pos_client.services.printing import Printout, TillPrinting
from pos_client.ui.thread_handoff import Handoff

log = logging.getLogger(__name__)

FAILURE_TEXTS = {
    PrintFailure.OFFLINE: QT_TRANSLATE_NOOP(
        "PrintControl", "The printer is not reachable: is it switched on and connected?"
    ),
    PrintFailure.PAPER_OUT: QT_TRANSLATE_NOOP(
        "PrintControl", "The printer is out of paper: put in a new roll."
    ),
    PrintFailure.BUSY: QT_TRANSLATE_NOOP(
        "PrintControl", "The printer is busy with another program or job."
    ),
    PrintFailure.TIMEOUT: QT_TRANSLATE_NOOP(
        "PrintControl", "The printer did not take the printout in time."
    ),
    PrintFailure.SETUP: QT_TRANSLATE_NOOP(
        "PrintControl", "The printer is not set up right: check its settings."
    ),
    PrintFailure.NO_PRINTER: QT_TRANSLATE_NOOP("PrintControl", "No printer is set up."),
    PrintFailure.FAILED: QT_TRANSLATE_NOOP("PrintControl", "Printing failed."),
}


def failure_text(failure: PrintFailure) -> str:
    """What the cashier reads about a kind of failure, in the till's language."""
    return QCoreApplication.translate("PrintControl", str(FAILURE_TEXTS[failure]))


@dataclass(frozen=True, slots=True)
class _Pending:
    printout: Printout
    description: str
    """What it is, in the till's language ("Receipt WAW01-01-000123")."""
    failure: PrintFailure | None = None
    """Why it did not print; None: not sent yet, or a receipt offered at start-up."""
    retried: bool = False


class PrintStatusBar(QFrame):
    """Printouts that did not print, with Retry, Show on the screen and Dismiss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printStatusBar")
        self.setStyleSheet(
            "#printStatusBar { background: #fff4e5; border: 2px solid #bc4c00; }"
            "#printStatusText { color: #7c2d00; font-weight: bold; }"
        )
        row = QHBoxLayout(self)
        self.text = QLabel(self)
        self.text.setObjectName("printStatusText")
        self.text.setWordWrap(True)
        self.retry_button = self._button("printRetryButton")
        self.show_button = self._button("printShowButton")
        self.dismiss_button = self._button("printDismissButton")
        row.addWidget(self.text, 1)
        row.addWidget(self.retry_button)
        row.addWidget(self.show_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setMinimumHeight(48)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button


class PrintControl(QObject):
    """Owns the sale screen's `bar`; `print` and `offer` are called on the GUI thread."""

    preview_requested = Signal(object, str)
    """(Pillow picture, what it is): show it (no printer, or the cashier asked)."""
    message = Signal(str, str)
    """(text, "info" or "error") for the sale screen's banner."""

    def __init__(self, printing: TillPrinting, bar_parent: QWidget) -> None:
        super().__init__(bar_parent)
        self.setObjectName("printControl")
        self.printing = printing
        self.bar = PrintStatusBar(bar_parent)
        self.bar.retry_button.clicked.connect(self.retry)
        self.bar.show_button.clicked.connect(self._show_first)
        self.bar.dismiss_button.clicked.connect(self.dismiss)
        self.pending: list[_Pending] = []
        """Printouts that failed (or were offered), oldest first."""
        self._results = Handoff(self._result, self)
        self.retranslate()

    def retranslate(self) -> None:
        self.bar.show_button.setText(self.tr("Show on screen"))
        self.bar.dismiss_button.setText(self.tr("Dismiss"))
        self._update_bar()

    @property
    def has_printer(self) -> bool:
        return self.printing.has_printer

    def print(self, printout: Printout, description: str) -> None:
        """Send it to the printer, or show it when there is none."""
        if not self.printing.has_printer:
            self.preview_requested.emit(self.printing.preview(printout), description)
            return
        self._submit(_Pending(printout, description))

    def print_sale(self, sale: SaleRecord, *, copy: bool = False) -> None:
        """A sale's receipt (a copy: marked KOPIA, no drawer); without a printer it is shown
        and counts as given."""
        printout = self.printing.sale(sale, copy=copy)
        number = sale.receipt_number or ""
        if copy:
            description = self.tr("Copy of receipt %1").replace("%1", number)
        else:
            description = self.tr("Receipt %1").replace("%1", number)
        self.print(printout, description)
        if not self.printing.has_printer and not copy:
            try:
                self.printing.given(sale)
            except OSError:
                log.exception("could not note that receipt %s was shown", number)

    def offer(self, sale: SaleRecord) -> None:
        """A sale whose receipt was never printed (found at start-up): the bar offers it."""
        number = sale.receipt_number or ""
        self.pending.append(
            _Pending(self.printing.sale(sale), self.tr("Receipt %1").replace("%1", number))
        )
        self._update_bar()

    def _submit(self, pending: _Pending) -> None:
        future = self.printing.submit(pending.printout)
        future.add_done_callback(lambda done: self._results.post((pending, done.result())))

    def _result(self, value: object) -> None:
        assert isinstance(value, tuple)
        pending, result = value
        assert isinstance(pending, _Pending)
        assert isinstance(result, PrintResult)
        if result.ok:
            if pending.retried:
                self.message.emit(self.tr("Printed: %1").replace("%1", pending.description), "info")
            return
        assert result.failure is not None
        self.pending.append(_Pending(pending.printout, pending.description, result.failure))
        log.info(
            "shown to the cashier: %s did not print (%s)", pending.printout.label, result.failure
        )
        self._update_bar()

    def retry(self) -> None:
        """Send every waiting printout again, in order."""
        waiting, self.pending = self.pending, []
        self._update_bar()
        for pending in waiting:
            self._submit(_Pending(pending.printout, pending.description, retried=True))

    def dismiss(self) -> None:
        """Forget the waiting printouts (each can be printed again from history)."""
        for pending in self.pending:
            log.info("print of %s dismissed by the cashier", pending.printout.label)
        self.pending = []
        self._update_bar()

    def _show_first(self) -> None:
        if self.pending:
            first = self.pending[0]
            self.preview_requested.emit(self.printing.preview(first.printout), first.description)

    def _update_bar(self) -> None:
        bar = self.bar
        if not self.pending:
            bar.hide()
            return
        last = self.pending[-1]
        if last.failure is None:
            text = self.tr("%1 was saved but never printed.").replace("%1", last.description)
            bar.retry_button.setText(self.tr("Print"))
        else:
            text = (
                self.tr("%1 was not printed: %2 The sale is saved.")
                .replace("%1", last.description)
                .replace("%2", failure_text(last.failure))
            )
            bar.retry_button.setText(self.tr("Retry"))
        if len(self.pending) > 1:
            text += " " + self.tr("(%1 printouts wait)").replace("%1", str(len(self.pending)))
        bar.text.setText(text)
        bar.show()

    def close(self) -> None:
        """At the till's end: print what is queued (a while at most), then stop."""
        self._results.close()
        self.printing.close()
