"""Parked sales in a real SQLite file: park, list newest first, take once (the row goes in the
same transaction), survive a restart; failures are StoreErrors and change nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.cart_codec import cart_from_json, cart_to_json
from pos_client.domain.money import Money
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.vat import VatClass
from pos_client.store.database import create_store_engine
from pos_client.store.errors import StoreBusyError, StoreReadOnlyError
from pos_client.store.parked import (
    ParkedSaleDamagedError,
    ParkedSaleGoneError,
    ParkedSaleRepository,
)

T0 = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
ZOLW = ProductSnapshot(1, "CZK-040", "Żółw czekoladowy 40 g", Money(499), VatClass.A, Unit.PIECE)
TOMATOES = ProductSnapshot(3, "WAR-POM", "Pomidory", Money(1299), VatClass.C, Unit.KILOGRAM)


def cart_of(pieces: int, grams: int | None = None) -> Cart:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(pieces))
    if grams is not None:
        cart.add(TOMATOES, Quantity.grams(grams))
    return cart


def parked_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT COUNT(*) FROM parked_sales")).scalar_one())


@pytest.fixture
def repo(store_engine: Engine) -> ParkedSaleRepository:
    return ParkedSaleRepository(store_engine)


def test_park_and_list_newest_first(repo: ParkedSaleRepository) -> None:
    first = repo.park(cart_to_json(cart_of(2)), "pani w czerwonym", "cashier-1", T0)
    second = repo.park(cart_to_json(cart_of(1, 500)), "14:05", None, T0 + timedelta(minutes=3))
    listed = repo.list()
    assert [summary.parked_id for summary in listed] == [second, first]
    newest, oldest = listed
    assert oldest.label == "pani w czerwonym"
    assert oldest.parked_at == T0
    assert oldest.total == Money(998)
    assert oldest.line_count == 1
    assert oldest.cashier_id == "cashier-1"
    assert newest.total == Money(499 + 650)
    assert newest.line_count == 2
    assert newest.cashier_id is None


def test_parked_at_the_same_moment_the_later_is_listed_first(repo: ParkedSaleRepository) -> None:
    ids = [repo.park(cart_to_json(cart_of(n)), f"#{n}", None, T0) for n in (1, 2, 3)]
    assert [summary.parked_id for summary in repo.list()] == ids[::-1]


def test_take_returns_the_cart_and_removes_it(
    store_engine: Engine, repo: ParkedSaleRepository
) -> None:
    cart = cart_of(3, 1250)
    parked_id = repo.park(cart_to_json(cart), "a", None, T0)
    other = repo.park(cart_to_json(cart_of(1)), "b", None, T0)
    restored = cart_from_json(repo.take(parked_id))
    assert restored.lines == cart.lines
    assert [summary.parked_id for summary in repo.list()] == [other]
    assert parked_rows(store_engine) == 1
    with pytest.raises(ParkedSaleGoneError):
        repo.take(parked_id)


def test_parked_sales_survive_a_restart(store_path: Path, store_engine: Engine) -> None:
    cart = cart_of(2, 300)
    parked_id = ParkedSaleRepository(store_engine).park(cart_to_json(cart), "x", None, T0)
    store_engine.dispose()
    reopened = create_store_engine(store_path)
    try:
        repo = ParkedSaleRepository(reopened)
        assert [summary.parked_id for summary in repo.list()] == [parked_id]
        assert cart_from_json(repo.take(parked_id)).lines == cart.lines
    finally:
        reopened.dispose()


def test_a_long_label_is_cut_to_the_column(repo: ParkedSaleRepository) -> None:
    repo.park(cart_to_json(cart_of(1)), "ż" * 200, None, T0)
    assert repo.list()[0].label == "ż" * 80


def insert_raw(engine: Engine, payload: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO parked_sales(id, parked_at, cashier_id, label, payload) "
                "VALUES ('bad', :at, NULL, 'zepsuty', :payload)"
            ),
            {"at": T0.isoformat(), "payload": payload},
        )


@pytest.mark.parametrize("payload", ["{not json", "[1, 2]", '{"version": 99, "lines": []}'])
def test_a_damaged_parked_sale_is_listed_but_kept_when_taken(
    store_engine: Engine, repo: ParkedSaleRepository, payload: str
) -> None:
    insert_raw(store_engine, payload)
    listed = repo.list()
    assert [(s.parked_id, s.total, s.line_count) for s in listed] == [("bad", Money(0), 0)]
    with pytest.raises(ParkedSaleDamagedError, match="kept"):
        repo.take("bad")
    assert parked_rows(store_engine) == 1


def engine_with(path: Path, *pragmas: str) -> Engine:
    engine = create_store_engine(path)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    event.listen(engine, "connect", on_connect)
    return engine


@pytest.fixture
def impatient_engine(store_engine: Engine, store_path: Path) -> Iterator[Engine]:
    engine = engine_with(store_path, "PRAGMA busy_timeout=50")
    yield engine
    engine.dispose()


def test_a_locked_database_parks_and_takes_nothing(
    store_engine: Engine, store_path: Path, impatient_engine: Engine
) -> None:
    parked_id = ParkedSaleRepository(store_engine).park(cart_to_json(cart_of(1)), "a", None, T0)
    repo = ParkedSaleRepository(impatient_engine)
    holder = sqlite3.connect(store_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusyError):
            repo.park(cart_to_json(cart_of(2)), "b", None, T0)
        with pytest.raises(StoreBusyError):
            repo.take(parked_id)
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert [summary.parked_id for summary in repo.list()] == [parked_id]
    assert cart_from_json(repo.take(parked_id)).total() == Money(499)


def test_a_read_only_database_is_reported(store_engine: Engine, store_path: Path) -> None:
    parked_id = ParkedSaleRepository(store_engine).park(cart_to_json(cart_of(1)), "a", None, T0)
    read_only = engine_with(store_path, "PRAGMA query_only=1")
    try:
        repo = ParkedSaleRepository(read_only)
        with pytest.raises(StoreReadOnlyError):
            repo.park(cart_to_json(cart_of(1)), "b", None, T0)
        with pytest.raises(StoreReadOnlyError):
            repo.take(parked_id)
        assert len(repo.list()) == 1  # reading still works
    finally:
        read_only.dispose()
    assert parked_rows(store_engine) == 1
