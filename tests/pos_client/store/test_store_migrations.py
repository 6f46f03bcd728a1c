"""Migrations: a till's database made by an old version upgrades in place and keeps its sales."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, event, inspect, text

from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.sale import sale_from_cart
from pos_client.domain.text import fold
from pos_client.domain.vat import VatClass
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.database import create_store_engine
from pos_client.store.migrate import SCHEMA_REVISION, current_revision, head_revision, upgrade
from pos_client.store.models import Base
from pos_client.store.sales import SalesRepository

SALE_ID = str(uuid.uuid4())
LINE_ID = str(uuid.uuid4())
PAYMENT_ID = str(uuid.uuid4())
OUTBOX_ID = str(uuid.uuid4())


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_store_engine(tmp_path / "till.sqlite3")
    yield engine
    engine.dispose()


def _fill_revision_0001(engine: Engine) -> None:
    """What a till on revision 0001 has written: products and one unsynced sale."""
    with engine.begin() as connection:
        for product_id, sku, name in [
            (1, "CZK-040", "Żółw czekoladowy 40 g"),
            (2, "WAR-POM", "Pomidory malinowe"),
        ]:
            connection.execute(
                text(
                    "INSERT INTO products (id, sku, name, search_text, vat_class, unit, active) "
                    "VALUES (:id, :sku, :name, :search, 'A', 'piece', 1)"
                ),
                {"id": product_id, "sku": sku, "name": name, "search": fold(f"{name} {sku}")},
            )
        connection.execute(
            text("INSERT INTO barcodes (code, product_id) VALUES ('5901234123457', 1)")
        )
        connection.execute(
            text(
                "INSERT INTO prices (product_id, gross, valid_from, valid_to) "
                "VALUES (1, 499, '2020-01-01', NULL)"
            )
        )
        connection.execute(text("INSERT INTO counters (name, value) VALUES ('receipt:01', 41)"))
        connection.execute(
            text(
                "INSERT INTO sales (id, receipt_number, store_code, till_id, sequence, created_at,"
                " subtotal, discount, total, change) VALUES (:id, 'WAW01-01-000041', 'WAW01',"
                " '01', 41, '2024-12-24T15:30:00+00:00', 998, 0, 998, 2)"
            ),
            {"id": SALE_ID},
        )
        connection.execute(
            text(
                "INSERT INTO sale_lines (id, sale_id, position, product_id, sku, name, barcode,"
                " vat_class, unit, quantity, unit_price, line_discount, basket_discount, total)"
                " VALUES (:id, :sale, 0, 1, 'CZK-040', 'Żółw czekoladowy 40 g',"
                " '5901234123457', 'A', 'piece', 2, 499, 0, 0, 998)"
            ),
            {"id": LINE_ID, "sale": SALE_ID},
        )
        connection.execute(
            text(
                "INSERT INTO sale_payments (id, sale_id, position, tender, amount, tendered)"
                " VALUES (:id, :sale, 0, 'cash', 998, 1000)"
            ),
            {"id": PAYMENT_ID, "sale": SALE_ID},
        )
        connection.execute(
            text(
                "INSERT INTO outbox (id, seq, kind, aggregate_id, created_at, payload,"
                " acknowledged_at) VALUES (:id, 1, 'sale', :sale, '2024-12-24T15:30:00+00:00',"
                " :payload, NULL)"
            ),
            {"id": OUTBOX_ID, "sale": SALE_ID, "payload": json.dumps({"id": SALE_ID})},
        )


def test_schema_revision_is_alembics_head() -> None:
    assert head_revision() == SCHEMA_REVISION


def test_a_new_database_has_no_revision(engine: Engine) -> None:
    assert current_revision(engine) is None


def test_upgrade_from_0001_keeps_the_unsynced_sale(engine: Engine) -> None:
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    assert not inspect(engine).has_table("product_search")
    _fill_revision_0001(engine)

    upgrade(engine)

    assert current_revision(engine) == SCHEMA_REVISION
    sale = SalesRepository(engine).last("01")
    assert sale is not None
    assert str(sale.sale_id) == SALE_ID
    assert sale.receipt_number == "WAW01-01-000041"
    assert sale.total == Money(998)
    assert sale.change == Money(2)
    assert [(str(line.line_id), line.quantity, line.total) for line in sale.lines] == [
        (LINE_ID, Quantity.pieces(2), Money(998))
    ]
    assert [(str(p.payment_id), p.tender, p.tendered) for p in sale.payments] == [
        (PAYMENT_ID, Tender.CASH, Money(1000))
    ]
    with engine.connect() as connection:
        outbox = connection.execute(
            text("SELECT id, aggregate_id, acknowledged_at FROM outbox")
        ).fetchall()
        counter = connection.execute(
            text("SELECT value FROM counters WHERE name = 'receipt:01'")
        ).scalar()
    assert [tuple(row) for row in outbox] == [(OUTBOX_ID, SALE_ID, None)]
    assert counter == 41

    # The upgraded till goes on numbering where it stopped.
    cart = Cart()
    cart.add(
        ProductSnapshot(1, "CZK-040", "Żółw", Money(499), VatClass.A, Unit.PIECE),
        Quantity.pieces(1),
    )
    next_sale = sale_from_cart(
        cart, settle(cart.total(), [(Tender.CARD, Money(499))]), "WAW01", "01", datetime.now(UTC)
    )
    assert SalesRepository(engine).record(next_sale).receipt_number == "WAW01-01-000042"


def test_products_from_before_the_upgrade_are_searchable(engine: Engine) -> None:
    upgrade(engine, "0001")
    _fill_revision_0001(engine)
    upgrade(engine)
    catalogue = CatalogueRepository(engine)
    assert [entry.sku for entry in catalogue.search("zolw")] == ["CZK-040"]
    assert [entry.sku for entry in catalogue.search("pomid mal")] == ["WAR-POM"]
    found = catalogue.by_barcode("5901234123457")
    assert found is not None
    assert found.price == Money(499)


def test_the_search_index_follows_inserts_updates_and_deletes(engine: Engine) -> None:
    upgrade(engine, "0001")
    _fill_revision_0001(engine)
    upgrade(engine)
    catalogue = CatalogueRepository(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO products (id, sku, name, search_text, vat_class, unit, active) "
                "VALUES (3, 'KAW-001', 'Kawa ziarnista', 'kawa ziarnista kaw-001', 'A', 'piece', 1)"
            )
        )
        connection.execute(
            text(
                "UPDATE products SET name = 'Ogórki kiszone', "
                "search_text = 'ogorki kiszone war-pom' WHERE id = 2"
            )
        )
        connection.execute(text("DELETE FROM barcodes WHERE product_id = 1"))
        connection.execute(text("DELETE FROM prices WHERE product_id = 1"))
        connection.execute(text("DELETE FROM products WHERE id = 1"))
    assert [entry.sku for entry in catalogue.search("kawa zia")] == ["KAW-001"]
    assert [entry.sku for entry in catalogue.search("ogorki")] == ["WAR-POM"]
    assert catalogue.search("pomidory") == []
    assert catalogue.search("zolw") == []
    with engine.connect() as connection:
        # The external-content index agrees with its table.
        connection.execute(
            text("INSERT INTO product_search(product_search, rank) VALUES ('integrity-check', 1)")
        )


def test_upgrade_of_an_up_to_date_database_is_a_no_op(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        schema_version = connection.exec_driver_sql("PRAGMA schema_version").scalar()
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        upgrade(engine)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert statements, "the revision was not even read"
    reads_only = ("SELECT", "PRAGMA", "BEGIN DEFERRED", "ROLLBACK", "COMMIT")
    assert [s for s in statements if not s.lstrip().upper().startswith(reads_only)] == []
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA schema_version").scalar() == schema_version
    assert current_revision(engine) == SCHEMA_REVISION


def test_upgrade_through_alembic_to_the_current_revision_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        schema_version = connection.exec_driver_sql("PRAGMA schema_version").scalar()
    upgrade(engine, SCHEMA_REVISION)  # not "head": goes through Alembic
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA schema_version").scalar() == schema_version
    assert current_revision(engine) == SCHEMA_REVISION


def test_migrations_match_the_models(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    # The FTS5 index (and its shadow tables) exists only in the migration, on purpose.
    unexplained = [
        difference
        for difference in differences
        if not (difference[0] == "remove_table" and difference[1].name.startswith("product_search"))
    ]
    assert unexplained == []


def test_the_pragmas_hold_after_migrating(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
