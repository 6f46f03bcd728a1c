"""What a coupon gives and where: the terms both a signed web-shop coupon and a campaign carry,
and the basket checks (scope, minimum) the till and the web shop make alike."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

MAX_PERCENT = 100
MAX_AMOUNT = 10**8
"""A million złoty in grosze: more than any coupon gives."""
MAX_SCOPE_REF_BYTES = 64
MAX_KEY_ID = 255
MAX_CAMPAIGN = 2**32 - 1
MAX_SERIAL = 2**40 - 1
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
"""Coupon times are whole minutes since this moment (UTC)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
"""Control characters, and lone surrogates (no UTF-8 for them)."""


class Scope(StrEnum):
    """What a discount applies to: the whole basket, one category's lines, one product's."""

    BASKET = "basket"
    CATEGORY = "category"
    SKU = "sku"


class ValueKind(StrEnum):
    PERCENT = "percent"
    """`value` is whole per cent (1..100) of what the scope costs."""
    AMOUNT = "amount"
    """`value` is grosze off what the scope costs (never more than it costs)."""


def check_value(kind: ValueKind, value: int) -> None:
    limit = MAX_PERCENT if kind is ValueKind.PERCENT else MAX_AMOUNT
    if not 1 <= value <= limit:
        raise ValueError(f"a {kind.value} value must be 1 to {limit}, not {value}")


def check_scope(scope: Scope, ref: str | None) -> None:
    """A basket scope names nothing; a category or SKU scope names one (1 to 64 bytes of
    UTF-8 without control characters)."""
    if scope is Scope.BASKET:
        if ref is not None:
            raise ValueError("a basket scope names no category or SKU")
        return
    if (
        ref is None
        or not ref
        or len(ref.encode(errors="replace")) > MAX_SCOPE_REF_BYTES
        or _CONTROL.search(ref)
    ):
        raise ValueError(
            f"a {scope.value} scope names it in 1 to {MAX_SCOPE_REF_BYTES} bytes "
            "without control characters"
        )


def to_minutes(moment: datetime) -> int:
    """Whole minutes from EPOCH to `moment` (rounded down); ValueError before EPOCH."""
    if moment.tzinfo is None:
        raise ValueError("a coupon time needs a time zone")
    minutes = (moment - EPOCH) // timedelta(minutes=1)
    if minutes < 0:
        raise ValueError(f"a coupon time cannot be before {EPOCH.isoformat()}")
    return minutes


MAX_MINUTES = (datetime(9999, 12, 31, tzinfo=UTC) - EPOCH) // timedelta(minutes=1)


def from_minutes(minutes: int) -> datetime:
    """The moment `minutes` after EPOCH; ValueError beyond the year 9999."""
    if not 0 <= minutes <= MAX_MINUTES:
        raise ValueError(f"{minutes} minutes after {EPOCH.isoformat()} is out of range")
    return EPOCH + timedelta(minutes=minutes)


@dataclass(frozen=True, slots=True)
class CouponTerms:
    """The signed content of a web-shop coupon. `expires_at` is exclusive and a whole minute
    (UTC); `min_basket` is the basket's total after promotions that must be reached."""

    key_id: int
    campaign: int
    serial: int
    value_kind: ValueKind
    value: int
    scope: Scope
    scope_ref: str | None
    min_basket: int
    expires_at: datetime
    single_use: bool

    def __post_init__(self) -> None:
        if not 1 <= self.key_id <= MAX_KEY_ID:
            raise ValueError(f"a key id is 1 to {MAX_KEY_ID}")
        if not 1 <= self.campaign <= MAX_CAMPAIGN:
            raise ValueError(f"a campaign number is 1 to {MAX_CAMPAIGN}")
        if not 1 <= self.serial <= MAX_SERIAL:
            raise ValueError(f"a serial is 1 to {MAX_SERIAL}")
        check_value(self.value_kind, self.value)
        check_scope(self.scope, self.scope_ref)
        if not 0 <= self.min_basket <= MAX_AMOUNT:
            raise ValueError(f"a minimum basket is 0 to {MAX_AMOUNT} grosze")
        if from_minutes(to_minutes(self.expires_at)) != self.expires_at:
            raise ValueError("a coupon expires at a whole minute")


@dataclass(frozen=True, slots=True)
class BasketLine:
    """A basket line as coupons see it: what it costs after promotions, in grosze."""

    sku: str
    category: str | None
    amount: int


def in_scope(scope: Scope, ref: str | None, line: BasketLine) -> bool:
    if scope is Scope.BASKET:
        return True
    if scope is Scope.CATEGORY:
        return line.category == ref
    return line.sku == ref


def scope_amount(scope: Scope, ref: str | None, basket: Sequence[BasketLine]) -> int:
    """What the lines in the scope cost together."""
    return sum(line.amount for line in basket if in_scope(scope, ref, line))


def discount_of(kind: ValueKind, value: int, base: int) -> int:
    """The discount on `base` grosze: per cent rounded half up, or the amount; never more than
    `base`."""
    if base <= 0:
        return 0
    if kind is ValueKind.PERCENT:
        return min(base, (base * value + MAX_PERCENT // 2) // MAX_PERCENT)
    return min(base, value)
