"""An on-screen numeric keypad for touch tills: types into the line edit it is given."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

_KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", ",", "0", "⌫")


class NumericKeypad(QWidget):
    def __init__(self, target: QLineEdit, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._target = target
        grid = QGridLayout(self)
        grid.setSpacing(6)
        for position, key in enumerate(_KEYS):
            button = QPushButton(key, self)
            button.setObjectName(
                f"{name}Key{'Back' if key == '⌫' else 'Comma' if key == ',' else key}"
            )
            button.setFocusPolicy(button.focusPolicy().NoFocus)
            button.setMinimumSize(64, 56)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(button, position // 3, position % 3)

    def _press(self, key: str) -> None:
        if key == "⌫":
            self._target.backspace()
        else:
            self._target.insert(key)
