"""Retail barcode parsing: EAN-13, EAN-8, UPC-A check digits, GTIN normalisation, in-store codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BarcodeError(ValueError):
    """A code that cannot be a valid retail barcode, with a message for the cashier."""


def _digits(text: str) -> bool:
    """ASCII digits only (str.isdigit() also takes "²" and Arabic-Indic digits)."""
    return text.isascii() and text.isdigit()


def gs1_check_digit(body: str) -> int:
    """GS1 check digit of the digits before it: weights 3,1,3,... counted from the right."""
    if not _digits(body):
        raise BarcodeError(f"not all digits: {body!r}")
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(body[::-1]))
    return (10 - total % 10) % 10


def has_valid_check_digit(code: str) -> bool:
    return _digits(code) and len(code) >= 2 and gs1_check_digit(code[:-1]) == int(code[-1])


def with_check_digit(body: str) -> str:
    return body + str(gs1_check_digit(body))


class MeasureKind(StrEnum):
    WEIGHT_GRAMS = "weight_grams"
    PRICE_GROSZE = "price_grosze"


@dataclass(frozen=True, slots=True)
class VariableMeasureLayout:
    """How a store lays out its in-store EAN-13 codes (prefixes 20-29).

    Digits: `prefix` (2) + item reference (`item_digits`) + optional price verifier (1)
    + the measure (`value_digits`) + the EAN check digit. The lengths must add up to 13.
    """

    prefixes: frozenset[str] = frozenset(f"{n}" for n in range(20, 30))
    item_digits: int = 5
    value_digits: int = 5
    kind: MeasureKind = MeasureKind.WEIGHT_GRAMS
    price_verifier: bool = False

    def __post_init__(self) -> None:
        if 2 + self.item_digits + int(self.price_verifier) + self.value_digits + 1 != 13:
            raise ValueError("an in-store layout must add up to 13 digits")
        if self.price_verifier and self.value_digits != 4:
            raise ValueError("a price verifier digit goes with a 4-digit value")


@dataclass(frozen=True, slots=True)
class VariableMeasure:
    lookup_code: str
    """The code with the variable part zeroed (and its check digit recomputed): look this up."""
    kind: MeasureKind
    value: int


@dataclass(frozen=True, slots=True)
class ScannedCode:
    """A scanned product code: the GTIN-13 to look up, and an in-store weight or price."""

    text: str
    lookup_code: str
    measure: VariableMeasure | None = None


# GS1 weighting-factor tables for the price verifier digit: the product's digit for 0..9.
_FACTOR_2_MINUS = (0, 2, 4, 6, 8, 9, 1, 3, 5, 7)
_FACTOR_3 = (0, 3, 6, 9, 2, 5, 8, 1, 4, 7)
_FACTOR_5_MINUS = (0, 5, 9, 4, 8, 3, 7, 2, 6, 1)


def price_verifier_digit(value: str) -> int:
    """Check digit of a 4-digit price or weight field (GS1 factors 2-, 2-, 3, 5-)."""
    if len(value) != 4 or not _digits(value):
        raise BarcodeError("a price verifier covers exactly four digits")
    d = [int(c) for c in value]
    total = _FACTOR_2_MINUS[d[0]] + _FACTOR_2_MINUS[d[1]] + _FACTOR_3[d[2]] + _FACTOR_5_MINUS[d[3]]
    return total * 3 % 10


def parse_variable_measure(code: str, layout: VariableMeasureLayout) -> VariableMeasure | None:
    """Read an in-store code; None when the code is not one (wrong prefix or length)."""
    if len(code) != 13 or code[:2] not in layout.prefixes:
        return None
    start_value = 2 + layout.item_digits + int(layout.price_verifier)
    value_text = code[start_value : start_value + layout.value_digits]
    if layout.price_verifier:
        verifier = int(code[start_value - 1])
        if price_verifier_digit(value_text) != verifier:
            raise BarcodeError("The in-store code's price check digit is wrong: scan it again")
    zeroed_body = code[: 2 + layout.item_digits].ljust(12, "0")
    return VariableMeasure(with_check_digit(zeroed_body), layout.kind, int(value_text))


def parse_product_code(text: str, layout: VariableMeasureLayout | None = None) -> ScannedCode:
    """Turn what a scanner or a person typed into the GTIN-13 to look up.

    EAN-13 stays as it is, EAN-8 and UPC-A (12 digits) become GTIN-13 by leading zeros; a wrong
    check digit is refused. Anything that is not all digits is taken as a SKU by the caller.
    """
    code = text.strip()
    if not _digits(code):
        raise BarcodeError(f"{code!r} is not a product barcode")
    if len(code) not in (8, 12, 13, 14):
        raise BarcodeError(f"A product barcode has 8, 12, 13 or 14 digits, not {len(code)}")
    if not has_valid_check_digit(code):
        raise BarcodeError(f"The check digit of {code} is wrong: scan it again or type it")
    gtin13 = code.zfill(13) if len(code) < 13 else code
    if len(gtin13) == 14:
        if gtin13[0] != "0":
            raise BarcodeError(f"{code} is a case code (GTIN-14), not a consumer item")
        gtin13 = gtin13[1:]
    measure = parse_variable_measure(gtin13, layout) if layout is not None else None
    if measure is not None:
        return ScannedCode(code, measure.lookup_code, measure)
    return ScannedCode(code, gtin13)


def upce_to_upca(code: str) -> str:
    """Expand a UPC-E code to its 12-digit UPC-A (with the check digit).

    Accepts the six data digits alone (number system 0 assumed), with the number system in
    front (7 digits), or all eight digits with the check digit, which must then be right.
    """
    text = code.strip()
    if not _digits(text) or len(text) not in (6, 7, 8):
        raise BarcodeError(f"{code!r} is not a UPC-E code (6, 7 or 8 digits)")
    if len(text) == 6:
        text = "0" + text
    system, data = text[0], text[1:7]
    if system not in "01":
        raise BarcodeError(f"A UPC-E code starts with 0 or 1, not {system}")
    d1, d2, d3, d4, d5, last = tuple(data)
    if last in "012":
        body = f"{d1}{d2}{last}0000{d3}{d4}{d5}"
    elif last == "3":
        body = f"{d1}{d2}{d3}00000{d4}{d5}"
    elif last == "4":
        body = f"{d1}{d2}{d3}{d4}00000{d5}"
    else:
        body = f"{d1}{d2}{d3}{d4}{d5}0000{last}"
    upca = with_check_digit(system + body)
    if len(text) == 8 and text[7] != upca[-1]:
        raise BarcodeError(f"The check digit of the UPC-E code {text} is wrong: scan it again")
    return upca
