"""Admin endpoints (an admin token from `pos-central issue-admin-token`): stores, VAT rates,
products and prices, users, stock movements, the negative-stock report, conflicts and the
feed's tombstone purge. Every catalogue change reaches the tills through the change feed.
"""

import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.central.auth import AdminCaller, TillCaller
from sync.central.catalogue import (
    SKU_PATTERN,
    CatalogueError,
    ProductSpec,
    UserSpec,
    delete_user,
    put_product,
    put_store,
    put_user,
    put_vat_rate,
    set_price,
)
from sync.central.database import read_session, write_transaction
from sync.central.feed import purge_tombstones
from sync.central.ledger import negative_stock
from sync.central.models import Conflict, Store, Till
from sync.central.movements import MAX_QUANTITY, adjust, deliver, reserve, transfer
from sync.central.pins import hash_pin
from sync.central.stock import stock_answer
from sync.protocol import (
    ErrorBody,
    PriceData,
    ProductData,
    StockAnswer,
    StoreData,
    UserData,
    VatRateData,
)

MAX_GROSS = 10**10
MAX_LIST = 100


def _text(max_length: int) -> Any:
    """1 to `max_length` characters without control characters (stated in the schema)."""
    return Field(min_length=1, max_length=max_length, pattern=NO_CONTROL_PATTERN)


NO_CONTROL_PATTERN = r"^[^\x00-\x1f\x7f]*$"
Code = Annotated[str, _text(16)]
Sku = Annotated[str, _text(64)]
Name = Annotated[str, _text(120)]
ProductName = Annotated[str, _text(200)]
LongText = Annotated[str, _text(240)]
Barcode = Annotated[str, Field(pattern=r"^[0-9]{8,14}$")]
VatClassText = Annotated[str, Field(pattern=r"^[A-Z]$")]
Note = Annotated[str | None, Field(max_length=200, pattern=NO_CONTROL_PATTERN)]
STORE_CODE_PATTERN = r"^[A-Z0-9]{1,16}$"
LOGIN_PATTERN = r"^[a-z0-9._-]{1,40}$"


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StoreInput(_Input):
    name: Name
    address: LongText
    tax_id: Annotated[str, Field(pattern=r"^[0-9]{10}$")]
    opening_hours: LongText


class VatRateInput(_Input):
    rate_basis_points: Annotated[int | None, Field(ge=0, le=10_000)]


class PriceInput(_Input):
    gross: Annotated[int, Field(ge=0, le=MAX_GROSS)]
    valid_from: date
    valid_to: date | None = None


class ProductInput(_Input):
    name: ProductName
    category: Name | None = None
    vat_class: VatClassText
    unit: Literal["piece", "kg"] = "piece"
    active: bool = True
    barcodes: Annotated[list[Barcode], Field(max_length=20)] = []
    prices: Annotated[list[PriceInput], Field(max_length=50)] = []


class NewPriceInput(_Input):
    gross: Annotated[int, Field(ge=0, le=MAX_GROSS)]
    valid_from: date | None = Field(None, description="today when left out")
    valid_to: date | None = None


class UserInput(_Input):
    display_name: Name
    role: Literal["cashier", "manager"]
    pin: Annotated[str, Field(pattern=r"^[0-9]{4,8}$")]
    active: bool = True
    store_codes: Annotated[list[Code], Field(max_length=MAX_LIST)]


class MovementInput(_Input):
    kind: Literal["delivery", "adjustment", "reservation", "transfer"]
    store_code: Code
    sku: Sku
    quantity: Annotated[int, Field(ge=-MAX_QUANTITY, le=MAX_QUANTITY)]
    to_store_code: Code | None = Field(None, description="the receiving store of a transfer")
    note: Note = None


class MovementDone(BaseModel):
    source_id: uuid.UUID
    stock: StockAnswer


class NegativeStockRow(BaseModel):
    store_code: str
    sku: str
    name: str
    on_hand: int
    reserved: int
    updated_at: datetime


class ConflictRow(BaseModel):
    event_id: uuid.UUID
    kind: str
    document_id: str
    store_code: str
    till_id: str
    reason: str
    detected_at: datetime


class PurgeInput(_Input):
    older_than_days: Annotated[int, Field(ge=0, le=3650)]


class PurgeDone(BaseModel):
    purged: int


ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the body cannot be read as JSON"},
    401: {"model": ErrorBody, "description": "no token, or an unknown or revoked one"},
    403: {"model": ErrorBody, "description": "not an admin's token"},
    404: {"model": ErrorBody, "description": "no such store, product or user"},
    409: {"model": ErrorBody, "description": "against the catalogue's rules or state"},
    413: {"model": ErrorBody, "description": "the body is too large"},
    503: {"model": ErrorBody, "description": "busy: retry after Retry-After seconds"},
}


