"""Taking payment: cash (tendered, change due), card (paid on the external terminal), or both.

The sale is committed by the checkout service as soon as the tenders cover the total; only then
is the change shown. A failed commit keeps the dialog and every tender: the cashier retries.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.sale import SaleRecord
from pos_client.services.checkout import CheckoutService, SaleError
from pos_client.store.errors import StoreError
from pos_client.ui.formatting import money
from pos_client.ui.keypad import NumericKeypad
from pos_client.ui.message_label import show_message
from pos_client.ui.translations import error_text

NOTES_GROSZE = (1000, 2000, 5000, 10000, 20000, 50000)


def suggested_cash(due: Money) -> list[Money]:
    """Amounts a customer is likely to hand over: the exact sum, then the notes above it."""
    suggestions = [due]
    for note in NOTES_GROSZE:
        rounded = Money(-(-due.grosze // note) * note)
        if rounded > due and rounded not in suggestions:
            suggestions.append(rounded)
    return suggestions[:4]


class PaymentDialog(QDialog):
    def __init__(self, checkout: CheckoutService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Payment"))
        self.setModal(True)
        self.resize(760, 560)
        self._checkout = checkout
        self._total = checkout.cart.total()
        self._tenders: list[tuple[Tender, Money]] = []
        self.sale: SaleRecord | None = None

        self._pages = QStackedWidget(self)
        self._pages.setObjectName("paymentPages")
        self._pages.addWidget(self._build_tender_page())
        self._pages.addWidget(self._build_done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.pay_cash)
        QShortcut(QKeySequence(Qt.Key.Key_F6), self, self.pay_card)
        self._update()

    def _build_tender_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("tenderPage")
        layout = QHBoxLayout(page)
        left = QVBoxLayout()
        self.total_label = QLabel(self.tr("To pay: %1").replace("%1", money(self._total)), page)
        self.total_label.setObjectName("paymentTotal")
        self.remaining_label = QLabel(page)
        self.remaining_label.setObjectName("paymentRemaining")
        self.tender_list = QListWidget(page)
        self.tender_list.setObjectName("tenderList")
        self.amount_input = QLineEdit(page)
        self.amount_input.setObjectName("amountInput")
        self.amount_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_input.returnPressed.connect(self.pay_cash)
        self.message = QLabel(page)
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        self.quick_cash = QGridLayout()
        left.addWidget(self.total_label)
        left.addWidget(self.remaining_label)
        left.addWidget(self.tender_list, 1)
        left.addWidget(QLabel(self.tr("Amount (empty = what is still due):"), page))
        left.addWidget(self.amount_input)
        left.addLayout(self.quick_cash)
        left.addWidget(self.message)
        right = QVBoxLayout()
        right.addWidget(NumericKeypad(self.amount_input, "paymentKeypad", page), 1)
        buttons = QHBoxLayout()
        self.cash_button = self._button(self.tr("Cash (F5)"), "cashButton", self.pay_cash, page)
        self.card_button = self._button(self.tr("Card (F6)"), "cardButton", self.pay_card, page)
        self.retry_button = self._button(self.tr("Retry saving"), "retryButton", self._commit, page)
        self.cancel_button = self._button(
            self.tr("Cancel (Esc)"), "cancelButton", self.reject, page
        )
        for button in (self.cash_button, self.card_button, self.retry_button, self.cancel_button):
            buttons.addWidget(button)
        right.addLayout(buttons)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("donePage")
        layout = QVBoxLayout(page)
        self.change_label = QLabel(page)
        self.change_label.setObjectName("changeLabel")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.receipt_label = QLabel(page)
        self.receipt_label.setObjectName("receiptNumberLabel")
        self.receipt_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self.change_label)
        layout.addWidget(self.receipt_label)
        layout.addStretch(1)
        self.done_button = self._button(
            self.tr("Next customer (Enter)"), "doneButton", self.accept, page
        )
        self.done_button.setDefault(True)
        layout.addWidget(self.done_button)
        return page

    @staticmethod
    def _button(text: str, name: str, slot: object, parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setMinimumHeight(64)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def remaining(self) -> Money:
        return max(self._total - Money.total(amount for _, amount in self._tenders), Money.zero())

    def _update(self) -> None:
        self.remaining_label.setText(
            self.tr("Still due: %1").replace("%1", money(self.remaining()))
        )
        self.tender_list.clear()
        names = {Tender.CASH: self.tr("Cash"), Tender.CARD: self.tr("Card")}
        for tender, amount in self._tenders:
            self.tender_list.addItem(f"{names[tender]}: {money(amount)}")
        while self.quick_cash.count():
            item = self.quick_cash.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for column, amount in enumerate(suggested_cash(self.remaining())):
            button = QPushButton(money(amount), self)
            button.setObjectName(f"quickCash{column}")
            button.setMinimumHeight(56)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=amount: self._tender(Tender.CASH, a))
            self.quick_cash.addWidget(button, 0, column)
        self.retry_button.setVisible(False)
        self.amount_input.setFocus()

    def _amount(self) -> Money | None:
        text = self.amount_input.text().strip()
        if not text:
            return self.remaining()
        try:
            return Money.parse(text)
        except ValueError:
            self._show_error(self.tr("%1 is not an amount of money.").replace("%1", text))
            return None

    def pay_cash(self) -> None:
        amount = self._amount()
        if amount is not None:
            self._tender(Tender.CASH, amount)

    def pay_card(self) -> None:
        amount = self._amount()
        if amount is not None:
            self._tender(Tender.CARD, amount)

    def _tender(self, tender: Tender, amount: Money) -> None:
        if self.sale is not None:
            return
        if not self.remaining():
            self._commit()  # nothing due (a fully discounted sale): just save it
            return
        if amount.grosze <= 0:
            self._show_error(self.tr("Enter an amount above zero."))
            return
        if tender is Tender.CARD and amount > self.remaining():
            self._show_error(self.tr("A card payment cannot be more than what is still due."))
            return
        self._tenders.append((tender, amount))
        self.amount_input.clear()
        self.message.clear()
        self._update()
        if not self.remaining():
            self._commit()

    def _commit(self) -> None:
        try:
            self.sale = self._checkout.pay(self._tenders)
        except SaleError as error:
            self._tenders.pop()
            self._update()
            self._show_error(error_text(error))
            return
        except StoreError as error:
            self._show_error(error_text(error))
            self.retry_button.setVisible(True)
            return
        self.change_label.setText(self.tr("Change: %1").replace("%1", money(self.sale.change)))
        self.receipt_label.setText(
            self.tr("Receipt %1 saved").replace("%1", self.sale.receipt_number or "")
        )
        self._pages.setCurrentIndex(1)
        self.done_button.setFocus()

    def _show_error(self, text: str) -> None:
        show_message(self.message, text)

    def reject(self) -> None:
        if self.sale is not None:
            self.accept()
        else:
            super().reject()
