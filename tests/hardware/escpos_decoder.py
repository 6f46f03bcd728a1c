"""A small ESC/POS interpreter for the tests: bytes back into what a printer would print.

Text becomes lines (decoded with the code page selected by ESC t, with the style in force),
raster pictures (GS v 0) become Pillow images, barcodes (GS k) and QR codes (GS ( k) their
data, and cuts and drawer kicks are listed in order. A command it does not know, or a change of
code page or style in the middle of a line, raises `EscposDecodeError`: the receipt renderer
must never send either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from PIL import Image

ESC = 0x1B
GS = 0x1D
LF = 0x0A
NUL = 0x00

EPSON_CODE_PAGES: Mapping[int, str] = {0: "cp437", 18: "cp852", 45: "cp1250"}


class EscposDecodeError(ValueError):
    pass


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    double_width: bool = False
    double_height: bool = False
    align: str = "left"


@dataclass(frozen=True)
class Raster:
    image: Image.Image
    """Black on white, 8-bit grey."""


@dataclass(frozen=True)
class BarcodeCommand:
    kind: int
    """GS k m: 73 is Code 128 (function B)."""
    data: bytes
    height: int
    module: int
    hri: int


@dataclass(frozen=True)
class QrCommand:
    data: bytes
    module: int
    ec: int


@dataclass(frozen=True)
class CutCommand:
    partial: bool


@dataclass(frozen=True)
class DrawerKick:
    pin: int


@dataclass(frozen=True)
class FeedCommand:
    lines: int


Element = Line | Raster | BarcodeCommand | QrCommand | CutCommand | DrawerKick | FeedCommand
_E = TypeVar("_E", Line, Raster, BarcodeCommand, QrCommand, CutCommand, DrawerKick, FeedCommand)


@dataclass
class Printout:
    elements: list[Element] = field(default_factory=list)
    code_page_changes: list[int] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [element.text for element in self.elements if isinstance(element, Line)]

    def styled_lines(self) -> list[Line]:
        return [element for element in self.elements if isinstance(element, Line)]

    def rasters(self) -> list[Image.Image]:
        return [element.image for element in self.elements if isinstance(element, Raster)]

    def of_type(self, kind: type[_E]) -> list[_E]:
        return [element for element in self.elements if isinstance(element, kind)]


def code128_text(data: bytes) -> str:
    """The text of ESC/POS Code 128 data ("{B..." with "{C" pairs as bytes, "{{" for "{")."""
    text = ""
    code_set = ""
    index = 0
    while index < len(data):
        byte = data[index]
        if byte == ord("{"):
            follower = chr(data[index + 1])
            index += 2
            if follower == "{":
                text += "{"
            elif follower in "ABC":
                code_set = follower
            else:
                raise EscposDecodeError(f"Code 128 function {{{follower} not expected")
            continue
        if code_set == "C":
            text += f"{byte:02d}"
        elif code_set in "AB" and code_set:
            text += chr(byte)
        else:
            raise EscposDecodeError("Code 128 data must start with a code set")
        index += 1
    return text


class _Interpreter:
    def __init__(self, data: bytes, code_pages: Mapping[int, str]) -> None:
        self.data = data
        self.code_pages = code_pages
        self.position = 0
        self.printout = Printout()
        self.pending = bytearray()
        self.reset()

    def reset(self) -> None:
        self.code_page: int | None = None
        self.bold = False
        self.double_width = False
        self.double_height = False
        self.align = "left"
        self.barcode_height = 162
        self.barcode_module = 3
        self.hri = 0
        self.qr_data = b""
        self.qr_module = 3
        self.qr_ec = 0

    def take(self, count: int) -> bytes:
        if self.position + count > len(self.data):
            raise EscposDecodeError(f"command cut short at byte {self.position}")
        chunk = self.data[self.position : self.position + count]
        self.position += count
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def style_change(self, what: str) -> None:
        if self.pending:
            raise EscposDecodeError(f"{what} in the middle of a line: {bytes(self.pending)!r}")

    def end_line(self) -> None:
        if self.code_page is None and any(byte >= 0x80 for byte in self.pending):
            raise EscposDecodeError("text above ASCII without a code page selected")
        codec = self.code_pages.get(self.code_page or 0, "ascii")
        self.printout.elements.append(
            Line(
                bytes(self.pending).decode(codec),
                self.bold,
                self.double_width,
                self.double_height,
                self.align,
            )
        )
        self.pending.clear()

    def run(self) -> Printout:
        while self.position < len(self.data):
            byte = self.byte()
            if byte == LF:
                self.end_line()
            elif byte == ESC:
                self.esc(self.byte())
            elif byte == GS:
                self.gs(self.byte())
            elif byte >= 0x20:
                self.pending.append(byte)
            else:
                raise EscposDecodeError(f"control byte {byte:#04x} at {self.position - 1}")
        if self.pending:
            raise EscposDecodeError(f"text never printed: {bytes(self.pending)!r}")
        return self.printout

    def esc(self, command: int) -> None:
        letter = chr(command)
        if letter == "@":
            self.style_change("ESC @")
            self.reset()
        elif letter == "t":
            self.style_change("a code page change (ESC t)")
            number = self.byte()
            if number not in self.code_pages:
                raise EscposDecodeError(f"code page {number} not known to the test")
            self.code_page = number
            self.printout.code_page_changes.append(number)
        elif letter == "!":
            self.style_change("ESC !")
            mode = self.byte()
            self.bold = bool(mode & 0x08)
            self.double_height = bool(mode & 0x10)
            self.double_width = bool(mode & 0x20)
        elif letter == "E":
            self.style_change("ESC E")
            self.bold = bool(self.byte() & 1)
        elif letter == "a":
            self.style_change("ESC a")
            self.align = {0: "left", 1: "center", 2: "right"}[self.byte() % 48]
        elif letter == "d":
            if self.pending:
                self.end_line()
            self.printout.elements.append(FeedCommand(self.byte()))
        elif letter == "p":
            pin, _on, _off = self.take(3)
            self.printout.elements.append(DrawerKick(2 if pin % 48 == 0 else 5))
        elif letter in "-M{":
            self.style_change(f"ESC {letter}")
            self.byte()
        elif letter in "23":
            if letter == "3":
                self.byte()
        else:
            raise EscposDecodeError(f"unknown command ESC {letter!r} at {self.position - 2}")

    def gs(self, command: int) -> None:
        letter = chr(command)
        if letter == "!":
            self.style_change("GS !")
            size = self.byte()
            self.double_width = size >> 4 > 0
            self.double_height = size & 0x0F > 0
        elif letter == "h":
            self.barcode_height = self.byte()
        elif letter == "w":
            self.barcode_module = self.byte()
        elif letter == "H":
            self.hri = self.byte()
        elif letter in "fBb|":
            self.byte()
        elif letter == "k":
            self.style_change("a barcode")
            self.barcode()
        elif letter == "(":
            self.style_change("GS (")
            self.two_d()
        elif letter == "v":
            self.style_change("a raster picture")
            self.raster()
        elif letter == "V":
            mode = self.byte()
            if mode in (65, 66):
                self.byte()
            self.printout.elements.append(CutCommand(partial=mode in (1, 49, 66)))
        else:
            raise EscposDecodeError(f"unknown command GS {letter!r} at {self.position - 2}")

    def barcode(self) -> None:
        kind = self.byte()
        if kind >= 65:
            data = self.take(self.byte())
        else:
            end = self.data.index(NUL, self.position)
            data = self.take(end - self.position)
            self.take(1)
        self.printout.elements.append(
            BarcodeCommand(kind, data, self.barcode_height, self.barcode_module, self.hri)
        )

    def two_d(self) -> None:
        if chr(self.byte()) != "k":
            raise EscposDecodeError("only GS ( k (QR codes) is expected")
        low, high = self.take(2)
        body = self.take(low + 256 * high)
        symbol, function = body[0], body[1]
        if symbol != ord("1"):
            raise EscposDecodeError("only QR codes (cn 49) are expected")
        if function == 67:
            self.qr_module = body[2]
        elif function == 69:
            self.qr_ec = body[2] - 48
        elif function == 80:
            self.qr_data = bytes(body[3:])
        elif function == 81:
            self.printout.elements.append(QrCommand(self.qr_data, self.qr_module, self.qr_ec))

    def raster(self) -> None:
        if self.byte() != ord("0"):
            raise EscposDecodeError("only GS v 0 rasters are expected")
        self.byte()  # density
        x_low, x_high, y_low, y_high = self.take(4)
        width_bytes = x_low + 256 * x_high
        height = y_low + 256 * y_high
        bits = self.take(width_bytes * height)
        # ESC/POS: a set bit is a black dot; in Pillow's "1" mode a set bit is white.
        picture = Image.frombytes("1", (width_bytes * 8, height), bits, "raw", "1;I")
        self.printout.elements.append(Raster(picture.convert("L")))


def decode_escpos(data: bytes, code_pages: Mapping[int, str] = EPSON_CODE_PAGES) -> Printout:
    return _Interpreter(data, code_pages).run()


def joined_rasters(printout: Printout) -> list[Image.Image]:
    """Consecutive rasters glued back together (python-escpos splits tall pictures)."""
    pictures: list[Image.Image] = []
    previous_was_raster = False
    for element in printout.elements:
        if isinstance(element, Raster):
            if previous_was_raster:
                top = pictures[-1]
                glued = Image.new("L", (top.width, top.height + element.image.height), 255)
                glued.paste(top, (0, 0))
                glued.paste(element.image, (0, top.height))
                pictures[-1] = glued
            else:
                pictures.append(element.image)
            previous_was_raster = True
        else:
            previous_was_raster = False
    return pictures
