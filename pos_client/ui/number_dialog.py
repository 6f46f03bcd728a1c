"""Asking the cashier for one number with the keypad: a quantity in pieces or a weight in kg."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos_client.ui.keypad import NumericKeypad

_WEIGHT = re.compile(r"^\s*(\d{1,3})(?:[.,](\d{1,3}))?\s*$")


def parse_weight_grams(text: str) -> int | None:
    """ "1,25" (kg) -> 1250 grams; None when it is not a weight."""
    match = _WEIGHT.match(text)
    if match is None:
        return None
    return int(match[1]) * 1000 + int((match[2] or "0").ljust(3, "0"))


class NumberDialog(QDialog):
    """Returns the text typed; the caller parses it and explains a refusal."""

    def __init__(
        self, title: str, prompt: str, initial: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("numberDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setObjectName("numberPrompt")
        layout.addWidget(label)
        self.input = QLineEdit(initial, self)
        self.input.setObjectName("numberInput")
        self.input.selectAll()
        self.input.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.input)
        layout.addWidget(NumericKeypad(self.input, "numberKeypad", self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("numberButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("numberOk")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("numberCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.input.setFocus()

    def value(self) -> str:
        return self.input.text()
