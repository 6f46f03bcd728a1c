"""A receipt as the printer prints it: the preview picture (`hardware.image_render`) in a
scrolling view, one pixel a printer dot."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget


def qimage_of(picture: Image.Image) -> QImage:
    """A Pillow picture as a QImage (8-bit grey), holding its own copy of the pixels."""
    grey = picture.convert("L")
    data = grey.tobytes()
    image = QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8)
    return image.copy()


class ReceiptPreview(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.picture = QLabel(self)
        self.picture.setObjectName("receiptPicture")
        self.setWidget(self.picture)
        self.image: QImage | None = None
        """What is shown (tests decode its codes)."""

    def show_picture(self, picture: Image.Image) -> None:
        self.image = qimage_of(picture)
        self.picture.setPixmap(QPixmap.fromImage(self.image))
        self.picture.resize(self.image.size())
        self.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        self.image = None
        self.picture.clear()
