"""A deterministic demo chain in the till's database: stores, categories and a Polish catalogue.

The same seed gives the same rows. Rows go in through the DB-API in large batches in one
transaction, and the name-search index is rebuilt once at the end instead of row by row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pos_client.demo.images import QuickKeyProduct, render_quick_key_images
from pos_client.domain.text import fold
from pos_client.store.database import create_store_engine
from pos_client.store.migrate import upgrade
from sync.demo_chain import CATEGORY_NUMBERS, DEFAULT_SEED, DemoChain, DemoProduct
from sync.demo_chain.names import FEATURED

BATCH_SIZE = 50_000
CATALOGUE_TABLES = ("barcodes", "prices", "products", "categories", "stores")
"""Children first, the order for deleting."""

ProductRow = tuple[int, str, str, str, int, str, str, str | None, int | None]
BarcodeRow = tuple[str, int]
PriceRow = tuple[int, int, str, str | None]


class CatalogueNotEmptyError(RuntimeError):
    """The database already has a catalogue and replacing it was not asked for."""


@dataclass(frozen=True, slots=True)
class ChainSummary:
    store_codes: tuple[str, ...]
    categories: int
    products: int
    weighed_products: int
    barcodes: int
    prices: int
    quick_keys: int
    images: int
    """Pictures written (none without an images folder)."""


@dataclass(slots=True)
class _Rows:
    products: list[ProductRow] = field(default_factory=list)
    barcodes: list[BarcodeRow] = field(default_factory=list)
    prices: list[PriceRow] = field(default_factory=list)


def _image_path(product_id: int) -> str:
    return f"quick/{product_id:04d}.png"


def quick_key_products() -> list[QuickKeyProduct]:
    """The quick-key products with their pictures' paths, in grid order."""
    return [
        QuickKeyProduct(_image_path(product_id), product.label, product.category)
        for product_id, product in enumerate(FEATURED, start=1)
        if product.label is not None
    ]


def _batches(chain: DemoChain) -> Iterator[_Rows]:
    """The chain's products as rows of the till's tables, BATCH_SIZE products at a time."""
    folded: dict[str, str] = {}
    quick_keys = 0
    rows = _Rows()
    product: DemoProduct
    for product in chain.products():
        product_id = product.number
        name = product.name
        folded_name = folded.get(name)
        if folded_name is None:
            folded_name = folded[name] = fold(name)
        quick_key: int | None = None
        image: str | None = None
        if product.label is not None:
            quick_key = quick_keys
            quick_keys += 1
            image = _image_path(product_id)
        rows.products.append(
            (
                product_id,
                product.sku,
                name,
                # fold(f"{name} {sku}"), without folding the same names again and again
                f"{folded_name} {product.sku.lower()}",
                CATEGORY_NUMBERS[product.category],
                product.vat_class,
                product.unit,
                image,
                quick_key,
            )
        )
        rows.barcodes += [(code, product_id) for code in product.barcodes]
        rows.prices += [(product_id, gross, start, end) for gross, start, end in product.prices]
        if len(rows.products) == BATCH_SIZE:
            yield rows
            rows = _Rows()
    if rows.products:
        yield rows


def _clear_or_refuse(connection: sqlite3.Connection, db_path: Path, replace: bool) -> None:
    counts = {
        table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in CATALOGUE_TABLES
    }
    if not any(counts.values()):
        return
    if not replace:
        raise CatalogueNotEmptyError(
            f"{db_path} already has a catalogue ({counts['products']} products, "
            f"{counts['stores']} stores); pass replace=True to replace it"
        )
    for table in CATALOGUE_TABLES:
        connection.execute(f"DELETE FROM {table}")


def _drop_triggers(connection: sqlite3.Connection, table: str) -> list[str]:
    """Drop the table's triggers and return the SQL that made them."""
    triggers: list[tuple[str, str]] = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
        (table,),
    ).fetchall()
    for name, _sql in triggers:
        connection.execute(f'DROP TRIGGER "{name}"')
    return [sql for _name, sql in triggers]


def _fill(connection: sqlite3.Connection, db_path: Path, chain: DemoChain, replace: bool) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        _clear_or_refuse(connection, db_path, replace)
        # The search-index triggers would index row by row; one rebuild at the end is faster.
        triggers = _drop_triggers(connection, "products")
        connection.executemany(
            "INSERT INTO stores (code, name, address, tax_id, opening_hours) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (store.code, store.name, store.address, store.tax_id, store.opening_hours)
                for store in chain.stores
            ],
        )
        connection.executemany(
            "INSERT INTO categories (id, name) VALUES (?, ?)",
            [(CATEGORY_NUMBERS[name], name) for name in chain.categories],
        )
        for rows in _batches(chain):
            connection.executemany(
                "INSERT INTO products (id, sku, name, search_text, category_id, vat_class, unit, "
                "image, quick_key, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                rows.products,
            )
            connection.executemany(
                "INSERT INTO barcodes (code, product_id) VALUES (?, ?)", rows.barcodes
            )
            connection.executemany(
                "INSERT INTO prices (product_id, gross, valid_from, valid_to) VALUES (?, ?, ?, ?)",
                rows.prices,
            )
        for sql in triggers:
            connection.execute(sql)
        connection.execute("INSERT INTO product_search(product_search) VALUES ('rebuild')")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    # Copy the big transaction into the database file now and leave no large WAL file behind.
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def generate_chain(
    db_path: Path,
    products: int = 2500,
    seed: int = DEFAULT_SEED,
    images_dir: Path | None = None,
    replace: bool = False,
) -> ChainSummary:
    """Fill the database at `db_path` (migrated first) with a demo chain of `products` products.

    Refuses a database that already has a catalogue unless `replace` is true. Quick-key pictures
    are written under `images_dir` when it is given.
    """
    chain = DemoChain(products, seed)
    engine = create_store_engine(db_path)
    try:
        upgrade(engine)
        raw = engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            _fill(connection, db_path, chain, replace)
        finally:
            raw.close()
    finally:
        engine.dispose()
    quick_keys = quick_key_products()
    images = [] if images_dir is None else render_quick_key_images(quick_keys, images_dir)
    return ChainSummary(
        store_codes=tuple(store.code for store in chain.stores),
        categories=len(chain.categories),
        products=products,
        weighed_products=chain.weighed_products,
        barcodes=chain.barcodes,
        prices=chain.prices,
        quick_keys=len(quick_keys),
        images=len(images),
    )
