"""Shift dialogs: open a shift counting the float, put cash in or take it out, read an X report,
close the shift counting the drawer (Z report), and look at stored Z reports again.

The dialogs call the shift service themselves and show its refusals inline, like the payment
dialog; on success they keep the result (`shift`, `movement`, `report`) and accept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.cash import COINS, MAX_PIECES, NOTES, CashCount, denomination_label
from pos_client.domain.money import Money
from pos_client.domain.receipt_text import StoreHeader
from pos_client.domain.shift_report import CARD, ReportKind, ShiftReport, report_lines
from pos_client.services.shifts import ShiftError, ShiftService
from pos_client.store.errors import StoreError
from pos_client.store.shifts import CashMovementRecord, ShiftRecord
from pos_client.ui.formatting import date_time, money
from pos_client.ui.keypad import NumericKeypad
from pos_client.ui.message_label import show_message
from pos_client.ui.translations import error_text


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setMinimumHeight(56)
    button.setAutoDefault(False)
    return button


def _monospace(name: str, parent: QWidget) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setObjectName(name)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    return view


class CountSpinBox(QSpinBox):
    """How many notes or coins of one denomination; says when it takes the focus."""

    focused = Signal()

    def __init__(self, denomination: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.denomination = denomination
        self.setObjectName(f"count_{denomination}")
        self.setRange(0, MAX_PIECES)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMinimumHeight(40)
        self.setMinimumWidth(96)
        self.lineEdit().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease:
            # A tap on the row being counted selects its count again, so typing replaces it.
            QTimer.singleShot(0, self, self.selectAll)
        return super().eventFilter(watched, event)

    def editor(self) -> QLineEdit:
        """The line edit inside (for the on-screen keypad)."""
        return self.lineEdit()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.focused.emit()
        QTimer.singleShot(0, self, self.selectAll)  # a typed count replaces the old one


class DenominationGrid(QWidget):
    """A spin box per note and coin, the value of each row, and an on-screen keypad that types
    into the row being counted."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("denominationGrid")
        self.spin_boxes: dict[int, CountSpinBox] = {}
        self._values: dict[int, QLabel] = {}
        self._keypads: dict[int, NumericKeypad] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for title, denominations in ((self.tr("Notes"), NOTES), (self.tr("Coins"), COINS)):
            grid = QGridLayout()
            grid.addWidget(QLabel(title, self), 0, 0, 1, 3)
            for row, denomination in enumerate(denominations, start=1):
                label = QLabel(denomination_label(denomination), self)
                label.setObjectName(f"label_{denomination}")
                spin = CountSpinBox(denomination, self)
                spin.valueChanged.connect(self._changed)
                spin.focused.connect(lambda d=denomination: self._show_keypad(d))
                value = QLabel(money(Money.zero()), self)
                value.setObjectName(f"value_{denomination}")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setMinimumWidth(110)
                grid.addWidget(label, row, 0)
                grid.addWidget(spin, row, 1)
                grid.addWidget(value, row, 2)
                self.spin_boxes[denomination] = spin
                self._values[denomination] = value
            grid.setRowStretch(len(denominations) + 1, 1)
            grid.setHorizontalSpacing(10)
            layout.addLayout(grid)
            layout.addSpacing(28)
        self._keypad_stack = QStackedWidget(self)
        self._keypad_stack.setObjectName("countKeypads")
        self._keypad_stack.setMinimumWidth(220)
        hint = QLabel(self.tr("Tap a row, then type the count."), self._keypad_stack)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._keypad_stack.addWidget(hint)
        layout.addWidget(self._keypad_stack, 1)

    def _show_keypad(self, denomination: int) -> None:
        keypad = self._keypads.get(denomination)
        if keypad is None:  # made on first use: most counts touch a few rows
            spin = self.spin_boxes[denomination]
            keypad = NumericKeypad(spin.editor(), f"countKeypad_{denomination}", self)
            self._keypads[denomination] = keypad
            self._keypad_stack.addWidget(keypad)
        self._keypad_stack.setCurrentWidget(keypad)

    def _changed(self) -> None:
        for denomination, spin in self.spin_boxes.items():
            self._values[denomination].setText(money(Money(denomination * spin.value())))
        self.changed.emit()

    def count(self) -> CashCount:
        return CashCount({d: spin.value() for d, spin in self.spin_boxes.items()})

    def set_count(self, count: CashCount) -> None:
        for denomination, spin in self.spin_boxes.items():
            spin.setValue(count.count(denomination))


