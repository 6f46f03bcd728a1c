"""The wire contract between a till and the central service: every request and answer body.

Both sides import these models; nothing else crosses the wire. Money is integer grosze,
quantities are integers (pieces, or grams for weighed items), times are ISO 8601 with a zone.
All ids are UUIDs made where the thing was born (a sale's on its till, a product's centrally);
order and paging follow the central service's own sequence, never a till's clock.

Endpoints (all under /v1 and behind `Authorization: Bearer <token>`, except /health):
- POST /v1/push                  PushRequest -> PushResponse (per item, after the commit)
- GET  /v1/changes?after=C&limit=N -> ChangesPage (410 Gone: resync from scratch)
- GET  /v1/stock/{sku}            -> StockAnswer (one product in every store)
- GET  /health                    -> Health (no token)
Coupons (docs/COUPONS.md):
- POST /v1/coupons/check          CouponCheckRequest -> CouponCheckAnswer (a till's token)
- POST /v1/coupons/reservations   ReservationRequest -> ReservationAnswer (a till's token)
- POST /v1/coupons/reservations/{id}/release -> ReservationAnswer
- GET|POST /v1/till/coupon-issuer -> IssuerAnswer (the till's receipt-coupon key; its own only)
- /v1/webshop/...                 promotions, minting, receipt coupons (a web shop's token)
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.coupons.reasons import Refusal
from sync.coupons.terms import Scope, ValueKind

API_PREFIX = "/v1"
MAX_PUSH_ITEMS = 500
MAX_CHANGES_PAGE = 5000
MAX_REQUEST_BYTES = 8 * 1024 * 1024
CLOCK_SKEW_WARNING_SECONDS = 120


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Health(_Wire):
    status: Literal["ok"]
    server_time: datetime
    version: str


# ---- push: outbox rows from a till -------------------------------------------------------


class EventKind(StrEnum):
    """What an outbox row records; the payload's shape is fixed per kind (see the payload
    models below). Unknown kinds are answered `rejected`, never dropped silently."""

    SALE = "sale"
    RETURN = "return"
    SHIFT_OPENED = "shift_opened"
    SHIFT_CLOSED = "shift_closed"
    CASH_MOVEMENT = "cash_movement"
    COUPON_ISSUED = "coupon_issued"
    COUPON_REDEEMED = "coupon_redeemed"


class OutboxItem(_Wire):
    """One outbox row as the till sends it. `id` is the outbox event's UUID: the central
    service's idempotency key. The same id sent again with the same payload is a `duplicate`;
    with a different payload it is a `conflict` (recorded centrally, quarantined at the till)."""

    id: uuid.UUID
    kind: str = Field(max_length=32)
    aggregate_id: uuid.UUID
    seq: int = Field(ge=1, description="the till's outbox order")
    created_at: datetime = Field(description="the till's clock when the event happened")
    payload: dict[str, Any]


class PushRequest(_Wire):
    till_clock: datetime
    items: list[OutboxItem] = Field(max_length=MAX_PUSH_ITEMS)


class ItemStatus(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    CONFLICT = "conflict"


class ItemResult(_Wire):
    id: uuid.UUID
    status: ItemStatus
    reason: str | None = None


class PushResponse(_Wire):
    """Sent only after the central commit: `accepted` and `duplicate` rows may be marked
    acknowledged at the till; `rejected` and `conflict` rows are quarantined there."""

    results: list[ItemResult]
    server_time: datetime


class SaleLinePayload(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    sku: str
    name: str
    barcode: str | None
    vat_class: str
    unit: str
    quantity: int
    unit_price: int
    line_discount: int
    basket_discount: int
    total: int


class PaymentPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    tender: str
    amount: int
    tendered: int


class SalePayload(BaseModel):
    """The `sale` event (pos_client.domain.sale.SaleRecord.to_json)."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    receipt_number: str
    store_code: str
    till_id: str
    sequence: int
    created_at: datetime
    subtotal: int
    discount: int
    total: int
    change: int
    shift_id: str | None
    cashier_id: str | None
    lines: list[SaleLinePayload]
    payments: list[PaymentPayload]


