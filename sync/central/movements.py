"""Stock movements recorded centrally: deliveries, adjustments, transfers and reservations.

Each call works in the caller's write transaction and goes through the ledger (ledger.record),
so the on-hand projection moves with it. Quantities are pieces, or grams for weighed products.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from sync.central.catalogue import CatalogueError, product_by_sku, store_by_code
from sync.central.ledger import Movement, MovementKind, record

MAX_QUANTITY = 10**9


def _check(quantity: int, positive: bool) -> None:
    if positive and quantity <= 0:
        raise CatalogueError("the quantity must be more than zero")
    if quantity == 0:
        raise CatalogueError("the quantity cannot be zero")
    if abs(quantity) > MAX_QUANTITY:
        raise CatalogueError(f"the quantity is more than {MAX_QUANTITY}")


def deliver(
    session: Session, store_code: str, sku: str, quantity: int, now: datetime, note: str | None
) -> uuid.UUID:
    """Goods received in a store; the id of the operation (the movement's source)."""
    _check(quantity, positive=True)
    return _single(session, MovementKind.DELIVERY, store_code, sku, quantity, 0, now, note)


def adjust(
    session: Session, store_code: str, sku: str, quantity: int, now: datetime, note: str | None
) -> uuid.UUID:
    """A stock-take correction (signed): found (+) or lost, damaged, stolen (-)."""
    _check(quantity, positive=False)
    return _single(session, MovementKind.ADJUSTMENT, store_code, sku, quantity, 0, now, note)


def reserve(
    session: Session, store_code: str, sku: str, quantity: int, now: datetime, note: str | None
) -> uuid.UUID:
    """Hold goods for a customer (+) or release them (-); on hand does not change."""
    _check(quantity, positive=False)
    return _single(session, MovementKind.RESERVATION, store_code, sku, 0, quantity, now, note)


def transfer(
    session: Session,
    from_store: str,
    to_store: str,
    sku: str,
    quantity: int,
    now: datetime,
    note: str | None,
) -> uuid.UUID:
    """Goods moved from one store to another: two ledger rows with one source id."""
    _check(quantity, positive=True)
    if from_store == to_store:
        raise CatalogueError("a transfer goes to another store")
    product = product_by_sku(session, sku)
    source = uuid.uuid4()
    moves = [
        Movement(
            MovementKind.TRANSFER,
            store_by_code(session, code).id,
            product.id,
            delta,
            0,
            source,
            None,
            now,
            note,
        )
        for code, delta in ((from_store, -quantity), (to_store, quantity))
    ]
    record(session, moves, now)
    return source


def _single(
    session: Session,
    kind: MovementKind,
    store_code: str,
    sku: str,
    quantity: int,
    reserved: int,
    now: datetime,
    note: str | None,
) -> uuid.UUID:
    store = store_by_code(session, store_code)
    product = product_by_sku(session, sku)
    source = uuid.uuid4()
    record(
        session,
        [Movement(kind, store.id, product.id, quantity, reserved, source, None, now, note)],
        now,
    )
    return source