class OpenShiftDialog(QDialog):
    """Count the float in the drawer by denomination and open the shift."""

    def __init__(
        self, shifts: ShiftService, user_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openShiftDialog")
        self.setWindowTitle(self.tr("Open shift"))
        self.setModal(True)
        self._shifts = shifts
        self._user_id = user_id
        self.shift: ShiftRecord | None = None
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("Count the cash in the drawer (the float)."), self)
        prompt.setObjectName("openShiftPrompt")
        layout.addWidget(prompt)
        self.grid = DenominationGrid(self)
        self.grid.changed.connect(self._update)
        layout.addWidget(self.grid, 1)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("openShiftTotal")
        layout.addWidget(self.total_label)
        self.message = QLabel(self)
        self.message.setObjectName("openShiftMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.confirm_button = _button(self.tr("Open shift"), "openShiftConfirm", self)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = _button(self.tr("Cancel"), "openShiftCancel", self)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self._update()

    def _update(self) -> None:
        total = self.grid.count().total()
        self.total_label.setText(self.tr("Float: %1").replace("%1", money(total)))

    def confirm(self) -> None:
        try:
            self.shift = self._shifts.open_shift(self.grid.count(), self._user_id)
        except (ShiftError, StoreError) as error:
            show_message(self.message, error_text(error), "error")
            return
        self.accept()


class CashMovementDialog(QDialog):
    """Cash put into the drawer or taken out of it, with the amount and a reason."""

    def __init__(
        self,
        shifts: ShiftService,
        user_id: str | None = None,
        cash_out: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cashMovementDialog")
        self.setWindowTitle(self.tr("Cash in / out"))
        self.setModal(True)
        self.resize(680, 420)
        self._shifts = shifts
        self._user_id = user_id
        self.movement: CashMovementRecord | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.in_radio = QRadioButton(self.tr("Cash in (into the drawer)"), self)
        self.in_radio.setObjectName("cashInRadio")
        self.out_radio = QRadioButton(self.tr("Cash out (from the drawer)"), self)
        self.out_radio.setObjectName("cashOutRadio")
        group = QButtonGroup(self)
        group.addButton(self.in_radio)
        group.addButton(self.out_radio)
        (self.out_radio if cash_out else self.in_radio).setChecked(True)
        left.addWidget(self.in_radio)
        left.addWidget(self.out_radio)
        self.expected_label = QLabel(self)
        self.expected_label.setObjectName("movementExpected")
        left.addWidget(self.expected_label)
        left.addWidget(QLabel(self.tr("Amount:"), self))
        self.amount_input = QLineEdit(self)
        self.amount_input.setObjectName("movementAmount")
        self.amount_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        left.addWidget(self.amount_input)
        left.addWidget(QLabel(self.tr("Reason:"), self))
        self.reason_input = QLineEdit(self)
        self.reason_input.setObjectName("movementReason")
        self.reason_input.setPlaceholderText(self.tr("e.g. change from the safe"))
        left.addWidget(self.reason_input)
        self.message = QLabel(self)
        self.message.setObjectName("movementMessage")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        left.addStretch(1)
        buttons = QHBoxLayout()
        self.confirm_button = _button(self.tr("Save"), "movementConfirm", self)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = _button(self.tr("Cancel"), "movementCancel", self)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        left.addLayout(buttons)
        layout.addLayout(left, 3)
        layout.addWidget(NumericKeypad(self.amount_input, "movementKeypad", self), 2)
        try:
            expected = shifts.expected_cash()
        except (ShiftError, StoreError) as error:
            show_message(self.message, error_text(error), "error")
            self.confirm_button.setEnabled(False)
        else:
            self.expected_label.setText(
                self.tr("In the drawer now: %1").replace("%1", money(expected))
            )
        self.amount_input.setFocus()

    def confirm(self) -> None:
        text = self.amount_input.text().strip()
        try:
            amount = Money.parse(text)
        except ValueError:
            show_message(
                self.message, self.tr("%1 is not an amount of money.").replace("%1", text), "error"
            )
            return
        reason = self.reason_input.text()
        try:
            if self.out_radio.isChecked():
                self.movement = self._shifts.cash_out(amount, reason, self._user_id)
            else:
                self.movement = self._shifts.cash_in(amount, reason, self._user_id)
        except (ShiftError, StoreError) as error:
            show_message(self.message, error_text(error), "error")
            return
        self.accept()


def _window_title(report: ShiftReport) -> str:
    if report.kind is ReportKind.Z:
        return QCoreApplication.translate("ReportDialog", "Z report no. %1").replace(
            "%1", str(report.number)
        )
    return QCoreApplication.translate("ReportDialog", "X report")


ReportPrinter = Callable[[ShiftReport], None]
"""Prints a report through the till's printer (the same layout engine as receipts)."""


class ReportDialog(QDialog):
    """An X or Z report as it prints, in a monospaced view; Print sends it to the printer when
    `print_report` is given (a printer is set up)."""

    def __init__(
        self,
        report: ShiftReport,
        store: StoreHeader | None = None,
        user_names: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
        print_report: ReportPrinter | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(_window_title(report))
        self.resize(520, 720)
        self.report = report
        layout = QVBoxLayout(self)
        self.text = _monospace("reportText", self)
        self.text.setPlainText("\n".join(report_lines(report, store=store, user_names=user_names)))
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        self.print_button = _button(self.tr("Print"), "reportPrint", self)
        self.print_button.setVisible(print_report is not None)
        if print_report is not None:
            self.print_button.clicked.connect(lambda: print_report(report))
        self.close_button = _button(self.tr("Close"), "reportClose", self)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)


class CloseShiftDialog(QDialog):
    """Count the drawer by denomination, see the expected and counted cash and the difference,
    then close the shift with its Z report (kept in `report`)."""

    def __init__(
        self, shifts: ShiftService, user_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeShiftDialog")
        self.setWindowTitle(self.tr("Close shift (Z report)"))
        self.setModal(True)
        self._shifts = shifts
        self._user_id = user_id
        self.report: ShiftReport | None = None
        self._expected: Money | None = None
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("Count the cash in the drawer."), self)
        prompt.setObjectName("closeShiftPrompt")
        layout.addWidget(prompt)
        self.grid = DenominationGrid(self)
        self.grid.changed.connect(self._update)
        layout.addWidget(self.grid, 1)
        figures = QGridLayout()
        self.expected_label = self._figure(figures, 0, self.tr("Expected cash:"), "closeExpected")
        self.counted_label = self._figure(figures, 1, self.tr("Counted cash:"), "closeCounted")
        self.difference_label = self._figure(figures, 2, self.tr("Difference:"), "closeDifference")
        self.card_label = self._figure(figures, 3, self.tr("Card (terminal):"), "closeCard")
        layout.addLayout(figures)
        self.message = QLabel(self)
        self.message.setObjectName("closeShiftMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.confirm_button = _button(
            self.tr("Close shift and make the Z report"), "closeShiftConfirm", self
        )
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = _button(self.tr("Cancel"), "closeShiftCancel", self)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        try:
            reading = shifts.x_report(user_id)
        except (ShiftError, StoreError) as error:
            show_message(self.message, error_text(error), "error")
            self.confirm_button.setEnabled(False)
        else:
            self._expected = reading.expected_cash
            self.expected_label.setText(money(reading.expected_cash))
            card = dict(reading.expected_by_tender).get(CARD, Money.zero())
            self.card_label.setText(money(card))
        self._update()

    def _figure(self, grid: QGridLayout, row: int, title: str, name: str) -> QLabel:
        grid.addWidget(QLabel(title, self), row, 0)
        value = QLabel("-", self)
        value.setObjectName(name)
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(value, row, 1)
        return value

    def difference(self) -> Money | None:
        """Counted minus expected cash (negative: cash is missing)."""
        if self._expected is None:
            return None
        return self.grid.count().total() - self._expected

    def _update(self) -> None:
        self.counted_label.setText(money(self.grid.count().total()))
        difference = self.difference()
        if difference is None:
            return
        if difference.is_negative():
            kind, text = "short", self.tr("%1 missing").replace("%1", money(-difference))
        elif difference:
            kind, text = "over", self.tr("%1 over").replace("%1", money(difference))
        else:
            kind, text = "even", self.tr("none (%1)").replace("%1", money(difference))
        show_message(self.difference_label, text, kind)

    def confirm(self) -> None:
        try:
            self.report = self._shifts.close_shift(self.grid.count(), self._user_id)
        except (ShiftError, StoreError) as error:
            show_message(self.message, error_text(error), "error")
            return
        self.accept()


class ZReportsDialog(QDialog):
    """The till's stored Z reports, newest first; the selected one is shown as printed, and
    printed again with Print when `print_report` is given."""

    def __init__(
        self,
        shifts: ShiftService,
        store: StoreHeader | None = None,
        user_names: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
        print_report: ReportPrinter | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("zReportsDialog")
        self.setWindowTitle(self.tr("Z reports"))
        self.resize(880, 720)
        self._store = store
        self._user_names = user_names
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setObjectName("zReportList")
        # The theme styles list items but not a selected one: keep its text readable.
        self.list.setStyleSheet("QListView::item:selected { background: #1f6feb; color: white; }")
        self.text = _monospace("zReportText", self)
        row.addWidget(self.list, 2)
        row.addWidget(self.text, 3)
        layout.addLayout(row, 1)
        self.message = QLabel(self)
        self.message.setObjectName("zReportsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.print_button = _button(self.tr("Print"), "zReportsPrint", self)
        self.print_button.setVisible(print_report is not None)
        self._print_report = print_report
        self.print_button.clicked.connect(self._print_selected)
        self.close_button = _button(self.tr("Close"), "zReportsClose", self)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.reports: list[ShiftReport] = []
        try:
            self.reports = list(reversed(shifts.z_reports()))
        except StoreError as error:
            show_message(self.message, error_text(error), "error")
        for report in self.reports:
            created = date_time(report.created_at)
            item = QListWidgetItem(
                self.tr("Z %1 · %2 · %3")
                .replace("%1", str(report.number))
                .replace("%2", created)
                .replace("%3", money(report.net_total)),
                self.list,
            )
            item.setData(Qt.ItemDataRole.UserRole, report.number)
        self.list.currentRowChanged.connect(self._select)
        if self.reports:
            self.list.setCurrentRow(0)
        else:
            self.text.setPlainText(self.tr("No Z reports yet."))

    def _print_selected(self) -> None:
        row = self.list.currentRow()
        if self._print_report is not None and 0 <= row < len(self.reports):
            self._print_report(self.reports[row])

    def _select(self, row: int) -> None:
        if 0 <= row < len(self.reports):
            lines = report_lines(self.reports[row], store=self._store, user_names=self._user_names)
            self.text.setPlainText("\n".join(lines))
