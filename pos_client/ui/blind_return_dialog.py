"""A return without a receipt: find the products (scan, type a code or search by name), set how
many came back and what each gives back, choose the tender and the reason, then a manager
approves and the return is saved with its own number.

Each line's refund starts at the product's price today for the quantity (the most the service
allows) and may be lowered. The lines are checked before the manager is asked, so an approval is
never recorded for a return the till would refuse. `sale_return` holds the saved return (the
dialog is accepted when closed after that).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.audit import ApprovalAction
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.people import Permission
from pos_client.domain.quantity import MAX_GRAMS, MAX_PIECES, Quantity, Unit
from pos_client.domain.returns import ReturnRecord
from pos_client.services.approvals import ApprovalService
from pos_client.services.product_lookup import ProductLookup
from pos_client.services.returns import BlindReturnLine, ReturnError, ReturnService
from pos_client.store.catalogue import CatalogueEntry
from pos_client.store.errors import StoreError
from pos_client.ui.approval_dialog import ApprovalDialog
from pos_client.ui.formatting import amount_input, money, price_per_unit
from pos_client.ui.message_label import show_message
from pos_client.ui.product_panels import SearchResultsModel, SearchResultsView
from pos_client.ui.translations import error_text

COLUMN_PRODUCT, COLUMN_PRICE, COLUMN_QUANTITY, COLUMN_REFUND, COLUMN_REMOVE = range(5)
_WEIGHT_STEP = 10
"""Grams added by one step of a weighed line's quantity."""


@dataclass(slots=True)
class _Line:
    entry: CatalogueEntry
    quantity: QSpinBox
    refund: QLineEdit
    remove: QPushButton


