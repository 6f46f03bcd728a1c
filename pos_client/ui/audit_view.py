"""The audit log for managers: who did what, who approved it, when, for which sale and why.

Filters: the action, a piece of a person's login or name (the one who acted or approved), a date
range on the till's local calendar, and a sale id. The newest entries come first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.audit import ApprovalAction, AuditAction, AuditRecord
from pos_client.store.audit import DEFAULT_LIMIT, AuditRepository
from pos_client.store.errors import StoreError
from pos_client.store.returns import AUDIT_ACTION as RETURN_ACTION
from pos_client.ui.formatting import date_edit_format, date_time
from pos_client.ui.translations import error_text

_Index = QModelIndex | QPersistentModelIndex
_HIDDEN_DETAILS = frozenset({"permission"})


class Column(IntEnum):
    TIME = 0
    ACTION = 1
    USER = 2
    APPROVED_BY = 3
    SALE = 4
    REASON = 5
    DETAILS = 6


def _headers() -> tuple[str, ...]:
    translate = QCoreApplication.translate
    return (
        translate("AuditTableModel", "Time"),
        translate("AuditTableModel", "Action"),
        translate("AuditTableModel", "User"),
        translate("AuditTableModel", "Approved by"),
        translate("AuditTableModel", "Sale"),
        translate("AuditTableModel", "Reason"),
        translate("AuditTableModel", "Details"),
    )


def action_labels() -> dict[str, str]:
    """The name shown for each action the till writes (others are shown as stored)."""
    translate = QCoreApplication.translate
    return {
        AuditAction.LOGIN: translate("AuditTableModel", "Login"),
        AuditAction.LOGOUT: translate("AuditTableModel", "Logout"),
        AuditAction.LOGIN_FAILED: translate("AuditTableModel", "Failed login or PIN"),
        AuditAction.LOCKED_OUT: translate("AuditTableModel", "Login locked"),
        AuditAction.APPROVAL_REFUSED: translate("AuditTableModel", "Approval refused"),
        AuditAction.USER_ADDED: translate("AuditTableModel", "User added"),
        AuditAction.PIN_CHANGED: translate("AuditTableModel", "PIN changed"),
        AuditAction.USER_DEACTIVATED: translate("AuditTableModel", "User deactivated"),
        AuditAction.USER_REACTIVATED: translate("AuditTableModel", "User reactivated"),
        ApprovalAction.PRICE_OVERRIDE: translate("AuditTableModel", "Price override"),
        ApprovalAction.LINE_DISCOUNT: translate("AuditTableModel", "Line discount"),
        ApprovalAction.BASKET_DISCOUNT: translate("AuditTableModel", "Basket discount"),
        ApprovalAction.VOID_LINE_AFTER_TOTAL: translate(
            "AuditTableModel", "Line voided after total"
        ),
        ApprovalAction.VOID_PAID_SALE: translate("AuditTableModel", "Paid sale voided"),
        ApprovalAction.RETURN_WITHOUT_RECEIPT: translate(
            "AuditTableModel", "Return without receipt"
        ),
        ApprovalAction.OPEN_DRAWER: translate("AuditTableModel", "Drawer opened"),
        ApprovalAction.CASH_IN: translate("AuditTableModel", "Cash in"),
        ApprovalAction.CASH_OUT: translate("AuditTableModel", "Cash out"),
        ApprovalAction.X_REPORT: translate("AuditTableModel", "X report"),
        ApprovalAction.CLOSE_SHIFT: translate("AuditTableModel", "Shift closed"),
        ApprovalAction.VIEW_AUDIT: translate("AuditTableModel", "Audit log viewed"),
        ApprovalAction.SETTINGS: translate("AuditTableModel", "Settings opened"),
        ApprovalAction.MANAGE_USERS: translate("AuditTableModel", "Users screen opened"),
        ApprovalAction.SYNC_QUEUE: translate("AuditTableModel", "Quarantined sync rows viewed"),
        ApprovalAction.SYNC_RELEASE: translate("AuditTableModel", "Quarantined rows sent again"),
        ApprovalAction.FULL_SYNC: translate("AuditTableModel", "Catalogue sync window opened"),
        ApprovalAction.SYNC_ENROLMENT: translate("AuditTableModel", "Enrolment window opened"),
        RETURN_ACTION: translate("AuditTableModel", "Return saved"),
    }


def _details_text(details: dict[str, Any]) -> str:
    return ", ".join(
        f"{key}: {value}" for key, value in sorted(details.items()) if key not in _HIDDEN_DETAILS
    )


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[AuditRecord] = []
        self._labels = action_labels()

    def set_records(self, records: Sequence[AuditRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> AuditRecord:
        return self._records[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.DETAILS:
            return json.dumps(dict(record.details), ensure_ascii=False, indent=1, sort_keys=True)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is Column.TIME:
            return date_time(record.at, seconds=True)
        if column is Column.ACTION:
            return self._labels.get(record.action, record.action)
        if column is Column.USER:
            return self._person(record)
        if column is Column.APPROVED_BY:
            return record.approver_name or record.approved_by or ""
        if column is Column.SALE:
            return record.sale_id or ""
        if column is Column.REASON:
            return record.reason
        return _details_text(dict(record.details))

    @staticmethod
    def _person(record: AuditRecord) -> str:
        """The name; for a failed login with an unknown login, what was typed after "?"."""
        if record.user_name or record.user_id:
            return record.user_name or record.user_id or ""
        typed = record.details.get("login")
        return f"? {typed}" if typed else ""


class AuditDialog(QDialog):
    """Shows the newest `limit` entries that match the filters; every change of a filter
    reads the log again."""

    def __init__(
        self,
        audit: AuditRepository,
        parent: QWidget | None = None,
        *,
        limit: int = DEFAULT_LIMIT,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(1000, 600)
        self._audit = audit
        self._limit = limit
        today = today or date.today()

        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Action"), self))
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("auditAction")
        filters.addWidget(self.action_combo)
        filters.addWidget(QLabel(self.tr("User"), self))
        self.user_input = QLineEdit(self)
        self.user_input.setObjectName("auditUser")
        self.user_input.setPlaceholderText(self.tr("login or name"))
        self.user_input.setClearButtonEnabled(True)
        filters.addWidget(self.user_input)
        filters.addWidget(QLabel(self.tr("From"), self))
        self.from_date = self._date_edit("auditFrom", today - timedelta(days=30))
        filters.addWidget(self.from_date)
        filters.addWidget(QLabel(self.tr("To"), self))
        self.to_date = self._date_edit("auditTo", today)
        filters.addWidget(self.to_date)
        filters.addWidget(QLabel(self.tr("Sale"), self))
        self.sale_input = QLineEdit(self)
        self.sale_input.setObjectName("auditSale")
        self.sale_input.setPlaceholderText(self.tr("sale id"))
        self.sale_input.setClearButtonEnabled(True)
        filters.addWidget(self.sale_input)
        layout.addLayout(filters)

        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("auditStatus")
        bottom.addWidget(self.status_label, 1)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.setObjectName("auditRefresh")
        refresh.setAutoDefault(False)
        refresh.clicked.connect(self.refresh)
        bottom.addWidget(refresh)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("auditClose")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom.addWidget(close)
        layout.addLayout(bottom)

        self._fill_actions()
        self.action_combo.currentIndexChanged.connect(self.refresh)
        self.user_input.textChanged.connect(self.refresh)
        self.sale_input.textChanged.connect(self.refresh)
        self.from_date.dateChanged.connect(self.refresh)
        self.to_date.dateChanged.connect(self.refresh)
        self.refresh()

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_edit_format())
        return edit

    def _fill_actions(self) -> None:
        labels = action_labels()
        try:
            stored = self._audit.actions()
        except StoreError:
            stored = []
        self.action_combo.addItem(self.tr("All actions"), None)
        shown = {str(action): labels.get(action, action) for action in [*labels, *stored]}
        for action, label in sorted(shown.items(), key=lambda item: item[1].casefold()):
            self.action_combo.addItem(label, action)

    def set_action(self, action: str | None) -> None:
        """Select an action filter (None: all)."""
        index = self.action_combo.findData(action) if action is not None else 0
        if index < 0:
            self.action_combo.addItem(action or "", action)
            index = self.action_combo.count() - 1
        self.action_combo.setCurrentIndex(index)

    def set_dates(self, first: date, last: date) -> None:
        """Both days included, on the till's local calendar."""
        self.from_date.setDate(QDate(first.year, first.month, first.day))
        self.to_date.setDate(QDate(last.year, last.month, last.day))

    def refresh(self) -> None:
        first, last = _day(self.from_date.date()), _day(self.to_date.date())
        if first > last:
            self.model.set_records([])
            self.status_label.setText(self.tr("The first day is after the last day."))
            return
        action = self.action_combo.currentData()
        try:
            records = self._audit.entries(
                action=action if isinstance(action, str) else None,
                user=self.user_input.text().strip() or None,
                since=_local_midnight(first),
                until=_local_midnight(last + timedelta(days=1)),
                sale_id=self.sale_input.text().strip() or None,
                limit=self._limit,
            )
        except StoreError as error:
            self.model.set_records([])
            self.status_label.setText(error_text(error))
            return
        self.model.set_records(records)
        if len(records) >= self._limit:
            self.status_label.setText(
                self.tr("The newest %1 entries; narrow the filters to see older ones.").replace(
                    "%1", str(self._limit)
                )
            )
        else:
            self.status_label.setText(self.tr("%n entries", "", len(records)))
        self.table.resizeColumnsToContents()


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()
