"""The right-hand side of the sale screen: quick keys with pictures, and search as you type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QGridLayout,
    QListView,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from pos_client.store.catalogue import CatalogueEntry
from pos_client.ui.formatting import price_per_unit

QUICK_KEY_COLUMNS = 4
QUICK_KEY_LABEL = 14


def _short(name: str) -> str:
    """A quick key's label: the name cut at a word to fit the key."""
    if len(name) <= QUICK_KEY_LABEL:
        return name
    cut = name[:QUICK_KEY_LABEL].rsplit(" ", 1)[0]
    return f"{cut}…"


def _price_text(entry: CatalogueEntry) -> str:
    if entry.price is None:
        return "—"
    return price_per_unit(entry.price, entry.unit)


class QuickKeysPanel(QWidget):
    """A grid of big buttons, one per quick-key product, with its picture."""

    picked = Signal(object)

    def __init__(
        self, entries: list[CatalogueEntry], images_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickKeysPanel")
        grid = QGridLayout(self)
        grid.setSpacing(6)
        self.buttons: list[QToolButton] = []
        self._entries = entries
        for position, entry in enumerate(entries):
            button = QToolButton(self)
            button.setObjectName(f"quickKey{entry.quick_key}")
            button.setToolTip(entry.name)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setMinimumSize(96, 72)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if entry.image:
                image = images_dir / entry.image
                if image.is_file():
                    button.setIcon(QIcon(str(image)))
                    button.setIconSize(QSize(40, 40))
            button.clicked.connect(lambda _=False, e=entry: self.picked.emit(e))
            grid.addWidget(button, position // QUICK_KEY_COLUMNS, position % QUICK_KEY_COLUMNS)
            self.buttons.append(button)
        self.retranslate()

    def retranslate(self) -> None:
        """Label each key with its name and its price in the current language."""
        for button, entry in zip(self.buttons, self._entries, strict=True):
            button.setText(f"{_short(entry.name)}\n{_price_text(entry)}")


_Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[CatalogueEntry] = []

    def set_entries(self, entries: list[CatalogueEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def retranslate(self) -> None:
        """The language changed: the prices are shown again."""
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def entry(self, row: int) -> CatalogueEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = self._entries[index.row()]
        return f"{entry.name}   ·   {_price_text(entry)}   ·   {entry.barcode or entry.sku}"


class SearchResultsView(QListView):
    """The list of matches; a tap (or Enter) picks one."""

    picked = Signal(object)

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setModel(model)
        self._model = model
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.clicked.connect(self._pick)
        self.activated.connect(self._pick)

    def _pick(self, index: QModelIndex) -> None:
        entry = self._model.entry(index.row())
        if entry is not None:
            self.picked.emit(entry)
