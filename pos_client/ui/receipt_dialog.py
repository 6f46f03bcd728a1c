"""The last receipt, as it was printed, for the cashier to show or check."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget


class ReceiptDialog(QDialog):
    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(title)
        self.resize(520, 640)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit("\n".join(lines), self)
        self.text.setObjectName("receiptText")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("receiptButtons")
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("receiptClose")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
