"""A receipt as the printer prints it: the preview picture (`hardware.image_render`, one pixel
a printer dot) in a scrolling view, scaled down to the view's width when it is narrower than
the paper."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
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
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.picture = QLabel(self)
        self.picture.setObjectName("receiptPicture")
        self.setWidget(self.picture)
        self.image: QImage | None = None
        """The picture at the printer's resolution (what is shown may be scaled down)."""

    def show_picture(self, picture: Image.Image) -> None:
        self.image = qimage_of(picture)
        self._fit()
        self.verticalScrollBar().setValue(0)

    def _fit(self) -> None:
        if self.image is None:
            return
        width = min(self.image.width(), max(self.viewport().width(), 1))
        shown = self.image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(shown))
        self.picture.resize(shown.size())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def clear(self) -> None:
        self.image = None
        self.picture.clear()
