"""A receipt document turned into ESC/POS bytes with python-escpos, for one printer's settings.

The bytes are made on python-escpos's Dummy printer and sent to the real one in one write
(`hardware.printers`), so rendering never waits on a device.

Polish text: one code page is chosen per printer (CP852, or WPC1250 that python-escpos calls
CP1250) and selected once with ESC t at the start; text is encoded with it directly, never
through python-escpos's "magic" encoder, which switches code pages in the middle of a line.
The ESC t number comes from the printer's profile when it lists the code page, otherwise from
Epson's table (CP852 = 18, WPC1250 = 45); a printer numbering them differently (check its
self-test page) sets `code_page_number`.

Text style: python-escpos's `set()` resets bold whenever it changes the size (ESC ! 0), so every
row sets size and bold in one call, size first.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from PIL import Image

from hardware.code_images import code128_image, qr_image
from hardware.escpos_setup import QR_ECLEVEL_M, Dummy, Escpos, get_profile
from hardware.receipt_document import (
    Align,
    Barcode,
    Block,
    Cut,
    Feed,
    OpenDrawer,
    Picture,
    QrCode,
    ReceiptDocument,
    Text,
)
from hardware.receipt_layout import Row, rows_for

log = logging.getLogger(__name__)

ESC = b"\x1b"


class PaperWidth(IntEnum):
    MM58 = 58
    MM80 = 80


PAPER_COLUMNS = {PaperWidth.MM58: 32, PaperWidth.MM80: 48}
"""Characters of font A per line on the common 203 dpi printers."""
PAPER_DOTS = {PaperWidth.MM58: 384, PaperWidth.MM80: 576}
"""Printable dots per line on the common 203 dpi printers."""


class CodePage(StrEnum):
    CP852 = "CP852"
    """PC852 (Latin-2), Epson page 18."""
    CP1250 = "CP1250"
    """WPC1250 (Windows Central European), Epson page 45."""


PYTHON_CODEC = {CodePage.CP852: "cp852", CodePage.CP1250: "cp1250"}
EPSON_CODE_PAGE_NUMBER = {CodePage.CP852: 18, CodePage.CP1250: 45}

_SUBSTITUTES = {
    "–": "-",
    "—": "-",
    "‑": "-",
    "„": '"',
    "”": '"',
    "“": '"',
    "‚": "'",
    "’": "'",
    "‘": "'",
    "…": "...",
    "€": "EUR",
    "•": "*",
}


@dataclass(frozen=True, slots=True)
class EscposSettings:
    profile: str = "default"
    """python-escpos capability profile ("TM-T88V", "TM-T20II", "POS-5890", ...)."""
    paper: PaperWidth = PaperWidth.MM80
    columns: int | None = None
    """Characters per line; None: the profile's when it knows the paper, else the paper's."""
    dots: int | None = None
    """Dots per line for pictures; None: the profile's when it knows, else the paper's."""
    code_page: CodePage = CodePage.CP852
    code_page_number: int | None = None
    """The printer's ESC t number for `code_page`; None: the profile's, else Epson's."""
    native_qr: bool = False
    """The printer draws QR codes (GS ( k, UTF-8); otherwise they are sent as pictures."""
    native_barcode: bool = True
    """The printer draws Code 128 (GS k) when its profile can; otherwise as pictures."""

    def __post_init__(self) -> None:
        try:
            get_profile(self.profile)
        except KeyError:
            raise ValueError(f"python-escpos knows no printer profile {self.profile!r}") from None
        if self.columns is not None and not 16 <= self.columns <= 100:
            raise ValueError("a receipt is 16 to 100 characters wide")
        if self.dots is not None and (self.dots < 128 or self.dots % 8):
            raise ValueError("the dots per line are a multiple of 8, at least 128")
        if self.code_page_number is not None and not 0 <= self.code_page_number <= 255:
            raise ValueError("an ESC t code page number is 0 to 255")

    def _media_pixels(self) -> int | None:
        pixels = get_profile(self.profile).profile_data["media"]["width"].get("pixels")
        return pixels if isinstance(pixels, int) else None

    def resolved_columns(self) -> int:
        if self.columns is not None:
            return self.columns
        if self._media_pixels() is not None:
            return int(get_profile(self.profile).get_columns(0))
        return PAPER_COLUMNS[self.paper]

    def resolved_dots(self) -> int:
        if self.dots is not None:
            return self.dots
        pixels = self._media_pixels()
        return pixels - pixels % 8 if pixels is not None else PAPER_DOTS[self.paper]

    def resolved_code_page_number(self) -> int:
        if self.code_page_number is not None:
            return self.code_page_number
        listed = get_profile(self.profile).get_code_pages().get(self.code_page.value)
        return int(listed) if listed is not None else EPSON_CODE_PAGE_NUMBER[self.code_page]


def encode_text(text: str, code_page: CodePage) -> bytes:
    """Text in the code page; characters it lacks become a near equivalent or "?"."""
    codec = PYTHON_CODEC[code_page]
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for char in text:
        for candidate in (char, _SUBSTITUTES.get(char, ""), _base_letter(char), "?"):
            try:
                if candidate:
                    out += candidate.encode(codec)
                    break
            except UnicodeEncodeError:
                continue
    return bytes(out)


