"""PINs: 4 to 8 ASCII digits, kept only as a salted scrypt hash.

The stored hash names its own cost ("scrypt$n$r$p$hex"), so a PIN hashed at one cost still
verifies after the default changes, and tests can hash at a tiny cost.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8
SALT_BYTES = 16
KEY_BYTES = 32

_PIN = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")
_SCHEME = "scrypt"
# Refuse stored costs far above the default (a damaged row must not stall the till).
_MAX_N = 2**20
_MAX_R = 32
_MAX_P = 16
_MAXMEM = 2**30


class PinError(TillError, ValueError):
    """A PIN that breaks the rules; the message is meant for the screen."""


@dataclass(frozen=True, slots=True)
class ScryptCost:
    n: int = 2**14
    r: int = 8
    p: int = 1

    def __post_init__(self) -> None:
        if self.n < 2 or self.n & (self.n - 1) or self.n > _MAX_N:
            raise ValueError(f"scrypt n must be a power of two from 2 to {_MAX_N}, not {self.n}")
        if not 1 <= self.r <= _MAX_R or not 1 <= self.p <= _MAX_P:
            raise ValueError(f"scrypt r and p out of range: r={self.r}, p={self.p}")


DEFAULT_COST = ScryptCost()
"""Production cost: n=2**14, r=8, p=1 (about 16 MiB and a few tens of milliseconds)."""


@dataclass(frozen=True, slots=True)
class PinHash:
    """What is stored: `hash` is "scrypt$n$r$p$<hex key>", `salt` the salt in hex."""

    hash: str = field(repr=False)
    salt: str = field(repr=False)


def is_valid_pin(pin: str) -> bool:
    return _PIN.fullmatch(pin) is not None


def validate_pin(pin: str) -> str:
    """The PIN itself, or PinError when it is not 4 to 8 digits 0-9."""
    if not is_valid_pin(pin):
        raise PinError(
            QT_TRANSLATE_NOOP("Pin", "A PIN is %1 to %2 digits (0-9)."),
            PIN_MIN_DIGITS,
            PIN_MAX_DIGITS,
        )
    return pin


def _derive(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"),
        salt=salt,
        n=cost.n,
        r=cost.r,
        p=cost.p,
        maxmem=_MAXMEM,
        dklen=KEY_BYTES,
    )


def hash_pin(pin: str, cost: ScryptCost = DEFAULT_COST, salt: bytes | None = None) -> PinHash:
    """Hash a valid PIN with a fresh random 16-byte salt (or the one given, for tests)."""
    validate_pin(pin)
    if salt is None:
        salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(pin, salt, cost)
    return PinHash(f"{_SCHEME}${cost.n}${cost.r}${cost.p}${key.hex()}", salt.hex())


def _parse(stored: PinHash) -> tuple[ScryptCost, bytes, bytes] | None:
    parts = stored.hash.split("$")
    if len(parts) != 5 or parts[0] != _SCHEME:
        return None
    try:
        cost = ScryptCost(int(parts[1]), int(parts[2]), int(parts[3]))
        return cost, bytes.fromhex(stored.salt), bytes.fromhex(parts[4])
    except ValueError:
        return None


def verify_pin(pin: str, stored: PinHash) -> bool:
    """True when `pin` is the one hashed; a malformed PIN or stored hash is simply False."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    cost, salt, expected = parsed
    # Derive even for a malformed PIN, so a wrong guess takes as long whatever it looks like.
    candidate = pin if pin.isascii() else ""
    key = _derive(candidate, salt, cost)
    return hmac.compare_digest(key, expected) and is_valid_pin(pin)
