"""Stock of one product in every store (for staff asking "is it in another store?")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from sync.central.models import Product, StockLevel, Store
from sync.protocol import StockAnswer, StoreStock


def stock_answer(session: Session, sku: str, now: datetime) -> StockAnswer | None:
    """On hand and reserved in each store (zero where nothing ever moved), by store code;
    None when no product has this SKU."""
    product = session.execute(
        select(Product.id, Product.name, Product.unit).where(Product.sku == sku)
    ).one_or_none()
    if product is None:
        return None
    rows = session.execute(
        select(
            Store.code,
            Store.name,
            Store.address,
            Store.opening_hours,
            StockLevel.on_hand,
            StockLevel.reserved,
            StockLevel.updated_at,
        )
        .outerjoin(
            StockLevel,
            and_(StockLevel.store_id == Store.id, StockLevel.product_id == product.id),
        )
        .order_by(Store.code)
    )
    return StockAnswer(
        sku=sku,
        name=product.name,
        unit="kg" if product.unit == "kg" else "piece",
        as_of=now,
        stores=[
            StoreStock(
                store_code=code,
                name=name,
                address=address,
                opening_hours=hours,
                on_hand=on_hand or 0,
                reserved=reserved or 0,
                updated_at=updated_at,
            )
            for code, name, address, hours, on_hand, reserved, updated_at in rows
        ],
    )
