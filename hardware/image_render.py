"""A receipt document drawn as a picture (Pillow): the preview shown on the till after a sale,
and the receipt itself when no printer is configured.

It follows the printer's layout: the same rows of `columns` monospaced characters across `dots`
pixels (one pixel per printer dot), DejaVu Sans Mono for the text, codes drawn as the printer
would print them, pictures dithered to black and white.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from hardware.code_images import code128_image, qr_image
from hardware.escpos_render import EscposSettings
from hardware.receipt_document import (
    Align,
    Barcode,
    Block,
    Cut,
    Feed,
    Picture,
    QrCode,
    ReceiptDocument,
    Text,
)
from hardware.receipt_layout import Row, rows_for

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
WHITE = 255
BLACK = 0

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True, slots=True)
class PreviewSettings:
    columns: int = 48
    dots: int = 576
    margin: int = 16
    font_dir: Path = field(default=DEJAVU)

    @classmethod
    def like_printer(cls, settings: EscposSettings) -> PreviewSettings:
        """The preview of what this printer prints: its columns and its width in dots."""
        return cls(settings.resolved_columns(), settings.resolved_dots())


@lru_cache(maxsize=8)
def _font(font_dir: Path, bold: bool, cell: float) -> Font:
    """DejaVu Sans Mono sized so that one character is `cell` pixels wide."""
    path = font_dir / ("DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf")
    if not path.exists():
        return ImageFont.load_default(size=cell / 0.6)
    probe = ImageFont.truetype(str(path), 100)
    return ImageFont.truetype(str(path), 100 * cell / probe.getlength("M"))


class _Painter:
    def __init__(self, settings: PreviewSettings) -> None:
        self.settings = settings
        self.cell = settings.dots / settings.columns
        self.line_height = round(self.cell * 2)  # font A: 12 x 24 dots
        self.pieces: list[Image.Image] = []

    def add(self, picture: Image.Image) -> None:
        self.pieces.append(picture)

    def row(self, row: Row) -> None:
        font = _font(self.settings.font_dir, row.bold, self.cell)
        cells = len(row.text)
        strip = Image.new("L", (max(1, round(cells * self.cell)), self.line_height), WHITE)
        ImageDraw.Draw(strip).text((0, self.line_height * 0.1), row.text, fill=BLACK, font=font)
        width = strip.width * (2 if row.double_width else 1)
        height = strip.height * (2 if row.double_height else 1)
        if (width, height) != strip.size:
            strip = strip.resize((width, height), Image.Resampling.BICUBIC)
        line = Image.new("L", (self.settings.dots, height), WHITE)
        line.paste(strip, (0, 0))
        self.add(line)

    def centred(self, picture: Image.Image) -> None:
        line = Image.new("L", (self.settings.dots, picture.height), WHITE)
        line.paste(picture.convert("L"), ((self.settings.dots - picture.width) // 2, 0))
        self.add(line)

    def barcode(self, block: Barcode) -> None:
        for module in (3, 2):  # the printer's choice (escpos_render): the margins are quiet zones
            picture = code128_image(block.data, module, block.height_dots, quiet_zone=False)
            if picture.width <= self.settings.dots:
                self.centred(picture)
                if block.human_readable:
                    self.text(Text(block.data, Align.CENTER))
                return
        self.text(Text(block.data, bold=True))

    def qr(self, block: QrCode) -> None:
        smallest = qr_image(block.data, 1)
        module = max(1, min(block.module_dots, self.settings.dots // smallest.width))
        self.centred(qr_image(block.data, module))

    def picture(self, block: Picture) -> None:
        limit = min(self.settings.dots, block.max_width_dots or self.settings.dots)
        picture = block.image
        if picture.width > limit:
            height = max(1, round(picture.height * limit / picture.width))
            picture = picture.resize((limit, height), Image.Resampling.LANCZOS)
        flattened = Image.new("RGBA", picture.size, (255, 255, 255, 255))
        flattened.alpha_composite(picture.convert("RGBA"))
        self.centred(flattened.convert("L").convert("1"))  # dithered like the printer

    def text(self, block: Text) -> None:
        for row in rows_for(block, self.settings.columns) or []:
            self.row(row)

    def cut(self) -> None:
        line = Image.new("L", (self.settings.dots, self.line_height), WHITE)
        draw = ImageDraw.Draw(line)
        middle = self.line_height // 2
        for x in range(0, self.settings.dots, 12):
            draw.line((x, middle, x + 6, middle), fill=BLACK)
        self.add(line)

    def block(self, block: Block) -> None:
        rows = rows_for(block, self.settings.columns)
        if rows is not None:
            for row in rows:
                self.row(row)
        elif isinstance(block, Barcode):
            self.barcode(block)
        elif isinstance(block, QrCode):
            self.qr(block)
        elif isinstance(block, Picture):
            self.picture(block)
        elif isinstance(block, Feed):
            self.add(Image.new("L", (self.settings.dots, self.line_height * block.lines), WHITE))
        elif isinstance(block, Cut):
            self.cut()

    def picture_of_all(self) -> Image.Image:
        margin = self.settings.margin
        height = sum(piece.height for piece in self.pieces)
        page = Image.new("L", (self.settings.dots + 2 * margin, height + 2 * margin), WHITE)
        y = margin
        for piece in self.pieces:
            page.paste(piece, (margin, y))
            y += piece.height
        return page


def render_preview(
    document: ReceiptDocument, settings: PreviewSettings | None = None
) -> Image.Image:
    """The document as an 8-bit grey picture, one pixel per printer dot, with a white margin."""
    painter = _Painter(settings or PreviewSettings())
    for block in document.blocks:
        painter.block(block)
    return painter.picture_of_all()
