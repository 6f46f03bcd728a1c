"""Stock in the other stores, for staff: scan or search a product and see every store's stock
(on hand, reserved, what can be taken, the store's address and opening hours), this store
first, then the stores with the most to take.

The central service is asked on a thread of its own (the screen never freezes); its answer is
kept by the sync service, so when the central service cannot be asked the last answer is shown
with its age, clearly marked as not live.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.quantity import Unit
from pos_client.services.product_lookup import ProductLookup
from pos_client.services.sync_service import (
    StockLookup,
    StockUnavailableError,
    SyncService,
    UnknownProductError,
)
from pos_client.store.catalogue import CatalogueEntry
from pos_client.store.errors import StoreError
from pos_client.ui.durations import duration_text
from pos_client.ui.formatting import count_or_weight, date_time
from pos_client.ui.message_label import show_message
from pos_client.ui.product_panels import SearchResultsModel, SearchResultsView
from pos_client.ui.thread_handoff import Handoff
from pos_client.ui.translations import error_text

COLUMN_STORE, COLUMN_AVAILABLE, COLUMN_ON_HAND, COLUMN_RESERVED, COLUMN_ADDRESS, COLUMN_HOURS = (
    range(6)
)
AGE_REFRESH_MS = 30_000
"""How often the age of an answer that is not live is shown again."""

_STYLE = """
#stockLookupProduct { font-size: 22px; font-weight: bold; }
#stockLookupFreshness { padding: 6px 10px; border-radius: 6px; font-weight: bold; }
#stockLookupFreshness[live="true"] { background: #dafbe1; color: #116329; }
#stockLookupFreshness[live="false"] { background: #ffebe9; color: #a40e26; font-size: 20px; }
#stockLookupTable { font-size: 18px; }
"""


@dataclass(frozen=True, slots=True)
class _Answer:
    """What the background request brought back: the lookup, or the error."""

    request: int
    sku: str
    name: str
    lookup: StockLookup | None
    error: Exception | None


class StockLookupDialog(QDialog):
    def __init__(
        self,
        sync: SyncService,
        lookup: ProductLookup,
        store_code: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stockLookupDialog")
        self.setWindowTitle(self.tr("Stock in the stores"))
        self.setModal(True)
        self.setStyleSheet(_STYLE)
        self.resize(1000, 640)
        self._sync = sync
        self._lookup = lookup
        self._store_code = store_code
        self._request = 0
        self._asked: tuple[str, str] | None = None
        """(sku, name) of the product shown or being asked about."""
        self.answer: StockLookup | None = None
        """The answer shown (live or not), None while asking or after an error."""
        self._handoff = Handoff(self._answered, self)

        layout = QVBoxLayout(self)
        self.search_input = QLineEdit(self)
        self.search_input.setObjectName("stockLookupSearch")
        self.search_input.setPlaceholderText(
            self.tr("Scan a barcode, or type a code or a name, then Enter")
        )
        self.search_input.setClearButtonEnabled(True)
        for clear_button in self.search_input.findChildren(QToolButton):
            clear_button.setObjectName("stockLookupSearchClear")
        self.search_input.textChanged.connect(self.search)
        self.search_input.returnPressed.connect(self._pick_first)
        self.results_model = SearchResultsModel(self)
        self.results_view = SearchResultsView(self.results_model, self)
        self.results_view.setObjectName("stockLookupResults")
        self.results_view.setMaximumHeight(160)
        self.results_view.picked.connect(self.show_product)
        self.results_view.setVisible(False)
        layout.addWidget(self.search_input)
        layout.addWidget(self.results_view)

        self.product_label = QLabel(self)
        self.product_label.setObjectName("stockLookupProduct")
        self.product_label.setWordWrap(True)
        self.freshness_label = QLabel(self)
        self.freshness_label.setObjectName("stockLookupFreshness")
        self.freshness_label.setWordWrap(True)
        self.freshness_label.setVisible(False)
        layout.addWidget(self.product_label)
        layout.addWidget(self.freshness_label)

        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("stockLookupTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Store"),
                self.tr("Available"),
                self.tr("On hand"),
                self.tr("Reserved"),
                self.tr("Address"),
                self.tr("Opening hours"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setObjectName("stockLookupRowHeader")
        self.table.horizontalHeader().setObjectName("stockLookupColumnHeader")
        self.table.verticalHeader().setDefaultSectionSize(48)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_ADDRESS, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        self.message = QLabel(self)
        self.message.setObjectName("stockLookupMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.refresh_button = self._button(self.tr("Ask again"), "stockLookupRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_button.setEnabled(False)
        self.close_button = self._button(self.tr("Close (Esc)"), "stockLookupClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self._age_timer = QTimer(self)
        self._age_timer.setInterval(AGE_REFRESH_MS)
        self._age_timer.timeout.connect(self._show_freshness)
        self.product_label.setText(self.tr("Scan or find a product to see its stock."))
        self.search_input.setFocus()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(56)
        button.setAutoDefault(False)  # Enter in the search field picks a product
        return button

    # --- finding the product -----------------------------------------------------------------

    def take_scan(self, code: str) -> None:
        """A scanner's code while this window is open (a product's code): as if typed and Enter."""
        self.search_input.setText(code)
        self._pick_first()

    def search(self, text: str) -> None:
        try:
            results = self._lookup.search(text) if text.strip() else []
        except StoreError as error:
            show_message(self.message, error_text(error))
            results = []
        self.results_model.set_entries(results)
        self.results_view.setVisible(bool(results))
        if results:
            self.results_view.setCurrentIndex(self.results_model.index(0))

    def _pick_first(self) -> None:
        entry = self.results_model.entry(0)
        if entry is None:
            if self.search_input.text().strip():
                show_message(
                    self.message,
                    self.tr("No product matches %1.").replace("%1", self.search_input.text()),
                )
            return
        self.show_product(entry)

    def show_product(self, entry: CatalogueEntry) -> None:
        """Ask about `entry` (a scan, a search result, or the caller's choice)."""
        self.search_input.clear()
        self.ask(entry.sku, entry.name)

    # --- asking ------------------------------------------------------------------------------

    def ask(self, sku: str, name: str) -> None:
        """Ask the central service about `sku` on a background thread; the answer (or the
        last one, when it cannot be asked) is shown when it comes."""
        self._request += 1
        request = self._request
        self._asked = (sku, name)
        self.answer = None
        self._age_timer.stop()
        self.table.setRowCount(0)
        self.freshness_label.setVisible(False)
        self.product_label.setText(f"{name} · {sku}")
        show_message(
            self.message,
            self.tr("Asking the central service about %1…").replace("%1", name),
            "info",
        )
        self.message.setToolTip("")
        self.refresh_button.setEnabled(False)
        sync = self._sync

        def fetch() -> _Answer:
            try:
                return _Answer(request, sku, name, sync.stock(sku), None)
            except Exception as error:  # shown to staff, never raised on the thread
                return _Answer(request, sku, name, None, error)

        self._handoff.run(fetch, f"stock-{sku}")

    def refresh(self) -> None:
        """Ask again about the product shown."""
        if self._asked is not None:
            self.ask(*self._asked)

    def _answered(self, answer: object) -> None:
        if not isinstance(answer, _Answer) or answer.request != self._request:
            return  # an older question's answer
        self.refresh_button.setEnabled(True)
        if answer.lookup is None:
            self._show_error(answer)
            return
        self.answer = answer.lookup
        self.message.clear()
        self.product_label.setText(f"{answer.lookup.name} · {answer.lookup.sku}")
        self._fill(answer.lookup)
        self._show_freshness()
        if not answer.lookup.live:
            self._age_timer.start()

    def _show_error(self, answer: _Answer) -> None:
        error = answer.error
        if isinstance(error, UnknownProductError):
            text = self.tr("The central service does not know %1 (%2).")
        elif isinstance(error, StockUnavailableError):
            text = self.tr(
                "No stock figures for %1 (%2): the central service cannot be asked now and "
                "this till has not asked about this product before."
            )
        else:
            text = self.tr("Stock of %1 (%2) could not be shown.")
        detail = "" if error is None else error_text(error)
        show_message(self.message, text.replace("%1", answer.name).replace("%2", answer.sku))
        self.message.setToolTip(detail)

    # --- showing -----------------------------------------------------------------------------

    def _fill(self, lookup: StockLookup) -> None:
        unit = Unit(lookup.unit)
        self.table.setRowCount(len(lookup.stores))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, store in enumerate(lookup.stores):
            own = store.store_code == self._store_code
            name = f"{store.name} ({store.store_code})"
            if own:
                name = self.tr("%1 · this store").replace("%1", name)
            cells = (
                (COLUMN_STORE, name),
                (COLUMN_AVAILABLE, count_or_weight(unit, store.on_hand - store.reserved)),
                (COLUMN_ON_HAND, count_or_weight(unit, store.on_hand)),
                (COLUMN_RESERVED, count_or_weight(unit, store.reserved)),
                (COLUMN_ADDRESS, store.address),
                (COLUMN_HOURS, store.opening_hours),
            )
            for column, text in cells:
                item = QTableWidgetItem(text)
                if column in (COLUMN_AVAILABLE, COLUMN_ON_HAND, COLUMN_RESERVED):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if own:
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _show_freshness(self) -> None:
        lookup = self.answer
        if lookup is None:
            return
        if lookup.live:
            text = self.tr("Live: as the central service knew it at %1.").replace(
                "%1", date_time(lookup.as_of, seconds=True)
            )
            tip = ""
        else:
            text = (
                self.tr(
                    "NOT LIVE: the central service cannot be asked now. This is its last "
                    "answer, from %1 (%2 ago)."
                )
                .replace("%1", date_time(lookup.fetched_at))
                .replace("%2", duration_text(lookup.age(datetime.now(UTC))))
            )
            tip = lookup.problem or ""
        self.freshness_label.setText(text)
        self.freshness_label.setToolTip(tip)
        self.freshness_label.setProperty("live", "true" if lookup.live else "false")
        self.freshness_label.style().unpolish(self.freshness_label)
        self.freshness_label.style().polish(self.freshness_label)
        self.freshness_label.setVisible(True)
