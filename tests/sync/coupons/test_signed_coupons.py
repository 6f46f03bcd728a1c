"""Signed web-shop coupons: the payload round trip and every refusal with its reason: forged,
tampered, expired, revoked, unknown key, wrong scope, minimum not reached, already used."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.coupons.crockford import ALPHABET, check_character, encode_bytes, normalise
from sync.coupons.reasons import Refusal
from sync.coupons.signed import (
    MIN_LENGTH,
    PREFIX,
    SignedCoupon,
    decode_terms,
    encode_terms,
    new_key_pair,
    public_key_of,
    read_signed_coupon,
    sign_coupon,
)
from sync.coupons.terms import EPOCH, BasketLine, CouponTerms, Scope, ValueKind
from sync.coupons.verification import (
    Accepted,
    Refused,
    Revocations,
    TrustedKey,
    verify_signed_coupon,
)

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
PRIVATE, PUBLIC = new_key_pair()
KEYS = {3: TrustedKey(3, PUBLIC)}
TERMS = CouponTerms(
    key_id=3,
    campaign=17,
    serial=40_001,
    value_kind=ValueKind.PERCENT,
    value=15,
    scope=Scope.CATEGORY,
    scope_ref="Nabiał",
    min_basket=5000,
    expires_at=datetime(2026, 6, 30, 22, 0, tzinfo=UTC),
    single_use=True,
)
BASKET = [
    BasketLine("P0000001", "Nabiał", 1299),
    BasketLine("P0000002", "Pieczywo", 4500),
]

terms_strategy = st.builds(
    CouponTerms,
    key_id=st.integers(1, 255),
    campaign=st.integers(1, 2**32 - 1),
    serial=st.integers(1, 2**40 - 1),
    value_kind=st.just(ValueKind.AMOUNT),
    value=st.integers(1, 10**8),
    scope=st.just(Scope.BASKET),
    scope_ref=st.none(),
    min_basket=st.integers(0, 10**8),
    expires_at=st.integers(0, 10**8).map(lambda minutes: EPOCH + timedelta(minutes=minutes)),
    single_use=st.booleans(),
) | st.builds(
    CouponTerms,
    key_id=st.integers(1, 255),
    campaign=st.integers(1, 2**32 - 1),
    serial=st.integers(1, 2**40 - 1),
    value_kind=st.just(ValueKind.PERCENT),
    value=st.integers(1, 100),
    scope=st.sampled_from([Scope.CATEGORY, Scope.SKU]),
    scope_ref=st.text(
        st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1
    ).filter(lambda ref: len(ref.encode()) <= 64),
    min_basket=st.integers(0, 10**8),
    expires_at=st.integers(0, 10**8).map(lambda minutes: EPOCH + timedelta(minutes=minutes)),
    single_use=st.booleans(),
)


def verify(text: str, **overrides: object) -> Accepted | Refused:
    arguments: dict[str, object] = {
        "keys": KEYS,
        "revocations": Revocations(),
        "now": NOW,
        "basket": BASKET,
        "used": (),
    }
    arguments.update(overrides)
    return verify_signed_coupon(text, **arguments)  # type: ignore[arg-type]


def reason(text: str, **overrides: object) -> Refusal | None:
    verdict = verify(text, **overrides)
    return verdict.reason if isinstance(verdict, Refused) else None


@given(terms_strategy)
def test_terms_round_trip_through_the_payload(terms: CouponTerms) -> None:
    assert decode_terms(encode_terms(terms)) == terms


@given(terms_strategy)
def test_a_signed_text_reads_back(terms: CouponTerms) -> None:
    text = sign_coupon(terms, PRIVATE)
    coupon = read_signed_coupon(text.lower())
    assert isinstance(coupon, SignedCoupon)
    assert coupon.terms == terms
    assert coupon.text == text


def test_a_good_coupon_is_accepted() -> None:
    verdict = verify(sign_coupon(TERMS, PRIVATE))
    assert isinstance(verdict, Accepted)
    assert verdict.coupon.terms == TERMS


def test_a_coupon_signed_by_another_key_is_forged() -> None:
    other_private, _other_public = new_key_pair()
    assert reason(sign_coupon(TERMS, other_private)) is Refusal.FORGED


def test_a_changed_character_is_tampering() -> None:
    text = sign_coupon(TERMS, PRIVATE)
    position = len(text) // 2
    changed = ALPHABET[(ALPHABET.index(text[position]) + 1) % 32]
    assert reason(text[:position] + changed + text[position + 1 :]) is Refusal.TAMPERED


def test_changed_terms_with_a_recomputed_check_are_a_forgery() -> None:
    """Someone who knows the format raises the value and fixes the check character."""
    genuine = read_signed_coupon(sign_coupon(TERMS, PRIVATE))
    assert isinstance(genuine, SignedCoupon)
    body = PREFIX + encode_bytes(encode_terms(replace(TERMS, value=90)) + genuine.signature)
    forged = body + check_character(body)

    assert isinstance(read_signed_coupon(forged), SignedCoupon)
    assert reason(forged) is Refusal.FORGED


def test_an_expired_coupon_is_refused() -> None:
    assert reason(sign_coupon(TERMS, PRIVATE), now=TERMS.expires_at) is Refusal.EXPIRED
    just_before = TERMS.expires_at - timedelta(seconds=1)
    assert reason(sign_coupon(TERMS, PRIVATE), now=just_before) is None


@pytest.mark.parametrize(
    "revocations",
    [Revocations(serials=frozenset({(17, 40_001)})), Revocations(campaigns=frozenset({17}))],
    ids=["serial", "campaign"],
)
def test_revoked_serials_and_campaigns_are_refused(revocations: Revocations) -> None:
    assert reason(sign_coupon(TERMS, PRIVATE), revocations=revocations) is Refusal.REVOKED


def test_other_serials_of_a_campaign_stay_good() -> None:
    revocations = Revocations(serials=frozenset({(17, 40_002), (18, 40_001)}))
    assert reason(sign_coupon(TERMS, PRIVATE), revocations=revocations) is None


def test_a_revoked_key_revokes_its_coupons_but_a_forgery_is_still_named() -> None:
    keys = {3: TrustedKey(3, PUBLIC, revoked=True)}
    other_private, _ = new_key_pair()
    assert reason(sign_coupon(TERMS, PRIVATE), keys=keys) is Refusal.REVOKED
    assert reason(sign_coupon(TERMS, other_private), keys=keys) is Refusal.FORGED


def test_an_unknown_key_id_is_refused() -> None:
    assert reason(sign_coupon(replace(TERMS, key_id=4), PRIVATE)) is Refusal.UNKNOWN_KEY


def test_keys_rotate_old_and_new_both_verify() -> None:
    new_private, new_public = new_key_pair()
    keys = {3: TrustedKey(3, PUBLIC), 4: TrustedKey(4, new_public)}
    assert public_key_of(new_private) == new_public
    assert reason(sign_coupon(TERMS, PRIVATE), keys=keys) is None
    assert reason(sign_coupon(replace(TERMS, key_id=4), new_private), keys=keys) is None
    assert reason(sign_coupon(replace(TERMS, key_id=4), PRIVATE), keys=keys) is Refusal.FORGED


def test_a_scope_that_matches_nothing_is_not_applicable() -> None:
    sku_terms = replace(TERMS, scope=Scope.SKU, scope_ref="P0000099")
    no_dairy = [BasketLine("P0000002", "Pieczywo", 9000)]
    assert reason(sign_coupon(TERMS, PRIVATE), basket=no_dairy) is Refusal.NOT_APPLICABLE
    assert reason(sign_coupon(sku_terms, PRIVATE)) is Refusal.NOT_APPLICABLE
    assert reason(sign_coupon(replace(sku_terms, scope_ref="P0000001"), PRIVATE)) is None


def test_a_basket_under_the_minimum_is_refused() -> None:
    small = [BasketLine("P0000001", "Nabiał", 4999)]
    exactly = [BasketLine("P0000001", "Nabiał", 5000)]
    assert reason(sign_coupon(TERMS, PRIVATE), basket=small) is Refusal.MINIMUM_NOT_REACHED
    assert reason(sign_coupon(TERMS, PRIVATE), basket=exactly) is None


def test_without_a_basket_only_the_coupon_itself_is_checked() -> None:
    assert reason(sign_coupon(TERMS, PRIVATE), basket=None) is None


def test_a_single_use_coupon_used_here_is_refused_a_multi_use_one_is_not() -> None:
    used = {(17, 40_001)}
    assert reason(sign_coupon(TERMS, PRIVATE), used=used) is Refusal.ALREADY_USED
    multi = replace(TERMS, single_use=False)
    assert reason(sign_coupon(multi, PRIVATE), used=used) is None


@pytest.mark.parametrize(
    "text",
    ["", "C1", "hello", "5901234123457", "WAW01-01-000123", "C1ŻÓŁW" * 30, "C1" + "Z" * 20],
)
def test_what_is_not_a_signed_coupon_is_malformed(text: str) -> None:
    assert reason(text) is Refusal.MALFORMED


def test_a_well_checked_text_with_a_broken_payload_is_malformed() -> None:
    body = PREFIX + "0" * (MIN_LENGTH - len(PREFIX))
    assert normalise(body) == body
    assert reason(body + check_character(body)) is Refusal.MALFORMED


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("key_id", 0, "key id"),
        ("campaign", 0, "campaign number"),
        ("serial", 2**40, "serial"),
        ("value", 101, "percent value"),
        ("min_basket", -1, "minimum basket"),
        ("scope_ref", None, "category scope names it"),
        ("expires_at", datetime(2026, 6, 30, 22, 0, 30, tzinfo=UTC), "whole minute"),
    ],
)
def test_terms_outside_the_format_are_refused_when_made(
    field: str, value: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        replace(TERMS, **{field: value})  # type: ignore[arg-type]
