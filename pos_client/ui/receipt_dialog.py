"""A receipt as it prints (the preview picture of the same document the printer gets), for the
cashier to show or check, with a button to print a copy when a printer is set up."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from pos_client.ui.receipt_preview import ReceiptPreview


class ReceiptDialog(QDialog):
    def __init__(
        self,
        title: str,
        picture: Image.Image,
        parent: QWidget | None = None,
        print_copy: Callable[[], None] | None = None,
    ) -> None:
        """`print_copy`: prints a copy of the receipt (None: no printer, no button)."""
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(title)
        self.resize(680, 760)
        layout = QVBoxLayout(self)
        self.preview = ReceiptPreview(self)
        self.preview.show_picture(picture)
        layout.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("receiptButtons")
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("receiptClose")
        buttons.rejected.connect(self.reject)
        if print_copy is not None:
            copy = buttons.addButton(
                self.tr("Print a copy"), QDialogButtonBox.ButtonRole.ActionRole
            )
            copy.setObjectName("receiptPrintCopy")
            copy.clicked.connect(print_copy)
        layout.addWidget(buttons)
