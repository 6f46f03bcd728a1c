"""How long each kind of coupon code is, and the QR code (error correction M) that holds it, as
zxing-cpp's writer (the till's printing) makes it: docs/COUPONS.md quotes these figures."""

from __future__ import annotations

from datetime import UTC, datetime

from hardware.code_images import code_image
from hardware.symbology import Symbology
from sync.coupons.crockford import ALPHABET, group
from sync.coupons.receipt_codes import MAX_ISSUER, MAX_SEQUENCE, IssuerKey, issue_receipt_code
from sync.coupons.short_codes import new_short_code
from sync.coupons.signed import MIN_LENGTH, new_key_pair, sign_coupon
from sync.coupons.terms import CouponTerms, Scope, ValueKind

PRIVATE, _PUBLIC = new_key_pair()


def qr_version(text: str) -> int:
    picture = code_image(text, Symbology.QR, 1, quiet_zone=False, ec_level="M")
    return (picture.width - 17) // 4


def coupon(scope: Scope, ref: str | None, serial: int) -> str:
    terms = CouponTerms(
        key_id=200,
        campaign=70_000,
        serial=serial,
        value_kind=ValueKind.AMOUNT,
        value=5000,
        scope=scope,
        scope_ref=ref,
        min_basket=20_000,
        expires_at=datetime(2027, 12, 31, 23, 0, tzinfo=UTC),
        single_use=True,
    )
    return sign_coupon(terms, PRIVATE)


def test_a_basket_coupon_is_at_most_135_characters_in_a_version_6_qr_code() -> None:
    text = coupon(Scope.BASKET, None, 1_000_000)
    assert MIN_LENGTH <= len(text) <= 135
    assert set(text) <= set(ALPHABET)
    assert qr_version(text) <= 6


def test_a_coupon_for_one_product_or_category_adds_its_name() -> None:
    sku = coupon(Scope.SKU, "P0000001", 1_000_000)
    category = coupon(Scope.CATEGORY, "Owoce i warzywa", 1_000_000)
    assert len(sku) <= 150
    assert len(category) <= 160
    assert qr_version(sku) <= 6
    assert qr_version(category) <= 7


def test_a_receipt_code_is_19_characters_in_the_smallest_qr_code() -> None:
    code = issue_receipt_code(IssuerKey(MAX_ISSUER, bytes(32)), MAX_SEQUENCE)
    assert len(code) == 19
    assert len(group(code)) == 23
    assert qr_version(code) == 1


def test_a_short_code_is_12_characters() -> None:
    code = new_short_code()
    assert len(code) == 12
    assert group(code).count("-") == 2
