"""Single use of web-shop coupons: reservations by online tills, redemptions from the tills'
`coupon_redeemed` events, and the conflicts found after the fact.

- A till online reserves a coupon before it takes it (`reserve`): refused when the coupon is
  refused by the checks of coupons.check_code, or (single use) redeemed already or held by
  another live reservation. The reservation lives `ttl_seconds`; the sale's `coupon_redeemed`
  event confirms it, `release` gives it back.
- A redemption is always recorded (`record_redemption`): the sale happened. A single-use
  coupon redeemed before by another redemption, or a coupon the central keys refuse, is
  recorded as a coupon conflict for the report (`coupon_conflicts`), never refused.
Reservations and redemptions of one coupon lock its minted row (coupons.lock_coupon), so two
tills racing for it go one after another.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.central.auth import TillCaller
from sync.central.bulk import insert_new_rows
from sync.central.catalogue import CatalogueError
from sync.central.coupons import check_code, lock_coupon, trust
from sync.central.events import utc
from sync.central.models import (
    CouponConflict,
    CouponRedemption,
    CouponReservation,
    Store,
    table,
)
from sync.coupons.reasons import Refusal
from sync.coupons.signed import SignedCoupon, read_signed_coupon
from sync.coupons.verification import Refused, verify_signed_coupon
from sync.protocol import CouponRedeemedPayload, ReservationAnswer, ReservationRequest

RESERVED = "reserved"
RELEASED = "released"
CONFIRMED = "confirmed"
DOUBLE_REDEMPTION = "double_redemption"
NOT_VALID_CENTRALLY = "coupon_not_valid"


@dataclass(frozen=True, slots=True)
class CouponConflictRow:
    kind: str
    coupon: str
    store_code: str
    till_id: str
    sale_id: uuid.UUID | None
    earlier_sale_id: uuid.UUID | None
    reason: str
    detected_at: datetime


def _answer(row: CouponReservation, now: datetime) -> ReservationAnswer:
    status = row.status
    if status == RESERVED and row.expires_at <= now:
        status = RELEASED
    return ReservationAnswer(
        id=row.id,
        status="reserved"
        if status == RESERVED
        else "confirmed"
        if status == CONFIRMED
        else "released",
        coupon=row.coupon_text,
        expires_at=row.expires_at,
        server_time=now,
    )


def _refused(request_id: uuid.UUID, reason: Refusal, now: datetime) -> ReservationAnswer:
    return ReservationAnswer(id=request_id, status="refused", reason=reason, server_time=now)


def _redeemed_before(session: Session, campaign: int, serial: int) -> CouponRedemption | None:
    return session.execute(
        select(CouponRedemption)
        .where(CouponRedemption.campaign == campaign, CouponRedemption.serial == serial)
        .order_by(CouponRedemption.received_at)
        .limit(1)
    ).scalar()


def _held_elsewhere(
    session: Session, campaign: int, serial: int, reservation_id: uuid.UUID, now: datetime
) -> bool:
    return (
        session.execute(
            select(CouponReservation.id)
            .where(CouponReservation.campaign == campaign, CouponReservation.serial == serial)
            .where(CouponReservation.id != reservation_id)
            .where(CouponReservation.status == RESERVED, CouponReservation.expires_at > now)
            .limit(1)
        ).first()
        is not None
    )


def used_elsewhere(
    session: Session, coupon: SignedCoupon, reservation_id: uuid.UUID | None, now: datetime
) -> bool:
    """Whether a single-use coupon was redeemed, or is held by a live reservation other than
    `reservation_id`."""
    terms = coupon.terms
    if not terms.single_use:
        return False
    if _redeemed_before(session, terms.campaign, terms.serial) is not None:
        return True
    return reservation_id is not None and _held_elsewhere(
        session, terms.campaign, terms.serial, reservation_id, now
    )


def reserve(
    session: Session, caller: TillCaller, request: ReservationRequest, now: datetime
) -> ReservationAnswer:
    """Hold the coupon for the caller's sale, or say why not. The same request again answers
    the same reservation (its state now)."""
    existing = session.get(CouponReservation, request.id)
    if existing is not None:
        if existing.till_pk != caller.till_pk:
            raise CatalogueError("this reservation id belongs to another till")
        return _answer(existing, now)
    found = check_code(session, request.code, now)
    if isinstance(found, Refusal):
        return _refused(request.id, found, now)
    terms = found.terms
    lock_coupon(session, terms.campaign, terms.serial)
    if used_elsewhere(session, found, request.id, now):
        return _refused(request.id, Refusal.ALREADY_USED, now)
    row = CouponReservation(
        id=request.id,
        campaign=terms.campaign,
        serial=terms.serial,
        coupon_text=found.text,
        store_id=caller.store_id,
        till_pk=caller.till_pk,
        status=RESERVED,
        created_at=now,
        expires_at=min(now + timedelta(seconds=request.ttl_seconds), terms.expires_at),
        sale_id=None,
    )
    session.add(row)
    session.flush()
    return _answer(row, now)


def release(
    session: Session, caller: TillCaller, reservation_id: uuid.UUID, now: datetime
) -> ReservationAnswer | None:
    """Give the coupon back (a sale given up); None when the caller has no such reservation.
    A confirmed reservation stays confirmed."""
    row = session.get(CouponReservation, reservation_id)
    if row is None or row.till_pk != caller.till_pk:
        return None
    if row.status == RESERVED:
        row.status = RELEASED
        session.flush()
    return _answer(row, now)


def record_redemption(
    session: Session,
    redemption: CouponRedeemedPayload,
    event_id: uuid.UUID,
    payload_hash: str,
    store_id: uuid.UUID,
    now: datetime,
) -> bool:
    """Store a sale's redemption (never refused), confirm its reservation, and record a
    coupon conflict when the coupon was redeemed before or is not valid by the central keys.
    False when the redemption was stored meanwhile (by a concurrent push)."""
    coupon = read_signed_coupon(redemption.coupon)
    assert isinstance(coupon, SignedCoupon), "checked when the event was parsed"
    terms = coupon.terms
    lock_coupon(session, terms.campaign, terms.serial)
    earlier = _redeemed_before(session, terms.campaign, terms.serial)
    name = f"{terms.campaign}/{terms.serial}"
    conflicts: list[tuple[str, str, uuid.UUID | None]] = []
    if terms.single_use and earlier is not None:
        conflicts.append(
            (
                DOUBLE_REDEMPTION,
                f"single-use coupon {name} redeemed again (first by sale {earlier.sale_id} "
                f"at till {earlier.till_id})",
                earlier.sale_id,
            )
        )
    keyring, revocations = trust(session)
    redeemed_at = utc(redemption.redeemed_at)
    verdict = verify_signed_coupon(coupon.text, keyring, revocations, redeemed_at)
    if isinstance(verdict, Refused):
        conflicts.append(
            (NOT_VALID_CENTRALLY, f"coupon {name} redeemed although {verdict.reason}", None)
        )
    row = {
        "id": redemption.id,
        "event_id": event_id,
        "payload_hash": payload_hash,
        "campaign": terms.campaign,
        "serial": terms.serial,
        "single_use": terms.single_use,
        "sale_id": redemption.sale_id,
        "store_id": store_id,
        "till_id": redemption.till_id,
        "discount": redemption.discount,
        "offline": redemption.offline,
        "reservation_id": redemption.reservation_id,
        "redeemed_at": redeemed_at,
        "received_at": now,
    }
    if not insert_new_rows(session, table(CouponRedemption), [row], "id"):
        return False
    for kind, reason, earlier_sale in conflicts:
        record_conflict(
            session,
            kind,
            name,
            store_id,
            redemption.till_id,
            redemption.sale_id,
            reason,
            now,
            earlier_sale,
        )
    if redemption.reservation_id is not None:
        reservation = session.get(CouponReservation, redemption.reservation_id)
        if reservation is not None and (reservation.campaign, reservation.serial) == (
            terms.campaign,
            terms.serial,
        ):
            reservation.status = CONFIRMED
            reservation.sale_id = redemption.sale_id
    session.flush()
    return True


def record_conflict(
    session: Session,
    kind: str,
    coupon: str,
    store_id: uuid.UUID,
    till_id: str,
    sale_id: uuid.UUID | None,
    reason: str,
    now: datetime,
    earlier_sale_id: uuid.UUID | None = None,
) -> None:
    """A coupon conflict for the report (it changes nothing else)."""
    session.add(
        CouponConflict(
            id=uuid.uuid4(),
            kind=kind,
            coupon=coupon,
            store_id=store_id,
            till_id=till_id,
            sale_id=sale_id,
            earlier_sale_id=earlier_sale_id,
            reason=reason,
            detected_at=now,
        )
    )


def coupon_conflicts(session: Session, limit: int) -> list[CouponConflictRow]:
    """The newest coupon conflicts first."""
    rows = session.execute(
        select(CouponConflict, Store.code)
        .join(Store, Store.id == CouponConflict.store_id)
        .order_by(CouponConflict.detected_at.desc(), CouponConflict.id)
        .limit(limit)
    )
    return [
        CouponConflictRow(
            kind=conflict.kind,
            coupon=conflict.coupon,
            store_code=store_code,
            till_id=conflict.till_id,
            sale_id=conflict.sale_id,
            earlier_sale_id=conflict.earlier_sale_id,
            reason=conflict.reason,
            detected_at=conflict.detected_at,
        )
        for conflict, store_code in rows
    ]
