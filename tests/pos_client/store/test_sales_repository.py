"""Recording sales on a real SQLite file: whole or not at all, numbered without gaps, with the
outbox row in the same transaction; failures are StoreErrors and leave nothing behind."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.sale import SaleRecord, sale_from_cart
from pos_client.domain.vat import VatClass
from pos_client.store.database import create_store_engine
from pos_client.store.errors import (
    StoreBusyError,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
)
from pos_client.store.sales import SalesRepository, receipt_counter

NOW = datetime(2025, 3, 14, 9, 26, 53, 123456, tzinfo=UTC)


def make_sale(
    till_id: str = "01", lines: int = 2, name: str = "Żółw czekoladowy 40 g", cash: bool = True
) -> SaleRecord:
    cart = Cart()
    for index in range(lines):
        cart.add(
            ProductSnapshot(
                product_id=index + 1,
                sku=f"SKU-{index:04d}",
                name=name,
                unit_price=Money(499 + index),
                vat_class=VatClass.A if index % 2 == 0 else VatClass.C,
                unit=Unit.PIECE,
                barcode="5901234123457",
            ),
            Quantity.pieces(1 + index % 3),
        )
    total = cart.total()
    tenders = [(Tender.CARD, Money(100)), (Tender.CASH, total)] if cash else [(Tender.CARD, total)]
    return sale_from_cart(cart, settle(total, tenders), "WAW01", till_id, NOW)


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())
            for table in ("sales", "sale_lines", "sale_payments", "outbox", "counters")
        }


NOTHING = {"sales": 0, "sale_lines": 0, "sale_payments": 0, "outbox": 0, "counters": 0}


def engine_with(path: Path, *pragmas: str) -> Engine:
    """A store engine on `path` whose connections also run `pragmas` (after the store's own)."""
    engine = create_store_engine(path)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    event.listen(engine, "connect", on_connect)
    return engine


@pytest.fixture
def sales(store_engine: Engine) -> SalesRepository:
    return SalesRepository(store_engine)


def test_record_writes_the_sale_lines_payments_and_outbox_row(
    store_engine: Engine, sales: SalesRepository
) -> None:
    sale = make_sale(lines=3)
    recorded = sales.record(sale)
    assert recorded == sale.numbered(1)
    assert recorded.receipt_number == "WAW01-01-000001"
    assert counts(store_engine) == {
        "sales": 1,
        "sale_lines": 3,
        "sale_payments": 2,
        "outbox": 1,
        "counters": 1,
    }
    with store_engine.connect() as connection:
        row = connection.execute(
            text("SELECT id, receipt_number, sequence, total, change, created_at FROM sales")
        ).one()
        lines = connection.execute(
            text("SELECT id, position, quantity, total FROM sale_lines ORDER BY position")
        ).fetchall()
        payments = connection.execute(
            text("SELECT tender, amount, tendered FROM sale_payments ORDER BY position")
        ).fetchall()
        outbox = connection.execute(
            text("SELECT id, seq, kind, aggregate_id, payload, acknowledged_at FROM outbox")
        ).one()
    assert tuple(row) == (
        str(sale.sale_id),
        "WAW01-01-000001",
        1,
        sale.total.grosze,
        sale.change.grosze,
        "2025-03-14T09:26:53.123456+00:00",
    )
    assert [tuple(line) for line in lines] == [
        (str(line.line_id), position, line.quantity.amount, line.total.grosze)
        for position, line in enumerate(sale.lines)
    ]
    assert [tuple(payment) for payment in payments] == [
        ("card", 100, 100),
        ("cash", sale.total.grosze - 100, sale.total.grosze),
    ]
    assert uuid.UUID(outbox.id).version == 4
    assert (outbox.seq, outbox.kind, outbox.aggregate_id, outbox.acknowledged_at) == (
        1,
        "sale",
        str(sale.sale_id),
        None,
    )
    assert json.loads(outbox.payload) == recorded.to_json()
    assert json.loads(outbox.payload)["receipt_number"] == "WAW01-01-000001"


def test_receipt_numbers_are_gap_free_per_till(
    store_engine: Engine, sales: SalesRepository
) -> None:
    numbers = [sales.record(make_sale()).receipt_number for _ in range(3)]
    assert numbers == ["WAW01-01-000001", "WAW01-01-000002", "WAW01-01-000003"]
    assert sales.record(make_sale(till_id="02")).receipt_number == "WAW01-02-000001"
    assert sales.record(make_sale()).sequence == 4
    with store_engine.connect() as connection:
        outbox_seqs = connection.execute(text("SELECT seq FROM outbox ORDER BY seq")).scalars()
        assert list(outbox_seqs) == [1, 2, 3, 4, 5]
        counter = connection.execute(
            text("SELECT value FROM counters WHERE name = :name"), {"name": receipt_counter("01")}
        ).scalar()
    assert counter == 4


def test_last_returns_the_newest_sale_whole(sales: SalesRepository) -> None:
    assert sales.last("01") is None
    sales.record(make_sale(lines=1))
    newest = sales.record(make_sale(lines=4))
    sales.record(make_sale(till_id="02", lines=2))
    found = sales.last("01")
    assert found == newest
    assert found is not None
    assert len(found.lines) == 4
    assert [line.line_id for line in found.lines] == [line.line_id for line in newest.lines]
    assert found.payments == newest.payments
    assert found.vat_summary() == newest.vat_summary()
    assert sales.last("03") is None


def test_by_receipt_number(sales: SalesRepository) -> None:
    first = sales.record(make_sale())
    sales.record(make_sale())
    assert sales.by_receipt_number("WAW01-01-000001") == first
    assert sales.by_receipt_number("WAW01-01-000009") is None


def test_weighed_lines_round_trip(sales: SalesRepository) -> None:
    cart = Cart()
    cart.add(
        ProductSnapshot(7, "WAR-POM", "Pomidory malinowe", Money(1299), VatClass.C, Unit.KILOGRAM),
        Quantity.grams(1250),
    )
    cart.set_basket_discount(Money(24))
    sale = sale_from_cart(
        cart, settle(cart.total(), [(Tender.CARD, Money(1600))]), "WAW01", "01", NOW
    )
    recorded = sales.record(sale)
    assert sales.last("01") == recorded
    assert recorded.lines[0].quantity == Quantity.grams(1250)
    assert recorded.lines[0].basket_discount == Money(24)


def test_a_sale_is_written_whole_or_not_at_all(
    store_engine: Engine, sales: SalesRepository
) -> None:
    sale = make_sale(lines=2)
    broken = replace(sale, lines=(sale.lines[0], sale.lines[0]))  # the same line id twice
    with pytest.raises(StoreError):
        sales.record(broken)
    assert counts(store_engine) == NOTHING
    assert sales.record(sale).sequence == 1


def test_the_same_sale_cannot_be_recorded_twice(
    store_engine: Engine, sales: SalesRepository
) -> None:
    sale = make_sale()
    sales.record(sale)
    with pytest.raises(StoreError):
        sales.record(sale)
    assert counts(store_engine)["sales"] == 1
    assert counts(store_engine)["outbox"] == 1
    assert sales.record(make_sale()).sequence == 2  # the failed attempt used no number


@pytest.fixture
def impatient_engine(store_engine: Engine, store_path: Path) -> Iterator[Engine]:
    engine = engine_with(store_path, "PRAGMA busy_timeout=50")
    yield engine
    engine.dispose()


def test_a_locked_database_is_busy_and_nothing_is_written(
    store_engine: Engine, store_path: Path, impatient_engine: Engine
) -> None:
    sales = SalesRepository(impatient_engine)
    holder = sqlite3.connect(store_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusyError, match="busy") as raised:
            sales.record(make_sale())
        assert isinstance(raised.value, StoreError)
        assert "locked" in str(raised.value.__cause__)
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert counts(store_engine) == NOTHING
    assert sales.record(make_sale()).receipt_number == "WAW01-01-000001"


def test_a_read_only_database_is_reported_and_nothing_is_written(
    store_engine: Engine, store_path: Path
) -> None:
    read_only = engine_with(store_path, "PRAGMA query_only=1")
    try:
        with pytest.raises(StoreReadOnlyError, match="read-only"):
            SalesRepository(read_only).record(make_sale())
    finally:
        read_only.dispose()
    assert counts(store_engine) == NOTHING
    assert SalesRepository(store_engine).record(make_sale()).sequence == 1


def test_a_full_disk_is_reported_and_nothing_is_written(
    store_engine: Engine, store_path: Path
) -> None:
    sales = SalesRepository(store_engine)
    sales.record(make_sale())
    before = counts(store_engine)
    # The database may not grow by a single page: as if the disk were full.
    full = engine_with(store_path, "PRAGMA max_page_count=1")
    big_sale = make_sale(lines=400, name="Żółw czekoladowy " * 9)
    try:
        with full.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA max_page_count").scalar() == (
                connection.exec_driver_sql("PRAGMA page_count").scalar()
            )
        with pytest.raises(StoreFullError, match="disk is full"):
            SalesRepository(full).record(big_sale)
    finally:
        full.dispose()
    assert counts(store_engine) == before
    recorded = sales.record(big_sale)
    assert recorded.sequence == 2
    assert sales.last("01") == recorded


def test_store_errors_keep_the_cause_for_the_log(store_path: Path, store_engine: Engine) -> None:
    read_only = engine_with(store_path, "PRAGMA query_only=1")
    try:
        with pytest.raises(StoreReadOnlyError) as raised:
            SalesRepository(read_only).record(make_sale())
    finally:
        read_only.dispose()
    assert "readonly" in str(raised.value.__cause__)


def test_concurrent_writers_still_number_without_gaps(
    store_engine: Engine, store_path: Path
) -> None:
    engines = [create_store_engine(store_path) for _ in range(3)]
    errors: list[BaseException] = []

    def sell(engine: Engine) -> None:
        repository = SalesRepository(engine)
        try:
            for _ in range(15):
                repository.record(make_sale(lines=1))
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=sell, args=(engine,)) for engine in engines]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        for engine in engines:
            engine.dispose()
    assert errors == []
    with store_engine.connect() as connection:
        sequences = connection.execute(text("SELECT sequence FROM sales ORDER BY sequence"))
        outbox = connection.execute(text("SELECT seq FROM outbox ORDER BY seq"))
        assert list(sequences.scalars()) == list(range(1, 46))
        assert list(outbox.scalars()) == list(range(1, 46))
