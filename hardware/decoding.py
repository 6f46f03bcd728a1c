"""Codes read from pictures (a coupon photographed or shown on a phone, camera frames) by
zxing-cpp or zbar (through pyzbar's ctypes binding), behind one interface.

Both give the same `DecodedCode`s: product codes (EAN-13, EAN-8, UPC-A, UPC-E) as GTIN-13,
GS1 element strings with their GS separators and a `gs1` flag, other text exactly as encoded.
zbar turns the UTF-8 bytes of a QR code into Shift-JIS mojibake when they also look like
Shift-JIS ("żółw" comes back as half-width katakana); it is asked for the raw bytes instead
(ZBAR_CFG_BINARY, zbar 0.23.90 and newer), which are then read as UTF-8.

zxing-cpp is the default: it reads more of the degraded pictures and is several times faster
on camera frames (docs/HARDWARE.md has the figures).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

import zxingcpp
from PIL import Image, ImageFilter, ImageOps
from pyzbar import wrapper as zbar

from hardware.barcodes import BarcodeError, has_valid_check_digit, upce_to_upca
from hardware.symbology import RETAIL, TILL_FORMATS, ZXING_FORMAT, Symbology, from_zxing


class Engine(StrEnum):
    ZXING = "zxing-cpp"
    ZBAR = "zbar"
    ZXING_THEN_ZBAR = "zxing-cpp, then zbar"


DEFAULT_ENGINE = Engine.ZXING

_GS1_IDS = {
    Symbology.CODE128: "]C1",
    Symbology.DATABAR: "]e0",
    Symbology.DATAMATRIX: "]d2",
    Symbology.QR: "]Q3",
}


@dataclass(frozen=True, slots=True)
class DecodedCode:
    text: str
    """Product codes as GTIN-13; GS1 data with GS (0x1D) between variable-length fields."""
    symbology: Symbology
    gs1: bool = False
    engine: Engine = DEFAULT_ENGINE

    def scanner_text(self) -> str:
        """What a scanner sending AIM identifiers would send: GS1 data gets its identifier
        ("]C1", "]d2", ...), which `hardware.gs1.parse_gs1` understands; the rest as is."""
        if self.gs1:
            return _GS1_IDS.get(self.symbology, "]C1") + self.text
        return self.text


def normalise_product_code(symbology: Symbology, text: str) -> str:
    """A product code as a GTIN-13 (UPC-E expanded, UPC-A and EAN-8 padded with zeros)."""
    code = text.strip()
    if symbology is Symbology.UPCE and len(code) in (6, 7, 8):
        code = upce_to_upca(code)
    if not (code.isascii() and code.isdigit()) or len(code) > 13:
        raise BarcodeError(f"{text!r} is not a {symbology} code")
    gtin = code.zfill(13)
    if not has_valid_check_digit(gtin):
        raise BarcodeError(f"The check digit of {text} is wrong")
    return gtin


def _decoded(text: str, symbology: Symbology, gs1: bool, engine: Engine) -> DecodedCode | None:
    if symbology in RETAIL:
        try:
            text = normalise_product_code(symbology, text)
        except BarcodeError:
            return None  # a misread: a real scan of the code will come
        if symbology is Symbology.EAN13 and text.startswith("0"):
            symbology = Symbology.UPCA  # the same bars: decoders disagree on the name
    return DecodedCode(text, symbology, gs1, engine)


class BarcodeDecoder(Protocol):
    engine: Engine

    def decode(self, image: Image.Image) -> list[DecodedCode]:
        """Every code found in the picture (none: an empty list)."""
        ...


class ZxingDecoder:
    """zxing-cpp: reads rotated, inverted and downscaled codes; DataMatrix too."""

    engine = Engine.ZXING

    def __init__(
        self,
        formats: Iterable[Symbology] | None = None,
        *,
        rotate: bool = True,
        downscale: bool = True,
        invert: bool = True,
    ) -> None:
        """`formats`: only these kinds (faster); None reads every kind zxing-cpp knows.
        `rotate`: also look for codes turned by 90 degrees (about twice the time);
        `downscale`: also try the picture scaled down; `invert`: also light-on-dark codes."""
        wanted = sorted(set(formats)) if formats is not None else None
        if wanted is not None and not wanted:
            raise ValueError("choose at least one symbology, or None for all")
        self._formats = (
            zxingcpp.BarcodeFormats([ZXING_FORMAT[s] for s in wanted])
            if wanted is not None
            else None
        )
        self._options: dict[str, Any] = {
            "try_rotate": rotate,
            "try_downscale": downscale,
            "try_invert": invert,
        }
        if self._formats is not None:
            self._options["formats"] = self._formats

    def decode(self, image: Image.Image) -> list[DecodedCode]:
        grey = image if image.mode == "L" else image.convert("L")
        results = zxingcpp.read_barcodes(grey, text_mode=zxingcpp.TextMode.Plain, **self._options)
        codes = []
        for result in results:
            gs1 = result.content_type == zxingcpp.ContentType.GS1
            code = _decoded(result.text, from_zxing(result.format), gs1, self.engine)
            if code is not None:
                codes.append(code)
        return codes


# zbar: not every configuration and symbol call is wrapped by pyzbar.
_ZBAR_CFG_ENABLE = 0
_ZBAR_CFG_BINARY = 4  # zbar >= 0.23.90: raw bytes of QR codes, no charset guessing
_ZBAR_MOD_GS1 = 0
_GREY = 0x30303859  # fourcc "Y800": 8-bit grey

_zbar_symbol_get_modifiers = zbar.zbar_function(
    "zbar_symbol_get_modifiers", ctypes.c_uint, ctypes.POINTER(zbar.zbar_symbol)
)

_ZBAR_SYMBOLOGY: dict[Symbology, int] = {
    Symbology.EAN13: zbar.ZBarSymbol.EAN13,
    Symbology.EAN8: zbar.ZBarSymbol.EAN8,
    Symbology.UPCA: zbar.ZBarSymbol.UPCA,
    Symbology.UPCE: zbar.ZBarSymbol.UPCE,
    Symbology.CODE128: zbar.ZBarSymbol.CODE128,
    Symbology.CODE39: zbar.ZBarSymbol.CODE39,
    Symbology.CODE93: zbar.ZBarSymbol.CODE93,
    Symbology.ITF: zbar.ZBarSymbol.I25,
    Symbology.CODABAR: zbar.ZBarSymbol.CODABAR,
    Symbology.DATABAR: zbar.ZBarSymbol.DATABAR,
    Symbology.QR: zbar.ZBarSymbol.QRCODE,
    Symbology.PDF417: zbar.ZBarSymbol.PDF417,
}
_FROM_ZBAR: dict[int, Symbology] = {
    **{number: symbology for symbology, number in _ZBAR_SYMBOLOGY.items()},
    zbar.ZBarSymbol.ISBN10: Symbology.EAN13,
    zbar.ZBarSymbol.ISBN13: Symbology.EAN13,
    zbar.ZBarSymbol.DATABAR_EXP: Symbology.DATABAR,
}


def _text_of(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # QR's default character set (ISO/IEC 18004)


class ZbarDecoder:
    """zbar through pyzbar's binding: no DataMatrix, no codes at an angle."""

    engine = Engine.ZBAR

    def __init__(self, formats: Iterable[Symbology] | None = None) -> None:
        wanted = set(formats) if formats is not None else None
        if wanted is not None and not wanted & set(_ZBAR_SYMBOLOGY):
            raise ValueError(f"zbar reads none of {sorted(wanted)}")
        self._enabled = (
            None if wanted is None else {_ZBAR_SYMBOLOGY[s] for s in wanted if s in _ZBAR_SYMBOLOGY}
        )

    def _configure(self, scanner: Any) -> None:
        if self._enabled is not None:
            zbar.zbar_image_scanner_set_config(scanner, 0, _ZBAR_CFG_ENABLE, 0)
            for number in self._enabled:
                zbar.zbar_image_scanner_set_config(scanner, number, _ZBAR_CFG_ENABLE, 1)
        zbar.zbar_image_scanner_set_config(scanner, zbar.ZBarSymbol.QRCODE, _ZBAR_CFG_BINARY, 1)

    def decode(self, image: Image.Image) -> list[DecodedCode]:
        grey = image if image.mode == "L" else image.convert("L")
        pixels = grey.tobytes()
        scanner = zbar.zbar_image_scanner_create()
        picture = zbar.zbar_image_create()
        try:
            self._configure(scanner)
            zbar.zbar_image_set_format(picture, _GREY)
            zbar.zbar_image_set_size(picture, grey.width, grey.height)
            zbar.zbar_image_set_data(
                picture, ctypes.cast(ctypes.c_char_p(pixels), ctypes.c_void_p), len(pixels), None
            )
            if zbar.zbar_scan_image(scanner, picture) < 0:
                raise RuntimeError("zbar could not scan the picture")
            return list(self._codes(picture))
        finally:
            zbar.zbar_image_destroy(picture)
            zbar.zbar_image_scanner_destroy(scanner)

    def _codes(self, picture: Any) -> Iterator[DecodedCode]:
        symbol = zbar.zbar_image_first_symbol(picture)
        while symbol:
            data = ctypes.string_at(
                zbar.zbar_symbol_get_data(symbol), zbar.zbar_symbol_get_data_length(symbol)
            )
            symbology = _FROM_ZBAR.get(symbol.contents.type, Symbology.OTHER)
            gs1 = bool(_zbar_symbol_get_modifiers(symbol) & (1 << _ZBAR_MOD_GS1))
            code = _decoded(_text_of(data), symbology, gs1, self.engine)
            if code is not None:
                yield code
            symbol = zbar.zbar_symbol_next(symbol)


