"""Checking a signed web-shop coupon offline: the same function at the till and centrally.

The checks run in this order and the first that fails is the answer:
1. MALFORMED / TAMPERED: the text is not a signed coupon / its check character is wrong;
2. UNKNOWN_KEY: its key id is not among the public keys this side holds;
3. FORGED: the signature is not that key's;
4. REVOKED: the key, the campaign or the serial is revoked;
5. EXPIRED: `now` is at or after its expiry;
6. ALREADY_USED: a single-use coupon among `used` (redeemed here before);
7. NOT_APPLICABLE / MINIMUM_NOT_REACHED: against the basket, when one is given: nothing in
   its scope, or the basket's total (after promotions) under its minimum.
A coupon signed with a revoked key is checked for forgery first, so a forgery is named as one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sync.coupons.reasons import Refusal
from sync.coupons.signed import SignedCoupon, read_signed_coupon, verify_signature
from sync.coupons.terms import BasketLine, scope_amount


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A public key from the change feed. A revoked key still identifies its coupons (so
    they are refused as revoked, not as unknown)."""

    key_id: int
    public_key: bytes
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class Revocations:
    campaigns: frozenset[int] = field(default_factory=frozenset)
    serials: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    """(campaign, serial)."""

    def revoked(self, campaign: int, serial: int) -> bool:
        return campaign in self.campaigns or (campaign, serial) in self.serials


@dataclass(frozen=True, slots=True)
class Accepted:
    coupon: SignedCoupon


@dataclass(frozen=True, slots=True)
class Refused:
    reason: Refusal
    coupon: SignedCoupon | None = None
    """The coupon when it could be read (so a screen can name its campaign)."""


def basket_refusal(coupon: SignedCoupon, basket: Sequence[BasketLine]) -> Refusal | None:
    """NOT_APPLICABLE or MINIMUM_NOT_REACHED for this basket, or None when it fits."""
    terms = coupon.terms
    if scope_amount(terms.scope, terms.scope_ref, basket) <= 0:
        return Refusal.NOT_APPLICABLE
    if sum(line.amount for line in basket) < terms.min_basket:
        return Refusal.MINIMUM_NOT_REACHED
    return None


def verify_signed_coupon(
    text: str,
    keys: Mapping[int, TrustedKey],
    revocations: Revocations,
    now: datetime,
    basket: Sequence[BasketLine] | None = None,
    used: Collection[tuple[int, int]] = (),
) -> Accepted | Refused:
    """Whether the coupon in `text` may be taken now (see the module's order of checks).
    `used` holds the (campaign, serial) of single-use coupons redeemed here already."""
    coupon = read_signed_coupon(text)
    if not isinstance(coupon, SignedCoupon):
        return Refused(coupon)
    terms = coupon.terms
    key = keys.get(terms.key_id)
    if key is None:
        return Refused(Refusal.UNKNOWN_KEY, coupon)
    if not verify_signature(coupon, key.public_key):
        return Refused(Refusal.FORGED, coupon)
    if key.revoked or revocations.revoked(terms.campaign, terms.serial):
        return Refused(Refusal.REVOKED, coupon)
    if now >= terms.expires_at:
        return Refused(Refusal.EXPIRED, coupon)
    if terms.single_use and (terms.campaign, terms.serial) in used:
        return Refused(Refusal.ALREADY_USED, coupon)
    if basket is not None:
        refusal = basket_refusal(coupon, basket)
        if refusal is not None:
            return Refused(refusal, coupon)
    return Accepted(coupon)
