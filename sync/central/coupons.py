"""Web-shop coupons centrally: signing keys, campaigns, minting, revocation, and checking a
coupon with everything the central service knows (docs/COUPONS.md).

- Keys: Ed25519, made here (`new_key`); the private key stays in `coupon_keys`, the public
  key is published (entity `coupon_key`). A new key retires the active one (rotation): it
  signs no more, its coupons stay good. A revoked key's coupons are refused everywhere.
- Campaigns (`put_campaign`) are published (entity `coupon_campaign`) with their offline caps
  and, for receipt campaigns, the rule a till issues by.
- Minting (`mint`) signs `count` coupons of a web-shop campaign with the active key, each with
  the next serial and a random short code; they expire when the campaign ends.
- Revoking a campaign or one serial publishes it (entity `coupon_revoked`).
Writes that publish take the feed's lock first, as every catalogue write does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.central.bulk import insert_new_rows
from sync.central.catalogue import CatalogueError, NotFoundError
from sync.central.database import ConcurrentWriteError
from sync.central.feed import ChangeRow, lock, publish, upserted
from sync.central.models import (
    Coupon,
    CouponCampaign,
    CouponKey,
    CouponRevocation,
    table,
)
from sync.coupons.kinds import CodeKind, code_kind
from sync.coupons.reasons import Refusal
from sync.coupons.short_codes import new_short_code, read_short_code
from sync.coupons.signed import SignedCoupon, new_key_pair, sign_coupon
from sync.coupons.terms import (
    MAX_CAMPAIGN,
    MAX_KEY_ID,
    CouponTerms,
    Scope,
    ValueKind,
    check_scope,
    check_value,
    from_minutes,
    to_minutes,
)
from sync.coupons.verification import (
    Accepted,
    Refused,
    Revocations,
    TrustedKey,
    verify_signed_coupon,
)
from sync.protocol import CouponCampaignData, CouponKeyData, CouponRevocationData, Entity

ACTIVE = "active"
RETIRED = "retired"
REVOKED = "revoked"
MAX_MINT = 10_000
"""Coupons minted in one call."""

KeyStatus = Literal["active", "retired", "revoked"]


@dataclass(frozen=True, slots=True)
class MintedCoupon:
    serial: int
    code: str
    """The signed text (for the QR code)."""
    short_code: str
    """What a person types (print it grouped)."""


# ---- keys ------------------------------------------------------------------------------------


_STATUSES: dict[str, KeyStatus] = {"active": "active", "retired": "retired", "revoked": "revoked"}


def key_data(row: CouponKey) -> CouponKeyData:
    return CouponKeyData(
        key_id=row.key_id,
        public_key=row.public_key,
        status=_STATUSES[row.status],
        created_at=row.created_at,
    )


def _publish_keys(session: Session, rows: Sequence[CouponKey]) -> None:
    publish(
        session,
        [
            upserted(Entity.COUPON_KEY, str(row.key_id), key_data(row).model_dump(mode="json"))
            for row in rows
        ],
    )


def new_key(session: Session, now: datetime) -> CouponKeyData:
    """A new signing key, active from now; the key active until now is retired."""
    lock(session)
    highest = session.execute(select(func.max(CouponKey.key_id))).scalar() or 0
    if highest >= MAX_KEY_ID:
        raise CatalogueError(f"all {MAX_KEY_ID} coupon key ids are taken")
    retired = list(session.execute(select(CouponKey).where(CouponKey.status == ACTIVE)).scalars())
    for row in retired:
        row.status = RETIRED
    private, public = new_key_pair()
    key = CouponKey(
        key_id=highest + 1,
        private_key=private.hex(),
        public_key=public.hex(),
        status=ACTIVE,
        created_at=now,
    )
    session.add(key)
    session.flush()
    _publish_keys(session, [*retired, key])
    return key_data(key)


def set_key_status(session: Session, key_id: int, status: KeyStatus) -> CouponKeyData:
    """Retire a key (no new coupons; its coupons stay good) or revoke it (its coupons are
    refused). A revoked key stays revoked."""
    if status == ACTIVE:
        raise CatalogueError("a key is made active only by making it (new_key)")
    lock(session)
    row = session.get(CouponKey, key_id)
    if row is None:
        raise NotFoundError(f"there is no coupon key {key_id}")
    if row.status != REVOKED:
        row.status = status
        session.flush()
        _publish_keys(session, [row])
    return key_data(row)


def keys(session: Session) -> list[CouponKeyData]:
    return [
        key_data(row)
        for row in session.execute(select(CouponKey).order_by(CouponKey.key_id)).scalars()
    ]


# ---- campaigns -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CampaignSpec:
    """A campaign as an admin defines it (the number is the service's)."""

    code: str
    name: str
    kind: Literal["webshop", "receipt"]
    value_kind: ValueKind
    value: int
    scope: Scope
    scope_ref: str | None
    min_basket: int
    single_use: bool
    valid_from: datetime
    valid_to: datetime | None
    offline_max_discount: int = 0
    offline_max_hours: int = 0
    issue_min_total: int | None = None
    valid_days: int | None = None


def campaign_data(row: CouponCampaign) -> CouponCampaignData:
    return CouponCampaignData(
        code=row.code,
        number=row.number,
        name=row.name,
        kind="receipt" if row.kind == "receipt" else "webshop",
        value_kind=ValueKind(row.value_kind),
        value=row.value,
        scope=Scope(row.scope),
        scope_ref=row.scope_ref,
        min_basket=row.min_basket,
        single_use=row.single_use,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        offline_max_discount=row.offline_max_discount,
        offline_max_hours=row.offline_max_hours,
        issue_min_total=row.issue_min_total,
        valid_days=row.valid_days,
    )


def _check_campaign(spec: CampaignSpec) -> None:
    try:
        check_value(spec.value_kind, spec.value)
        check_scope(spec.scope, spec.scope_ref)
    except ValueError as error:
        raise CatalogueError(str(error)) from error
    if spec.valid_to is not None and spec.valid_to <= spec.valid_from:
        raise CatalogueError("a campaign ends before it starts")
    if spec.kind == "webshop" and spec.valid_to is None:
        raise CatalogueError("a web-shop campaign needs an end: its coupons expire then")
    if spec.kind == "receipt" and (spec.issue_min_total is None or spec.valid_days is None):
        raise CatalogueError("a receipt campaign needs issue_min_total and valid_days")


def campaign_by_code(session: Session, code: str, for_update: bool = False) -> CouponCampaign:
    query = select(CouponCampaign).where(CouponCampaign.code == code)
    if for_update:
        query = query.with_for_update()
    row = session.execute(query).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"there is no coupon campaign {code!r}")
    return row


