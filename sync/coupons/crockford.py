"""Crockford base32: the alphabet of every coupon code (digits and capitals without I, L, O, U).

A person may type a code in lower case, with O for 0 and I or L for 1, and with hyphens or
spaces anywhere: `normalise` turns all of that into the canonical text. Every code ends with a
check character over the canonical text before it (`check_character`, `has_valid_check`): the
Damm algorithm on the field of 32 elements, interim = 2 * interim + digit, which catches every
single mistyped character and every swap of two different neighbours. (Luhn mod 32 misses the
swap of 0 and Z.) Canonical text is uppercase Crockford only, so a QR code holds it in its
alphanumeric mode (5.5 bits a character) and Code 128 prints it as it is.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BITS_PER_CHARACTER = 5
_VALUE = {character: value for value, character in enumerate(ALPHABET)}
_ALIASES = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = frozenset("- ")
_FIELD_POLYNOMIAL = 0b100101
"""x^5 + x^2 + 1, irreducible: the digits 0..31 are the field GF(32)."""


def normalise(text: str) -> str | None:
    """The canonical form of a typed or scanned code, or None when it holds a character that is
    neither Crockford nor a separator (hyphen, space)."""
    characters: list[str] = []
    for character in text.upper():
        if character in _SEPARATORS:
            continue
        character = _ALIASES.get(character, character)
        if character not in _VALUE:
            return None
        characters.append(character)
    return "".join(characters)


def encode_int(value: int, length: int) -> str:
    """`value` as exactly `length` characters, most significant first."""
    if value < 0 or value >= 1 << (BITS_PER_CHARACTER * length):
        raise ValueError(f"{value} does not fit {length} characters")
    return "".join(
        ALPHABET[(value >> (BITS_PER_CHARACTER * (length - 1 - index))) & 31]
        for index in range(length)
    )


def decode_int(text: str) -> int:
    """The number canonical text stands for (ValueError for a non-canonical character)."""
    value = 0
    for character in text:
        digit = _VALUE.get(character)
        if digit is None:
            raise ValueError(f"{character!r} is not a Crockford base32 character")
        value = value << BITS_PER_CHARACTER | digit
    return value


def encoded_length(byte_count: int) -> int:
    """Characters that hold `byte_count` bytes (the last one padded with zero bits)."""
    return -(-8 * byte_count // BITS_PER_CHARACTER)


def encode_bytes(data: bytes) -> str:
    length = encoded_length(len(data))
    padding = length * BITS_PER_CHARACTER - 8 * len(data)
    return encode_int(int.from_bytes(data, "big") << padding, length)


def decode_bytes(text: str) -> bytes:
    """The bytes `encode_bytes` made `text` from. ValueError when no byte string encodes to
    exactly this text (a length no byte count gives, or padding bits that are not zero)."""
    byte_count = len(text) * BITS_PER_CHARACTER // 8
    if encoded_length(byte_count) != len(text):
        raise ValueError(f"{len(text)} characters are not a whole number of bytes")
    padding = len(text) * BITS_PER_CHARACTER - 8 * byte_count
    value = decode_int(text)
    if value & ((1 << padding) - 1):
        raise ValueError("the padding bits are not zero")
    return (value >> padding).to_bytes(byte_count, "big")


def _times_two(value: int) -> int:
    """`value` times the field element 2 in GF(32)."""
    value <<= 1
    return value ^ _FIELD_POLYNOMIAL if value & 32 else value


def _interim(text: str) -> int:
    """Damm's interim digit: x * y = 2x + y in GF(32) is a totally anti-symmetric
    quasigroup (2x + y = 2y + x only when x = y, as 3 is not 0 in the field)."""
    interim = 0
    for character in text:
        interim = _times_two(interim) ^ _VALUE[character]
    return interim


def check_character(text: str) -> str:
    """The check character of canonical `text` (appended to make a code): the digit that
    brings the interim to zero."""
    return ALPHABET[_times_two(_interim(text))]


def has_valid_check(code: str) -> bool:
    """Whether canonical `code` ends with the right check character (at least 2 characters)."""
    return len(code) >= 2 and _interim(code) == 0


def group(code: str, size: int = 4, separator: str = "-") -> str:
    """The code as printed for people: groups of `size` characters ("ABCD-EFGH-JK")."""
    return separator.join(code[start : start + size] for start in range(0, len(code), size))
