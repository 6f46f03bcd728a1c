"""The parked sales, newest first: pick one and resume it (Enter or double click).

Accepted after a resume, with the restored cart in `resumed` (the checkout service's cart is
already that cart): the caller then shows it (`CartTableModel.set_cart(checkout.cart)`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.cart import Cart
from pos_client.services.parking import ParkingError, ParkingService
from pos_client.store.errors import StoreError
from pos_client.ui.formatting import date_time, money
from pos_client.ui.message_label import show_message
from pos_client.ui.translations import error_text

_ID_ROLE = Qt.ItemDataRole.UserRole


class ParkedSalesDialog(QDialog):
    def __init__(self, parking: ParkingService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parkedDialog")
        self.setWindowTitle(self.tr("Parked sales"))
        self.setModal(True)
        self.resize(640, 480)
        self._parking = parking
        self.resumed: Cart | None = None
        """The cart taken back, once a parked sale was resumed."""

        layout = QVBoxLayout(self)
        self.parked_list = QListWidget(self)
        self.parked_list.setObjectName("parkedList")
        self.parked_list.itemActivated.connect(lambda _item: self.resume())
        self.parked_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.message = QLabel(self)
        self.message.setObjectName("parkedMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.resume_button = self._button(self.tr("Resume (Enter)"), "resumeParkedButton")
        self.resume_button.clicked.connect(self.resume)
        self.close_button = self._button(self.tr("Close (Esc)"), "closeParkedButton")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.parked_list, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(56)
        button.setAutoDefault(False)
        return button

    def refresh(self) -> None:
        """Read the parked sales again (newest first) and select the newest."""
        self.parked_list.clear()
        try:
            parked = self._parking.parked()
        except StoreError as error:
            self._show_error(error_text(error))
            parked = []
        for summary in parked:
            when = date_time(summary.parked_at)
            lines = self.tr("%n line(s)", "", summary.line_count)
            text = f"{summary.label}\n{when} · {lines} · {money(summary.total)}"
            item = QListWidgetItem(text, self.parked_list)
            item.setData(_ID_ROLE, summary.parked_id)
        if parked:
            self.parked_list.setCurrentRow(0)
        elif not self.message.text():
            self.message.setText(self.tr("No sales are parked."))
        self._update_buttons()
        self.parked_list.setFocus()

    def _update_buttons(self) -> None:
        self.resume_button.setEnabled(self.parked_list.currentItem() is not None)

    def selected_id(self) -> str | None:
        item = self.parked_list.currentItem()
        return None if item is None else str(item.data(_ID_ROLE))

    def resume(self) -> None:
        parked_id = self.selected_id()
        if parked_id is None:
            self._show_error(self.tr("Choose a parked sale first."))
            return
        try:
            self.resumed = self._parking.resume(parked_id)
        except ParkingError as error:
            self.refresh()  # it may have been resumed elsewhere: show what is left
            self._show_error(error_text(error))
            return
        except StoreError as error:
            self._show_error(error_text(error))
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        show_message(self.message, text)