class FirstThatReads:
    """Asks each decoder in turn and keeps the first answer that finds something."""

    def __init__(self, decoders: Iterable[BarcodeDecoder], engine: Engine) -> None:
        self._decoders = tuple(decoders)
        self.engine = engine

    def decode(self, image: Image.Image) -> list[DecodedCode]:
        for decoder in self._decoders:
            codes = decoder.decode(image)
            if codes:
                return codes
        return []


class ThoroughDecoder:
    """For still pictures, where a second matters less than a read: when the decoder finds
    nothing, it tries again on the picture enlarged (small codes), sharpened (blur, low
    contrast) and turned by 10, 25 and 40 degrees either way (codes at an angle)."""

    ROTATIONS: tuple[int, ...] = (10, -10, 25, -25, 40, -40)
    ENLARGE_BELOW_PX = 1400

    def __init__(self, decoder: BarcodeDecoder) -> None:
        self._decoder = decoder
        self.engine = decoder.engine

    def variants(self, image: Image.Image) -> Iterator[Image.Image]:
        grey = image.convert("L")
        if max(grey.size) < self.ENLARGE_BELOW_PX:
            yield grey.resize((grey.width * 2, grey.height * 2), Image.Resampling.BICUBIC)
        stretched = ImageOps.autocontrast(grey, cutoff=1)
        yield stretched.filter(ImageFilter.UnsharpMask(radius=2, percent=200, threshold=0))
        for degrees in self.ROTATIONS:
            yield grey.rotate(
                degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
            )

    def decode(self, image: Image.Image) -> list[DecodedCode]:
        codes = self._decoder.decode(image)
        if codes:
            return codes
        for variant in self.variants(image):
            codes = self._decoder.decode(variant)
            if codes:
                return codes
        return []