class ReturnLinePayload(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    sale_line_id: uuid.UUID | None
    sku: str
    name: str
    vat_class: str
    unit: str
    quantity: int
    total: int = Field(description="the gross refund for this line (positive)")


class RefundPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    tender: str
    amount: int


class ReturnPayload(BaseModel):
    """The `return` event (pos_client.domain.returns.ReturnRecord.to_json): the goods go back
    to stock in `store_code`."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    return_number: str | None
    store_code: str
    till_id: str
    sequence: int | None
    sale_id: uuid.UUID | None
    sale_receipt_number: str | None = None
    created_at: datetime
    cashier_id: str | None = None
    approved_by: str | None = None
    shift_id: str | None = None
    reason: str
    total: int
    lines: list[ReturnLinePayload]
    payments: list[RefundPayload]


class ShiftOpenedPayload(BaseModel):
    """The `shift_opened` event (the store is the till's)."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    till_id: str
    number: int
    opened_at: datetime
    opened_by: str | None
    opening_float: int
    opening_count: dict[str, int]


class ShiftClosedPayload(BaseModel):
    """The `shift_closed` event with the Z report (the store is the till's)."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    till_id: str
    number: int
    closed_at: datetime
    closed_by: str | None
    counted_cash: int
    closing_count: dict[str, int]
    z_report: dict[str, Any]


class CashMovementPayload(BaseModel):
    """The `cash_movement` event: cash put into or taken out of a drawer."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    shift_id: uuid.UUID
    till_id: str
    at: datetime
    user_id: str | None
    kind: Literal["in", "out"]
    amount: int
    reason: str


class CouponIssuedPayload(BaseModel):
    """The `coupon_issued` event: a till printed a receipt coupon for the web shop (written with
    its sale). The document is the code itself: the same code issued again for another sale
    is a conflict (a till whose database was reset without a new issuer)."""

    model_config = ConfigDict(extra="ignore")

    code: str = Field(description="the 19-character receipt code, canonical")
    campaign: str = Field(description="the receipt campaign's code")
    sale_id: uuid.UUID
    store_code: str
    till_id: str
    issued_at: datetime = Field(description="the till's clock")
    expires_at: datetime


class CouponRedeemedPayload(BaseModel):
    """The `coupon_redeemed` event: a sale took a web-shop coupon (written with the sale).
    Centrally it confirms the till's reservation; a single-use coupon redeemed by two sales is
    recorded as a coupon conflict, and both sales are kept."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID = Field(description="the redemption's id, made by the till")
    sale_id: uuid.UUID
    store_code: str
    till_id: str
    coupon: str = Field(description="the signed coupon's text")
    discount: int = Field(description="grosze the sale took off with it")
    redeemed_at: datetime = Field(description="the till's clock")
    reservation_id: uuid.UUID | None = None
    offline: bool = Field(description="taken under the offline caps, without a reservation")


# ---- pull: the change feed ---------------------------------------------------------------


class Entity(StrEnum):
    """What a change carries. `product` holds the whole product: its barcodes and its prices
    (current and scheduled), so applying one change never needs another."""

    STORE = "store"
    CATEGORY = "category"
    VAT_RATE = "vat_rate"
    PRODUCT = "product"
    USER = "user"
    PROMOTION = "promotion"
    COUPON_KEY = "coupon_key"
    COUPON_CAMPAIGN = "coupon_campaign"
    COUPON_REVOCATION = "coupon_revoked"
    """(Entity names fit the feed's 16-character column.)"""


COUPON_ENTITIES = frozenset(
    {Entity.PROMOTION, Entity.COUPON_KEY, Entity.COUPON_CAMPAIGN, Entity.COUPON_REVOCATION}
)
"""Promotions and coupons in the feed (added with issue 6; a till must know them)."""


class Change(_Wire):
    seq: int = Field(ge=1)
    entity: Entity
    key: str = Field(description="the entity's natural key: store code, SKU, login, ...")
    op: Literal["upsert", "delete"]
    data: dict[str, Any] | None = Field(description="the entity's full state; None on delete")


class ChangesPage(_Wire):
    """Changes with seq > `after`, in seq order. Resume from `next_cursor`; `remaining` counts
    the changes after this page (for a progress bar); `has_more` is False on the last page.
    A 410 Gone answer instead means the cursor is older than what the feed keeps: start again
    from cursor "0" and replace the local catalogue."""

    changes: list[Change]
    next_cursor: str
    has_more: bool
    remaining: int
    server_time: datetime


class StoreData(BaseModel):
    code: str
    name: str
    address: str
    tax_id: str
    opening_hours: str


class CategoryData(BaseModel):
    name: str


class VatRateData(BaseModel):
    vat_class: str
    rate_basis_points: int | None = Field(description="2300 for 23 %; None for exempt")


class PriceData(BaseModel):
    gross: int
    valid_from: str
    valid_to: str | None


class ProductData(BaseModel):
    id: uuid.UUID
    sku: str
    name: str
    category: str | None
    vat_class: str
    unit: Literal["piece", "kg"]
    active: bool
    barcodes: list[str]
    prices: list[PriceData]


class UserData(BaseModel):
    id: uuid.UUID
    login: str
    display_name: str
    role: Literal["cashier", "manager"]
    pin_hash: str = Field(description='"scrypt$n$r$p$<hex key>" as pos_client.domain.pin makes it')
    pin_salt: str = Field(description="the salt in hex")
    active: bool
    store_codes: list[str]


class PromotionKind(StrEnum):
    PERCENT_OFF = "percent_off"
    """`percent` off each line in the scope (the basket: off its total)."""
    AMOUNT_OFF = "amount_off"
    """`amount` grosze off each piece (per kg of a weighed product) of a SKU or category, or
    off the basket's total once; never more than a line costs."""
    BUY_X_GET_Y = "buy_x_get_y"
    """Of every `buy` + `get` pieces of a SKU or category, the `get` cheapest are `percent` off
    (100: free). Weighed lines take no part."""


class PromotionData(BaseModel):
    """A promotion as the central service defines it for every channel (entity `promotion`,
    key: its code). The order in which promotions apply is in docs/COUPONS.md."""

    code: str
    name: str = Field(description="what the receipt prints next to the discount")
    kind: PromotionKind
    scope: Scope
    target: str | None = Field(description="the SKU or category; None for the basket")
    percent: int | None = Field(description="1..100 (percent_off, buy_x_get_y)")
    amount: int | None = Field(description="grosze (amount_off)")
    buy: int | None = Field(description="pieces to buy (buy_x_get_y)")
    get: int | None = Field(description="pieces discounted (buy_x_get_y)")
    min_basket: int = Field(
        default=0, description="grosze the basket must reach (its total when this level starts)"
    )
    priority: int = Field(default=0, description="higher goes first within a level")
    valid_from: datetime
    valid_to: datetime | None = Field(description="exclusive; None: open-ended")


class CouponKeyData(BaseModel):
    """A public key that signs web-shop coupons (entity `coupon_key`, key: the key id).
    `active` signs new coupons; `retired` signs no more but its coupons stay good; `revoked`:
    its coupons are refused."""

    key_id: int
    public_key: str = Field(description="the 32-byte Ed25519 public key in hex")
    status: Literal["active", "retired", "revoked"]
    created_at: datetime


class CouponCampaignData(BaseModel):
    """A coupon campaign (entity `coupon_campaign`, key: its code).

    `webshop`: coupons minted centrally and taken at the tills; a single-use one is taken
    offline only within `offline_max_discount` grosze and `offline_max_hours` since the till's
    last sync (0: never offline). `receipt`: a till issues a receipt coupon for a sale of at
    least `issue_min_total` made between `valid_from` and `valid_to`; it is good in the web
    shop for `valid_days`."""

    code: str
    number: int
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


class CouponRevocationData(BaseModel):
    """A revoked campaign (`serial` None) or serial (entity `coupon_revoked`, key
    "CAMPAIGN" or "CAMPAIGN/SERIAL", numbers)."""

    campaign: int
    serial: int | None
    reason: str
    revoked_at: datetime


# ---- coupons online --------------------------------------------------------------------------


class CouponCheckRequest(_Wire):
    code: str = Field(max_length=400, description="a signed coupon's text or a short code")


class CouponCheckAnswer(_Wire):
    """Whether a web-shop coupon could be taken now (before any basket). `coupon` is the
    signed text (also for a short code, so the till reads its terms as if it was scanned)."""

    status: Literal["valid", "refused"]
    reason: Refusal | None = None
    coupon: str | None = None
    server_time: datetime


class ReservationRequest(_Wire):
    """Hold a single-use coupon for a sale being made. `id` is made by the till: sending the
    same request again (a lost answer) answers the same reservation."""

    id: uuid.UUID
    code: str = Field(max_length=400, description="a signed coupon's text or a short code")
    ttl_seconds: int = Field(default=120, ge=10, le=900)


class ReservationAnswer(_Wire):
    id: uuid.UUID
    status: Literal["reserved", "released", "confirmed", "refused"]
    reason: Refusal | None = None
    coupon: str | None = Field(default=None, description="the signed text")
    expires_at: datetime | None = None
    server_time: datetime


class IssuerAnswer(_Wire):
    """The till's receipt-coupon issuer: its number and its 32-byte HMAC key in hex. Given
    only to that till (never in the change feed); keep it like a password."""

    issuer: int
    key: str
    store_code: str
    till_id: str
    created_at: datetime


# ---- stock in other stores ---------------------------------------------------------------


class StoreStock(_Wire):
    store_code: str
    name: str
    address: str
    opening_hours: str
    on_hand: int
    reserved: int
    updated_at: datetime | None = Field(description="the last movement of this product there")


class StockAnswer(_Wire):
    sku: str
    name: str
    unit: Literal["piece", "kg"]
    as_of: datetime
    stores: list[StoreStock]


class ErrorBody(_Wire):
    detail: str
