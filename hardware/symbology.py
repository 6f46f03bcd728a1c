"""The kinds of barcode the till reads and prints, and their names in zxing-cpp."""

from __future__ import annotations

from enum import StrEnum

import zxingcpp


class Symbology(StrEnum):
    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    UPCE = "upce"
    CODE128 = "code128"
    CODE39 = "code39"
    CODE93 = "code93"
    ITF = "itf"
    CODABAR = "codabar"
    DATABAR = "databar"
    QR = "qr"
    DATAMATRIX = "datamatrix"
    PDF417 = "pdf417"
    AZTEC = "aztec"
    OTHER = "other"


RETAIL: frozenset[Symbology] = frozenset(
    {Symbology.EAN13, Symbology.EAN8, Symbology.UPCA, Symbology.UPCE}
)
"""Product codes: their text is normalised to a GTIN-13."""

TILL_FORMATS: frozenset[Symbology] = RETAIL | {
    Symbology.CODE128,
    Symbology.QR,
    Symbology.DATAMATRIX,
}
"""What a till meets: product codes, receipt numbers and coupons (Code 128), web-shop coupons
(QR) and GS1 DataMatrix on fresh food and medicines."""

ZXING_FORMAT: dict[Symbology, zxingcpp.BarcodeFormat] = {
    Symbology.EAN13: zxingcpp.BarcodeFormat.EAN13,
    Symbology.EAN8: zxingcpp.BarcodeFormat.EAN8,
    Symbology.UPCA: zxingcpp.BarcodeFormat.UPCA,
    Symbology.UPCE: zxingcpp.BarcodeFormat.UPCE,
    Symbology.CODE128: zxingcpp.BarcodeFormat.Code128,
    Symbology.CODE39: zxingcpp.BarcodeFormat.Code39,
    Symbology.CODE93: zxingcpp.BarcodeFormat.Code93,
    Symbology.ITF: zxingcpp.BarcodeFormat.ITF,
    Symbology.CODABAR: zxingcpp.BarcodeFormat.Codabar,
    Symbology.DATABAR: zxingcpp.BarcodeFormat.DataBar,
    Symbology.QR: zxingcpp.BarcodeFormat.QRCode,
    Symbology.DATAMATRIX: zxingcpp.BarcodeFormat.DataMatrix,
    Symbology.PDF417: zxingcpp.BarcodeFormat.PDF417,
    Symbology.AZTEC: zxingcpp.BarcodeFormat.Aztec,
}

# zxing-cpp 3 reports variants (QRCodeModel2, Code39Ext, DataBarOmni, ...): by name prefix.
_BY_ZXING_NAME: tuple[tuple[str, Symbology], ...] = (
    ("EAN13", Symbology.EAN13),
    ("EAN8", Symbology.EAN8),
    ("UPCA", Symbology.UPCA),
    ("UPCE", Symbology.UPCE),
    ("Code128", Symbology.CODE128),
    ("Code39", Symbology.CODE39),
    ("Code93", Symbology.CODE93),
    ("ITF", Symbology.ITF),
    ("Codabar", Symbology.CODABAR),
    ("DataBar", Symbology.DATABAR),
    ("QRCode", Symbology.QR),
    ("DataMatrix", Symbology.DATAMATRIX),
    ("PDF417", Symbology.PDF417),
    ("Aztec", Symbology.AZTEC),
)


def from_zxing(barcode_format: zxingcpp.BarcodeFormat) -> Symbology:
    name = barcode_format.name
    for prefix, symbology in _BY_ZXING_NAME:
        if name.startswith(prefix):
            return symbology
    return Symbology.OTHER