def _base_letter(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def code128_escpos_data(text: str) -> str:
    """Code 128 data for ESC/POS (GS k 73): "{B" then the text, with runs of digits in code
    set C ("{C" then one byte per pair of digits) to keep the code short; "{" is sent as "{{"."""
    if not text or not all(" " <= char <= "~" for char in text):
        raise ValueError(f"Code 128 takes printable ASCII, not {text!r}")
    parts: list[str] = []
    current = ""
    index = 0
    while index < len(text):
        run = 0
        while index + run < len(text) and text[index + run].isdigit():
            run += 1
        at_edge = index == 0 or index + run == len(text)
        if run >= (4 if at_edge else 6):
            if run % 2:  # the odd digit goes in code set B first
                if current != "B":
                    parts.append("{B")
                    current = "B"
                parts.append(text[index])
                index += 1
                run -= 1
            if current != "C":
                parts.append("{C")
                current = "C"
            parts += [chr(int(text[i : i + 2])) for i in range(index, index + run, 2)]
            index += run
            continue
        if current != "B":
            parts.append("{B")
            current = "B"
        char = text[index]
        parts.append("{{" if char == "{" else char)
        index += 1
    return "".join(parts)


def code128_modules(escpos_data: str) -> int:
    """Width in modules of the Code 128 symbol for ESC/POS data (without quiet zones)."""
    symbols = 0
    index = 0
    while index < len(escpos_data):
        index += 2 if escpos_data[index] == "{" else 1
        symbols += 1
    # The first "{B"/"{C" is the start symbol; then the check symbol (11) and stop (13).
    return symbols * 11 + 11 + 13


def _centred(picture: Image.Image, dots: int) -> Image.Image:
    """The picture on a white strip `dots` wide (scaled down when wider)."""
    if picture.width > dots:
        height = max(1, round(picture.height * dots / picture.width))
        picture = picture.resize((dots, height), Image.Resampling.LANCZOS)
    strip = Image.new("L", (dots, picture.height), 255)
    strip.paste(picture.convert("L"), ((dots - picture.width) // 2, 0))
    return strip


class _Renderer:
    def __init__(self, printer: Escpos, settings: EscposSettings) -> None:
        self.printer = printer
        self.settings = settings
        self.columns = settings.resolved_columns()
        self.dots = settings.resolved_dots()
        profile = printer.profile
        self.can_barcode = settings.native_barcode and bool(profile.supports("barcodeB"))
        self.can_qr = settings.native_qr and bool(profile.supports("qrCode"))

    def render(self, document: ReceiptDocument) -> None:
        printer = self.printer
        printer.hw("INIT")
        printer._raw(ESC + b"t" + bytes((self.settings.resolved_code_page_number(),)))
        for block in document.blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        rows = rows_for(block, self.columns)
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
            self.printer.print_and_feed(block.lines)
        elif isinstance(block, Cut):
            self.printer.cut(mode="PART" if block.partial else "FULL")
        elif isinstance(block, OpenDrawer):
            self.printer.cashdraw(block.pin)

    def row(self, row: Row) -> None:
        double = row.double_width or row.double_height
        self.printer.set(
            align="left",
            bold=row.bold,
            normal_textsize=not double,
            double_width=row.double_width,
            double_height=row.double_height,
        )
        self.printer._raw(encode_text(row.text, self.settings.code_page) + b"\n")

    def image(self, picture: Image.Image) -> None:
        self.printer.set(align="left")
        self.printer.image(_centred(picture, self.dots), impl="bitImageRaster", center=False)

    def barcode(self, block: Barcode) -> None:
        data = code128_escpos_data(block.data)
        # The margins outside the printable width give the quiet zones.
        modules = code128_modules(data)
        if modules * 2 > self.dots:
            log.warning("Code 128 %r is too long for the paper: printed as text", block.data)
            self.block(Text(block.data, bold=True))
            return
        module = 3 if modules * 3 <= self.dots else 2
        if self.can_barcode:
            self.printer.barcode(
                data,
                "CODE128",
                height=block.height_dots,
                width=module,
                pos="BELOW" if block.human_readable else "OFF",
                align_ct=True,
                function_type="B",
            )
            self.printer.set(align="left")
            self.printer._raw(b"\n")
            return
        self.image(code128_image(block.data, module, block.height_dots, quiet_zone=False))
        if block.human_readable:
            self.block(Text(block.data, Align.CENTER))

    def qr(self, block: QrCode) -> None:
        if self.can_qr:
            self.printer.set(align="center")
            self.printer.qr(block.data, size=block.module_dots, native=True, ec=QR_ECLEVEL_M)
            self.printer.set(align="left")
            return
        picture = qr_image(block.data, 1)
        module = max(1, min(block.module_dots, self.dots // picture.width))
        self.image(qr_image(block.data, module))

    def picture(self, block: Picture) -> None:
        limit = min(self.dots, block.max_width_dots or self.dots)
        picture = block.image
        if picture.width > limit:
            height = max(1, round(picture.height * limit / picture.width))
            picture = picture.resize((limit, height), Image.Resampling.LANCZOS)
        flattened = Image.new("RGBA", picture.size, (255, 255, 255, 255))
        flattened.alpha_composite(picture.convert("RGBA"))
        self.image(flattened.convert("L"))


def render_escpos(document: ReceiptDocument, settings: EscposSettings | None = None) -> bytes:
    """The ESC/POS bytes that print the document on the printer described by `settings`."""
    printer = Dummy(profile=(settings or EscposSettings()).profile)
    _Renderer(printer, settings or EscposSettings()).render(document)
    return bytes(printer.output)
