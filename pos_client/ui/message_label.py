"""Message labels styled by their `kind` property (see `[kind="error"]` in the QSS theme)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def show_message(label: QLabel, text: str, kind: str = "error") -> None:
    """Set the text and the kind ("error" or "info"), then re-apply the style sheet."""
    label.setProperty("kind", kind)
    label.setText(text)
    label.style().unpolish(label)
    label.style().polish(label)