def put_campaign(session: Session, spec: CampaignSpec) -> CouponCampaignData:
    """Create or replace the campaign `spec.code` (its number and serials stay) and publish
    it. Coupons minted already keep the terms they were signed with."""
    lock(session)
    _check_campaign(spec)
    row = session.execute(
        select(CouponCampaign).where(CouponCampaign.code == spec.code)
    ).scalar_one_or_none()
    if row is None:
        number = (session.execute(select(func.max(CouponCampaign.number))).scalar() or 0) + 1
        if number > MAX_CAMPAIGN:
            raise CatalogueError("no campaign numbers are left")
        row = CouponCampaign(id=uuid.uuid4(), code=spec.code, number=number, next_serial=1)
        session.add(row)
    row.name = spec.name
    row.kind = spec.kind
    row.value_kind = spec.value_kind.value
    row.value = spec.value
    row.scope = spec.scope.value
    row.scope_ref = spec.scope_ref
    row.min_basket = spec.min_basket
    row.single_use = spec.single_use
    row.valid_from = spec.valid_from
    row.valid_to = spec.valid_to
    row.offline_max_discount = spec.offline_max_discount
    row.offline_max_hours = spec.offline_max_hours
    row.issue_min_total = spec.issue_min_total
    row.valid_days = spec.valid_days
    session.flush()
    data = campaign_data(row)
    publish(session, [upserted(Entity.COUPON_CAMPAIGN, spec.code, data.model_dump(mode="json"))])
    return data


def campaigns(session: Session) -> list[CouponCampaignData]:
    rows = session.execute(select(CouponCampaign).order_by(CouponCampaign.code)).scalars()
    return [campaign_data(row) for row in rows]


# ---- minting ---------------------------------------------------------------------------------


def _active_key(session: Session) -> CouponKey:
    key = session.execute(
        select(CouponKey).where(CouponKey.status == ACTIVE).order_by(CouponKey.key_id.desc())
    ).scalar()
    if key is None:
        raise CatalogueError("there is no active coupon key: make one (pos-central new-coupon-key)")
    return key


def mint(session: Session, code: str, count: int, now: datetime) -> list[MintedCoupon]:
    """`count` new coupons of the web-shop campaign `code`, signed with the active key."""
    if not 1 <= count <= MAX_MINT:
        raise CatalogueError(f"mint 1 to {MAX_MINT} coupons at a time")
    campaign = campaign_by_code(session, code, for_update=True)
    if campaign.kind != "webshop" or campaign.valid_to is None:
        raise CatalogueError(f"campaign {code} is not a web-shop campaign")
    if campaign.valid_to <= now:
        raise CatalogueError(f"campaign {code} has ended")
    key = _active_key(session)
    private_key = bytes.fromhex(key.private_key)
    expires_at = from_minutes(to_minutes(campaign.valid_to))
    first = campaign.next_serial
    campaign.next_serial = first + count
    minted: list[MintedCoupon] = []
    for serial in range(first, first + count):
        terms = CouponTerms(
            key_id=key.key_id,
            campaign=campaign.number,
            serial=serial,
            value_kind=ValueKind(campaign.value_kind),
            value=campaign.value,
            scope=Scope(campaign.scope),
            scope_ref=campaign.scope_ref,
            min_basket=campaign.min_basket,
            expires_at=expires_at,
            single_use=campaign.single_use,
        )
        minted.append(MintedCoupon(serial, sign_coupon(terms, private_key), new_short_code()))
    session.flush()
    rows = [
        {
            "id": uuid.uuid4(),
            "campaign_id": campaign.id,
            "serial": coupon.serial,
            "short_code": coupon.short_code,
            "text": coupon.code,
            "key_id": key.key_id,
            "expires_at": expires_at,
            "created_at": now,
        }
        for coupon in minted
    ]
    if insert_new_rows(session, table(Coupon), rows, "id") != len(rows):
        raise ConcurrentWriteError("a short code was taken already: mint again")
    return minted