class BlindReturnDialog(QDialog):
    def __init__(
        self,
        returns: ReturnService,
        lookup: ProductLookup,
        approvals: ApprovalService,
        user_id: str | None,
        shift_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("blindReturnDialog")
        self.setWindowTitle(self.tr("Return without a receipt"))
        self.setModal(True)
        self.resize(960, 680)
        self._returns = returns
        self._lookup = lookup
        self._approvals = approvals
        self._user_id = user_id
        self._shift_id = shift_id
        self._lines: list[_Line] = []
        self.sale_return: ReturnRecord | None = None
        """The saved return, once confirmed and approved."""

        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "No receipt: a manager approves the return. Scan the products or find them "
                "by name, set the quantities and what each gives back."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.search_input = QLineEdit(self)
        self.search_input.setObjectName("blindReturnSearch")
        self.search_input.setPlaceholderText(
            self.tr("Scan a barcode, or type a code or a name, then Enter")
        )
        self.search_input.setClearButtonEnabled(True)
        for clear_button in self.search_input.findChildren(QToolButton):
            clear_button.setObjectName("blindReturnSearchClear")
        self.search_input.textChanged.connect(self.search)
        self.search_input.returnPressed.connect(self._pick_first)
        self.results_model = SearchResultsModel(self)
        self.results_view = SearchResultsView(self.results_model, self)
        self.results_view.setObjectName("blindReturnResults")
        self.results_view.setMaximumHeight(140)
        self.results_view.picked.connect(self.add_entry)
        layout.addWidget(self.search_input)
        layout.addWidget(self.results_view)

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("blindReturnLines")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Price today"),
                self.tr("Quantity"),
                self.tr("Refund"),
                "",
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_PRODUCT, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        tenders = QHBoxLayout()
        tenders.addWidget(QLabel(self.tr("Give back:"), self))
        self.cash_button = QRadioButton(self.tr("in cash"), self)
        self.cash_button.setObjectName("blindReturnCash")
        self.cash_button.setChecked(True)
        self.card_button = QRadioButton(self.tr("to the card"), self)
        self.card_button.setObjectName("blindReturnCard")
        self._tender_group = QButtonGroup(self)
        self._tender_group.addButton(self.cash_button)
        self._tender_group.addButton(self.card_button)
        tenders.addWidget(self.cash_button)
        tenders.addWidget(self.card_button)
        tenders.addStretch(1)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("blindReturnTotal")
        tenders.addWidget(self.total_label)
        layout.addLayout(tenders)

        layout.addWidget(QLabel(self.tr("Reason:"), self))
        self.reason_input = QLineEdit(self)
        self.reason_input.setObjectName("blindReturnReason")
        self.reason_input.setMaxLength(500)
        self.reason_input.setPlaceholderText(self.tr("Reason for the return (required)"))
        layout.addWidget(self.reason_input)
        self.message = QLabel(self)
        self.message.setObjectName("blindReturnMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.number_label = QLabel(self)
        self.number_label.setObjectName("blindReturnNumber")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.number_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm_button = self._button(
            self.tr("Confirm return (manager)"), "blindReturnConfirm"
        )
        self.confirm_button.clicked.connect(self.confirm)
        self.close_button = self._button(self.tr("Close (Esc)"), "blindReturnClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._update_total()
        self.search_input.setFocus()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(56)
        button.setAutoDefault(False)  # Enter in the search field picks a product, never confirms
        return button

    # Finding products

    def take_scan(self, code: str) -> None:
        """A scanner's code while this window is open (a product's code): as if typed and Enter."""
        self.search_input.setText(code)
        self._pick_first()

    def search(self, text: str) -> None:
        try:
            results = self._lookup.search(text) if text.strip() else []
        except StoreError as error:
            self._show_error(error_text(error))
            results = []
        self.results_model.set_entries(results)
        if results:
            self.results_view.setCurrentIndex(self.results_model.index(0))

    def _pick_first(self) -> None:
        entry = self.results_model.entry(0)
        if entry is None:
            if self.search_input.text().strip():
                self._show_error(
                    self.tr("No product matches %1.").replace("%1", self.search_input.text())
                )
            return
        self.add_entry(entry)

    def add_entry(self, entry: CatalogueEntry) -> None:
        """Add the product as a new line, or one more piece of a line that has it already."""
        if self.sale_return is not None:
            return
        for line in self._lines:
            if line.entry.product_id == entry.product_id:
                if entry.unit is Unit.PIECE:
                    line.quantity.setValue(line.quantity.value() + 1)
                line.quantity.setFocus()
                break
        else:
            self._add_line(entry)
        self.search_input.clear()
        self.message.clear()

    def _add_line(self, entry: CatalogueEntry) -> None:
        weighed = entry.unit is Unit.KILOGRAM
        quantity = QSpinBox(self.table)
        quantity.setRange(1, MAX_GRAMS if weighed else MAX_PIECES)
        quantity.setSingleStep(_WEIGHT_STEP if weighed else 1)
        quantity.setValue(1000 if weighed else 1)
        quantity.setSuffix(self.tr(" g") if weighed else self.tr(" pcs"))
        quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        refund = QLineEdit(self.table)
        refund.setAlignment(Qt.AlignmentFlag.AlignRight)
        remove = QPushButton(self.tr("Remove"), self.table)
        remove.setAutoDefault(False)
        line = _Line(entry, quantity, refund, remove)
        quantity.valueChanged.connect(lambda _value: self._price_line(line))
        refund.textChanged.connect(lambda _text: self._update_total())
        remove.clicked.connect(lambda _checked=False: self.remove_line(line))

        row = self.table.rowCount()
        self.table.insertRow(row)
        price = "—" if entry.price is None else price_per_unit(entry.price, entry.unit)
        for column, text in ((COLUMN_PRODUCT, entry.name), (COLUMN_PRICE, price)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCellWidget(row, COLUMN_QUANTITY, quantity)
        self.table.setCellWidget(row, COLUMN_REFUND, refund)
        self.table.setCellWidget(row, COLUMN_REMOVE, remove)
        self.table.resizeRowToContents(row)
        self._lines.append(line)
        self._name_rows()
        self._price_line(line)
        if weighed:
            quantity.setFocus()
            quantity.selectAll()

    def remove_line(self, line: _Line) -> None:
        if self.sale_return is not None:
            return
        row = self._lines.index(line)
        del self._lines[row]
        for widget in (line.quantity, line.refund, line.remove):
            widget.setObjectName("")  # Qt deletes them later: out of lookups by name now
        self.table.removeRow(row)
        self._name_rows()
        self._update_total()

    def _name_rows(self) -> None:
        """Object names by row (blindReturnQuantity0, ...), for tests and accessibility."""
        for row, line in enumerate(self._lines):
            line.quantity.setObjectName(f"blindReturnQuantity{row}")
            line.refund.setObjectName(f"blindReturnRefund{row}")
            line.remove.setObjectName(f"blindReturnRemove{row}")

    def _price_line(self, line: _Line) -> None:
        """The refund of a line: its price today for the quantity (the cashier may lower it)."""
        price = line.entry.price
        value = Money(0) if price is None else self._quantity(line).price(price)
        line.refund.setText(amount_input(value))

    @staticmethod
    def _quantity(line: _Line) -> Quantity:
        return Quantity(line.quantity.value(), line.entry.unit)

    # Checking and saving

    def tender(self) -> Tender:
        return Tender.CARD if self.card_button.isChecked() else Tender.CASH

    def _tender_text(self) -> str:
        return self.tr("to the card") if self.tender() is Tender.CARD else self.tr("in cash")

    def return_lines(self) -> list[BlindReturnLine] | None:
        """What the screen holds, or None (and a message) when a refund is not an amount."""
        lines: list[BlindReturnLine] = []
        for line in self._lines:
            try:
                refund = Money.parse(line.refund.text())
            except ValueError:
                self._show_error(
                    self.tr("%1 is not an amount of money.").replace("%1", line.refund.text())
                )
                line.refund.setFocus()
                return None
            lines.append((line.entry, self._quantity(line), refund))
        return lines

    def _update_total(self) -> None:
        total = Money(0)
        for line in self._lines:
            try:
                total += Money.parse(line.refund.text())
            except ValueError:
                continue
        self.total_label.setText(self.tr("Refund: %1").replace("%1", money(total)))
        self.confirm_button.setEnabled(bool(self._lines) and self.sale_return is None)

    def confirm(self) -> None:
        """Check the lines, ask a manager to approve, then save the return."""
        if self.sale_return is not None:
            return
        lines = self.return_lines()
        if lines is None:
            return
        if not self.reason_input.text().strip():
            self._show_error(self.tr("Give the reason for the return."))
            self.reason_input.setFocus()
            return
        try:
            total = self._returns.check_blind_return(lines)
        except ReturnError as error:
            self._show_error(error_text(error))
            return
        approval = ApprovalDialog.request(
            self._approvals,
            Permission.RETURN_WITHOUT_RECEIPT,
            ApprovalAction.RETURN_WITHOUT_RECEIPT,
            self.tr("Return without a receipt: %1 %2")
            .replace("%1", money(total))
            .replace("%2", self._tender_text()),
            details={"lines": len(lines), "total": total.grosze, "tender": self.tender().value},
            reason=self.reason_input.text(),
            parent=self,
        )
        if approval is None:
            self._show_error(self.tr("Not approved: nothing was saved."))
            return
        try:
            self.sale_return = self._returns.create_blind_return(
                lines,
                approval.reason,
                self._user_id,
                approval.approved_by.id,
                self._shift_id,
                self.tender(),
            )
        except (ReturnError, StoreError) as error:
            self._show_error(error_text(error))
            return
        self.message.clear()
        self.number_label.setText(
            self.tr("Return %1 saved: give back %2.")
            .replace("%1", self.sale_return.return_number or "")
            .replace("%2", money(self.sale_return.total))
        )
        for widget in (
            self.search_input,
            self.results_view,
            self.table,
            self.cash_button,
            self.card_button,
            self.reason_input,
        ):
            widget.setEnabled(False)
        self.confirm_button.setEnabled(False)
        self.close_button.setText(self.tr("Done (Esc)"))
        self.close_button.setFocus()

    def _show_error(self, text: str) -> None:
        show_message(self.message, text)

    def reject(self) -> None:
        if self.sale_return is not None:
            self.accept()
        else:
            super().reject()
