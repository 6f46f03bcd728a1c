"""The demo chain in the central database: the same stores, SKUs, barcodes and prices as the
till's demo (both read sync.demo_chain), opening stock in every store as delivery movements,
and the demo users kierownik (manager, PIN 1234) and kasjer (cashier, PIN 1111) of every store.

Products, barcodes and prices have ids made of their position in the chain (`demo_id`), so the
same seed gives the same rows in every database.
Products go in BATCH_PRODUCTS at a time, each batch in its own transaction with its change-feed
rows and its stock movements.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sync.central.bulk import insert_rows
from sync.central.catalogue import (
    UserSpec,
    put_category,
    put_store,
    put_user,
    put_vat_rate,
)
from sync.central.database import write_transaction
from sync.central.feed import ChangeRow, publish
from sync.central.ledger import Movement, MovementKind, record
from sync.central.models import Barcode, Price, Product, table
from sync.central.pins import hash_pin
from sync.demo_chain import DEFAULT_SEED, VAT_RATES, DemoChain, DemoProduct
from sync.protocol import Entity, StoreData, VatRateData

BATCH_PRODUCTS = 20_000
DEMO_USERS = (
    ("kierownik", "Kierownik Demo", "manager", "1234"),
    ("kasjer", "Kasjer Demo", "cashier", "1111"),
)
OPENING_STOCK_NOTE = "opening stock"
MAX_PIECES = 48
MAX_GRAMS = 40_000
EMPTY_SHARE = 0.08
"""Share of (store, product) pairs with nothing on hand at the start."""


class DemoExistsError(RuntimeError):
    """The database has a catalogue already."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    stores: int
    products: int
    barcodes: int
    prices: int
    users: int
    stock_movements: int


_KINDS = {"product": 1, "barcode": 2, "price": 3, "delivery": 4}
_VERSION_8 = 0x8 << 76 | 0b10 << 62


def demo_id(kind: str, number: int) -> uuid.UUID:
    """A UUID version 8 (RFC 9562's custom layout) made of the kind and a number: the same
    demo chain gets the same ids in every database, and making a million costs little."""
    return uuid.UUID(int=_VERSION_8 | _KINDS[kind] << 48 | number)


def _opening_quantity(rng: random.Random, unit: str) -> int:
    if rng.random() < EMPTY_SHARE:
        return 0
    if unit == "kg":
        return rng.randrange(10, MAX_GRAMS // 10) * 10
    return rng.randint(1, MAX_PIECES)


def _batches(chain: DemoChain) -> Iterator[list[DemoProduct]]:
    batch: list[DemoProduct] = []
    for product in chain.products():
        batch.append(product)
        if len(batch) == BATCH_PRODUCTS:
            yield batch
            batch = []
    if batch:
        yield batch


def _start(session: Session, chain: DemoChain) -> tuple[dict[str, uuid.UUID], dict[str, uuid.UUID]]:
    """Stores, VAT rates, categories and users; the ids of the stores and categories by name."""
    if session.execute(select(func.count()).select_from(Product)).scalar_one():
        raise DemoExistsError("the database has a catalogue already; use an empty one")
    for vat_class, rate in VAT_RATES.items():
        put_vat_rate(session, VatRateData(vat_class=vat_class, rate_basis_points=rate))
    store_ids = {
        store.code: put_store(
            session,
            StoreData(
                code=store.code,
                name=store.name,
                address=store.address,
                tax_id=store.tax_id,
                opening_hours=store.opening_hours,
            ),
        )
        for store in chain.stores
    }
    category_ids = {name: put_category(session, name) for name in chain.categories}
    for login, display_name, role, pin in DEMO_USERS:
        pin_hash = hash_pin(pin)
        put_user(
            session,
            UserSpec(
                login=login,
                display_name=display_name,
                role="manager" if role == "manager" else "cashier",
                pin_hash=pin_hash.hash,
                pin_salt=pin_hash.salt,
                active=True,
                store_codes=list(store_ids),
            ),
        )
    return store_ids, category_ids


@dataclass(slots=True)
class _Rows:
    products: list[dict[str, Any]] = field(default_factory=list)
    barcodes: list[dict[str, Any]] = field(default_factory=list)
    prices: list[dict[str, Any]] = field(default_factory=list)
    changes: list[ChangeRow] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)


