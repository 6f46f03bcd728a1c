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
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.central.bulk import insert_rows
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
    insert_rows(session, table(StockMovement), rows)
    # Keyed by the UUIDs' integers: hashing a UUID object runs Python code, an int does not.
    sums: dict[tuple[int, int], list[Any]] = {}
    for movement in movements:
        key = (movement.product_id.int, movement.store_id.int)
        total = sums.get(key)
        if total is None:
            sums[key] = [
                movement.product_id,
                movement.store_id,
                movement.quantity,
                movement.reserved,
            ]
        else:
            total[2] += movement.quantity
            total[3] += movement.reserved
    levels = [
        {
            "product_id": product_id,
            "store_id": store_id,
            "on_hand": on_hand,
            "reserved": reserved,
            "updated_at": now,
        }
        for _key, (product_id, store_id, on_hand, reserved) in sorted(sums.items())
    ]
    insert_rows(session, table(StockLevel), levels, _ADD_TO_LEVEL)


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
