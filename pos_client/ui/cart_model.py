"""The cart as a table for the cashier: one row per line with its final amount."""

from __future__ import annotations

import uuid
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from pos_client.domain.cart import Cart, PricedLine
from pos_client.ui.formatting import count_or_weight, money, price_per_unit

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    QUANTITY = 1
    PRICE = 2
    DISCOUNT = 3
    TOTAL = 4


def _headers() -> tuple[str, ...]:
    translate = QCoreApplication.translate
    return (
        translate("CartTableModel", "Product"),
        translate("CartTableModel", "Qty"),
        translate("CartTableModel", "Price"),
        translate("CartTableModel", "Discount"),
        translate("CartTableModel", "Total"),
    )


class CartTableModel(QAbstractTableModel):
    """Reads the cart it is given; call `refresh()` after the service changed it."""

    def __init__(self, cart: Cart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cart = cart
        self._rows: list[PricedLine] = cart.priced_lines()

    def set_cart(self, cart: Cart) -> None:
        self.beginResetModel()
        self._cart = cart
        self._rows = cart.priced_lines()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the cart: rows added at the end are inserted, and only the span of rows that
        changed is repainted (a scan repaints one or two rows, not the whole cart)."""
        new_rows = self._cart.priced_lines()
        old_rows = self._rows
        old_count, new_count = len(old_rows), len(new_rows)
        old_ids = [row.line.line_id for row in self._rows]
        new_ids = [row.line.line_id for row in new_rows]
        if new_ids[:old_count] == old_ids and new_count >= old_count:
            if new_count > old_count:
                self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
                self._rows = new_rows
                self.endInsertRows()
            else:
                self._rows = new_rows
            if old_count:
                self.dataChanged.emit(self.index(0, 0), self.index(old_count - 1, len(Column) - 1))
            return
        self.beginResetModel()
        self._rows = new_rows
        self.endResetModel()

    def retranslate(self) -> None:
        """The language changed: headers and amounts are shown again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

    def line_id(self, row: int) -> uuid.UUID | None:
        return self._rows[row].line.line_id if 0 <= row < len(self._rows) else None

    def row_of(self, line_id: uuid.UUID) -> int | None:
        for row, priced in enumerate(self._rows):
            if priced.line.line_id == line_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _headers()[section]
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        priced = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not Column.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        line = priced.line
        if column is Column.NAME:
            return line.product.name
        if column is Column.QUANTITY:
            return count_or_weight(line.quantity.unit, line.quantity.amount)
        if column is Column.PRICE:
            return price_per_unit(line.product.unit_price, line.quantity.unit)
        if column is Column.DISCOUNT:
            return money(-priced.discount) if priced.discount else ""
        return money(priced.total)
