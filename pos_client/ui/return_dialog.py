"""A return with a receipt: scan or type the receipt number, choose what comes back, give a
reason, confirm. The refund per tender is shown before confirming; once saved, the return's
number is shown and the dialog's `sale_return` holds it (accepted when closed).

A failed save (database busy, disk full) keeps everything on screen: confirm again to retry.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Unit
from pos_client.domain.returns import ReturnableLine, ReturnPlan, ReturnRecord
from pos_client.domain.sale import SaleRecord
from pos_client.services.returns import ReturnError, ReturnService
from pos_client.store.errors import StoreError
from pos_client.ui.formatting import count_or_weight, date_time, money
from pos_client.ui.message_label import show_message
from pos_client.ui.translations import error_text

COLUMN_PRODUCT, COLUMN_PAID, COLUMN_SOLD, COLUMN_RETURNED, COLUMN_TO_RETURN = range(5)


class ReturnDialog(QDialog):
    def __init__(
        self,
        returns: ReturnService,
        user_id: str | None = None,
        shift_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(self.tr("Return"))
        self.setModal(True)
        self.resize(900, 620)
        self._returns = returns
        self._user_id = user_id
        self._shift_id = shift_id
        self.sale: SaleRecord | None = None
        """The receipt found, whose lines are shown."""
        self.sale_return: ReturnRecord | None = None
        """The saved return, once confirmed."""
        self._lines: list[ReturnableLine] = []
        self._spins: list[QSpinBox] = []

        layout = QVBoxLayout(self)
        find_row = QHBoxLayout()
        self.receipt_input = QLineEdit(self)
        self.receipt_input.setObjectName("returnReceiptInput")
        self.receipt_input.setPlaceholderText(
            self.tr("Scan or type the receipt number, then Enter")
        )
        self.receipt_input.returnPressed.connect(self.find_receipt)
        self.find_button = self._button(self.tr("Find"), "findReturnButton")
        self.find_button.clicked.connect(self.find_receipt)
        find_row.addWidget(self.receipt_input, 1)
        find_row.addWidget(self.find_button)
        self.receipt_label = QLabel(self)
        self.receipt_label.setObjectName("returnReceiptLabel")

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("returnLinesTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Paid"),
                self.tr("Sold"),
                self.tr("Returned before"),
                self.tr("To return"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_PRODUCT, QHeaderView.ResizeMode.Stretch)
        self.all_button = self._button(self.tr("Return everything"), "returnAllButton")
        self.all_button.clicked.connect(self.return_everything)

        self.refund_label = QLabel(self)
        self.refund_label.setObjectName("returnRefundTotal")
        self.tenders_label = QLabel(self)
        self.tenders_label.setObjectName("returnTenders")
        self.reason_input = QLineEdit(self)
        self.reason_input.setObjectName("returnReason")
        self.reason_input.setPlaceholderText(self.tr("Reason for the return (required)"))
        self.message = QLabel(self)
        self.message.setObjectName("returnMessage")
        self.message.setWordWrap(True)
        self.number_label = QLabel(self)
        self.number_label.setObjectName("returnNumberLabel")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        self.confirm_button = self._button(self.tr("Confirm return"), "confirmReturnButton")
        self.confirm_button.clicked.connect(self.confirm)
        self.close_button = self._button(self.tr("Close (Esc)"), "closeReturnButton")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.close_button)

        layout.addLayout(find_row)
        layout.addWidget(self.receipt_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.refund_label)
        layout.addWidget(self.tenders_label)
        layout.addWidget(QLabel(self.tr("Reason:"), self))
        layout.addWidget(self.reason_input)
        layout.addWidget(self.message)
        layout.addWidget(self.number_label)
        layout.addLayout(buttons)
        self._update_preview()
        self.receipt_input.setFocus()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(56)
        button.setAutoDefault(False)  # Enter in the receipt field finds, it never confirms
        return button

    # Finding the receipt

    def take_scan(self, code: str) -> None:
        """A scanner's code while this window is open (the receipt's number): as if typed."""
        self.receipt_input.setText(code)
        self.find_receipt()

    def find_receipt(self) -> None:
        if self.sale_return is not None:
            return
        try:
            sale = self._returns.find_sale(self.receipt_input.text())
            lines = self._returns.returnable_lines(sale)
        except (ReturnError, StoreError) as error:
            self._show_error(error_text(error))
            return
        self.sale = sale
        self._lines = lines
        self.message.clear()
        when = date_time(sale.created_at)
        self.receipt_label.setText(
            self.tr("Receipt %1 of %2, total %3")
            .replace("%1", sale.receipt_number or "")
            .replace("%2", when)
            .replace("%3", money(sale.total))
        )
        self._fill_table()
        if not any(line.remaining for line in lines):
            self._show_error(self.tr("Everything on this receipt was returned already."))
        self._update_preview()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self._lines))
        self._spins = []
        for row, line in enumerate(self._lines):
            cells = (
                (COLUMN_PRODUCT, line.line.name),
                (COLUMN_PAID, money(line.line.total)),
                (COLUMN_SOLD, count_or_weight(line.unit, line.sold)),
                (COLUMN_RETURNED, count_or_weight(line.unit, line.returned)),
            )
            for column, text in cells:
                item = QTableWidgetItem(text)
                if column != COLUMN_PRODUCT:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            spin = QSpinBox(self.table)
            spin.setObjectName(f"returnQuantity{row}")
            spin.setRange(0, line.remaining)
            spin.setSuffix(self.tr(" g") if line.unit is Unit.KILOGRAM else self.tr(" pcs"))
            spin.setSingleStep(10 if line.unit is Unit.KILOGRAM else 1)
            spin.setEnabled(line.remaining > 0)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(lambda _value: self._update_preview())
            self.table.setCellWidget(row, COLUMN_TO_RETURN, spin)
            self._spins.append(spin)
        self.table.resizeRowsToContents()

    # Choosing what comes back

    def quantities(self) -> dict[uuid.UUID, int]:
        """Sale line id -> pieces (grams for weighed lines) chosen to come back."""
        return {
            line.line.line_id: spin.value()
            for line, spin in zip(self._lines, self._spins, strict=True)
            if spin.value()
        }

    def set_quantity(self, row: int, amount: int) -> None:
        self._spins[row].setValue(amount)

    def return_everything(self) -> None:
        for spin in self._spins:
            spin.setValue(spin.maximum())

    def _update_preview(self) -> None:
        plan = self._plan()
        done = self.sale_return is not None
        if plan is None:
            self.refund_label.setText(self.tr("Refund: %1").replace("%1", money(Money(0))))
            self.tenders_label.clear()
        else:
            self._show_plan(plan)
        self.confirm_button.setEnabled(plan is not None and not done)
        self.all_button.setEnabled(bool(self._spins) and not done)

    def _plan(self) -> ReturnPlan | None:
        quantities = self.quantities()
        if self.sale is None or not quantities:
            return None
        try:
            plan = self._returns.preview(self.sale, quantities)
        except (ReturnError, StoreError) as error:
            self._show_error(error_text(error))
            return None
        self.message.clear()
        return plan

    def _show_plan(self, plan: ReturnPlan) -> None:
        self.refund_label.setText(self.tr("Refund: %1").replace("%1", money(plan.total)))
        names = {Tender.CARD: self.tr("to the card"), Tender.CASH: self.tr("in cash")}
        parts = [f"{names[tender]}: {money(amount)}" for tender, amount in plan.tenders]
        self.tenders_label.setText(
            self.tr("Give back %1").replace("%1", ", ".join(parts)) if parts else ""
        )

    # Saving

    def confirm(self) -> None:
        if self.sale is None or self.sale_return is not None:
            return
        try:
            self.sale_return = self._returns.create_return(
                self.sale,
                self.quantities(),
                self.reason_input.text(),
                self._user_id,
                self._shift_id,
            )
        except (ReturnError, StoreError) as error:
            self._show_error(error_text(error))
            return
        self.message.clear()
        self.number_label.setText(
            self.tr("Return %1 saved.").replace("%1", self.sale_return.return_number or "")
        )
        for spin in self._spins:
            spin.setEnabled(False)
        self.receipt_input.setEnabled(False)
        self.find_button.setEnabled(False)
        self.reason_input.setEnabled(False)
        self.confirm_button.setEnabled(False)
        self.all_button.setEnabled(False)
        self.close_button.setText(self.tr("Done (Esc)"))
        self.close_button.setFocus()

    def _show_error(self, text: str) -> None:
        show_message(self.message, text)

    def reject(self) -> None:
        if self.sale_return is not None:
            self.accept()
        else:
            super().reject()
