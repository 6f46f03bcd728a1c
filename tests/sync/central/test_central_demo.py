"""The central demo chain (SQLite and PostgreSQL): the same stores, SKUs, barcodes and prices
as the till's demo database, opening stock as deliveries, and the demo users."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from pos_client.demo.generator import generate_chain
from pos_client.domain.pin import PinHash, verify_pin
from sync.central.catalogue import product_data
from sync.central.database import create_central_engine, read_session
from sync.central.demo import DemoExistsError, load_demo
from sync.central.feed import to_json
from sync.central.migrate import upgrade
from sync.central.models import FeedChange, Product, StockLevel, StockMovement, Store, User
from sync.protocol import ProductData, StoreData, UserData

PRODUCTS = 300
SEED = 11


@pytest.fixture
def till_db(tmp_path: Path) -> sqlite3.Connection:
    generate_chain(tmp_path / "till.db", products=PRODUCTS, seed=SEED)
    return sqlite3.connect(tmp_path / "till.db")


def published(engine: Engine, entity: str) -> dict[str, dict[str, object]]:
    with read_session(engine) as session:
        rows = session.execute(
            select(FeedChange.key, FeedChange.data).where(FeedChange.entity == entity)
        ).all()
    return {key: json.loads(data or "null") for key, data in rows}


def test_the_central_and_the_till_demo_are_the_same_chain(
    central_engine: Engine, till_db: sqlite3.Connection
) -> None:
    summary = load_demo(central_engine, products=PRODUCTS, seed=SEED)

    stores = {
        code: StoreData.model_validate(data).model_dump()
        for code, data in published(central_engine, "store").items()
    }
    till_stores = {
        row[0]: dict(zip(("code", "name", "address", "tax_id", "opening_hours"), row, strict=True))
        for row in till_db.execute("SELECT code, name, address, tax_id, opening_hours FROM stores")
    }
    assert stores == till_stores
    products = {
        sku: ProductData.model_validate(data)
        for sku, data in published(central_engine, "product").items()
    }
    till_products = {
        sku: (name, category, vat, unit)
        for sku, name, category, vat, unit in till_db.execute(
            "SELECT p.sku, p.name, c.name, p.vat_class, p.unit FROM products p "
            "JOIN categories c ON c.id = p.category_id"
        )
    }
    assert {
        sku: (p.name, p.category, p.vat_class, p.unit) for sku, p in products.items()
    } == till_products
    till_barcodes: dict[str, set[str]] = {}
    for sku, code in till_db.execute(
        "SELECT p.sku, b.code FROM barcodes b JOIN products p ON p.id = b.product_id"
    ):
        till_barcodes.setdefault(sku, set()).add(code)
    assert {sku: set(p.barcodes) for sku, p in products.items()} == till_barcodes
    till_prices: dict[str, list[tuple[int, str, str | None]]] = {}
    for sku, gross, start, end in till_db.execute(
        "SELECT p.sku, r.gross, r.valid_from, r.valid_to FROM prices r "
        "JOIN products p ON p.id = r.product_id ORDER BY r.valid_from"
    ):
        till_prices.setdefault(sku, []).append((gross, start, end))
    assert {
        sku: [(r.gross, r.valid_from, r.valid_to) for r in p.prices] for sku, p in products.items()
    } == till_prices
    assert summary.products == PRODUCTS
    assert summary.barcodes == sum(len(codes) for codes in till_barcodes.values())


def test_the_demo_publishes_products_as_a_later_change_would(central_engine: Engine) -> None:
    load_demo(central_engine, products=PRODUCTS, seed=SEED)

    with read_session(central_engine) as session:
        stored = dict(
            session.execute(
                select(FeedChange.key, FeedChange.data).where(FeedChange.entity == "product")
            ).all()
        )
        ids = session.execute(select(Product.id).order_by(Product.sku).limit(40)).scalars().all()
        current = product_data(session, ids)

    assert len(current) == 40
    for data in current:
        assert stored[data.sku] == to_json(data.model_dump(mode="json"))


def test_opening_stock_is_delivered_to_every_store(central_engine: Engine) -> None:
    summary = load_demo(central_engine, products=PRODUCTS, seed=SEED)

    with read_session(central_engine) as session:
        kinds = session.execute(
            select(StockMovement.kind, func.count(), func.min(StockMovement.quantity)).group_by(
                StockMovement.kind
            )
        ).all()
        levels = session.execute(
            select(func.count(), func.sum(StockLevel.on_hand)).select_from(StockLevel)
        ).one()
        ledger_total = session.execute(select(func.sum(StockMovement.quantity))).scalar_one()
        stores = session.execute(select(func.count()).select_from(Store)).scalar_one()

    assert [(kind, count) for kind, count, _smallest in kinds] == [
        ("delivery", summary.stock_movements)
    ]
    assert kinds[0][2] > 0
    assert levels[0] == summary.stock_movements
    assert levels[1] == ledger_total
    assert 0.85 * stores * PRODUCTS < summary.stock_movements < stores * PRODUCTS


def test_the_demo_users_work_in_every_store(central_engine: Engine) -> None:
    load_demo(central_engine, products=PRODUCTS, seed=SEED)

    users = {
        login: UserData.model_validate(data)
        for login, data in published(central_engine, "user").items()
    }

    assert set(users) == {"kierownik", "kasjer"}
    assert users["kierownik"].role == "manager"
    assert users["kasjer"].role == "cashier"
    for login, pin in (("kierownik", "1234"), ("kasjer", "1111")):
        user = users[login]
        assert verify_pin(pin, PinHash(user.pin_hash, user.pin_salt))
        assert user.store_codes == ["GDA01", "KRK01", "WAW01", "WRO01"]
        assert user.active
    with read_session(central_engine) as session:
        assert session.execute(select(func.count()).select_from(User)).scalar_one() == 2


def test_a_second_demo_is_refused_and_ids_do_not_depend_on_the_database(
    central_engine: Engine, tmp_path: Path
) -> None:
    load_demo(central_engine, products=PRODUCTS, seed=SEED)
    with pytest.raises(DemoExistsError):
        load_demo(central_engine, products=PRODUCTS, seed=SEED)

    other = create_central_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        upgrade(other)
        load_demo(other, products=PRODUCTS, seed=SEED)
        ids = []
        for engine in (central_engine, other):
            with read_session(engine) as session:
                ids.append(session.execute(select(Product.sku, Product.id)).all())
    finally:
        other.dispose()
    assert sorted(ids[0]) == sorted(ids[1])
