"""A receipt as a neutral document: what to print, not how a given printer prints it.

The same document goes to an ESC/POS printer (`escpos_render`), to a preview picture
(`image_render`) and to plain text (`receipt_layout.plain_lines`). Widths are not fixed here:
text wraps and two-column rows are laid out for the paper at hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from PIL import Image


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph, wrapped to the paper's width."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    double_width: bool = False
    double_height: bool = False


@dataclass(frozen=True, slots=True)
class Columns:
    """A label on the left and an amount flush right; a long label wraps above the amount."""

    left: str
    right: str
    bold: bool = False
    double_height: bool = False


@dataclass(frozen=True, slots=True)
class Separator:
    char: str = "-"


@dataclass(frozen=True, slots=True)
class Barcode:
    """Code 128 (ASCII text), centred, with the text printed under it when `human_readable`."""

    data: str
    height_dots: int = 80
    human_readable: bool = True

    def __post_init__(self) -> None:
        if not self.data or not all(" " <= char <= "~" for char in self.data):
            raise ValueError(f"Code 128 on a receipt takes printable ASCII, not {self.data!r}")
        if not 1 <= self.height_dots <= 255:
            raise ValueError("a barcode is 1 to 255 dots tall")


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code of UTF-8 text, centred; `module_dots` is the size of one square."""

    data: str
    module_dots: int = 6

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("a QR code needs some text")
        if not 1 <= self.module_dots <= 16:
            raise ValueError("a QR module is 1 to 16 dots")


@dataclass(frozen=True, slots=True)
class Picture:
    """A logo or other picture, centred, scaled down to the paper when wider, printed in black
    and white (dithered)."""

    image: Image.Image
    max_width_dots: int | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True, slots=True)
class Cut:
    partial: bool = False


@dataclass(frozen=True, slots=True)
class OpenDrawer:
    """Kick the cash drawer connected to the printer (pin 2 or 5)."""

    pin: int = 2

    def __post_init__(self) -> None:
        if self.pin not in (2, 5):
            raise ValueError("a cash drawer is kicked on pin 2 or 5")


Block = Text | Columns | Separator | Barcode | QrCode | Picture | Feed | Cut | OpenDrawer


@dataclass(frozen=True, slots=True)
class ReceiptDocument:
    blocks: tuple[Block, ...]

    @property
    def opens_drawer(self) -> bool:
        return any(isinstance(block, OpenDrawer) for block in self.blocks)

    def codes(self) -> list[Barcode | QrCode]:
        """The barcodes and QR codes in their order (what a test reads back from a print)."""
        return [block for block in self.blocks if isinstance(block, Barcode | QrCode)]


class ReceiptBuilder:
    """Collects blocks in order: `ReceiptBuilder().text("...").separator()...build()`."""

    def __init__(self) -> None:
        self._blocks: list[Block] = []

    def add(self, *blocks: Block) -> ReceiptBuilder:
        self._blocks.extend(blocks)
        return self

    def text(
        self,
        text: str,
        align: Align = Align.LEFT,
        *,
        bold: bool = False,
        double_width: bool = False,
        double_height: bool = False,
    ) -> ReceiptBuilder:
        return self.add(Text(text, align, bold, double_width, double_height))

    def lines(self, lines: Iterable[str], align: Align = Align.LEFT) -> ReceiptBuilder:
        return self.add(*(Text(line, align) for line in lines))

    def columns(
        self, left: str, right: str, *, bold: bool = False, double_height: bool = False
    ) -> ReceiptBuilder:
        return self.add(Columns(left, right, bold, double_height))

    def separator(self, char: str = "-") -> ReceiptBuilder:
        return self.add(Separator(char))

    def barcode(self, data: str, height_dots: int = 80) -> ReceiptBuilder:
        return self.add(Barcode(data, height_dots))

    def qr(self, data: str, module_dots: int = 6) -> ReceiptBuilder:
        return self.add(QrCode(data, module_dots))

    def picture(self, image: Image.Image, max_width_dots: int | None = None) -> ReceiptBuilder:
        return self.add(Picture(image, max_width_dots))

    def feed(self, lines: int = 1) -> ReceiptBuilder:
        return self.add(Feed(lines))

    def cut(self, *, partial: bool = False) -> ReceiptBuilder:
        return self.add(Cut(partial))

    def open_drawer(self, pin: int = 2) -> ReceiptBuilder:
        return self.add(OpenDrawer(pin))

    def build(self) -> ReceiptDocument:
        return ReceiptDocument(tuple(self._blocks))
