"""Endpoints of promotions and coupons for the back office (/v1/admin, an admin's token) and
for the tills (/v1/coupons, /v1/till, a till's token). docs/API.md lists them; the web shop's
own endpoints are in webshop.py."""

import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from sqlalchemy import Engine

from sync.central.admin import ADMIN_ERRORS, NO_CONTROL_PATTERN
from sync.central.auth import AdminCaller, TillCaller
from sync.central.coupon_redemptions import coupon_conflicts, release, reserve, used_elsewhere
from sync.central.coupons import (
    CampaignSpec,
    campaigns,
    check_code,
    keys,
    mint,
    new_key,
    put_campaign,
    revoke,
    set_key_status,
)
from sync.central.database import read_session, write_transaction
from sync.central.promotions import delete_promotion, promotions, put_promotion
from sync.central.receipt_coupons import till_issuer
from sync.central.webshop import CAMPAIGN_CODE_PATTERN, MintedCouponOut, MintInput, minted_out
from sync.coupons.reasons import Refusal
from sync.coupons.terms import MAX_AMOUNT, MAX_KEY_ID, MAX_PERCENT, MAX_SERIAL, Scope, ValueKind
from sync.protocol import (
    CouponCampaignData,
    CouponCheckAnswer,
    CouponCheckRequest,
    CouponKeyData,
    CouponRevocationData,
    ErrorBody,
    IssuerAnswer,
    PromotionData,
    PromotionKind,
    ReservationAnswer,
    ReservationRequest,
)

PROMOTION_CODE_PATTERN = r"^[A-Za-z0-9._-]{1,64}$"
MAX_PRIORITY = 1000
MAX_DAYS = 3660
MAX_HOURS = 24 * 90

