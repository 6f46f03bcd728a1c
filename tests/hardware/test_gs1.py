"""GS1 element strings as GS1-128, DataMatrix and QR decoders and serial scanners return them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.barcodes import BarcodeError, with_check_digit
from hardware.gs1 import (
    GS,
    ElementString,
    Gs1Error,
    gs1_date,
    looks_like_gs1,
    parse_gs1,
    strip_symbology_id,
)

TODAY = date(2026, 11, 23)
GTIN = "05901234123457"
EXPECTED = ElementString(
    (("01", GTIN), ("17", "261231"), ("10", "AB12"), ("3103", "001250")), "]C1"
)


@pytest.mark.parametrize(
    "text",
    [
        f"]C101{GTIN}17261231" + f"10AB12{GS}3103001250",  # GS1-128 with its AIM identifier
        f"{GS}01{GTIN}17261231" + f"10AB12{GS}3103001250",  # a leading FNC1 instead
        f"01{GTIN}17261231" + f"10AB12{GS}3103001250",  # as zxing-cpp and zbar return it
        f"(01){GTIN}(17)261231(10)AB12(3103)001250",  # the human-readable form
        f"]C101{GTIN}{GS}17261231{GS}10AB12{GS}3103001250\r\n",  # FNC1 after fixed fields too
    ],
)
def test_the_forms_of_one_element_string(text: str) -> None:
    parsed = parse_gs1(text)
    assert parsed.elements == EXPECTED.elements
    assert parsed.gtin == GTIN
    assert parsed.batch == "AB12"
    assert parsed.expiry(TODAY) == date(2026, 12, 31)
    assert parsed.net_weight_grams == 1250
    assert parsed.hri() == f"(01){GTIN}(17)261231(10)AB12(3103)001250"


def test_datamatrix_and_qr_identifiers() -> None:
    assert parse_gs1(f"]d201{GTIN}21XYZ").symbology_id == "]d2"
    assert parse_gs1(f"]Q301{GTIN}21XYZ").serial == "XYZ"
    assert parse_gs1(f"]e001{GTIN}").gtin == GTIN


@pytest.mark.parametrize(
    ("ai", "data", "grosze"),
    [
        ("3920", "12", 1200),
        ("3922", "1999", 1999),
        ("3921", "5", 50),
        ("3923", "12345", 1235),  # 12.345 zł rounds half up to 12.35
        ("3930", "98512", 1200),  # ISO currency 985 (PLN)
    ],
)
def test_price_to_pay(ai: str, data: str, grosze: int) -> None:
    text = f"01{GTIN}{ai}{data}"
    assert parse_gs1(text).price_grosze == grosze


def test_price_in_another_currency_is_refused() -> None:
    parsed = parse_gs1(f"01{GTIN}3932978" + "1999")  # euro
    with pytest.raises(Gs1Error, match="978"):
        _ = parsed.price_grosze


@pytest.mark.parametrize(
    ("ai", "data", "grams"),
    [("3100", "000002", 2000), ("3103", "000500", 500), ("3105", "012345", 123)],
)
def test_net_weight(ai: str, data: str, grams: int) -> None:
    assert parse_gs1(f"01{GTIN}{ai}{data}").net_weight_grams == grams


def test_absent_elements_are_none() -> None:
    parsed = parse_gs1(f"01{GTIN}")
    assert parsed.batch is None
    assert parsed.expiry(TODAY) is None
    assert parsed.best_before(TODAY) is None
    assert parsed.net_weight_grams is None
    assert parsed.price_grosze is None
    assert parsed.symbology_id is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("]C0ABC", "not a GS1 symbology"),
        ("]C1", "No GS1 data"),
        ("01059012341234", "needs 14"),
        ("0105901234123458", "check digit"),
        ("17261331", "no month 13"),
        ("17260231", "no day 31"),
        ("1726023A", "digits"),
        (f"10{'X' * 21}", "outside 1..20"),
        ("3103001", "needs 6"),
        ("3106001250", "more than 5 decimals"),
        ("(01)05901234123457x", "needs 14"),
        ("(01)05901234123457)", "Unexpected"),
        ("x(01)05901234123457", "does not start with an application identifier"),
        ("AB", "does not start with an application identifier"),
        ("(39)123", "not a complete AI"),
    ],
)
def test_malformed_element_strings(text: str, message: str) -> None:
    with pytest.raises(Gs1Error, match=message):
        parse_gs1(text)


def test_gs1_errors_are_barcode_errors() -> None:
    with pytest.raises(BarcodeError):
        parse_gs1("nonsense")


@pytest.mark.parametrize(
    ("data", "today", "expected"),
    [
        ("261231", TODAY, date(2026, 12, 31)),
        ("270200", TODAY, date(2027, 2, 28)),  # day 00: the month's last day
        ("280200", TODAY, date(2028, 2, 29)),
        ("760101", TODAY, date(2076, 1, 1)),  # 50 years ahead: this century
        ("770101", TODAY, date(1977, 1, 1)),  # 51 years ahead: the previous century
        ("010101", date(2051, 6, 1), date(2101, 1, 1)),  # 50 years back: the next century
    ],
)
def test_gs1_dates(data: str, today: date, expected: date) -> None:
    assert gs1_date(data, today) == expected


@pytest.mark.parametrize(
    ("text", "gs1"),
    [
        (f"]C101{GTIN}", True),
        (f"]d201{GTIN}", True),
        (f"]C0{GTIN}", False),
        (f"{GS}01{GTIN}", True),
        (f"(01){GTIN}", True),
        ("5901234123457", False),
        ("KUP-GMEJ146S6JR4", False),
    ],
)
def test_looks_like_gs1(text: str, gs1: bool) -> None:
    assert looks_like_gs1(text) is gs1


def test_strip_symbology_id() -> None:
    assert strip_symbology_id("]Q3abc") == ("]Q3", "abc")
    assert strip_symbology_id("abc") == (None, "abc")


@given(
    st.text(alphabet="0123456789", min_size=13, max_size=13),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=20),
    st.integers(min_value=0, max_value=999_999),
    st.integers(min_value=0, max_value=5),
)
def test_raw_and_hri_forms_agree(body: str, batch: str, weight: int, decimals: int) -> None:
    gtin = with_check_digit(body)
    raw = f"]C101{gtin}10{batch}{GS}310{decimals}{weight:06d}"
    hri = f"(01){gtin}(10){batch}(310{decimals}){weight:06d}"
    assert parse_gs1(raw).elements == parse_gs1(hri).elements
    assert parse_gs1(parse_gs1(raw).hri()) == parse_gs1(hri)