def admin_router(engine: Engine, caller: Callable[..., TillCaller | AdminCaller]) -> APIRouter:
    def admin(found: Annotated[TillCaller | AdminCaller, Depends(caller)]) -> AdminCaller:
        if not isinstance(found, AdminCaller):
            raise HTTPException(403, "this needs an admin token")
        return found

    router = APIRouter(tags=["admin"], dependencies=[Depends(admin)], responses=ADMIN_ERRORS)

    @router.put("/stores/{code}")
    def put_store_endpoint(
        code: Annotated[str, Path(pattern=STORE_CODE_PATTERN)], body: StoreInput
    ) -> StoreData:
        data = StoreData(code=code, **body.model_dump())
        write_transaction(engine, lambda session: put_store(session, data))
        return data

    @router.put("/vat-rates/{vat_class}")
    def put_vat_rate_endpoint(
        vat_class: Annotated[str, Path(pattern=r"^[A-Z]$")], body: VatRateInput
    ) -> VatRateData:
        data = VatRateData(vat_class=vat_class, rate_basis_points=body.rate_basis_points)
        write_transaction(engine, lambda session: put_vat_rate(session, data))
        return data

    @router.put("/products/{sku}")
    def put_product_endpoint(
        sku: Annotated[str, Path(pattern=SKU_PATTERN)], body: ProductInput
    ) -> ProductData:
        spec = ProductSpec(
            sku=sku,
            name=body.name,
            category=body.category,
            vat_class=body.vat_class,
            unit=body.unit,
            active=body.active,
            barcodes=body.barcodes,
            prices=[
                PriceData(
                    gross=price.gross,
                    valid_from=price.valid_from.isoformat(),
                    valid_to=None if price.valid_to is None else price.valid_to.isoformat(),
                )
                for price in body.prices
            ],
        )
        return write_transaction(engine, lambda session: put_product(session, spec))

    @router.post("/products/{sku}/price")
    def set_price_endpoint(
        sku: Annotated[str, Path(pattern=SKU_PATTERN)], body: NewPriceInput
    ) -> ProductData:
        valid_from = body.valid_from or datetime.now(UTC).date()
        return write_transaction(
            engine,
            lambda session: set_price(session, sku, body.gross, valid_from, body.valid_to),
        )

    @router.put("/users/{login}")
    def put_user_endpoint(
        login: Annotated[str, Path(pattern=LOGIN_PATTERN)], body: UserInput
    ) -> UserData:
        pin = hash_pin(body.pin)
        spec = UserSpec(
            login=login,
            display_name=body.display_name,
            role=body.role,
            pin_hash=pin.hash,
            pin_salt=pin.salt,
            active=body.active,
            store_codes=body.store_codes,
        )
        return write_transaction(engine, lambda session: put_user(session, spec))

    @router.delete("/users/{login}", status_code=204)
    def delete_user_endpoint(login: Annotated[str, Path(pattern=LOGIN_PATTERN)]) -> None:
        write_transaction(engine, lambda session: delete_user(session, login))

    @router.post("/stock-movements")
    def movement_endpoint(body: MovementInput) -> MovementDone:
        now = datetime.now(UTC)
        to_store = body.to_store_code
        if (body.kind == "transfer") != (to_store is not None):
            raise CatalogueError("to_store_code is given for a transfer and only for one")

        def work(session: Session) -> MovementDone:
            if to_store is not None:
                source = transfer(
                    session,
                    body.store_code,
                    to_store,
                    body.sku,
                    body.quantity,
                    now,
                    body.note,
                )
            else:
                record = {"delivery": deliver, "adjustment": adjust, "reservation": reserve}
                source = record[body.kind](
                    session, body.store_code, body.sku, body.quantity, now, body.note
                )
            answer = stock_answer(session, body.sku, now)
            assert answer is not None
            return MovementDone(source_id=source, stock=answer)

        return write_transaction(engine, work)

    @router.get("/reports/negative-stock")
    def negative_stock_endpoint() -> list[NegativeStockRow]:
        """Every store and product with less than nothing on hand."""
        with read_session(engine) as session:
            return [NegativeStockRow(**asdict(row)) for row in negative_stock(session)]

    @router.get("/conflicts")
    def conflicts_endpoint(
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[ConflictRow]:
        """The newest conflicts first: events or documents seen again with another payload."""
        with read_session(engine) as session:
            rows = session.execute(
                select(
                    Conflict.event_id,
                    Conflict.kind,
                    Conflict.document_id,
                    Store.code,
                    Till.till_id,
                    Conflict.reason,
                    Conflict.detected_at,
                )
                .join(Store, Store.id == Conflict.store_id)
                .join(Till, Till.id == Conflict.till_pk)
                .order_by(Conflict.detected_at.desc())
                .limit(limit)
            )
            return [
                ConflictRow(
                    event_id=event_id,
                    kind=kind,
                    document_id=document_id,
                    store_code=store_code,
                    till_id=till_id,
                    reason=reason,
                    detected_at=detected_at,
                )
                for event_id, kind, document_id, store_code, till_id, reason, detected_at in rows
            ]

    @router.post("/feed/purge")
    def purge_endpoint(body: PurgeInput) -> PurgeDone:
        """Drop delete-changes older than the given days; older cursors then get 410."""
        now = datetime.now(UTC)
        purged = write_transaction(
            engine,
            lambda session: purge_tombstones(session, timedelta(days=body.older_than_days), now),
        )
        return PurgeDone(purged=purged)

    return router