Caller = TillCaller | AdminCaller
Grosze = Annotated[int, Field(ge=0, le=MAX_AMOUNT)]
Text = Annotated[str, Field(min_length=1, max_length=120, pattern=NO_CONTROL_PATTERN)]
Ref = Annotated[str, Field(min_length=1, max_length=64, pattern=NO_CONTROL_PATTERN)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PromotionInput(_Input):
    name: Text
    kind: PromotionKind
    scope: Scope
    target: Ref | None = None
    percent: Annotated[int | None, Field(ge=1, le=MAX_PERCENT)] = None
    amount: Annotated[int | None, Field(ge=1, le=MAX_AMOUNT)] = None
    buy: Annotated[int | None, Field(ge=1, le=999)] = None
    get: Annotated[int | None, Field(ge=1, le=999)] = None
    min_basket: Grosze = 0
    priority: Annotated[int, Field(ge=-MAX_PRIORITY, le=MAX_PRIORITY)] = 0
    valid_from: AwareDatetime
    valid_to: AwareDatetime | None = None


class CampaignInput(_Input):
    name: Text
    kind: Literal["webshop", "receipt"]
    value_kind: ValueKind
    value: Annotated[int, Field(ge=1, le=MAX_AMOUNT)]
    scope: Scope = Scope.BASKET
    scope_ref: Ref | None = None
    min_basket: Grosze = 0
    single_use: bool = True
    valid_from: AwareDatetime
    valid_to: AwareDatetime | None = None
    offline_max_discount: Grosze = 0
    offline_max_hours: Annotated[int, Field(ge=0, le=MAX_HOURS)] = 0
    issue_min_total: Grosze | None = None
    valid_days: Annotated[int | None, Field(ge=1, le=MAX_DAYS)] = None


class RevokeInput(_Input):
    serial: Annotated[int | None, Field(ge=1, le=MAX_SERIAL)] = Field(
        default=None, description="one coupon; none: the whole campaign"
    )
    reason: Annotated[str, Field(min_length=1, max_length=200, pattern=NO_CONTROL_PATTERN)]


class CouponConflictOut(BaseModel):
    kind: str
    coupon: str
    store_code: str
    till_id: str
    sale_id: uuid.UUID | None
    earlier_sale_id: uuid.UUID | None
    reason: str
    detected_at: datetime


def _admin_only(caller: Callable[..., Caller]) -> Callable[..., AdminCaller]:
    def admin(found: Annotated[Caller, Depends(caller)]) -> AdminCaller:
        if not isinstance(found, AdminCaller):
            raise HTTPException(403, "this needs an admin token")
        return found

    return admin


def _till_only(caller: Callable[..., Caller]) -> Callable[..., TillCaller]:
    def till(found: Annotated[Caller, Depends(caller)]) -> TillCaller:
        if not isinstance(found, TillCaller):
            raise HTTPException(403, "this needs a till's token")
        return found

    return till


def coupon_admin_router(engine: Engine, caller: Callable[..., Caller]) -> APIRouter:
    """/v1/admin endpoints of promotions, coupon keys, campaigns, minting, revocations and
    coupon conflicts."""
    router = APIRouter(
        tags=["admin"], dependencies=[Depends(_admin_only(caller))], responses=ADMIN_ERRORS
    )

    @router.put("/promotions/{code}")
    def put_promotion_endpoint(
        code: Annotated[str, Path(pattern=PROMOTION_CODE_PATTERN)], body: PromotionInput
    ) -> PromotionData:
        """Create or replace a promotion (published to the tills)."""
        data = PromotionData(code=code, **body.model_dump())
        now = datetime.now(UTC)
        return write_transaction(engine, lambda session: put_promotion(session, data, now))

    @router.delete("/promotions/{code}", status_code=204)
    def delete_promotion_endpoint(
        code: Annotated[str, Path(pattern=PROMOTION_CODE_PATTERN)],
    ) -> None:
        write_transaction(engine, lambda session: delete_promotion(session, code))

    @router.get("/promotions")
    def promotions_endpoint() -> list[PromotionData]:
        with read_session(engine) as session:
            return promotions(session)

    @router.post("/coupon-keys")
    def new_key_endpoint() -> CouponKeyData:
        """A new signing key; the active one is retired (its coupons stay good)."""
        now = datetime.now(UTC)
        return write_transaction(engine, lambda session: new_key(session, now))

    @router.post("/coupon-keys/{key_id}/{status}")
    def key_status_endpoint(
        key_id: Annotated[int, Path(ge=1, le=MAX_KEY_ID)],
        status: Literal["retired", "revoked"],
    ) -> CouponKeyData:
        """Retire a key (signs no more) or revoke it (its coupons are refused)."""
        return write_transaction(engine, lambda session: set_key_status(session, key_id, status))

    @router.get("/coupon-keys")
    def keys_endpoint() -> list[CouponKeyData]:
        with read_session(engine) as session:
            return keys(session)

    @router.put("/coupon-campaigns/{code}")
    def put_campaign_endpoint(
        code: Annotated[str, Path(pattern=CAMPAIGN_CODE_PATTERN)], body: CampaignInput
    ) -> CouponCampaignData:
        """Create or replace a campaign (published to the tills)."""
        spec = CampaignSpec(code=code, **body.model_dump())
        return write_transaction(engine, lambda session: put_campaign(session, spec))

    @router.get("/coupon-campaigns")
    def campaigns_endpoint() -> list[CouponCampaignData]:
        with read_session(engine) as session:
            return campaigns(session)

    @router.post("/coupon-campaigns/{code}/coupons")
    def mint_endpoint(
        code: Annotated[str, Path(pattern=CAMPAIGN_CODE_PATTERN)], body: MintInput
    ) -> list[MintedCouponOut]:
        """Mint coupons of a web-shop campaign (at most MAX_MINT at a time)."""
        now = datetime.now(UTC)
        return minted_out(
            write_transaction(engine, lambda session: mint(session, code, body.count, now))
        )

    @router.post("/coupon-campaigns/{code}/revocations")
    def revoke_endpoint(
        code: Annotated[str, Path(pattern=CAMPAIGN_CODE_PATTERN)], body: RevokeInput
    ) -> CouponRevocationData:
        """Revoke a campaign or one coupon of it (published to the tills)."""
        now = datetime.now(UTC)
        return write_transaction(
            engine, lambda session: revoke(session, code, body.serial, body.reason, now)
        )

    @router.get("/coupon-conflicts")
    def conflicts_endpoint(
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[CouponConflictOut]:
        """The newest coupon conflicts first: double redemptions of single-use coupons, coupons
        or receipt codes the central keys refuse. The sales stand."""
        with read_session(engine) as session:
            rows = coupon_conflicts(session, limit)
        return [CouponConflictOut(**asdict(row)) for row in rows]

    return router


TILL_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the body cannot be read as JSON"},
    401: {"model": ErrorBody, "description": "no token, or an unknown or revoked one"},
    403: {"model": ErrorBody, "description": "not a till's token"},
    413: {"model": ErrorBody, "description": "the body is too large"},
    503: {"model": ErrorBody, "description": "busy: retry after Retry-After seconds"},
}


def coupon_till_router(engine: Engine, caller: Callable[..., Caller]) -> APIRouter:
    """Endpoints a till uses for coupons: check, reserve, release, its issuer key."""
    router = APIRouter(tags=["till"], responses=TILL_ERRORS)
    till = _till_only(caller)

    @router.post("/coupons/check")
    def check_endpoint(
        body: CouponCheckRequest, _caller: Annotated[Caller, Depends(caller)]
    ) -> CouponCheckAnswer:
        """Whether a web-shop coupon (signed text or short code) could be taken now, and its
        signed text. Nothing is held: reserve it to take it."""
        now = datetime.now(UTC)
        with read_session(engine) as session:
            found = check_code(session, body.code, now)
            if not isinstance(found, Refusal) and used_elsewhere(session, found, None, now):
                found = Refusal.ALREADY_USED
        if isinstance(found, Refusal):
            return CouponCheckAnswer(status="refused", reason=found, server_time=now)
        return CouponCheckAnswer(status="valid", coupon=found.text, server_time=now)

    @router.post(
        "/coupons/reservations",
        responses={409: {"model": ErrorBody, "description": "the id is another till's"}},
    )
    def reserve_endpoint(
        body: ReservationRequest, caller: Annotated[TillCaller, Depends(till)]
    ) -> ReservationAnswer:
        """Hold a web-shop coupon for the sale being made (refused with the reason)."""
        now = datetime.now(UTC)
        return write_transaction(engine, lambda session: reserve(session, caller, body, now))

    @router.post(
        "/coupons/reservations/{reservation_id}/release",
        responses={404: {"model": ErrorBody, "description": "no such reservation of this till"}},
    )
    def release_endpoint(
        reservation_id: uuid.UUID, caller: Annotated[TillCaller, Depends(till)]
    ) -> ReservationAnswer:
        """Give a held coupon back (the sale was given up, or the coupon taken off it)."""
        now = datetime.now(UTC)
        answer = write_transaction(
            engine, lambda session: release(session, caller, reservation_id, now)
        )
        if answer is None:
            raise HTTPException(404, f"this till has no reservation {reservation_id}")
        return answer

    @router.get(
        "/till/coupon-issuer",
        responses={409: {"model": ErrorBody, "description": "no issuer numbers are left"}},
    )
    def issuer_endpoint(caller: Annotated[TillCaller, Depends(till)]) -> IssuerAnswer:
        """This till's receipt-coupon issuer and key (made on the first ask)."""
        now = datetime.now(UTC)
        return write_transaction(
            engine, lambda session: till_issuer(session, caller, now, new=False)
        )

    @router.post(
        "/till/coupon-issuer",
        responses={409: {"model": ErrorBody, "description": "no issuer numbers are left"}},
    )
    def new_issuer_endpoint(caller: Annotated[TillCaller, Depends(till)]) -> IssuerAnswer:
        """A new issuer for this till (after its database was reset: its receipt sequence
        starts again)."""
        now = datetime.now(UTC)
        return write_transaction(
            engine, lambda session: till_issuer(session, caller, now, new=True)
        )

    return router
