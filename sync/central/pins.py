"""PIN hashes in the till's format, for users made centrally (the till verifies them).

The format is the till's (pos_client.domain.pin, which sync must not import): a salted scrypt
hash that names its own cost, "scrypt$n$r$p$<hex key>", and the salt in hex.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

SALT_BYTES = 16
KEY_BYTES = 32
DEFAULT_N = 2**14
DEFAULT_R = 8
DEFAULT_P = 1
_MAXMEM = 2**30
_PIN = re.compile(r"[0-9]{4,8}")


@dataclass(frozen=True, slots=True)
class PinHash:
    hash: str
    salt: str


def hash_pin(pin: str, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P) -> PinHash:
    """Hash a PIN of 4 to 8 digits with a fresh random salt; ValueError for another PIN."""
    if _PIN.fullmatch(pin) is None:
        raise ValueError("a PIN is 4 to 8 digits (0-9)")
    salt = secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=KEY_BYTES
    )
    return PinHash(f"scrypt${n}${r}${p}${key.hex()}", salt.hex())
