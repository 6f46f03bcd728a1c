"""Short codes a person can type at the till: 12 Crockford characters, 11 random (55 bits)
and a check character, printed "XXXX-XXXX-XXXX". A short code stands for one minted coupon
and only the central service knows which: it is checked online (POST /v1/coupons/check)."""

from __future__ import annotations

import secrets

from sync.coupons.crockford import check_character, encode_int, has_valid_check, normalise
from sync.coupons.reasons import Refusal

RANDOM_CHARACTERS = 11
CODE_LENGTH = RANDOM_CHARACTERS + 1


def new_short_code() -> str:
    body = encode_int(secrets.randbits(5 * RANDOM_CHARACTERS), RANDOM_CHARACTERS)
    return body + check_character(body)


def read_short_code(text: str) -> str | Refusal:
    """The canonical short code in `text`, or MALFORMED or TAMPERED (wrong check)."""
    canonical = normalise(text)
    if canonical is None or len(canonical) != CODE_LENGTH:
        return Refusal.MALFORMED
    if not has_valid_check(canonical):
        return Refusal.TAMPERED
    return canonical
