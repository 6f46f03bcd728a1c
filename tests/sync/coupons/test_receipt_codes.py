"""Receipt coupon codes: 19 characters made offline by a till with its derived key, read back
and checked with the key derived again; tampering and forgery are told apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.coupons.crockford import ALPHABET, check_character, group, normalise
from sync.coupons.reasons import Refusal
from sync.coupons.receipt_codes import (
    CODE_LENGTH,
    MAX_ISSUER,
    MAX_SEQUENCE,
    IssuerKey,
    ReceiptCode,
    derive_issuer_key,
    issue_receipt_code,
    mac_matches,
    read_receipt_code,
)
from sync.coupons.short_codes import new_short_code, read_short_code

SECRET = bytes(range(32))
KEY = IssuerKey(41, derive_issuer_key(SECRET, 41, "WAW01", "01"))


def test_the_key_is_bound_to_the_secret_the_issuer_and_the_till() -> None:
    keys = {
        derive_issuer_key(SECRET, 41, "WAW01", "01"),
        derive_issuer_key(SECRET, 42, "WAW01", "01"),
        derive_issuer_key(SECRET, 41, "WAW01", "02"),
        derive_issuer_key(SECRET, 41, "KRK01", "01"),
        derive_issuer_key(bytes(32), 41, "WAW01", "01"),
    }
    assert len(keys) == 5
    assert derive_issuer_key(SECRET, 41, "WAW01", "01") == KEY.key


@given(st.integers(1, MAX_ISSUER), st.integers(1, MAX_SEQUENCE))
def test_a_code_reads_back_and_its_mac_matches(issuer: int, sequence: int) -> None:
    key = IssuerKey(issuer, KEY.key)
    code = issue_receipt_code(key, sequence)
    read = read_receipt_code(group(code).lower())

    assert len(code) == CODE_LENGTH == 19
    assert isinstance(read, ReceiptCode)
    assert (read.issuer, read.sequence, read.text) == (issuer, sequence, code)
    assert mac_matches(read, key.key)


def test_a_code_made_with_another_key_does_not_match() -> None:
    other = derive_issuer_key(SECRET, 41, "WAW01", "02")
    code = read_receipt_code(issue_receipt_code(IssuerKey(41, other), 7))
    assert isinstance(code, ReceiptCode)
    assert not mac_matches(code, KEY.key)


def test_a_mistyped_character_is_tampering_a_recomputed_check_is_a_forgery() -> None:
    code = issue_receipt_code(KEY, 1234)
    position = 12
    changed = code[:position] + ALPHABET[(ALPHABET.index(code[position]) + 1) % 32]
    mistyped = changed + code[position + 1 :]
    forged = changed + code[position + 1 : -1]
    forged += check_character(forged)

    assert read_receipt_code(mistyped) is Refusal.TAMPERED
    read = read_receipt_code(forged)
    assert isinstance(read, ReceiptCode)
    assert not mac_matches(read, KEY.key)


@pytest.mark.parametrize(
    "text", ["", "ABC", "WAW01-01-000123", "0" * 19, "Ż" * 19, issue_receipt_code(KEY, 5) + "0"]
)
def test_what_is_not_a_receipt_code_is_malformed(text: str) -> None:
    assert read_receipt_code(text) is Refusal.MALFORMED


def test_another_version_is_malformed() -> None:
    body = "Z" * 18
    assert read_receipt_code(body + check_character(body)) is Refusal.MALFORMED


@pytest.mark.parametrize("sequence", [0, MAX_SEQUENCE + 1])
def test_a_sequence_outside_the_code_is_refused(sequence: int) -> None:
    with pytest.raises(ValueError, match="sequence"):
        issue_receipt_code(KEY, sequence)


def test_issuer_keys_are_checked_and_never_shown() -> None:
    with pytest.raises(ValueError, match="issuer number"):
        IssuerKey(0, KEY.key)
    with pytest.raises(ValueError, match="32 bytes"):
        IssuerKey(1, b"short")
    assert KEY.key.hex() not in repr(KEY)


def test_the_code_prints_in_groups() -> None:
    code = issue_receipt_code(KEY, MAX_SEQUENCE)
    assert len(group(code)) == 23
    assert normalise(group(code)) == code


def test_short_codes_are_random_twelve_characters_with_a_check() -> None:
    codes = {new_short_code() for _ in range(200)}
    some = next(iter(codes))

    assert len(codes) == 200
    assert all(len(code) == 12 for code in codes)
    assert read_short_code(group(some).lower()) == some
    mistyped = some[:3] + ALPHABET[(ALPHABET.index(some[3]) + 1) % 32] + some[4:]
    assert read_short_code(mistyped) is Refusal.TAMPERED
    assert read_short_code(some[:-1]) is Refusal.MALFORMED
    assert read_short_code("ŻÓŁW") is Refusal.MALFORMED
