"""The stock ledger: append-only movements and the on-hand projection, written together.

`record` appends the movements and adds their sums to `stock_levels` in the caller's
transaction, so the projection always equals the sum of the ledger. Stock may go negative (two
offline tills sold the last unit: both sales happened); `negative_stock` lists where it did.
Projection rows are updated in (product, store) order so concurrent writers on PostgreSQL lock
them in the same order and cannot deadlock each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.central.database import insert_many
from sync.central.models import (
    Product,
    StockLevel,
    StockMovement,
    Store,
    table,
    time_ordered_uuid,
)

_ADD_TO_LEVEL = (
    "ON CONFLICT (product_id, store_id) DO UPDATE SET "
    "on_hand = stock_levels.on_hand + excluded.on_hand, "
    "reserved = stock_levels.reserved + excluded.reserved, "
    "updated_at = excluded.updated_at"
)


class MovementKind(StrEnum):
    SALE = "sale"
    RETURN = "return"
    DELIVERY = "delivery"
    ADJUSTMENT = "adjustment"
    TRANSFER = "transfer"
    RESERVATION = "reservation"


@dataclass(frozen=True, slots=True)
class Movement:
    kind: MovementKind
    store_id: uuid.UUID
    product_id: uuid.UUID
    quantity: int
    """Signed change of what is on hand (pieces, or grams for weighed products)."""
    reserved: int
    """Signed change of what is reserved for customers."""
    source_id: uuid.UUID
    source_line_id: uuid.UUID | None
    occurred_at: datetime
    note: str | None = None


@dataclass(frozen=True, slots=True)
class NegativeStock:
    store_code: str
    sku: str
    name: str
    on_hand: int
    reserved: int
    updated_at: datetime


def record(session: Session, movements: Sequence[Movement], now: datetime) -> None:
    """Append `movements` to the ledger and add them to the projection (same transaction)."""
    if not movements:
        return
    rows = [
        {
            "id": time_ordered_uuid(),
            "kind": movement.kind.value,
            "store_id": movement.store_id,
            "product_id": movement.product_id,
            "quantity": movement.quantity,
            "reserved": movement.reserved,
            "source_id": movement.source_id,
            "source_line_id": movement.source_line_id,
            "recorded_at": now,
            "occurred_at": movement.occurred_at,
            "note": movement.note,
        }
        for movement in movements
    ]
    insert_many(session, table(StockMovement), rows)
    sums: dict[tuple[uuid.UUID, uuid.UUID], list[int]] = {}
    for movement in movements:
        total = sums.setdefault((movement.product_id, movement.store_id), [0, 0])
        total[0] += movement.quantity
        total[1] += movement.reserved
    levels = [
        {
            "product_id": product_id,
            "store_id": store_id,
            "on_hand": on_hand,
            "reserved": reserved,
            "updated_at": now,
        }
        for (product_id, store_id), (on_hand, reserved) in sorted(
            sums.items(), key=lambda item: (item[0][0].bytes, item[0][1].bytes)
        )
    ]
    insert_many(session, table(StockLevel), levels, _ADD_TO_LEVEL)


def negative_stock(session: Session) -> list[NegativeStock]:
    """Every (store, product) with less than nothing on hand, by store and SKU."""
    rows = session.execute(
        select(
            Store.code,
            Product.sku,
            Product.name,
            StockLevel.on_hand,
            StockLevel.reserved,
            StockLevel.updated_at,
        )
        .join(Store, Store.id == StockLevel.store_id)
        .join(Product, Product.id == StockLevel.product_id)
        .where(StockLevel.on_hand < 0)
        .order_by(Store.code, Product.sku)
    )
    return [NegativeStock(*row) for row in rows]