def _rows(
    batch: list[DemoProduct],
    store_ids: dict[str, uuid.UUID],
    category_ids: dict[str, uuid.UUID],
    rng: random.Random,
    source: uuid.UUID,
    now: datetime,
) -> _Rows:
    """The batch's rows, made before its transaction (a retried transaction inserts the same)."""
    rows = _Rows()
    products, barcodes, prices = rows.products, rows.barcodes, rows.prices
    dates: dict[str, date] = {}
    for product in batch:
        product_id = demo_id("product", product.number)
        products.append(
            {
                "id": product_id,
                "sku": product.sku,
                "name": product.name,
                "category_id": category_ids[product.category],
                "vat_class": product.vat_class,
                "unit": product.unit,
                "active": True,
                "placeholder": False,
            }
        )
        for code in product.barcodes:
            barcodes.append(
                {"id": demo_id("barcode", int(code)), "code": code, "product_id": product_id}
            )
        for position, (gross, valid_from, valid_to) in enumerate(product.prices):
            prices.append(
                {
                    "id": demo_id("price", product.number << 8 | position),
                    "product_id": product_id,
                    "gross": gross,
                    "valid_from": _date(dates, valid_from),
                    "valid_to": None if valid_to is None else _date(dates, valid_to),
                }
            )
        # The keys in sorted order, as feed.to_json writes them (no sorting needed here).
        data = {
            "active": True,
            "barcodes": sorted(product.barcodes),
            "category": product.category,
            "id": str(product_id),
            "name": product.name,
            "prices": [
                {"gross": gross, "valid_from": valid_from, "valid_to": valid_to}
                for gross, valid_from, valid_to in product.prices
            ],
            "sku": product.sku,
            "unit": product.unit,
            "vat_class": product.vat_class,
        }
        rows.changes.append(ChangeRow(Entity.PRODUCT, product.sku, "upsert", _json(data)))
        for store_id in store_ids.values():
            quantity = _opening_quantity(rng, product.unit)
            if quantity:
                rows.movements.append(
                    Movement(
                        MovementKind.DELIVERY,
                        store_id,
                        product_id,
                        quantity,
                        0,
                        source,
                        None,
                        now,
                        OPENING_STOCK_NOTE,
                    )
                )
    return rows


def _date(cache: dict[str, date], text: str) -> date:
    found = cache.get(text)
    if found is None:
        found = cache[text] = date.fromisoformat(text)
    return found


_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""feed.to_json without sorting the keys (the demo writes them in order)."""


def _insert(session: Session, rows: _Rows, now: datetime) -> None:
    insert_rows(session, table(Product), rows.products)
    insert_rows(session, table(Barcode), rows.barcodes)
    insert_rows(session, table(Price), rows.prices)
    publish(session, rows.changes, now)
    record(session, rows.movements, now)


def load_demo(engine: Engine, products: int = 2500, seed: int = DEFAULT_SEED) -> DemoSummary:
    """Load the demo chain into an empty, migrated database; DemoExistsError otherwise."""
    chain = DemoChain(products, seed)
    now = datetime.now(UTC)
    store_ids, category_ids = write_transaction(engine, lambda session: _start(session, chain))
    rng = random.Random(f"{seed}:opening stock")
    source = demo_id("delivery", seed % 2**48)
    movements = 0
    for batch in _batches(chain):
        rows = _rows(batch, store_ids, category_ids, rng, source, now)
        write_transaction(engine, partial(_insert, rows=rows, now=now))
        movements += len(rows.movements)
    return DemoSummary(
        stores=len(store_ids),
        products=products,
        barcodes=chain.barcodes,
        prices=chain.prices,
        users=len(DEMO_USERS),
        stock_movements=movements,
    )
