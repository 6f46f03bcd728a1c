"""Barcode and QR pictures (Pillow, 8-bit grey) drawn by zxing-cpp's writer: for the receipt
preview, the printer's raster QR codes and the synthetic test images."""

from __future__ import annotations

from typing import Any

import zxingcpp
from PIL import Image

from hardware.symbology import ZXING_FORMAT, Symbology


def _to_pillow(picture: zxingcpp.Image) -> Image.Image:
    height, width = picture.shape[:2]
    buffer: Any = picture  # an 8-bit grey buffer (the stubs do not declare the protocol)
    return Image.frombuffer("L", (width, height), bytes(memoryview(buffer)), "raw", "L", 0, 1)


def code_image(
    text: str,
    symbology: Symbology,
    module_px: int = 2,
    *,
    gs1: bool = False,
    quiet_zone: bool = True,
    ec_level: str = "M",
) -> Image.Image:
    """The code drawn with modules (narrowest bars, QR squares) of `module_px` pixels.

    `gs1`: the text is in the human-readable form "(01)...(10)..." and becomes FNC1-separated
    element strings. `ec_level` applies to QR codes (L, M, Q, H).
    """
    if module_px < 1:
        raise ValueError("a module is at least one pixel")
    options: dict[str, object] = {}
    if gs1:
        options["gs1"] = True
    if symbology is Symbology.QR:
        options["ec_level"] = ec_level
    barcode = zxingcpp.create_barcode(text, ZXING_FORMAT[symbology], **options)
    return _to_pillow(barcode.to_image(scale=module_px, add_quiet_zones=quiet_zone))


def qr_image(text: str, module_px: int = 4, ec_level: str = "M") -> Image.Image:
    """A QR code of UTF-8 text."""
    return code_image(text, Symbology.QR, module_px, ec_level=ec_level)


def code128_image(
    text: str, module_px: int = 2, height_px: int = 80, *, quiet_zone: bool = True
) -> Image.Image:
    """A Code 128 code `height_px` tall, with its quiet zones unless told otherwise (on paper
    the margin beyond the printable width gives them)."""
    picture = code_image(text, Symbology.CODE128, module_px, quiet_zone=quiet_zone)
    return picture.resize((picture.width, height_px), Image.Resampling.NEAREST)
