"""Receipt coupons centrally: the tills' issuers and keys, the codes they registered, and the
web shop's check and single redemption of a code (docs/COUPONS.md).

- Issuers: a till asks for its issuer (GET /v1/till/coupon-issuer, made on first ask) or for a
  new one (POST, after its database was reset: its receipt sequence starts again, and a new
  issuer number keeps its codes new). The key is HKDF of the central secret (made at random
  on first use, `central_secrets`) with the issuer number, store and till: derived again to
  check a code, never stored, and given to that till only.
- A code is good in the web shop when: it reads (MALFORMED, TAMPERED), its issuer exists and
  its MAC matches that issuer's key (FORGED), its `coupon_issued` event and its sale have
  both arrived (SALE_NOT_SYNCED), what the customer kept after returns still reaches the
  campaign's threshold (SALE_RETURNED), it has not expired (EXPIRED), the basket reaches the
  campaign's minimum when the web shop says the basket (MINIMUM_NOT_REACHED), and it was not
  redeemed (ALREADY_USED; redeeming again for the same order answers the redemption again).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.central.auth import TillCaller
from sync.central.bulk import insert_new_rows
from sync.central.catalogue import CatalogueError
from sync.central.coupons import campaign_data
from sync.central.database import ConcurrentWriteError, insert_ignoring_duplicates
from sync.central.models import (
    CentralSecret,
    CouponCampaign,
    CouponIssuer,
    IssuedReceiptCoupon,
    Return,
    Sale,
    Store,
    Till,
    table,
)
from sync.coupons.reasons import Refusal
from sync.coupons.receipt_codes import (
    MAX_ISSUER,
    ReceiptCode,
    derive_issuer_key,
    mac_matches,
    read_receipt_code,
)
from sync.protocol import CouponCampaignData, IssuerAnswer

SECRET_NAME = "receipt_coupons"
SECRET_BYTES = 32
RECEIPT_COUPON_NAMESPACE = uuid.UUID("6f1d5c1e-3a43-4c8e-9f2a-52b1d3c0c0de")
"""Issued receipt coupons are keyed by uuid5 of this namespace and the code."""


def receipt_coupon_id(code: str) -> uuid.UUID:
    return uuid.uuid5(RECEIPT_COUPON_NAMESPACE, code)


def central_secret(session: Session, now: datetime) -> bytes:
    """The secret the issuer keys derive from, made at random the first time (in a write
    transaction; concurrent first uses agree on one)."""
    session.execute(
        insert_ignoring_duplicates(session, table(CentralSecret)),
        [{"name": SECRET_NAME, "value": secrets.token_hex(SECRET_BYTES), "created_at": now}],
    )
    secret = _stored_secret(session)
    assert secret is not None, "inserted above"
    return secret


def _stored_secret(session: Session) -> bytes | None:
    value = session.execute(
        select(CentralSecret.value).where(CentralSecret.name == SECRET_NAME)
    ).scalar()
    return None if value is None else bytes.fromhex(value)


def _answer(secret: bytes, issuer: CouponIssuer, caller: TillCaller) -> IssuerAnswer:
    key = derive_issuer_key(secret, issuer.number, caller.store_code, caller.till_id)
    return IssuerAnswer(
        issuer=issuer.number,
        key=key.hex(),
        store_code=caller.store_code,
        till_id=caller.till_id,
        created_at=issuer.created_at,
    )


def till_issuer(session: Session, caller: TillCaller, now: datetime, new: bool) -> IssuerAnswer:
    """The caller's newest issuer with its key; a new one when `new` or when it has none."""
    secret = central_secret(session, now)
    if not new:
        current = session.execute(
            select(CouponIssuer)
            .where(CouponIssuer.till_pk == caller.till_pk)
            .order_by(CouponIssuer.number.desc())
            .limit(1)
        ).scalar()
        if current is not None:
            return _answer(secret, current, caller)
    number = (session.execute(select(func.max(CouponIssuer.number))).scalar() or 0) + 1
    if number > MAX_ISSUER:
        raise CatalogueError("no receipt-coupon issuer numbers are left")
    row = {"number": number, "till_pk": caller.till_pk, "created_at": now}
    if insert_new_rows(session, table(CouponIssuer), [row], "number") != 1:
        raise ConcurrentWriteError("another till took the issuer number")
    return _answer(secret, CouponIssuer(**row), caller)


