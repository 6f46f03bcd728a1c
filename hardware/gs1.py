"""GS1 element strings: (01) GTIN, (10) batch, (17) expiry, (310n) net weight, (392n) price, ...

A GS1-128, GS1 DataBar, GS1 DataMatrix or GS1 QR code carries application identifiers (AIs)
followed by their data. Fixed-length AIs (01, 17, 310n, ...) simply end; variable-length ones
(10, 21, 392n, ...) end with FNC1, which decoders and serial scanners send as the group
separator GS (0x1D). The text may start with the AIM symbology identifier a scanner adds
("]C1", "]e0", "]d2", "]Q3", "]J1") or with a GS standing for the leading FNC1, or be written
in the human-readable form "(01)05901234123457(10)AB12".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from hardware.barcodes import BarcodeError, has_valid_check_digit

GS = "\x1d"
"""FNC1 as decoders and serial scanners transmit it: ASCII group separator."""

GS1_SYMBOLOGY_IDS: dict[str, str] = {
    "]C1": "GS1-128",
    "]e0": "GS1 DataBar",
    "]d2": "GS1 DataMatrix",
    "]Q3": "GS1 QR Code",
    "]J1": "GS1 DotCode",
}
"""AIM symbology identifiers that announce GS1 element strings."""

# Data lengths of the AIs whose length is predefined by the first two digits (GS1 General
# Specifications, figure 7.8.5-2): they need no FNC1 after them.
_PREDEFINED_DATA_LENGTH: dict[str, int] = {
    "00": 18,
    "01": 14,
    "02": 14,
    "03": 14,
    "04": 16,
    "11": 6,
    "12": 6,
    "13": 6,
    "14": 6,
    "15": 6,
    "16": 6,
    "17": 6,
    "18": 6,
    "19": 6,
    "20": 2,
    "31": 6,
    "32": 6,
    "33": 6,
    "34": 6,
    "35": 6,
    "36": 6,
    "41": 13,
}
# How many digits the AI itself has, by its first two digits (GS1 AI table); others: 2.
_AI_LENGTH_BY_PREFIX: dict[str, int] = {
    **dict.fromkeys(("23", "24", "25", "40", "41", "42", "71"), 3),
    **dict.fromkeys(("31", "32", "33", "34", "35", "36", "39", "43", "70", "72"), 4),
    **dict.fromkeys(("80", "81", "82"), 4),
}
# Largest data length of the variable-length AIs the till reads (longer data is refused).
_MAX_DATA_LENGTH: dict[str, int] = {"10": 20, "21": 20, "22": 20, "30": 8, "37": 8}
_HRI_ELEMENT = re.compile(r"\((\d{2,4})\)([^()]*)")


class Gs1Error(BarcodeError):
    """Text that is not a well-formed GS1 element string."""


def ai_length(text: str) -> int:
    """Number of digits of the AI at the start of `text`."""
    return _AI_LENGTH_BY_PREFIX.get(text[:2], 2)


def _data_length(ai: str) -> int | None:
    return _PREDEFINED_DATA_LENGTH.get(ai[:2])


def _max_data_length(ai: str) -> int:
    if ai[:3] == "392":
        return 15
    if ai[:3] == "393":
        return 18
    return _MAX_DATA_LENGTH.get(ai, 90)


def strip_symbology_id(text: str) -> tuple[str | None, str]:
    """Split a leading AIM symbology identifier ("]C1", "]d2", ...) off the text."""
    if len(text) >= 3 and text[0] == "]":
        return text[:3], text[3:]
    return None, text


def looks_like_gs1(text: str) -> bool:
    """True when the text announces GS1 data: a GS1 symbology identifier, a leading FNC1
    (GS), or the human-readable "(01)..." form."""
    symbology, rest = strip_symbology_id(text)
    if symbology is not None:
        return symbology in GS1_SYMBOLOGY_IDS
    return rest.startswith(GS) or _HRI_ELEMENT.match(rest) is not None


@dataclass(frozen=True, slots=True)
class ElementString:
    """The AIs of one code in their order, with their data as sent."""

    elements: tuple[tuple[str, str], ...]
    symbology_id: str | None = None

    def value(self, ai: str) -> str | None:
        for key, data in self.elements:
            if key == ai:
                return data
        return None

    def _with_prefix(self, prefix: str) -> tuple[str, str] | None:
        for key, data in self.elements:
            if key.startswith(prefix) and len(key) == 4:
                return key, data
        return None

    @property
    def gtin(self) -> str | None:
        """(01) as 14 digits; a GTIN-14 starting with 0 is the GTIN-13 after that zero."""
        return self.value("01")

    @property
    def batch(self) -> str | None:
        return self.value("10")

    @property
    def serial(self) -> str | None:
        return self.value("21")

    def expiry(self, today: date | None = None) -> date | None:
        """(17) expiration date; `today` fixes the century (GS1's sliding window)."""
        data = self.value("17")
        return None if data is None else gs1_date(data, today or date.today())

    def best_before(self, today: date | None = None) -> date | None:
        """(15) best before date."""
        data = self.value("15")
        return None if data is None else gs1_date(data, today or date.today())

    @property
    def net_weight_grams(self) -> int | None:
        """(310n) net weight in kg with n decimals, as grams (rounded half up below a gram)."""
        found = self._with_prefix("310")
        if found is None:
            return None
        ai, data = found
        return _scaled(int(data), int(ai[3]), 1000)

    @property
    def price_grosze(self) -> int | None:
        """(392n) amount payable with n decimals in the local currency, or (393n) with ISO
        currency 985 (PLN), as grosze (rounded half up below a grosz)."""
        found = self._with_prefix("392")
        if found is not None:
            ai, data = found
            return _scaled(int(data), int(ai[3]), 100)
        found = self._with_prefix("393")
        if found is not None:
            ai, data = found
            if data[:3] != "985":
                raise Gs1Error(f"The price is in currency {data[:3]}, not PLN (985)")
            return _scaled(int(data[3:]), int(ai[3]), 100)
        return None

    def hri(self) -> str:
        """The human-readable form printed under the code: "(01)...(10)..."."""
        return "".join(f"({ai}){data}" for ai, data in self.elements)


def _scaled(value: int, decimals: int, unit: int) -> int:
    """value / 10**decimals * unit, rounded half up, in integers."""
    numerator = value * unit
    denominator: int = 10**decimals
    quotient, remainder = divmod(numerator, denominator)
    return quotient + (1 if remainder * 2 >= denominator else 0)


def gs1_date(data: str, today: date) -> date:
    """A YYMMDD date; DD 00 means the month's last day; the century is the one that puts the
    year within 49 years back and 50 years ahead of `today` (GS1 General Specifications 7.12)."""
    if len(data) != 6 or not data.isascii() or not data.isdigit():
        raise Gs1Error(f"{data!r} is not a YYMMDD date")
    yy, month, day = int(data[:2]), int(data[2:4]), int(data[4:])
    century = today.year // 100 * 100
    difference = yy - today.year % 100
    if difference >= 51:
        century -= 100
    elif difference <= -50:
        century += 100
    year = century + yy
    if not 1 <= month <= 12:
        raise Gs1Error(f"{data} has no month {month}")
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        day = last
    if day > last:
        raise Gs1Error(f"{data} has no day {day}")
    return date(year, month, day)


def parse_gs1(text: str) -> ElementString:
    """Read GS1 element strings from what a decoder or scanner returned (see the module)."""
    symbology, rest = strip_symbology_id(text.strip("\r\n"))
    if symbology is not None and symbology not in GS1_SYMBOLOGY_IDS:
        raise Gs1Error(f"{symbology} is not a GS1 symbology identifier")
    elements = _parse_hri(rest) if rest.startswith("(") else _parse_raw(rest.lstrip(GS))
    if not elements:
        raise Gs1Error("No GS1 data in the code")
    for ai, data in elements:
        _check(ai, data)
    return ElementString(tuple(elements), symbology)


def _parse_hri(text: str) -> list[tuple[str, str]]:
    elements = []
    position = 0
    for match in _HRI_ELEMENT.finditer(text):
        if match.start() != position:
            raise Gs1Error(f"Unexpected text in {text!r}")
        elements.append((match[1], match[2]))
        position = match.end()
    if position != len(text):
        raise Gs1Error(f"Unexpected text at the end of {text!r}")
    return elements


def _parse_raw(text: str) -> list[tuple[str, str]]:
    elements = []
    position = 0
    while position < len(text):
        length = ai_length(text[position : position + 2])
        ai = text[position : position + length]
        if len(ai) != length or not ai.isascii() or not ai.isdigit():
            raise Gs1Error(f"{text[position:]!r} does not start with an application identifier")
        position += length
        fixed = _data_length(ai)
        if fixed is not None:
            data = text[position : position + fixed]
            if len(data) != fixed:
                raise Gs1Error(f"({ai}) needs {fixed} characters, got {len(data)}")
            position += fixed
            if text[position : position + 1] == GS:  # an FNC1 after fixed data is allowed
                position += 1
        else:
            end = text.find(GS, position)
            end = len(text) if end < 0 else end
            data = text[position:end]
            position = end + 1
        elements.append((ai, data))
    return elements


def _check(ai: str, data: str) -> None:
    if GS in data:
        raise Gs1Error(f"({ai}) contains a group separator")
    fixed = _data_length(ai)
    if fixed is not None and len(data) != fixed:
        raise Gs1Error(f"({ai}) needs {fixed} characters, got {len(data)}")
    if fixed is None and not 1 <= len(data) <= _max_data_length(ai):
        raise Gs1Error(f"({ai}) has {len(data)} characters, outside 1..{_max_data_length(ai)}")
    numeric = ai in ("00", "01", "02", "11", "13", "15", "16", "17") or ai[:2] in (
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "39",
    )
    if numeric and not (data.isascii() and data.isdigit()):
        raise Gs1Error(f"({ai}) must be digits, got {data!r}")
    if ai in ("00", "01", "02") and not has_valid_check_digit(data):
        raise Gs1Error(f"The check digit of ({ai}) {data} is wrong")
    if ai[:2] in ("31", "32", "33", "34", "35", "36", "39") and len(ai) != 4:
        raise Gs1Error(f"({ai}) is not a complete AI")
    if ai[:3] in ("392", "393") and ai[3] not in "0123456789":
        raise Gs1Error(f"({ai}) is not a complete AI")
    if ai[:3] == "310" and int(ai[3]) > 5:
        raise Gs1Error(f"({ai}) has more than 5 decimals")
    if ai in ("11", "13", "15", "16", "17"):
        gs1_date(data, date(2000, 1, 1))  # month and day must exist (any century will do)
