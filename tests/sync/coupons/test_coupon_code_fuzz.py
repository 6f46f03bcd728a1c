"""Every coupon code reader fuzzed with Hypothesis: arbitrary text and mangled real codes
(characters changed, dropped, added, cut) give an answer or a refusal, never an exception."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.coupons.crockford import ALPHABET
from sync.coupons.kinds import CodeKind, code_kind
from sync.coupons.reasons import Refusal
from sync.coupons.receipt_codes import (
    IssuerKey,
    ReceiptCode,
    issue_receipt_code,
    mac_matches,
    read_receipt_code,
)
from sync.coupons.short_codes import new_short_code, read_short_code
from sync.coupons.signed import new_key_pair, sign_coupon
from sync.coupons.terms import BasketLine, CouponTerms, Scope, ValueKind
from sync.coupons.verification import (
    Accepted,
    Refused,
    Revocations,
    TrustedKey,
    verify_signed_coupon,
)

PRIVATE, PUBLIC = new_key_pair()
KEYS = {1: TrustedKey(1, PUBLIC)}
SIGNED = sign_coupon(
    CouponTerms(
        key_id=1,
        campaign=5,
        serial=77,
        value_kind=ValueKind.AMOUNT,
        value=2000,
        scope=Scope.SKU,
        scope_ref="P0000001",
        min_basket=0,
        expires_at=datetime(2030, 1, 1, tzinfo=UTC),
        single_use=True,
    ),
    PRIVATE,
)
ISSUER = IssuerKey(9, bytes(32))
RECEIPT = issue_receipt_code(ISSUER, 321)
SHORT = new_short_code()
NOW = datetime(2026, 1, 1, tzinfo=UTC)
BASKET = [BasketLine("P0000001", None, 5000)]

crockford_ish = st.text(alphabet=ALPHABET + "oOiIlLuU- _*~$=", max_size=200)


@st.composite
def mangled(draw: st.DrawFn, code: str) -> str:
    text = code
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["change", "drop", "add", "cut"]))
        position = draw(st.integers(0, max(0, len(text) - 1)))
        character = draw(st.sampled_from(ALPHABET + "-x"))
        if operation == "change" and text:
            text = text[:position] + character + text[position + 1 :]
        elif operation == "drop":
            text = text[:position] + text[position + 1 :]
        elif operation == "add":
            text = text[:position] + character + text[position:]
        else:
            text = text[:position]
    return text


any_text = st.text(max_size=300) | crockford_ish


def _read_everything(text: str) -> None:
    verdict = verify_signed_coupon(text, KEYS, Revocations(), NOW, BASKET, used={(5, 77)})
    assert isinstance(verdict, Accepted | Refused)
    receipt = read_receipt_code(text)
    if isinstance(receipt, ReceiptCode):
        assert isinstance(mac_matches(receipt, ISSUER.key), bool)
    else:
        assert isinstance(receipt, Refusal)
    assert isinstance(read_short_code(text), str)
    assert code_kind(text) in (None, *CodeKind)


@settings(max_examples=400)
@given(any_text)
def test_arbitrary_text_never_raises(text: str) -> None:
    _read_everything(text)


@settings(max_examples=400)
@given(mangled(SIGNED) | mangled(RECEIPT) | mangled(SHORT))
def test_mangled_codes_never_raise_and_are_never_taken(text: str) -> None:
    _read_everything(text)
    verdict = verify_signed_coupon(text, KEYS, Revocations(), NOW, BASKET)
    if isinstance(verdict, Accepted):
        # A mangling that left the coupon as it was (e.g. only separators or case changed).
        assert verdict.coupon.text == SIGNED
    receipt = read_receipt_code(text)
    if isinstance(receipt, ReceiptCode) and mac_matches(receipt, ISSUER.key):
        assert receipt.text == RECEIPT


def test_the_kinds_are_told_apart() -> None:
    assert code_kind(SIGNED) is CodeKind.SIGNED
    assert code_kind(RECEIPT.lower()) is CodeKind.RECEIPT
    assert code_kind(SHORT) is CodeKind.SHORT
    assert code_kind("5901234123457") is None
    assert code_kind("żółw") is None
