"""PIN rules (4-8 ASCII digits) and salted scrypt hashes compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

import pytest

from pos_client.domain.pin import (
    DEFAULT_COST,
    PinError,
    PinHash,
    ScryptCost,
    hash_pin,
    is_valid_pin,
    validate_pin,
    verify_pin,
)

FAST = ScryptCost(n=16, r=1, p=1)


@pytest.mark.parametrize("pin", ["1234", "0000", "12345678", "00012"])
def test_four_to_eight_digits_are_a_pin(pin: str) -> None:
    assert is_valid_pin(pin)
    assert validate_pin(pin) == pin


@pytest.mark.parametrize(
    "pin",
    [
        "",
        "123",
        "123456789",
        "12a4",
        " 1234",
        "1234\n",
        "12,34",
        "١٢٣٤",  # Arabic-Indic digits: digits to Python, not to the keypad
        "１２３４",  # full-width digits
        "²³⁴⁵",
    ],
)
def test_anything_else_is_refused(pin: str) -> None:
    assert not is_valid_pin(pin)
    with pytest.raises(PinError, match="4 to 8 digits"):
        validate_pin(pin)
    with pytest.raises(PinError):
        hash_pin(pin, FAST)


def test_the_default_cost_is_the_production_cost() -> None:
    assert (DEFAULT_COST.n, DEFAULT_COST.r, DEFAULT_COST.p) == (2**14, 8, 1)


def test_a_hash_at_the_production_cost_verifies() -> None:
    hashed = hash_pin("1234")
    assert hashed.hash.startswith("scrypt$16384$8$1$")
    assert verify_pin("1234", hashed)
    assert not verify_pin("1235", hashed)


def test_the_hash_is_scrypt_of_the_pin_with_a_random_16_byte_salt() -> None:
    first = hash_pin("4321", FAST)
    second = hash_pin("4321", FAST)
    assert first.salt != second.salt
    assert first.hash != second.hash
    salt = bytes.fromhex(first.salt)
    assert len(salt) == 16
    key = hashlib.scrypt(b"4321", salt=salt, n=16, r=1, p=1, dklen=32)
    assert first.hash == f"scrypt$16$1$1${key.hex()}"
    assert len(key.hex()) == 64
    assert len(first.hash) <= 128  # users.pin_hash
    assert len(first.salt) <= 64  # users.pin_salt


def test_a_given_salt_gives_the_same_hash() -> None:
    salt = bytes(range(16))
    assert hash_pin("1111", FAST, salt) == hash_pin("1111", FAST, salt)


def test_verify_is_true_only_for_the_pin_hashed() -> None:
    hashed = hash_pin("2468", FAST)
    assert verify_pin("2468", hashed)
    for wrong in ("2469", "24680", "", "abcd", "２４６８", "2468 "):
        assert not verify_pin(wrong, hashed), wrong


def test_the_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real: Callable[[bytes, bytes], bool] = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    hashed = hash_pin("1357", FAST)
    assert verify_pin("1357", hashed)
    assert not verify_pin("7531", hashed)
    assert len(calls) == 2


@pytest.mark.parametrize(
    "stored",
    [
        PinHash("", ""),
        PinHash("bcrypt$16$1$1$00", "00"),
        PinHash("scrypt$15$1$1$00", "00"),  # n not a power of two
        PinHash("scrypt$16$1$x$00", "00"),
        PinHash("scrypt$16$1$1$zz", "00"),
        PinHash("scrypt$16$1$1$00", "not hex"),
        PinHash(f"scrypt${2**30}$8$1$00", "00"),  # a cost that would stall the till
    ],
)
def test_a_damaged_stored_hash_never_verifies(stored: PinHash) -> None:
    assert not verify_pin("1234", stored)


def test_a_stored_hash_names_its_own_cost() -> None:
    """A PIN set at one cost still verifies when the default changes."""
    hashed = hash_pin("8642", ScryptCost(n=32, r=2, p=1))
    assert hashed.hash.startswith("scrypt$32$2$1$")
    assert verify_pin("8642", hashed)


def test_the_hash_does_not_show_in_a_repr() -> None:
    hashed = hash_pin("1234", FAST)
    assert hashed.hash not in repr(hashed)
    assert hashed.salt not in repr(hashed)


@pytest.mark.parametrize(("n", "r", "p"), [(1, 1, 1), (3, 1, 1), (2**21, 1, 1), (16, 0, 1)])
def test_a_bad_cost_is_refused(n: int, r: int, p: int) -> None:
    with pytest.raises(ValueError, match="scrypt"):
        ScryptCost(n, r, p)
