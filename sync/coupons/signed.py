"""Web-shop coupons signed by the central service with Ed25519, as one line of Crockford text.

Text: "C1" (kind and format version) + Crockford base32 of (payload + 64-byte signature) + a
check character (crockford.check_character over everything before it). A basket coupon is at
most about 135 characters, one for a SKU or a category adds its name (about 150-160): QR codes
of version 6 or 7 at error correction M hold them in their alphanumeric mode.

Payload (big-endian; "varint" is unsigned LEB128, shortest form only):

    key_id      1 byte   1..255, the signing key (keys rotate; the till holds public keys)
    campaign    varint   the campaign's number
    serial      varint   the coupon's number in its campaign
    flags       1 byte   bit 0 single use; bits 1-2 scope (0 basket, 1 category, 2 SKU);
                         bit 3 value kind (0 per cent, 1 amount); bits 4-7 zero
    value       varint   per cent (1..100) or grosze
    min_basket  varint   grosze
    expires     varint   whole minutes since 2024-01-01 00:00 UTC (exclusive)
    scope_ref   varint length + UTF-8, for a category or SKU scope only

The signature covers SIGNING_CONTEXT + payload. Tills hold only public keys, so a stolen till
cannot mint coupons.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.coupons.crockford import (
    check_character,
    decode_bytes,
    encode_bytes,
    has_valid_check,
    normalise,
)
from sync.coupons.reasons import Refusal
from sync.coupons.terms import CouponTerms, Scope, ValueKind, from_minutes, to_minutes

PREFIX = "C1"
SIGNATURE_BYTES = 64
PUBLIC_KEY_BYTES = 32
SIGNING_CONTEXT = b"pos-chain web-shop coupon v1\x00"
MIN_PAYLOAD_BYTES = 7
MIN_LENGTH = len(PREFIX) + (8 * (MIN_PAYLOAD_BYTES + SIGNATURE_BYTES) + 4) // 5 + 1
"""The shortest text a signed coupon can be: anything shorter is another kind of code."""
_SCOPES = (Scope.BASKET, Scope.CATEGORY, Scope.SKU)
_MAX_VARINT_BYTES = 9


@dataclass(frozen=True, slots=True)
class SignedCoupon:
    """A signed coupon as read from its text (its signature not checked yet: see
    verification.verify_signed_coupon)."""

    terms: CouponTerms
    payload: bytes
    signature: bytes
    text: str
    """The canonical text (no separators, upper case)."""


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._at = 0

    def byte(self) -> int:
        if self._at >= len(self._data):
            raise ValueError("the payload ends too early")
        value = self._data[self._at]
        self._at += 1
        return value

    def varint(self) -> int:
        value = 0
        for index in range(_MAX_VARINT_BYTES):
            part = self.byte()
            value |= (part & 0x7F) << (7 * index)
            if not part & 0x80:
                if part == 0 and index > 0:
                    raise ValueError("a number is not in its shortest form")
                return value
        raise ValueError("a number is too long")

    def take(self, count: int) -> bytes:
        if self._at + count > len(self._data):
            raise ValueError("the payload ends too early")
        chunk = self._data[self._at : self._at + count]
        self._at += count
        return chunk

    def at_end(self) -> bool:
        return self._at == len(self._data)


def encode_terms(terms: CouponTerms) -> bytes:
    flags = (
        int(terms.single_use)
        | _SCOPES.index(terms.scope) << 1
        | (terms.value_kind is ValueKind.AMOUNT) << 3
    )
    out = bytearray([terms.key_id])
    for number in (terms.campaign, terms.serial):
        out += _varint(number)
    out.append(flags)
    for number in (terms.value, terms.min_basket, to_minutes(terms.expires_at)):
        out += _varint(number)
    if terms.scope_ref is not None:
        ref = terms.scope_ref.encode()
        out += _varint(len(ref)) + ref
    return bytes(out)


def decode_terms(payload: bytes) -> CouponTerms:
    """The terms `encode_terms` made `payload` from; ValueError for anything else."""
    reader = _Reader(payload)
    key_id = reader.byte()
    campaign = reader.varint()
    serial = reader.varint()
    flags = reader.byte()
    if flags & 0xF0 or (flags >> 1) & 3 == 3:
        raise ValueError("unknown flags")
    scope = _SCOPES[(flags >> 1) & 3]
    value = reader.varint()
    min_basket = reader.varint()
    expires = reader.varint()
    ref: str | None = None
    if scope is not Scope.BASKET:
        ref = reader.take(reader.varint()).decode()
    if not reader.at_end():
        raise ValueError("bytes after the payload")
    return CouponTerms(
        key_id=key_id,
        campaign=campaign,
        serial=serial,
        value_kind=ValueKind.AMOUNT if flags & 8 else ValueKind.PERCENT,
        value=value,
        scope=scope,
        scope_ref=ref,
        min_basket=min_basket,
        expires_at=from_minutes(expires),
        single_use=bool(flags & 1),
    )


def sign_coupon(terms: CouponTerms, private_key: bytes) -> str:
    """The coupon's text, signed with the 32-byte Ed25519 private key of `terms.key_id`."""
    payload = encode_terms(terms)
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(SIGNING_CONTEXT + payload)
    body = PREFIX + encode_bytes(payload + signature)
    return body + check_character(body)


def read_signed_coupon(text: str) -> SignedCoupon | Refusal:
    """The coupon in `text`, or why it is none: MALFORMED (not a signed coupon), TAMPERED (its
    check character does not match). The signature is checked by `verify_signature`."""
    canonical = normalise(text)
    if canonical is None or not canonical.startswith(PREFIX) or len(canonical) < MIN_LENGTH:
        return Refusal.MALFORMED
    if not has_valid_check(canonical):
        return Refusal.TAMPERED
    try:
        data = decode_bytes(canonical[len(PREFIX) : -1])
        payload, signature = data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
        terms = decode_terms(payload)
    except ValueError:
        return Refusal.MALFORMED
    return SignedCoupon(terms, payload, signature, canonical)


def verify_signature(coupon: SignedCoupon, public_key: bytes) -> bool:
    """Whether the coupon was signed by the private key of this 32-byte public key."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            coupon.signature, SIGNING_CONTEXT + coupon.payload
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def new_key_pair() -> tuple[bytes, bytes]:
    """A new Ed25519 key: (32-byte private key, 32-byte public key)."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def public_key_of(private_key: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes_raw()
