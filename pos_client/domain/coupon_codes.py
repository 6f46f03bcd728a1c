"""The till's coupon rules (pure): what a web-shop coupon takes off, whether it may be taken
offline, and the receipt coupon a sale earns. The code formats themselves are in sync.coupons,
shared with the central service; docs/COUPONS.md describes the whole loop.

- A web-shop coupon the till accepted becomes a `CouponDiscount` for the promotions engine
  (`coupon_discount`), named by its campaign.
- Offline, a multi-use coupon is taken on its signature alone; a single-use one only within
  its campaign's caps: at most `offline_max_discount` grosze off and at most
  `offline_max_hours` since the till's last successful sync (`offline_refusal`). Online, the
  till reserves it centrally instead (POST /v1/coupons/reservations).
- A sale of at least a receipt campaign's `issue_min_total`, while it runs, earns a receipt
  coupon (`receipt_campaign_for`, `issue_receipt_coupon`): its code, what to print, and the
  `coupon_issued` event that registers it (written with the sale).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pos_client.domain.money import Money
from pos_client.domain.promotions import CouponDiscount
from sync.coupons.crockford import group
from sync.coupons.reasons import Refusal
from sync.coupons.receipt_codes import IssuerKey, issue_receipt_code
from sync.coupons.signed import SignedCoupon
from sync.coupons.terms import Scope, ValueKind
from sync.protocol import CouponCampaignData, CouponIssuedPayload, CouponRedeemedPayload

GENERIC_COUPON_NAME = "Kupon"
"""What the receipt calls a coupon whose campaign the till has not received (printed
receipts are Polish)."""


def coupon_source(coupon: SignedCoupon) -> str:
    """How a sale names the coupon: "CAMPAIGN/SERIAL"."""
    return f"{coupon.terms.campaign}/{coupon.terms.serial}"


def coupon_discount(coupon: SignedCoupon, campaign: CouponCampaignData | None) -> CouponDiscount:
    """The accepted coupon as the promotions engine applies it."""
    terms = coupon.terms
    return CouponDiscount(
        source=coupon_source(coupon),
        name=campaign.name if campaign is not None else GENERIC_COUPON_NAME,
        value_kind=terms.value_kind,
        value=terms.value,
        scope=terms.scope,
        scope_ref=terms.scope_ref,
        min_basket=Money(terms.min_basket),
    )


def offline_refusal(
    coupon: SignedCoupon,
    campaign: CouponCampaignData | None,
    discount: Money,
    last_sync: datetime | None,
    now: datetime,
) -> Refusal | None:
    """OFFLINE_LIMIT when a single-use coupon may not be taken without the central service:
    its campaign is unknown here, its discount is over the campaign's cap, or the last sync
    is longer ago than the campaign allows (or never happened). None: take it offline."""
    if not coupon.terms.single_use:
        return None
    if campaign is None or campaign.number != coupon.terms.campaign:
        return Refusal.OFFLINE_LIMIT
    if discount > Money(campaign.offline_max_discount):
        return Refusal.OFFLINE_LIMIT
    if last_sync is None or now - last_sync > timedelta(hours=campaign.offline_max_hours):
        return Refusal.OFFLINE_LIMIT
    return None


def redemption_payload(
    coupon: SignedCoupon,
    sale_id: uuid.UUID,
    store_code: str,
    till_id: str,
    discount: Money,
    now: datetime,
    reservation_id: uuid.UUID | None,
) -> CouponRedeemedPayload:
    """The `coupon_redeemed` event of a sale that took the coupon (offline: no reservation)."""
    return CouponRedeemedPayload(
        id=uuid.uuid4(),
        sale_id=sale_id,
        store_code=store_code,
        till_id=till_id,
        coupon=coupon.text,
        discount=discount.grosze,
        redeemed_at=now,
        reservation_id=reservation_id,
        offline=reservation_id is None,
    )


def _runs(campaign: CouponCampaignData, now: datetime) -> bool:
    return campaign.valid_from <= now and (campaign.valid_to is None or now < campaign.valid_to)


def receipt_campaign_for(
    campaigns: Iterable[CouponCampaignData], sale_total: Money, now: datetime
) -> CouponCampaignData | None:
    """The receipt campaign a sale of `sale_total` earns now: of those running whose threshold
    it reaches, the one with the highest threshold (then the larger value, then the code)."""
    earned = [
        campaign
        for campaign in campaigns
        if campaign.kind == "receipt"
        and campaign.issue_min_total is not None
        and campaign.valid_days is not None
        and _runs(campaign, now)
        and sale_total >= Money(campaign.issue_min_total)
    ]
    if not earned:
        return None
    return min(
        earned,
        key=lambda c: (
            -(c.issue_min_total or 0),
            c.value_kind != ValueKind.PERCENT,
            -c.value,
            c.code,
        ),
    )


def describe(campaign: CouponCampaignData) -> str:
    """What the receipt says the coupon gives, in Polish: "-10% na zakupy w sklepie
    internetowym", "-20,00 zł na kategorię Nabiał ..."."""
    if campaign.value_kind is ValueKind.PERCENT:
        value = f"-{campaign.value}%"
    else:
        value = f"-{Money(campaign.value).plain()} zł"
    target = {
        Scope.BASKET: "na zakupy",
        Scope.CATEGORY: f"na kategorię {campaign.scope_ref}",
        Scope.SKU: f"na produkt {campaign.scope_ref}",
    }[campaign.scope]
    minimum = f" od {Money(campaign.min_basket).plain()} zł" if campaign.min_basket else ""
    return f"{value} {target} w sklepie internetowym{minimum}"


@dataclass(frozen=True, slots=True)
class ReceiptCoupon:
    """A receipt coupon issued for a sale: what to print and the event that registers it."""

    code: str
    """Canonical (what the QR code holds)."""
    printed: str
    """In groups, as the receipt prints it under the QR code."""
    description: str
    valid_until: date
    """The last day it is good (it expires at the start of the next)."""
    event: CouponIssuedPayload


def issue_receipt_coupon(
    issuer: IssuerKey,
    campaign: CouponCampaignData,
    sale_id: uuid.UUID,
    store_code: str,
    till_id: str,
    sequence: int,
    now: datetime,
) -> ReceiptCoupon:
    """The receipt coupon for the till's sale number `sequence` (its receipt sequence: one
    code per sale), made offline with the till's issuer key."""
    if campaign.kind != "receipt" or campaign.valid_days is None:
        raise ValueError(f"campaign {campaign.code} does not issue receipt coupons")
    code = issue_receipt_code(issuer, sequence)
    expires_at = now + timedelta(days=campaign.valid_days)
    return ReceiptCoupon(
        code=code,
        printed=group(code),
        description=describe(campaign),
        valid_until=(expires_at - timedelta(microseconds=1)).date(),
        event=CouponIssuedPayload(
            code=code,
            campaign=campaign.code,
            sale_id=sale_id,
            store_code=store_code,
            till_id=till_id,
            issued_at=now,
            expires_at=expires_at,
        ),
    )