def issuer_matches(session: Session, code: ReceiptCode) -> tuple[str, str] | None:
    """(store code, till id) of the code's issuer when the code's MAC is that issuer's;
    None for a code no issuer of this service made."""
    secret = _stored_secret(session)
    found = session.execute(
        select(Store.code, Till.till_id)
        .select_from(CouponIssuer)
        .join(Till, Till.id == CouponIssuer.till_pk)
        .join(Store, Store.id == Till.store_id)
        .where(CouponIssuer.number == code.issuer)
    ).one_or_none()
    if secret is None or found is None:
        return None
    store_code, till_id = found
    key = derive_issuer_key(secret, code.issuer, store_code, till_id)
    return (store_code, till_id) if mac_matches(code, key) else None


@dataclass(frozen=True, slots=True)
class ReceiptVerdict:
    """What the web shop is told of a code (plain data, usable after the transaction)."""

    code: str
    refusal: Refusal | None
    campaign: CouponCampaignData | None = None
    """The campaign that issued it, when the code is registered."""
    expires_at: datetime | None = None
    order_id: str | None = None
    redeemed_at: datetime | None = None


def _kept(session: Session, sale: Sale) -> int:
    """What the customer kept of the sale: its total less what was refused back."""
    returned = session.execute(
        select(func.coalesce(func.sum(Return.total), 0)).where(Return.sale_id == sale.id)
    ).scalar_one()
    return sale.total - int(returned)


def _verdict(
    code: str,
    refusal: Refusal | None,
    issued: IssuedReceiptCoupon,
    campaign: CouponCampaign | None,
) -> ReceiptVerdict:
    return ReceiptVerdict(
        code=code,
        refusal=refusal,
        campaign=None if campaign is None else campaign_data(campaign),
        expires_at=issued.expires_at,
        order_id=issued.order_id,
        redeemed_at=issued.redeemed_at,
    )


def _check(
    session: Session, text: str, now: datetime, basket_total: int | None
) -> tuple[ReceiptVerdict, IssuedReceiptCoupon | None]:
    code = read_receipt_code(text)
    if isinstance(code, Refusal):
        return ReceiptVerdict(text, code), None
    if issuer_matches(session, code) is None:
        return ReceiptVerdict(code.text, Refusal.FORGED), None
    issued = session.get(IssuedReceiptCoupon, receipt_coupon_id(code.text))
    sale = None if issued is None else session.get(Sale, issued.sale_id)
    if issued is None or sale is None:
        return ReceiptVerdict(code.text, Refusal.SALE_NOT_SYNCED), None
    campaign = session.execute(
        select(CouponCampaign).where(CouponCampaign.code == issued.campaign)
    ).scalar_one_or_none()
    threshold = sale.total if campaign is None else (campaign.issue_min_total or 0)
    refusal: Refusal | None = None
    if _kept(session, sale) < threshold:
        refusal = Refusal.SALE_RETURNED
    elif now >= issued.expires_at:
        refusal = Refusal.EXPIRED
    elif campaign is None:
        refusal = Refusal.UNKNOWN_CODE
    elif basket_total is not None and basket_total < campaign.min_basket:
        refusal = Refusal.MINIMUM_NOT_REACHED
    elif issued.redeemed_at is not None:
        refusal = Refusal.ALREADY_USED
    return _verdict(code.text, refusal, issued, campaign), issued


def receipt_verdict(
    session: Session, text: str, now: datetime, basket_total: int | None = None
) -> ReceiptVerdict:
    """Whether the receipt code in `text` may be redeemed now (module docstring's order)."""
    return _check(session, text, now, basket_total)[0]


def redeem_receipt_code(
    session: Session, text: str, order_id: str, now: datetime, basket_total: int | None = None
) -> ReceiptVerdict:
    """Redeem the code for the web shop's order once. The same order asking again (a lost
    answer) gets its redemption again; any other gets ALREADY_USED."""
    verdict, issued = _check(session, text, now, basket_total)
    if verdict.refusal is Refusal.ALREADY_USED and verdict.order_id == order_id:
        return replace(verdict, refusal=None)
    if verdict.refusal is not None or issued is None:
        return verdict
    done = session.execute(
        update(IssuedReceiptCoupon)
        .where(IssuedReceiptCoupon.id == issued.id, IssuedReceiptCoupon.redeemed_at.is_(None))
        .values(redeemed_at=now, order_id=order_id)
        .returning(IssuedReceiptCoupon.id)
    ).first()
    if done is None:
        raise ConcurrentWriteError("the code was redeemed meanwhile")
    return replace(verdict, order_id=order_id, redeemed_at=now)


def receipt_expiry(
    campaign: CouponCampaign | None, claimed: datetime, received_at: datetime
) -> datetime:
    """When a registered code expires: as the till says, but never later than the campaign's
    days from its arrival here (a till's clock may be far off)."""
    if campaign is None or campaign.valid_days is None:
        return claimed
    return min(claimed, received_at + timedelta(days=campaign.valid_days))