# ---- revocation ------------------------------------------------------------------------------


def revocation_key(campaign: int, serial: int | None) -> str:
    return str(campaign) if serial is None else f"{campaign}/{serial}"


def revoke(
    session: Session, code: str, serial: int | None, reason: str, now: datetime
) -> CouponRevocationData:
    """Revoke the campaign `code` (serial None) or one of its serials, and publish it."""
    lock(session)
    campaign = campaign_by_code(session, code)
    if serial is not None and not 1 <= serial < campaign.next_serial:
        raise NotFoundError(f"campaign {code} has no coupon {serial}")
    query = select(CouponRevocation).where(CouponRevocation.campaign_id == campaign.id)
    query = query.where(
        CouponRevocation.serial.is_(None) if serial is None else CouponRevocation.serial == serial
    )
    row = session.execute(query).scalar_one_or_none()
    if row is None:
        row = CouponRevocation(
            id=uuid.uuid4(), campaign_id=campaign.id, serial=serial, reason=reason, revoked_at=now
        )
        session.add(row)
        session.flush()
    data = CouponRevocationData(
        campaign=campaign.number, serial=serial, reason=row.reason, revoked_at=row.revoked_at
    )
    change: ChangeRow = upserted(
        Entity.COUPON_REVOCATION,
        revocation_key(campaign.number, serial),
        data.model_dump(mode="json"),
    )
    publish(session, [change])
    return data


# ---- checking --------------------------------------------------------------------------------


def trust(session: Session) -> tuple[dict[int, TrustedKey], Revocations]:
    """The keys and revocations as a till holds them after a full sync."""
    trusted = {
        row.key_id: TrustedKey(row.key_id, bytes.fromhex(row.public_key), row.status == REVOKED)
        for row in session.execute(select(CouponKey)).scalars()
    }
    campaigns: set[int] = set()
    serials: set[tuple[int, int]] = set()
    for number, serial in session.execute(
        select(CouponCampaign.number, CouponRevocation.serial).join(
            CouponCampaign, CouponCampaign.id == CouponRevocation.campaign_id
        )
    ):
        if serial is None:
            campaigns.add(number)
        else:
            serials.add((number, serial))
    return trusted, Revocations(frozenset(campaigns), frozenset(serials))


def minted_coupon(session: Session, campaign: int, serial: int) -> Coupon | None:
    return session.execute(
        select(Coupon)
        .join(CouponCampaign, CouponCampaign.id == Coupon.campaign_id)
        .where(CouponCampaign.number == campaign, Coupon.serial == serial)
    ).scalar_one_or_none()


def check_code(session: Session, text: str, now: datetime) -> SignedCoupon | Refusal:
    """The coupon behind a signed text or a short code, checked as a till would check it (no
    basket) and known here as minted; or why not. Use is checked by the caller."""
    signed_text = text
    if code_kind(text) is CodeKind.SHORT:
        short = read_short_code(text)
        if isinstance(short, Refusal):
            return short
        found = session.execute(select(Coupon.text).where(Coupon.short_code == short)).scalar()
        if found is None:
            return Refusal.UNKNOWN_CODE
        signed_text = found
    keyring, revocations = trust(session)
    verdict = verify_signed_coupon(signed_text, keyring, revocations, now)
    if isinstance(verdict, Refused):
        return verdict.reason
    assert isinstance(verdict, Accepted)
    terms = verdict.coupon.terms
    if minted_coupon(session, terms.campaign, terms.serial) is None:
        return Refusal.UNKNOWN_CODE
    return verdict.coupon


def lock_coupon(session: Session, campaign: int, serial: int) -> None:
    """Hold the minted coupon's row until the transaction ends (PostgreSQL; SQLite has one
    writer): reservations and redemptions of one coupon go one after another."""
    session.execute(
        update(Coupon)
        .where(
            Coupon.campaign_id
            == select(CouponCampaign.id).where(CouponCampaign.number == campaign).scalar_subquery()
        )
        .where(Coupon.serial == serial)
        .values(serial=Coupon.serial)
    )
