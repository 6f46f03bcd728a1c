"""The web shop's API (/v1/webshop, a web shop's token from `pos-central issue-webshop-token`):
the chain's promotions, minting web-shop coupons, and checking and redeeming receipt coupons.
A web-shop token works nowhere else, and no other token works here (403 for a till's or an
admin's, 401 for an unknown one). Tokens are kept as SHA-256, like the others (auth.py)."""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.central.auth import find_caller, new_token, token_hash
from sync.central.coupons import MAX_MINT, MintedCoupon, mint
from sync.central.database import read_session, write_transaction
from sync.central.models import WebshopToken
from sync.central.promotions import promotions
from sync.central.receipt_coupons import ReceiptVerdict, receipt_verdict, redeem_receipt_code
from sync.coupons.reasons import Refusal
from sync.coupons.terms import MAX_AMOUNT, Scope, ValueKind
from sync.protocol import ErrorBody, PromotionData

CAMPAIGN_CODE_PATTERN = r"^[A-Za-z0-9._-]{1,32}$"
ORDER_ID_PATTERN = r"^[\x21-\x7e]{1,100}$"
"""An order's id in the web shop: 1 to 100 visible ASCII characters."""


@dataclass(frozen=True, slots=True)
class WebshopCaller:
    token_id: uuid.UUID
    name: str


def issue_webshop_token(session: Session, name: str, now: datetime) -> str:
    token = new_token()
    session.add(
        WebshopToken(
            id=uuid.uuid4(),
            name=name,
            token_hash=token_hash(token),
            created_at=now,
            revoked_at=None,
        )
    )
    session.flush()
    return token


def find_webshop(session: Session, token: str) -> WebshopCaller | None:
    found = session.execute(
        select(WebshopToken.id, WebshopToken.name)
        .where(WebshopToken.token_hash == token_hash(token))
        .where(WebshopToken.revoked_at.is_(None))
    ).one_or_none()
    return None if found is None else WebshopCaller(*found)


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MintInput(_Input):
    count: Annotated[int, Field(ge=1, le=MAX_MINT)]


class MintedCouponOut(BaseModel):
    serial: int
    code: str = Field(description="the signed text: print it as a QR code")
    short_code: str = Field(description="what a person types; print it grouped XXXX-XXXX-XXXX")


def minted_out(minted: Sequence[MintedCoupon]) -> list[MintedCouponOut]:
    return [
        MintedCouponOut(serial=coupon.serial, code=coupon.code, short_code=coupon.short_code)
        for coupon in minted
    ]


class ReceiptCodeInput(_Input):
    code: Annotated[str, Field(min_length=1, max_length=64)]
    basket_total: Annotated[int | None, Field(ge=0, le=MAX_AMOUNT)] = Field(
        default=None, description="grosze: check the campaign's minimum basket too"
    )


class RedeemInput(ReceiptCodeInput):
    order_id: Annotated[str, Field(pattern=ORDER_ID_PATTERN)]


class ReceiptCouponAnswer(BaseModel):
    """A receipt code as the web shop sees it: `valid` (it may be redeemed), `redeemed` (by
    this answer, or earlier for the same order) or `refused` with the reason. The campaign's
    terms come with every answer where the code is known."""

    code: str
    status: Literal["valid", "redeemed", "refused"]
    reason: Refusal | None = None
    campaign: str | None = None
    name: str | None = None
    value_kind: ValueKind | None = None
    value: int | None = None
    scope: Scope | None = None
    scope_ref: str | None = None
    min_basket: int | None = None
    expires_at: datetime | None = None
    order_id: str | None = None
    redeemed_at: datetime | None = None


def _answer(verdict: ReceiptVerdict, redeeming: bool) -> ReceiptCouponAnswer:
    campaign = verdict.campaign
    if verdict.refusal is not None:
        status: Literal["valid", "redeemed", "refused"] = "refused"
    else:
        status = "redeemed" if redeeming else "valid"
    answer = ReceiptCouponAnswer(code=verdict.code, status=status, reason=verdict.refusal)
    if campaign is None:
        return answer
    return answer.model_copy(
        update={
            "campaign": campaign.code,
            "name": campaign.name,
            "value_kind": campaign.value_kind,
            "value": campaign.value,
            "scope": campaign.scope,
            "scope_ref": campaign.scope_ref,
            "min_basket": campaign.min_basket,
            "expires_at": verdict.expires_at,
            "order_id": verdict.order_id if status == "redeemed" else None,
            "redeemed_at": verdict.redeemed_at if status == "redeemed" else None,
        }
    )


WEBSHOP_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the body cannot be read as JSON"},
    401: {"model": ErrorBody, "description": "no token, or an unknown or revoked one"},
    403: {"model": ErrorBody, "description": "not a web shop's token"},
    413: {"model": ErrorBody, "description": "the body is too large"},
    503: {"model": ErrorBody, "description": "busy: retry after Retry-After seconds"},
}

_bearer = HTTPBearer(auto_error=False, description="a web shop's token")


def webshop_dependency(engine: Engine) -> Callable[..., WebshopCaller]:
    def webshop(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> WebshopCaller:
        if credentials is None:
            raise HTTPException(
                401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"}
            )
        with read_session(engine) as session:
            found = find_webshop(session, credentials.credentials)
            other = None if found is not None else find_caller(session, credentials.credentials)
        if found is not None:
            return found
        if other is not None:
            raise HTTPException(403, "this needs a web shop's token")
        raise HTTPException(
            401, "the token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"}
        )

    return webshop


def webshop_router(engine: Engine) -> APIRouter:
    router = APIRouter(
        tags=["webshop"],
        dependencies=[Depends(webshop_dependency(engine))],
        responses=WEBSHOP_ERRORS,
    )

    @router.get("/promotions")
    def promotions_endpoint() -> list[PromotionData]:
        """The promotions running or to come, the same the tills apply."""
        with read_session(engine) as session:
            return promotions(session, datetime.now(UTC))

    @router.post(
        "/campaigns/{code}/coupons",
        responses={
            404: {"model": ErrorBody, "description": "no such campaign"},
            409: {"model": ErrorBody, "description": "not a running web-shop campaign, no key"},
        },
    )
    def mint_endpoint(
        code: Annotated[str, Path(pattern=CAMPAIGN_CODE_PATTERN)], body: MintInput
    ) -> list[MintedCouponOut]:
        """Mint coupons of a web-shop campaign (signed with the active key)."""
        now = datetime.now(UTC)
        return minted_out(
            write_transaction(engine, lambda session: mint(session, code, body.count, now))
        )

    @router.post("/receipt-coupons/validate")
    def validate_endpoint(body: ReceiptCodeInput) -> ReceiptCouponAnswer:
        """Whether a receipt code may be redeemed now (nothing changes)."""
        with read_session(engine) as session:
            verdict = receipt_verdict(session, body.code, datetime.now(UTC), body.basket_total)
        return _answer(verdict, redeeming=False)

    @router.post("/receipt-coupons/redeem")
    def redeem_endpoint(body: RedeemInput) -> ReceiptCouponAnswer:
        """Redeem a receipt code for an order, once (the same order again: the same answer)."""
        now = datetime.now(UTC)
        verdict = write_transaction(
            engine,
            lambda session: redeem_receipt_code(
                session, body.code, body.order_id, now, body.basket_total
            ),
        )
        return _answer(verdict, redeeming=True)

    return router
