"""The cashier's sale screen: scan field, cart, totals, quick keys, search, payment, and the
sync line at its foot (`SyncStatusBar`).

Scanners: a keyboard-wedge scanner's codes are caught at the application (`WedgeFilter`) and a
serial scanner's arrive from its reader thread (`SerialScannerLink`); either goes to the sale
whatever widget has focus, or to the open window when it takes scans (`ScanReceiver`), and is
refused (never typed into a field) under any other window. Each sale's receipt is printed
(`PrintControl`; failures wait with Retry at the foot) or, with no printer, shown in place of
the quick keys.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PIL import Image
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hardware.serial_scanner import ScannerStatus
from pos_client.config import serial_scanner_settings, wedge_settings
from pos_client.domain.audit import ApprovalAction
from pos_client.domain.cart import CartLine
from pos_client.domain.people import Permission
from pos_client.domain.quantity import Unit
from pos_client.services.checkout import SaleError, WeightNeeded
from pos_client.store.catalogue import CatalogueEntry, CatalogueRepository
from pos_client.store.errors import StoreError
from pos_client.ui.approval_dialog import ApprovalDialog
from pos_client.ui.cart_model import CartTableModel, Column
from pos_client.ui.formatting import date_time, money, quantity
from pos_client.ui.message_label import show_message
from pos_client.ui.number_dialog import NumberDialog, parse_weight_grams
from pos_client.ui.payment_dialog import PaymentDialog
from pos_client.ui.print_control import PrintControl
from pos_client.ui.product_panels import QuickKeysPanel, SearchResultsModel, SearchResultsView
from pos_client.ui.receipt_dialog import ReceiptDialog
from pos_client.ui.receipt_preview import ReceiptPreview
from pos_client.ui.serial_scanner_link import SerialScannerLink
from pos_client.ui.sync_status_bar import SyncStatusBar
from pos_client.ui.till_operations import TillOperations
from pos_client.ui.translations import TRANSLATIONS_DIR, error_text
from pos_client.ui.wedge_filter import WedgeFilter

if TYPE_CHECKING:
    from pos_client.bootstrap import Till

log = logging.getLogger(__name__)

_COLUMN_WIDTHS = {Column.QUANTITY: 124, Column.PRICE: 140, Column.DISCOUNT: 120, Column.TOTAL: 130}

SHORTCUTS = (
    ("F2", QT_TRANSLATE_NOOP("MainWindow", "Search")),
    ("F3", QT_TRANSLATE_NOOP("MainWindow", "Quantity")),
    ("F4", QT_TRANSLATE_NOOP("MainWindow", "Stock")),
    ("+ / -", QT_TRANSLATE_NOOP("MainWindow", "One more / less")),
    ("Del", QT_TRANSLATE_NOOP("MainWindow", "Void line")),
    ("Ctrl+Del", QT_TRANSLATE_NOOP("MainWindow", "Void sale")),
    ("F7", QT_TRANSLATE_NOOP("MainWindow", "Park")),
    ("F8", QT_TRANSLATE_NOOP("MainWindow", "Parked")),
    ("F9", QT_TRANSLATE_NOOP("MainWindow", "Last receipt")),
    ("F10", QT_TRANSLATE_NOOP("MainWindow", "Return")),
    ("F12", QT_TRANSLATE_NOOP("MainWindow", "Pay")),
    ("Esc", QT_TRANSLATE_NOOP("MainWindow", "Back to scanning")),
)
"""Keys listed at the bottom of the screen (marked for lupdate, translated when shown)."""


@runtime_checkable
class ScanReceiver(Protocol):
    """A modal window that takes scanned codes itself (a receipt number, a product to find)."""

    def take_scan(self, code: str) -> None: ...


class MainWindow(QMainWindow):
    def __init__(
        self,
        till: Till,
        config_path: Path | None = None,
        translations_dir: Path = TRANSLATIONS_DIR,
    ) -> None:
        """`translations_dir` holds the compiled translations a change of language loads."""
        super().__init__()
        self.setObjectName("mainWindow")
        self._till = till
        self._checkout = till.checkout
        self._lookup = till.lookup
        self._catalogue = CatalogueRepository(till.engine)
        self._store = till.store
        self._total_shown = False
        """The customer saw the total (payment was started): voiding a line then needs approval."""
        images_dir = till.settings.images_dir
        self.printer = PrintControl(till.printing, self)
        self.printer.message.connect(self._show_message)
        self.printer.preview_requested.connect(self.show_receipt_picture)
        self.operations = TillOperations(
            till, self, config_path, self._run, self.selected_line, self.printer, translations_dir
        )
        self.operations.message.connect(self._show_message)
        self.operations.cart_replaced.connect(self._cart_replaced)
        self.operations.code_read.connect(self.deliver_scan)
        self.setMinimumSize(1024, 720)

        central = QWidget(self)
        central.setObjectName("centralWidget")
        self.setCentralWidget(central)
        root = QVBoxLayout(central)
        root.addLayout(self._build_header())
        body = QHBoxLayout()
        body.addLayout(self._build_sale_column(), 3)
        body.addLayout(self._build_product_column(images_dir), 2)
        root.addLayout(body, 1)
        self.sync_bar = SyncStatusBar(till.sync, self)
        self.sync_bar.quarantine_requested.connect(self.operations.sync_queue)
        self.sync_bar.enrolment_requested.connect(self.operations.enrolment)
        self.sync_bar.full_sync_requested.connect(self.operations.full_sync)
        self.sync_bar.full_sync_started.connect(self.offer_first_sync)
        root.addWidget(self.printer.bar)
        root.addWidget(self.sync_bar)
        self.shortcut_bar = QLabel(self)
        self.shortcut_bar.setObjectName("shortcutBar")
        root.addWidget(self.shortcut_bar)
        self._install_shortcuts()
        self.wedge = WedgeFilter(wedge_settings(till.settings), self)
        self.wedge.scanned.connect(self.deliver_scan)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.installEventFilter(self.wedge)
        app.aboutToQuit.connect(self.shut_down)
        serial = serial_scanner_settings(till.settings)
        self.serial_scanner = None if serial is None else SerialScannerLink(serial, self)
        self._shut = False
        self.retranslate()
        self.scan_input.setFocus()
        if self.serial_scanner is not None:
            self.serial_scanner.code.connect(self.deliver_scan)
            self.serial_scanner.status_changed.connect(self._scanner_status)
            self.serial_scanner.start()
        # A first sync already under way at start-up (the till was stopped during it).
        QTimer.singleShot(0, self.offer_first_sync)
        QTimer.singleShot(0, self.offer_unprinted_receipt)

    def retranslate(self) -> None:
        """Set every text of the window in the current language (at start and whenever the
        language changes: money and dates are formatted again too)."""
        till = self._checkout.till
        name = self._store.name if self._store else till.store_code
        self.setWindowTitle(self.tr("Till %1").replace("%1", till.till_id))
        self.store_label.setText(
            self.tr("%1 · till %2").replace("%1", name).replace("%2", till.till_id)
        )
        self.menu_button.setText(self.tr("Menu"))
        self.operations.retranslate_menu()
        self.scan_input.setPlaceholderText(self.tr("Scan or type a barcode or SKU, then Enter"))
        self.quantity_button.setText(self.tr("Quantity (F3)"))
        self.void_line_button.setText(self.tr("Void line"))
        self.void_sale_button.setText(self.tr("Void sale"))
        self.search_input.setPlaceholderText(self.tr("Search by name, SKU or EAN (F2)"))
        self.last_receipt_button.setText(self.tr("Last receipt (F9)"))
        self.pay_button.setText(self.tr("Pay (F12)"))
        self.receipt_page_close.setText(self.tr("Back to the quick keys"))
        self.printer.retranslate()
        self._show_scanner_status()
        self.shortcut_bar.setText(
            "   ".join(f"{key} {self.tr(str(action))}" for key, action in SHORTCUTS)
        )
        self.cart_model.retranslate()
        self.results_model.retranslate()
        self.quick_keys.retranslate()
        self._tick()
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """The language was switched (`translations.install_translation`): show everything in
        the new one; a message in the old language is dropped."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.message.clear()
        super().changeEvent(event)

    # --- layout -------------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        self.store_label = QLabel(self)
        self.store_label.setObjectName("storeLabel")
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("clockLabel")
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(15_000)
        self.user_label = QLabel(self)
        self.user_label.setObjectName("userLabel")
        self.menu_button = QPushButton(self)
        self.menu_button.setObjectName("menuButton")
        self.menu_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.menu_button.setMenu(self.operations.build_menu(self))
        self.scanner_label = QLabel(self)
        self.scanner_label.setObjectName("scannerStatus")
        self.scanner_label.hide()
        header.addWidget(self.store_label, 1)
        header.addWidget(self.scanner_label)
        header.addWidget(self.user_label)
        header.addWidget(self.clock_label)
        header.addWidget(self.menu_button)
        return header

    def _build_sale_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.scan_input = QLineEdit(self)
        self.scan_input.setObjectName("scanInput")
        self.scan_input.returnPressed.connect(self.submit_scan)
        self.message = QLabel(self)
        self.message.setObjectName("messageBanner")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(40)
        self.cart_model = CartTableModel(self._checkout.cart, self)
        self.cart_view = QTableView(self)
        self.cart_view.setObjectName("cartTable")
        self.cart_view.setModel(self.cart_model)
        self.cart_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cart_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cart_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cart_view.setWordWrap(False)
        # Elide in the middle: the pack size at the end of a name tells variants apart.
        self.cart_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.cart_view.verticalHeader().setDefaultSectionSize(44)
        self.cart_view.verticalHeader().setObjectName("cartRowHeader")
        header = self.cart_view.horizontalHeader()
        header.setObjectName("cartColumnHeader")
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: measuring columns to their contents re-reads every line on each scan.
        for col, width in _COLUMN_WIDTHS.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)
        buttons = QHBoxLayout()
        self.minus_button = self._button("−", "minusButton", lambda: self.step_quantity(-1))
        self.plus_button = self._button("+", "plusButton", lambda: self.step_quantity(1))
        self.quantity_button = self._button("", "quantityButton", self.ask_quantity)
        self.void_line_button = self._button("", "voidLineButton", self.void_line)
        self.void_sale_button = self._button("", "voidSaleButton", self.void_sale)
        for button in (
            self.minus_button,
            self.plus_button,
            self.quantity_button,
            self.void_line_button,
            self.void_sale_button,
        ):
            buttons.addWidget(button)
        totals = QHBoxLayout()
        self.items_label = QLabel(self)
        self.items_label.setObjectName("itemsLabel")
        self.total_label = QLabel(self)
        self.total_label.setObjectName("totalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        totals.addWidget(self.items_label, 1)
        totals.addWidget(self.total_label, 2)
        column.addWidget(self.scan_input)
        column.addWidget(self.message)
        column.addWidget(self.cart_view, 1)
        column.addLayout(buttons)
        column.addLayout(totals)
        return column

    def _build_product_column(self, images_dir: Path) -> QVBoxLayout:
        column = QVBoxLayout()
        self.search_input = QLineEdit(self)
        self.search_input.setObjectName("searchInput")
        self.search_input.setClearButtonEnabled(True)
        for clear_button in self.search_input.findChildren(QToolButton):
            clear_button.setObjectName("searchClearButton")
        self.search_input.textChanged.connect(self.search)
        self.search_input.returnPressed.connect(self._pick_first_result)
        self.results_model = SearchResultsModel(self)
        self.results_view = SearchResultsView(self.results_model, self)
        self.results_view.picked.connect(self.add_entry)
        self.quick_keys = QuickKeysPanel(self._lookup.quick_keys(), images_dir, self)
        self.quick_keys.picked.connect(self.add_entry)
        self.product_pages = QStackedWidget(self)
        self.product_pages.setObjectName("productPages")
        self.product_pages.addWidget(self.quick_keys)
        self.product_pages.addWidget(self.results_view)
        self.product_pages.addWidget(self._build_receipt_page())
        bottom = QHBoxLayout()
        self.last_receipt_button = self._button("", "lastReceiptButton", self.show_last_receipt)
        self.pay_button = self._button("", "payButton", self.pay)
        self.pay_button.setMinimumHeight(80)
        bottom.addWidget(self.last_receipt_button, 1)
        bottom.addWidget(self.pay_button, 2)
        column.addWidget(self.search_input)
        column.addWidget(self.product_pages, 1)
        column.addLayout(bottom)
        return column

    def _build_receipt_page(self) -> QWidget:
        """The last receipt as a picture, shown after a sale when no printer is set up."""
        self.receipt_page = QWidget(self)
        self.receipt_page.setObjectName("receiptPage")
        column = QVBoxLayout(self.receipt_page)
        column.setContentsMargins(0, 0, 0, 0)
        self.receipt_page_title = QLabel(self.receipt_page)
        self.receipt_page_title.setObjectName("receiptPageTitle")
        self.receipt_page_preview = ReceiptPreview(self.receipt_page)
        self.receipt_page_close = self._button("", "receiptPageClose", self.back_to_scanning)
        column.addWidget(self.receipt_page_title)
        column.addWidget(self.receipt_page_preview, 1)
        column.addWidget(self.receipt_page_close)
        return self.receipt_page

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(56)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def _install_shortcuts(self) -> None:
        bindings = (
            (Qt.Key.Key_F2, self.focus_search),
            (Qt.Key.Key_F3, self.ask_quantity),
            (Qt.Key.Key_F4, self.operations.stock_lookup),
            (Qt.Key.Key_F7, self.operations.park),
            (Qt.Key.Key_F8, self.operations.parked),
            (Qt.Key.Key_F9, self.show_last_receipt),
            (Qt.Key.Key_F10, self.operations.sale_return),
            (Qt.Key.Key_F12, self.pay),
            (Qt.Key.Key_Up, lambda: self._move_selection(-1)),
            (Qt.Key.Key_Down, lambda: self._move_selection(1)),
            (Qt.Key.Key_Escape, self.back_to_scanning),
        )
        for key, slot in bindings:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
        # +, - and Del would be typed into the scan field: it hands them over when it is empty.
        self.scan_input.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.scan_input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            action = self._scan_field_action(event)
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    def _scan_field_action(self, event: QKeyEvent) -> Callable[[], None] | None:
        key = event.key()
        if key == Qt.Key.Key_Delete and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return self.void_sale
        if self.scan_input.text():
            return None
        actions: dict[int, Callable[[], None]] = {
            Qt.Key.Key_Plus: lambda: self.step_quantity(1),
            Qt.Key.Key_Minus: lambda: self.step_quantity(-1),
            Qt.Key.Key_Delete: self.void_line,
        }
        return actions.get(key)

    # --- actions ------------------------------------------------------------------------------

    def submit_scan(self) -> None:
        text = self.scan_input.text()
        self.scan_input.clear()
        self.scan(text)

    def deliver_scan(self, code: str) -> None:
        """A code from a scanner (or read from a picture): to the sale, or to the open window
        that takes scans; under any other window it is refused, never typed into a field."""
        modal = QApplication.activeModalWidget()
        if modal is None:
            self.scan(code)
        elif isinstance(modal, ScanReceiver):
            modal.take_scan(code)
        else:
            log.info("scan refused under %s", modal.objectName())
            self._show_message(self.tr("Scan not used: finish the open window first."), "error")
            QApplication.beep()

    def scan(self, text: str) -> None:
        """What a scanner or the scan field delivers: add it, or say why not."""
        try:
            outcome = self._checkout.scan(text)
        except SaleError as error:
            self._error(error_text(error))
            return
        self._after_add(outcome)

    def add_entry(self, entry: CatalogueEntry) -> None:
        try:
            outcome = self._checkout.add(entry)
        except SaleError as error:
            self._error(error_text(error))
            return
        self._after_add(outcome)
        self.back_to_scanning()

    def _after_add(self, outcome: CartLine | WeightNeeded) -> None:
        if isinstance(outcome, WeightNeeded):
            self._ask_weight(outcome.entry)
            return
        if self.product_pages.currentWidget() is self.receipt_page:
            self.product_pages.setCurrentWidget(self.quick_keys)
        self._refresh(select=outcome)
        self._info(f"{outcome.product.name} · {quantity(outcome.quantity)}")

    def _ask_weight(self, entry: CatalogueEntry) -> None:
        dialog = NumberDialog(
            self.tr("Weight"),
            self.tr("Weight of %1 in kg (e.g. 0.450):").replace("%1", entry.name),
            "",
            self,
        )
        if self._run(dialog) != QDialog.DialogCode.Accepted:
            return
        grams = parse_weight_grams(dialog.value())
        if grams is None:
            self._error(self.tr("%1 is not a weight in kg.").replace("%1", dialog.value()))
            return
        try:
            line = self._checkout.add_weighed(entry, grams)
        except SaleError as error:
            self._error(error_text(error))
            return
        self._refresh(select=line)
        self._info(f"{line.product.name} · {quantity(line.quantity)}")

    def selected_line(self) -> CartLine | None:
        rows = self.cart_view.selectionModel().selectedRows()
        line_id = self.cart_model.line_id(rows[0].row()) if rows else None
        return None if line_id is None else self._checkout.cart.line(line_id)

    def step_quantity(self, step: int) -> None:
        line = self.selected_line()
        if line is None:
            self._error(self.tr("Select a line first."))
            return
        if step < 0 and line.quantity.unit is Unit.PIECE and line.quantity.amount == 1:
            self.void_line()
            return
        try:
            updated = self._checkout.step_quantity(line.line_id, step)
        except SaleError as error:
            self._error(error_text(error))
            return
        self._refresh(select=updated)

    def ask_quantity(self) -> None:
        line = self.selected_line()
        if line is None:
            self._error(self.tr("Select a line first."))
            return
        if line.quantity.unit is Unit.KILOGRAM:
            self._error(
                self.tr("A weighed item's quantity is its weight: void it and weigh again.")
            )
            return
        dialog = NumberDialog(
            self.tr("Quantity"),
            self.tr("How many of %1?").replace("%1", line.product.name),
            str(line.quantity.amount),
            self,
        )
        if self._run(dialog) == QDialog.DialogCode.Accepted:
            text = dialog.value().strip()
            if not text.isdigit():
                self._error(self.tr("%1 is not a number of pieces.").replace("%1", text))
            else:
                try:
                    updated = self._checkout.set_quantity(line.line_id, int(text))
                except SaleError as error:
                    self._error(error_text(error))
                else:
                    self._refresh(select=updated)

    def void_line(self) -> None:
        line = self.selected_line()
        if line is None:
            self._error(self.tr("Select a line first."))
            return
        if self._total_shown and not ApprovalDialog.request(
            self._till.approvals,
            Permission.VOID_LINE_AFTER_TOTAL,
            ApprovalAction.VOID_LINE_AFTER_TOTAL,
            self.tr("Void %1 after the total was shown").replace("%1", line.product.name),
            details={"sku": line.product.sku, "quantity": line.quantity.amount},
            parent=self,
        ):
            return
        self._checkout.void_line(line.line_id)
        self._refresh()
        self._info(self.tr("Voided: %1").replace("%1", line.product.name))

    def void_sale(self) -> None:
        if self._checkout.cart.is_empty():
            return
        answer = QMessageBox.question(
            self,
            self.tr("Void sale"),
            self.tr("Void the whole sale (%1)?").replace("%1", money(self._checkout.cart.total())),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._checkout.void_sale()
            self._refresh()
            self._info(self.tr("Sale voided."))
        self.scan_input.setFocus()

    def pay(self) -> None:
        if self._checkout.cart.is_empty():
            self._error(self.tr("The sale is empty: scan something first."))
            return
        self._total_shown = True
        dialog = PaymentDialog(self._checkout, self)
        self._run(dialog)
        if dialog.sale is not None:
            self.cart_model.set_cart(self._checkout.cart)
            self._refresh()
            self.sync_bar.refresh()  # one more unsent sale, until the worker sends it
            self._info(
                self.tr("Receipt %1 saved. Change: %2")
                .replace("%1", dialog.sale.receipt_number or "")
                .replace("%2", money(dialog.sale.change))
            )
            self.printer.print_sale(dialog.sale)

    def show_receipt_picture(self, picture: Image.Image, title: str) -> None:
        """A printout shown in place of the quick keys (no printer, or asked for), until the
        next scan."""
        self.receipt_page_title.setText(title)
        self.receipt_page_preview.show_picture(picture)
        self.product_pages.setCurrentWidget(self.receipt_page)

    def offer_unprinted_receipt(self) -> None:
        """At start-up: the last sale was committed but its receipt never printed (the till
        stopped, or the printer failed): offer it at the foot of the screen."""
        try:
            sale = self._till.printing.not_given(self._checkout.last_sale())
        except (StoreError, OSError) as error:
            log.warning("could not check whether the last receipt was printed: %s", error)
            return
        if sale is not None:
            self.printer.offer(sale)

    def offer_first_sync(self) -> None:
        """Show the full sync's progress when the till has no catalogue yet and one is
        coming: the first sync after enrolment."""
        if self.sync_bar.status.full_sync is not None and not self._catalogue.has_products():
            self.operations.show_full_sync()

    def show_last_receipt(self) -> None:
        try:
            sale = self._checkout.last_sale()
        except StoreError as error:
            self._error(error_text(error))
            return
        if sale is None:
            self._info(self.tr("No receipt yet on this till."))
            return
        printing = self._till.printing
        self._run(
            ReceiptDialog(
                self.tr("Receipt %1").replace("%1", sale.receipt_number or ""),
                printing.preview(printing.sale(sale)),
                self,
                (lambda: self.printer.print_sale(sale, copy=True))
                if printing.has_printer
                else None,
            )
        )

    def focus_search(self) -> None:
        self.search_input.setFocus()
        self.search_input.selectAll()

    def search(self, text: str) -> None:
        results = self._lookup.search(text) if text.strip() else []
        self.results_model.set_entries(results)
        if results:
            self.results_view.setCurrentIndex(self.results_model.index(0))
        self.product_pages.setCurrentWidget(self.results_view if text.strip() else self.quick_keys)

    def _pick_first_result(self) -> None:
        entry = self.results_model.entry(0)
        if entry is not None:
            self.add_entry(entry)

    def back_to_scanning(self) -> None:
        self.search_input.clear()
        self.product_pages.setCurrentWidget(self.quick_keys)
        self.scan_input.setFocus()

    def _move_selection(self, step: int) -> None:
        count = self.cart_model.rowCount()
        if not count:
            return
        rows = self.cart_view.selectionModel().selectedRows()
        current = rows[0].row() if rows else count
        self._select_row(max(0, min(count - 1, current + step)))

    def _select_row(self, row: int) -> None:
        index = self.cart_model.index(row, 0)
        self.cart_view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.cart_view.scrollTo(index)

    def _run(self, dialog: QDialog) -> int:
        """Show a dialog, then come back to scanning. The window takes the activation back itself:
        a kiosk till runs without a window manager that would do it."""
        result = dialog.exec()
        dialog.deleteLater()
        self.activateWindow()
        self.scan_input.setFocus()
        return result

    # --- display ------------------------------------------------------------------------------

    def _refresh(self, select: CartLine | None = None) -> None:
        self.cart_model.refresh()
        cart = self._checkout.cart
        self.total_label.setText(self.tr("Total: %1").replace("%1", money(cart.total())))
        self.items_label.setText(self.tr("Items: %1").replace("%1", str(cart.item_count())))
        self.pay_button.setEnabled(not cart.is_empty())
        if cart.is_empty():
            self._total_shown = False
        user = self._till.auth.current
        self.user_label.setText("" if user is None else user.display_name)
        self.cart_view.setColumnHidden(Column.DISCOUNT, not cart.discount_total())
        if select is not None:
            row = self.cart_model.row_of(select.line_id)
            if row is not None:
                self._select_row(row)

    def _cart_replaced(self) -> None:
        self.cart_model.set_cart(self._checkout.cart)
        self._refresh()

    def _tick(self) -> None:
        self.clock_label.setText(date_time(datetime.now().astimezone()))

    def _info(self, text: str) -> None:
        self._show_message(text, "info")

    def _error(self, text: str) -> None:
        log.info("shown to the cashier: %s", text)
        self._show_message(text, "error")
        QApplication.beep()
        self.scan_input.setFocus()

    def _show_message(self, text: str, kind: str) -> None:
        show_message(self.message, text, kind)

    def _scanner_status(self, status: ScannerStatus) -> None:
        self._show_scanner_status()
        if not status.connected:
            log.info("shown to the cashier: the serial scanner is unplugged (%s)", status.message)
            QApplication.beep()

    def _show_scanner_status(self) -> None:
        """The serial scanner's state in the header: unplugged in red, connected in plain."""
        link = self.serial_scanner
        if link is None or link.status is None:
            return
        port = link.settings.port
        if link.status.connected:
            text = self.tr("Scanner on %1: ready").replace("%1", port)
            style = ""
        else:
            text = self.tr("Scanner on %1 is unplugged: plug it in again").replace("%1", port)
            style = "color: #a40e26; font-weight: bold;"
        self.scanner_label.setText(text)
        self.scanner_label.setStyleSheet(style)
        self.scanner_label.show()

    def shut_down(self) -> None:
        """The till is closing: stop the serial scanner and print what is queued."""
        if self._shut:
            return
        self._shut = True
        if self.serial_scanner is not None:
            self.serial_scanner.stop()
        self.printer.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.shut_down()
        super().closeEvent(event)
