"""Retail barcodes: GS1 check digits, GTIN-13 normalisation, in-store weight and price codes."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hardware.barcodes import (
    BarcodeError,
    MeasureKind,
    ScannedCode,
    VariableMeasure,
    VariableMeasureLayout,
    gs1_check_digit,
    has_valid_check_digit,
    parse_product_code,
    parse_variable_measure,
    price_verifier_digit,
    upce_to_upca,
    with_check_digit,
)

DEFAULT_LAYOUT = VariableMeasureLayout()
PRICE_LAYOUT = VariableMeasureLayout(
    prefixes=frozenset({"23"}),
    item_digits=5,
    value_digits=4,
    kind=MeasureKind.PRICE_GROSZE,
    price_verifier=True,
)


@pytest.mark.parametrize(
    "code",
    [
        "5901234123457",  # EAN-13 (the GS1 Poland example)
        "4006381333931",  # EAN-13
        "96385074",  # EAN-8
        "036000291452",  # UPC-A
        "00012345600012",  # GTIN-14
        "2100042000001",
    ],
)
def test_known_codes_have_valid_check_digits(code: str) -> None:
    assert gs1_check_digit(code[:-1]) == int(code[-1])
    assert has_valid_check_digit(code)
    assert with_check_digit(code[:-1]) == code


@pytest.mark.parametrize(
    "code", ["5901234123458", "4006381333930", "96385075", "036000291453", "", "7", "59012341234a7"]
)
def test_wrong_check_digits(code: str) -> None:
    assert not has_valid_check_digit(code)


def test_check_digit_of_non_digits_is_refused() -> None:
    with pytest.raises(BarcodeError):
        gs1_check_digit("12a4")


@given(st.text(alphabet="0123456789", min_size=1, max_size=17))
def test_a_changed_digit_is_always_caught(body: str) -> None:
    code = with_check_digit(body)
    assert has_valid_check_digit(code)
    position = len(body) // 2
    changed = str((int(code[position]) + 1) % 10)
    assert not has_valid_check_digit(code[:position] + changed + code[position + 1 :])


@given(st.text(alphabet="0123456789", min_size=1, max_size=17))
def test_leading_zeros_do_not_change_the_check_digit(body: str) -> None:
    assert gs1_check_digit(body) == gs1_check_digit("0" + body)


@pytest.mark.parametrize(
    ("text", "lookup"),
    [
        ("5901234123457", "5901234123457"),
        (" 5901234123457\r\n", "5901234123457"),
        ("96385074", "0000096385074"),  # EAN-8
        ("036000291452", "0036000291452"),  # UPC-A
        ("00036000291452", "0036000291452"),  # GTIN-14 with a leading zero
        ("04006381333931", "4006381333931"),
    ],
)
def test_parse_product_code_makes_gtin13(text: str, lookup: str) -> None:
    scanned = parse_product_code(text)
    assert scanned == ScannedCode(text.strip(), lookup, None)
    assert len(scanned.lookup_code) == 13


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5901234123458", "check digit"),
        ("96385075", "check digit"),
        ("036000291453", "check digit"),
        ("590123412345", "check digit"),  # EAN-13 without its last digit: wrong as UPC-A
        ("1234567", "8, 12, 13 or 14"),
        ("123456789", "8, 12, 13 or 14"),
        ("590123412345700", "8, 12, 13 or 14"),
        ("", "not a product barcode"),
        ("CZK-040", "not a product barcode"),
        ("5901234 123457", "not a product barcode"),
        ("10012345600019", "GTIN-14"),  # a case of items, not one item
    ],
)
def test_parse_product_code_refusals(text: str, message: str) -> None:
    with pytest.raises(BarcodeError, match=message):
        parse_product_code(text)


def test_in_store_weight_code_with_the_default_layout() -> None:
    # 21 + item 00042 + 1,250 kg + check digit.
    code = with_check_digit("210004201250")
    assert code == "2100042012509"
    measure = parse_variable_measure(code, DEFAULT_LAYOUT)
    assert measure == VariableMeasure("2100042000001", MeasureKind.WEIGHT_GRAMS, 1250)
    assert has_valid_check_digit(measure.lookup_code)
    scanned = parse_product_code(code, DEFAULT_LAYOUT)
    assert scanned == ScannedCode(code, "2100042000001", measure)


def test_in_store_codes_are_only_recognised_with_a_layout() -> None:
    assert parse_product_code("2100042012509").measure is None
    assert parse_product_code("2100042012509").lookup_code == "2100042012509"


def test_other_prefixes_are_not_in_store_codes() -> None:
    assert parse_variable_measure("5901234123457", DEFAULT_LAYOUT) is None
    assert parse_variable_measure("96385074", DEFAULT_LAYOUT) is None
    assert parse_product_code("5901234123457", DEFAULT_LAYOUT).measure is None
    # An EAN-8 starting with 2 becomes 0000002... as a GTIN-13: not an in-store code either.
    ean8 = with_check_digit("2100042")
    assert parse_product_code(ean8, DEFAULT_LAYOUT).measure is None
    only_21 = VariableMeasureLayout(prefixes=frozenset({"21"}))
    assert parse_variable_measure(with_check_digit("220004201250"), only_21) is None


def test_in_store_code_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(BarcodeError, match="check digit"):
        parse_product_code("2100042012508", DEFAULT_LAYOUT)


def test_price_verifier_digit_gs1_example() -> None:
    assert price_verifier_digit("2875") == 9
    assert price_verifier_digit("0000") == 0
    with pytest.raises(BarcodeError):
        price_verifier_digit("287")
    with pytest.raises(BarcodeError):
        price_verifier_digit("28a5")


def test_price_layout_with_a_verifier() -> None:
    # 23 + item 12345 + verifier 9 + price 28,75 zł + check digit.
    code = with_check_digit("231234592875")
    measure = parse_variable_measure(code, PRICE_LAYOUT)
    assert measure is not None
    assert measure.kind is MeasureKind.PRICE_GROSZE
    assert measure.value == 2875
    assert measure.lookup_code == with_check_digit("231234500000")
    assert parse_product_code(code, PRICE_LAYOUT).measure == measure


def test_price_layout_refuses_a_wrong_verifier() -> None:
    code = with_check_digit("231234582875")  # verifier 8 instead of 9
    with pytest.raises(BarcodeError, match="price check digit"):
        parse_variable_measure(code, PRICE_LAYOUT)
    with pytest.raises(BarcodeError):
        parse_product_code(code, PRICE_LAYOUT)


def test_layouts_must_add_up_to_13_digits() -> None:
    with pytest.raises(ValueError, match="13 digits"):
        VariableMeasureLayout(item_digits=6)
    with pytest.raises(ValueError, match="4-digit"):
        VariableMeasureLayout(item_digits=4, value_digits=5, price_verifier=True)
    assert VariableMeasureLayout(item_digits=6, value_digits=4).value_digits == 4


@given(
    st.sampled_from(sorted(DEFAULT_LAYOUT.prefixes)),
    st.integers(min_value=0, max_value=99999),
    st.integers(min_value=0, max_value=99999),
)
def test_every_default_layout_weight_code_parses(prefix: str, item: int, grams: int) -> None:
    code = with_check_digit(f"{prefix}{item:05d}{grams:05d}")
    scanned = parse_product_code(code, DEFAULT_LAYOUT)
    assert scanned.measure == VariableMeasure(
        with_check_digit(f"{prefix}{item:05d}00000"), MeasureKind.WEIGHT_GRAMS, grams
    )
    assert scanned.lookup_code == scanned.measure.lookup_code


@given(st.text())
@example("²²²²²²²²")
@example("٥٩٠١٢٣٤١٢٣٤٥٧")
@example("\x1d5901234123457")
def test_parse_product_code_raises_only_barcode_error(text: str) -> None:
    try:
        scanned = parse_product_code(text, DEFAULT_LAYOUT)
    except BarcodeError:
        return
    assert scanned.lookup_code.isascii()
    assert scanned.lookup_code.isdigit()
    assert len(scanned.lookup_code) == 13
    assert has_valid_check_digit(scanned.lookup_code)


@given(st.text(alphabet="0123456789", min_size=0, max_size=16))
def test_parse_product_code_on_digit_strings(text: str) -> None:
    acceptable = (
        len(text) in (8, 12, 13, 14)
        and has_valid_check_digit(text)
        and not (len(text) == 14 and text[0] != "0")
    )
    if not acceptable:
        with pytest.raises(BarcodeError):
            parse_product_code(text, DEFAULT_LAYOUT)
        return
    scanned = parse_product_code(text, DEFAULT_LAYOUT)
    gtin13 = text[1:] if len(text) == 14 else text.zfill(13)
    if scanned.measure is None:
        assert scanned.lookup_code == gtin13
    else:
        assert gtin13[:2] in DEFAULT_LAYOUT.prefixes
        assert scanned.lookup_code == with_check_digit(gtin13[:7] + "00000")
        assert scanned.measure.value == int(gtin13[7:12])


@pytest.mark.parametrize(
    ("upce", "upca"),
    [
        ("04252614", "042100005264"),  # last digit 1: manufacturer 421, item 526
        ("425261", "042100005264"),  # the six data digits alone
        ("0425261", "042100005264"),  # with the number system
        ("01234565", "012345000065"),  # last digit 5-9
        ("01234531", "012300000451"),  # last digit 3
        ("01234543", "012340000053"),  # last digit 4
        ("11234562", "112345000062"),  # number system 1
    ],
)
def test_upce_expands_to_upca(upce: str, upca: str) -> None:
    assert upce_to_upca(upce) == upca
    assert has_valid_check_digit(upca)
    assert parse_product_code(upca).lookup_code == "0" + upca


@pytest.mark.parametrize(
    ("upce", "message"),
    [
        ("04252615", "check digit"),
        ("24252614", "starts with 0 or 1"),
        ("4252", "6, 7 or 8"),
        ("042526a4", "6, 7 or 8"),
    ],
)
def test_upce_refusals(upce: str, message: str) -> None:
    with pytest.raises(BarcodeError, match=message):
        upce_to_upca(upce)


@given(st.sampled_from("01"), st.text(alphabet="0123456789", min_size=6, max_size=6))
def test_every_upce_expansion_carries_its_check_digit(system: str, data: str) -> None:
    upca = upce_to_upca(system + data)
    assert len(upca) == 12
    assert upce_to_upca(system + data + upca[-1]) == upca
    assert upca[0] == system
