"""The till's coupon rules: a coupon as a discount, the offline caps, the receipt coupon a sale
earns (its code read back and checked with the key the central service derives)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from pos_client.domain.coupon_codes import (
    GENERIC_COUPON_NAME,
    coupon_discount,
    describe,
    issue_receipt_coupon,
    offline_refusal,
    receipt_campaign_for,
    redemption_payload,
)
from pos_client.domain.money import Money
from pos_client.domain.promotions import PricingLine, price_basket
from pos_client.domain.quantity import Quantity
from sync.coupons.reasons import Refusal
from sync.coupons.receipt_codes import (
    IssuerKey,
    ReceiptCode,
    derive_issuer_key,
    mac_matches,
    read_receipt_code,
)
from sync.coupons.signed import SignedCoupon, new_key_pair, read_signed_coupon, sign_coupon
from sync.coupons.terms import CouponTerms, Scope, ValueKind
from sync.protocol import CouponCampaignData

NOW = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
PRIVATE, _PUBLIC = new_key_pair()


def campaign(**changes: object) -> CouponCampaignData:
    data = CouponCampaignData(
        code="WIOSNA",
        number=7,
        name="Wiosna w sklepie",
        kind="webshop",
        value_kind=ValueKind.AMOUNT,
        value=2000,
        scope=Scope.BASKET,
        scope_ref=None,
        min_basket=10_000,
        single_use=True,
        valid_from=NOW - timedelta(days=10),
        valid_to=NOW + timedelta(days=10),
        offline_max_discount=2500,
        offline_max_hours=24,
    )
    return data.model_copy(update=changes)


def receipt_campaign(**changes: object) -> CouponCampaignData:
    return campaign(
        code="PARAGON",
        number=9,
        kind="receipt",
        value_kind=ValueKind.PERCENT,
        value=10,
        min_basket=0,
        issue_min_total=10_000,
        valid_days=30,
        offline_max_discount=0,
        offline_max_hours=0,
    ).model_copy(update=changes)


def signed(single_use: bool = True) -> SignedCoupon:
    terms = CouponTerms(
        key_id=1,
        campaign=7,
        serial=12,
        value_kind=ValueKind.AMOUNT,
        value=2000,
        scope=Scope.BASKET,
        scope_ref=None,
        min_basket=10_000,
        expires_at=datetime(2026, 5, 1, tzinfo=UTC),
        single_use=single_use,
    )
    coupon = read_signed_coupon(sign_coupon(terms, PRIVATE))
    assert isinstance(coupon, SignedCoupon)
    return coupon


def test_an_accepted_coupon_is_a_named_discount_in_the_engine() -> None:
    coupon = signed()
    lines = [
        PricingLine(uuid.uuid4(), "A", None, Quantity.pieces(2), Money(6000)),
    ]
    pricing = price_basket(lines, [], NOW, [coupon_discount(coupon, campaign())])
    unknown = coupon_discount(coupon, None)

    assert [(a.source, a.name, a.amount) for a in pricing.applied] == [
        ("7/12", "Wiosna w sklepie", Money(2000))
    ]
    assert unknown.name == GENERIC_COUPON_NAME
    assert unknown.min_basket == Money(10_000)


def test_offline_a_single_use_coupon_keeps_to_its_campaign_caps() -> None:
    coupon = signed()
    synced = NOW - timedelta(hours=23)

    assert offline_refusal(coupon, campaign(), Money(2000), synced, NOW) is None
    assert offline_refusal(coupon, campaign(), Money(2501), synced, NOW) is Refusal.OFFLINE_LIMIT
    too_long = NOW - timedelta(hours=24, seconds=1)
    assert offline_refusal(coupon, campaign(), Money(2000), too_long, NOW) is Refusal.OFFLINE_LIMIT
    assert offline_refusal(coupon, campaign(), Money(2000), None, NOW) is Refusal.OFFLINE_LIMIT
    assert offline_refusal(coupon, None, Money(2000), synced, NOW) is Refusal.OFFLINE_LIMIT
    other = campaign(number=8)
    assert offline_refusal(coupon, other, Money(2000), synced, NOW) is Refusal.OFFLINE_LIMIT
    never = campaign(offline_max_discount=0)
    assert offline_refusal(coupon, never, Money(2000), synced, NOW) is Refusal.OFFLINE_LIMIT


def test_offline_a_multi_use_coupon_needs_no_caps() -> None:
    assert offline_refusal(signed(single_use=False), None, Money(10**6), None, NOW) is None


def test_a_redemption_names_the_sale_and_whether_it_was_offline() -> None:
    coupon = signed()
    sale_id = uuid.uuid4()
    reservation = uuid.uuid4()
    online = redemption_payload(coupon, sale_id, "WAW01", "01", Money(2000), NOW, reservation)
    offline = redemption_payload(coupon, sale_id, "WAW01", "01", Money(2000), NOW, None)

    assert (online.sale_id, online.coupon, online.discount) == (sale_id, coupon.text, 2000)
    assert not online.offline
    assert offline.offline
    assert offline.id != online.id


def test_the_highest_threshold_reached_earns_the_receipt_coupon() -> None:
    small = receipt_campaign(code="MALY", issue_min_total=5000, value=5)
    big = receipt_campaign(code="DUZY", issue_min_total=20_000, value=15)
    ended = receipt_campaign(code="STARY", issue_min_total=1000, valid_to=NOW)
    webshop = campaign()
    every = [small, big, ended, webshop]

    assert receipt_campaign_for(every, Money(4999), NOW) is None
    assert receipt_campaign_for(every, Money(5000), NOW) == small
    assert receipt_campaign_for(every, Money(25_000), NOW) == big
    later = receipt_campaign(code="POZNIEJ", valid_from=NOW + timedelta(seconds=1))
    assert receipt_campaign_for([later], Money(10**6), NOW) is None


def test_a_receipt_coupon_is_issued_offline_and_the_central_key_checks_it() -> None:
    secret = bytes(range(32))
    issuer = IssuerKey(3, derive_issuer_key(secret, 3, "WAW01", "01"))
    sale_id = uuid.uuid4()

    coupon = issue_receipt_coupon(issuer, receipt_campaign(), sale_id, "WAW01", "01", 42, NOW)
    read = read_receipt_code(coupon.printed)

    assert isinstance(read, ReceiptCode)
    assert (read.issuer, read.sequence) == (3, 42)
    assert mac_matches(read, derive_issuer_key(secret, 3, "WAW01", "01"))
    assert coupon.description == "-10% na zakupy w sklepie internetowym"
    assert coupon.valid_until == date(2026, 5, 1)
    assert coupon.event.code == coupon.code
    assert coupon.event.sale_id == sale_id
    assert coupon.event.expires_at == NOW + timedelta(days=30)
    assert coupon.event.campaign == "PARAGON"


def test_only_a_receipt_campaign_issues_receipt_coupons() -> None:
    issuer = IssuerKey(3, bytes(32))
    with pytest.raises(ValueError, match="does not issue"):
        issue_receipt_coupon(issuer, campaign(), uuid.uuid4(), "WAW01", "01", 1, NOW)


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({}, "-20,00 zł na zakupy w sklepie internetowym od 100,00 zł"),
        (
            {"scope": Scope.CATEGORY, "scope_ref": "Nabiał", "min_basket": 0},
            "-20,00 zł na kategorię Nabiał w sklepie internetowym",
        ),
        (
            {
                "scope": Scope.SKU,
                "scope_ref": "P0000001",
                "value_kind": ValueKind.PERCENT,
                "value": 5,
            },
            "-5% na produkt P0000001 w sklepie internetowym od 100,00 zł",
        ),
    ],
)
def test_the_receipt_says_what_a_coupon_gives(changes: dict[str, object], text: str) -> None:
    assert describe(campaign(**changes)) == text
