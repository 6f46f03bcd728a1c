"""Crockford base32 and its check character (Damm over GF(32)): what people type is read
back, every single mistyped character and every swap of neighbours is caught."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.coupons.crockford import (
    ALPHABET,
    check_character,
    decode_bytes,
    decode_int,
    encode_bytes,
    encode_int,
    group,
    has_valid_check,
    normalise,
)

codes = st.text(alphabet=ALPHABET, min_size=1, max_size=40)


def test_typed_text_is_normalised() -> None:
    assert normalise("ab0o-il 1z") == "AB00111Z"
    assert normalise("  xyz  ") == "XYZ"
    assert normalise("") == ""


@pytest.mark.parametrize("text", ["U123", "AB_CD", "ŻÓŁW", "12.3", "A\tB"])
def test_characters_outside_the_alphabet_are_refused(text: str) -> None:
    assert normalise(text) is None


def test_numbers_fill_their_width_most_significant_first() -> None:
    assert encode_int(0, 3) == "000"
    assert encode_int(31, 2) == "0Z"
    assert encode_int(32, 2) == "10"
    assert decode_int("10") == 32
    with pytest.raises(ValueError, match="does not fit"):
        encode_int(32, 1)
    with pytest.raises(ValueError, match="not a Crockford"):
        decode_int("1U")


@given(st.binary(max_size=120))
def test_bytes_round_trip(data: bytes) -> None:
    assert decode_bytes(encode_bytes(data)) == data


def test_texts_no_byte_string_makes_are_refused() -> None:
    with pytest.raises(ValueError, match="whole number of bytes"):
        decode_bytes("ABC")  # 15 bits: 1 byte needs 2 characters, 2 bytes need 4
    with pytest.raises(ValueError, match="padding"):
        decode_bytes("01")  # one byte and two padding bits that are not zero


@given(codes)
def test_a_code_with_its_check_character_is_valid(body: str) -> None:
    assert has_valid_check(body + check_character(body))


@given(codes, st.data())
def test_every_single_substitution_is_caught(body: str, data: st.DataObject) -> None:
    code = body + check_character(body)
    position = data.draw(st.integers(0, len(code) - 1))
    other = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    assert not has_valid_check(code[:position] + other + code[position + 1 :])


@given(codes, st.data())
def test_every_swap_of_different_neighbours_is_caught(body: str, data: st.DataObject) -> None:
    code = body + check_character(body)
    position = data.draw(st.integers(0, len(code) - 2))
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    if swapped != code:
        assert not has_valid_check(swapped)


def test_the_swap_luhn_mod_32_misses_is_caught() -> None:
    code = "000Z" + check_character("000Z")
    assert not has_valid_check("00Z0" + code[-1])


def test_a_single_character_has_no_check() -> None:
    assert not has_valid_check("0")


def test_codes_are_printed_in_groups() -> None:
    assert group("ABCDEFGHJKMNPQRSTVW") == "ABCD-EFGH-JKMN-PQRS-TVW"
    assert group("ABCDEFGH", 4, " ") == "ABCD EFGH"
    assert normalise(group("ABCDEFGHJKMNPQRSTVW")) == "ABCDEFGHJKMNPQRSTVW"
