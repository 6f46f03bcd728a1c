"""Receipt coupons: codes a till prints on the receipt, offline, for a discount in the web shop.

A code is 19 Crockford characters: 18 for 90 bits, then a check character.

    version   2 bits   1
    issuer   22 bits   the till's issuer number (one per till and key generation)
    sequence 26 bits   the till's number for the code (its receipt sequence: one per sale)
    mac      40 bits   HMAC-SHA256(issuer key, MAC_CONTEXT + issuer + sequence), truncated

The issuer key is derived centrally, HKDF-SHA256 of a central secret with the issuer number,
store and till (`derive_issuer_key`), and given to that till only; the central service
derives it again to check a code, so no key is stored. 40 bits of MAC make a guessed code
right once in about 10^12 tries, and codes are only ever checked online, where guesses can be
counted. Printed as `group(code)`: "XXXX-XXXX-XXXX-XXXX-XXX".
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.coupons.crockford import (
    check_character,
    decode_int,
    encode_int,
    has_valid_check,
    normalise,
)
from sync.coupons.reasons import Refusal

VERSION = 1
VERSION_BITS = 2
ISSUER_BITS = 22
SEQUENCE_BITS = 26
MAC_BITS = 40
DATA_CHARACTERS = (VERSION_BITS + ISSUER_BITS + SEQUENCE_BITS + MAC_BITS) // 5
CODE_LENGTH = DATA_CHARACTERS + 1
MAX_ISSUER = 2**ISSUER_BITS - 1
MAX_SEQUENCE = 2**SEQUENCE_BITS - 1
KEY_BYTES = 32
MAC_CONTEXT = b"pos-chain receipt coupon v1\x00"
HKDF_SALT = b"pos-chain receipt coupon issuers"


@dataclass(frozen=True, slots=True)
class IssuerKey:
    """What a till needs to issue codes: its issuer number and its 32-byte key."""

    issuer: int
    key: bytes

    def __post_init__(self) -> None:
        if not 1 <= self.issuer <= MAX_ISSUER:
            raise ValueError(f"an issuer number is 1 to {MAX_ISSUER}")
        if len(self.key) != KEY_BYTES:
            raise ValueError(f"an issuer key is {KEY_BYTES} bytes")

    def __repr__(self) -> str:
        return f"IssuerKey(issuer={self.issuer}, key=<hidden>)"


@dataclass(frozen=True, slots=True)
class ReceiptCode:
    """A code read from its text (its MAC not checked yet: see `mac_matches`)."""

    issuer: int
    sequence: int
    mac: int
    text: str


def derive_issuer_key(secret: bytes, issuer: int, store_code: str, till_id: str) -> bytes:
    """The issuer key of a till: HKDF-SHA256 of the central secret, bound to the issuer number
    and the store and till it was made for."""
    info = f"receipt coupon issuer {issuer} for {store_code}/{till_id}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=HKDF_SALT, info=info).derive(
        secret
    )


def _mac(key: bytes, issuer: int, sequence: int) -> int:
    message = MAC_CONTEXT + issuer.to_bytes(3, "big") + sequence.to_bytes(4, "big")
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return int.from_bytes(digest[: MAC_BITS // 8], "big")


def issue_receipt_code(issuer: IssuerKey, sequence: int) -> str:
    """The code for the till's `sequence` (1..MAX_SEQUENCE), canonical (print it grouped)."""
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"a receipt coupon's sequence is 1 to {MAX_SEQUENCE}")
    value = VERSION
    value = value << ISSUER_BITS | issuer.issuer
    value = value << SEQUENCE_BITS | sequence
    value = value << MAC_BITS | _mac(issuer.key, issuer.issuer, sequence)
    body = encode_int(value, DATA_CHARACTERS)
    return body + check_character(body)


def read_receipt_code(text: str) -> ReceiptCode | Refusal:
    """The code in `text`, or MALFORMED (not a receipt code) or TAMPERED (wrong check)."""
    canonical = normalise(text)
    if canonical is None or len(canonical) != CODE_LENGTH:
        return Refusal.MALFORMED
    if not has_valid_check(canonical):
        return Refusal.TAMPERED
    value = decode_int(canonical[:-1])
    mac = value & (2**MAC_BITS - 1)
    value >>= MAC_BITS
    sequence = value & MAX_SEQUENCE
    value >>= SEQUENCE_BITS
    issuer = value & MAX_ISSUER
    if value >> ISSUER_BITS != VERSION or issuer == 0 or sequence == 0:
        return Refusal.MALFORMED
    return ReceiptCode(issuer, sequence, mac, canonical)


def mac_matches(code: ReceiptCode, key: bytes) -> bool:
    """Whether the code was made with this issuer key."""
    return hmac.compare_digest(
        code.mac.to_bytes(MAC_BITS // 8, "big"),
        _mac(key, code.issuer, code.sequence).to_bytes(MAC_BITS // 8, "big"),
    )
