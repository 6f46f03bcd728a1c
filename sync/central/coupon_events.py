"""The coupon kinds of outbox event a till pushes (events.py has the others):

- `coupon_redeemed` (CouponRedeemedPayload): a sale took a web-shop coupon. Rejected only when
  its coupon text is not a signed coupon at all; otherwise always stored
  (coupon_redemptions.record_redemption), a double redemption or a coupon the central keys
  refuse becoming a coupon conflict for the report. Document: the redemption's id.
- `coupon_issued` (CouponIssuedPayload): a till printed a receipt coupon. Rejected when the
  code is not a canonical receipt code; a code whose issuer is not the pushing till's, or
  whose MAC does not match, is stored (the web shop refuses it as forged) and reported as a
  coupon conflict. Document: the code (its id is uuid5 of it), so the same code registered
  for two sales is a push conflict.

`register_coupon_events` adds both kinds to events.HANDLERS; the app does it when it is made
(api.create_app).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, MutableMapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.central.bulk import insert_new_rows
from sync.central.coupon_redemptions import record_conflict, record_redemption
from sync.central.events import (
    Accepted,
    Context,
    EventHandler,
    Parsed,
    PayloadError,
    _hashes,
    utc,
)
from sync.central.models import CouponCampaign, CouponRedemption, IssuedReceiptCoupon, Store, table
from sync.central.receipt_coupons import issuer_matches, receipt_coupon_id, receipt_expiry
from sync.coupons.receipt_codes import ReceiptCode, read_receipt_code
from sync.coupons.signed import SignedCoupon, read_signed_coupon
from sync.protocol import CouponIssuedPayload, CouponRedeemedPayload, EventKind

RECEIPT_CODE_NOT_VALID = "receipt_code_not_valid"


class CouponRedeemedHandler(EventHandler):
    kind = EventKind.COUPON_REDEEMED
    model = CouponRedeemedPayload

    def _parsed(self, model: CouponRedeemedPayload) -> Parsed:
        coupon = read_signed_coupon(model.coupon)
        if not isinstance(coupon, SignedCoupon):
            raise PayloadError(f"the redeemed coupon is not a signed coupon ({coupon.value})")
        return Parsed(model.id, model.store_code, model, ())

    def _stored_values(self, model: CouponRedeemedPayload) -> list[object]:
        return [model.store_code, model.till_id, model.coupon, model.discount]

    def existing(self, session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        found: dict[uuid.UUID, str] = _hashes(
            session, CouponRedemption.id, CouponRedemption.payload_hash, ids
        )
        return found

    def store(self, session: Session, accepted: Sequence[Accepted], context: Context) -> int:
        inserted = 0
        for event in accepted:
            redemption = event.parsed.payload
            assert isinstance(redemption, CouponRedeemedPayload)
            inserted += record_redemption(
                session,
                redemption,
                event.event_id,
                event.payload_hash,
                context.store_id,
                context.now,
            )
        return inserted


class CouponIssuedHandler(EventHandler):
    kind = EventKind.COUPON_ISSUED
    model = CouponIssuedPayload

    def _parsed(self, model: CouponIssuedPayload) -> Parsed:
        code = read_receipt_code(model.code)
        if not isinstance(code, ReceiptCode) or code.text != model.code:
            raise PayloadError("the issued code is not a canonical receipt coupon code")
        return Parsed(receipt_coupon_id(model.code), model.store_code, model, ())

    def _stored_values(self, model: CouponIssuedPayload) -> list[object]:
        return [model.code, model.campaign, model.store_code, model.till_id]

    def existing(self, session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        found: dict[uuid.UUID, str] = _hashes(
            session, IssuedReceiptCoupon.id, IssuedReceiptCoupon.payload_hash, ids
        )
        return found

    def store(self, session: Session, accepted: Sequence[Accepted], context: Context) -> int:
        store_code = session.execute(
            select(Store.code).where(Store.id == context.store_id)
        ).scalar_one()
        rows: list[dict[str, Any]] = []
        for event in accepted:
            issued = event.parsed.payload
            assert isinstance(issued, CouponIssuedPayload)
            campaign = session.execute(
                select(CouponCampaign).where(CouponCampaign.code == issued.campaign)
            ).scalar_one_or_none()
            code = read_receipt_code(issued.code)
            assert isinstance(code, ReceiptCode), "checked when the event was parsed"
            if issuer_matches(session, code) != (store_code, issued.till_id):
                record_conflict(
                    session,
                    RECEIPT_CODE_NOT_VALID,
                    issued.code,
                    context.store_id,
                    issued.till_id,
                    issued.sale_id,
                    "the receipt code was not made with this till's issuer key",
                    context.now,
                )
            rows.append(
                {
                    "id": event.parsed.document_id,
                    "code": issued.code,
                    "event_id": event.event_id,
                    "payload_hash": event.payload_hash,
                    "campaign": issued.campaign,
                    "sale_id": issued.sale_id,
                    "store_id": context.store_id,
                    "till_id": issued.till_id,
                    "issued_at": utc(issued.issued_at),
                    "expires_at": receipt_expiry(campaign, utc(issued.expires_at), context.now),
                    "received_at": context.now,
                    "redeemed_at": None,
                    "order_id": None,
                }
            )
        return insert_new_rows(session, table(IssuedReceiptCoupon), rows, "id")


def register_coupon_events(handlers: MutableMapping[str, EventHandler]) -> None:
    """Add the coupon kinds to the push's handlers."""
    for handler in (CouponRedeemedHandler(), CouponIssuedHandler()):
        handlers[handler.kind.value] = handler
