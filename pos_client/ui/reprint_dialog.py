"""Any receipt again from history: found by its number (typed, or scanned from the Code 128 on
the receipt) or picked from this till's latest sales, shown as it prints, and printed as a copy
(marked KOPIA, no drawer)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.returns import ReturnRecord
from pos_client.domain.sale import SaleRecord
from pos_client.services.printing import Printout
from pos_client.services.receipt_history import ReceiptHistory
from pos_client.services.returns import ReturnError
from pos_client.store.errors import StoreError
from pos_client.ui.formatting import date_time, money
from pos_client.ui.message_label import show_message
from pos_client.ui.print_control import PrintControl
from pos_client.ui.receipt_preview import ReceiptPreview
from pos_client.ui.translations import error_text


class ReprintDialog(QDialog):
    def __init__(
        self, history: ReceiptHistory, printer: PrintControl, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reprintDialog")
        self.setWindowTitle(self.tr("Receipts from history"))
        self.setModal(True)
        self.resize(1000, 760)
        self._history = history
        self._printer = printer
        self.receipt: SaleRecord | ReturnRecord | None = None
        """The receipt shown."""

        layout = QVBoxLayout(self)
        find_row = QHBoxLayout()
        self.number_input = QLineEdit(self)
        self.number_input.setObjectName("reprintNumber")
        self.number_input.setPlaceholderText(
            self.tr("Scan the receipt's barcode or type its number")
        )
        self.number_input.setMinimumHeight(48)
        self.number_input.returnPressed.connect(self.find_receipt)
        self.find_button = self._button(self.tr("Find"), "reprintFind")
        self.find_button.clicked.connect(self.find_receipt)
        find_row.addWidget(self.number_input, 1)
        find_row.addWidget(self.find_button)
        layout.addLayout(find_row)
        self.message = QLabel(self)
        self.message.setObjectName("reprintMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        body = QHBoxLayout()
        left = QVBoxLayout()
        recent_title = QLabel(self.tr("Latest sales on this till"), self)
        left.addWidget(recent_title)
        self.recent = QListWidget(self)
        self.recent.setObjectName("reprintRecent")
        self.recent.setStyleSheet("QListView::item:selected { background: #1f6feb; color: white; }")
        left.addWidget(self.recent, 1)
        body.addLayout(left, 2)
        self.preview = ReceiptPreview(self)
        body.addWidget(self.preview, 3)
        layout.addLayout(body, 1)

        buttons = QHBoxLayout()
        self.print_button = self._button(self.tr("Print a copy"), "reprintPrint")
        self.print_button.clicked.connect(self.print_copy)
        self.print_button.setVisible(printer.has_printer)
        self.print_button.setEnabled(False)
        self.close_button = self._button(self.tr("Close"), "reprintClose")
        self.close_button.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self._recent: list[SaleRecord] = []
        try:
            self._recent = history.recent()
        except StoreError as error:
            show_message(self.message, error_text(error), "error")
        for sale in self._recent:
            item = QListWidgetItem(
                self.tr("%1 · %2 · %3")
                .replace("%1", sale.receipt_number or "")
                .replace("%2", date_time(sale.created_at))
                .replace("%3", money(sale.total)),
                self.recent,
            )
            item.setData(Qt.ItemDataRole.UserRole, sale.receipt_number)
        self.recent.currentRowChanged.connect(self._pick)
        self.number_input.setFocus()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(48)
        button.setAutoDefault(False)
        return button

    def take_scan(self, code: str) -> None:
        """A scanner's code while the window is open: the receipt's number."""
        self.number_input.setText(code)
        self.find_receipt()

    def find_receipt(self) -> None:
        try:
            found = self._history.find(self.number_input.text())
        except (ReturnError, StoreError) as error:
            show_message(self.message, error_text(error), "error")
            return
        self.recent.setCurrentRow(-1)
        self._show(found)

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self._recent):
            self._show(self._recent[row])

    def _copy(self, receipt: SaleRecord | ReturnRecord) -> Printout:
        printing = self._printer.printing
        if isinstance(receipt, SaleRecord):
            return printing.sale(receipt, copy=True)
        return printing.sale_return(receipt, copy=True)

    def _describe(self, receipt: SaleRecord | ReturnRecord) -> str:
        if isinstance(receipt, SaleRecord):
            return self.tr("Copy of receipt %1").replace("%1", receipt.receipt_number or "")
        return self.tr("Copy of return %1").replace("%1", receipt.return_number or "")

    def _show(self, receipt: SaleRecord | ReturnRecord) -> None:
        self.receipt = receipt
        self.preview.show_picture(self._printer.printing.preview(self._copy(receipt)))
        self.print_button.setEnabled(True)
        show_message(self.message, self._describe(receipt), "info")

    def print_copy(self) -> None:
        if self.receipt is None:
            return
        self._printer.print(self._copy(self.receipt), self._describe(self.receipt))
        show_message(
            self.message,
            self.tr("%1 sent to the printer.").replace("%1", self._describe(self.receipt)),
            "info",
        )