def make_decoder(
    engine: Engine = DEFAULT_ENGINE,
    formats: Iterable[Symbology] | None = None,
    *,
    thorough: bool = False,
) -> BarcodeDecoder:
    """The decoder chosen in the settings; `formats` restricts what it looks for (faster);
    `thorough` for still pictures (see ThoroughDecoder), not for camera frames."""
    wanted = None if formats is None else frozenset(formats)
    decoder: BarcodeDecoder
    if engine is Engine.ZXING:
        decoder = ZxingDecoder(wanted)
    elif engine is Engine.ZBAR:
        decoder = ZbarDecoder(wanted)
    else:
        decoder = FirstThatReads((ZxingDecoder(wanted), ZbarDecoder(wanted)), engine)
    return ThoroughDecoder(decoder) if thorough else decoder


def make_camera_decoder(engine: Engine = DEFAULT_ENGINE) -> BarcodeDecoder:
    """For camera frames: only the kinds a till reads, one pass. zxing-cpp still looks for
    codes turned by 90 degrees but not for downscaled or inverted ones, which halves its time
    on a 1280x720 frame (bench/bench_hardware.py)."""
    if engine is Engine.ZXING:
        return ZxingDecoder(TILL_FORMATS, downscale=False, invert=False)
    if engine is Engine.ZBAR:
        return ZbarDecoder(TILL_FORMATS)
    return FirstThatReads(
        (ZxingDecoder(TILL_FORMATS, downscale=False, invert=False), ZbarDecoder(TILL_FORMATS)),
        engine,
    )


def decode_file(path: Path | str, decoder: BarcodeDecoder | None = None) -> list[DecodedCode]:
    """Codes in a picture file (PNG, JPEG, ...): a coupon e-mailed or photographed. The
    default decoder is the thorough default engine."""
    with Image.open(path) as picture:
        picture.load()
        return (decoder or make_decoder(thorough=True)).decode(picture)
