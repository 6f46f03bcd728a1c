"""A deterministic demo chain in the till's database: stores, categories and a Polish catalogue.

The same seed gives the same rows. Rows go in through the DB-API in large batches in one
transaction, and the name-search index is rebuilt once at the end instead of row by row.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hardware.barcodes import with_check_digit
from pos_client.demo.images import QuickKeyProduct, render_quick_key_images
from pos_client.demo.names import CATEGORIES, FEATURED, STORES, Featured
from pos_client.domain.text import fold
from pos_client.store.database import create_store_engine
from pos_client.store.migrate import upgrade

BATCH_SIZE = 50_000
PRICES_FROM = "2026-01-01"
PRICE_CHANGE_FROM = "2026-06-01"
WEIGHED_SHARE = 0.05
SECOND_BARCODE_SHARE = 0.10
PRICE_CHANGE_SHARE = 0.02
ROUND_PRICE_SHARE = 0.15
"""Share of prices ending in ,00 or ,50 rather than in 9."""
MIN_PRICE = 99
MAX_PRICE = 19_999
IN_STORE_PREFIX = "21"
MAX_IN_STORE_ITEM = 99_999
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
CATALOGUE_TABLES = ("barcodes", "prices", "products", "categories", "stores")
"""Children first, the order for deleting."""
CATEGORY_IDS = {category.name: index for index, category in enumerate(CATEGORIES, start=1)}

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


@dataclass(frozen=True, slots=True)
class _Kind:
    """What a product is: name, category, VAT class, unit and price."""

    name: str
    folded_name: str
    category_id: int
    vat_class: str
    unit: str
    price: int


class _Pool:
    """Kinds taken in turn, from the start again once all were taken."""

    def __init__(self, kinds: list[_Kind]) -> None:
        self._kinds = kinds
        self._taken = 0

    def take(self) -> _Kind:
        kind = self._kinds[self._taken % len(self._kinds)]
        self._taken += 1
        return kind


class _Eans:
    """Distinct random Polish EAN-13 codes: 590, nine digits, the check digit."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._issued: set[int] = set()

    def next(self) -> str:
        while True:
            body = self._rng.randrange(10**9)
            if body not in self._issued:
                self._issued.add(body)
                return with_check_digit(f"590{body:09d}")


@dataclass(slots=True)
class _Rows:
    products: list[ProductRow] = field(default_factory=list)
    barcodes: list[BarcodeRow] = field(default_factory=list)
    prices: list[PriceRow] = field(default_factory=list)


def _nip_check_digit(first_nine: str) -> int | None:
    """The NIP's check digit; None when there is none (such numbers are never issued)."""
    remainder = sum(int(d) * w for d, w in zip(first_nine, NIP_WEIGHTS, strict=True)) % 11
    return None if remainder == 10 else remainder


def _nip(rng: random.Random, tax_office: str) -> str:
    while True:
        first_nine = f"{tax_office}{rng.randrange(10**6):06d}"
        check = _nip_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"


def _shelf_price(rng: random.Random, grosze: float) -> int:
    """A plausible price near `grosze`: mostly ending in 9, sometimes in ,00 or ,50."""
    whole = round(grosze)
    price = whole // 50 * 50 if rng.random() < ROUND_PRICE_SHARE else whole // 10 * 10 + 9
    return min(max(price, MIN_PRICE), MAX_PRICE)


def _kind_pools(rng: random.Random) -> tuple[list[_Pool], list[int], _Pool]:
    """Packaged kinds per category with cumulative shares, and the weighed kinds."""
    packaged_pools: list[_Pool] = []
    cum_shares = list(itertools.accumulate(category.share for category in CATEGORIES))
    weighed: list[_Kind] = []
    for category_id, category in enumerate(CATEGORIES, start=1):
        packaged: list[_Kind] = []
        for line in category.lines:
            unit = "kg" if line.weighed else "piece"
            for variant, brand, (size, factor) in itertools.product(
                line.variants, (*category.brands, ""), line.sizes
            ):
                name = " ".join(part for part in (line.base, variant, brand, size) if part)
                price = _shelf_price(rng, line.price * factor * rng.uniform(0.85, 1.2))
                vat_class = line.vat or category.vat
                kind = _Kind(name, fold(name), category_id, vat_class, unit, price)
                (weighed if line.weighed else packaged).append(kind)
        rng.shuffle(packaged)
        packaged_pools.append(_Pool(packaged))
    rng.shuffle(weighed)
    return packaged_pools, cum_shares, _Pool(weighed)


def _featured_kind(product: Featured) -> _Kind:
    category_id = CATEGORY_IDS[product.category]
    vat_class = product.vat or CATEGORIES[category_id - 1].vat
    name = product.name
    return _Kind(name, fold(name), category_id, vat_class, product.unit, product.price)


def _image_path(product_id: int) -> str:
    return f"quick/{product_id:04d}.png"


def quick_key_products() -> list[QuickKeyProduct]:
    """The quick-key products with their pictures' paths, in grid order."""
    return [
        QuickKeyProduct(_image_path(product_id), product.label, product.category)
        for product_id, product in enumerate(FEATURED, start=1)
        if product.label is not None
    ]


class _Catalogue:
    """Rows of products, barcodes and prices, made product by product from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._eans = _Eans(rng)
        self.weighed_products = 0
        self.barcodes = 0
        self.prices = 0

    def batches(self, products: int) -> Iterator[_Rows]:
        rng = self._rng
        packaged_pools, cum_shares, weighed_pool = _kind_pools(rng)
        rows = _Rows()
        positions = itertools.count()
        for product_id, product in enumerate(FEATURED, start=1):
            kind = _featured_kind(product)
            if product.label is None:
                self._add(rows, product_id, kind, None, None)
            else:
                self._add(rows, product_id, kind, next(positions), _image_path(product_id))
        for product_id in range(len(FEATURED) + 1, products + 1):
            if self.weighed_products < MAX_IN_STORE_ITEM and rng.random() < WEIGHED_SHARE:
                kind = weighed_pool.take()
            else:
                kind = rng.choices(packaged_pools, cum_weights=cum_shares)[0].take()
            self._add(rows, product_id, kind, None, None)
            if len(rows.products) == BATCH_SIZE:
                yield rows
                rows = _Rows()
        if rows.products:
            yield rows

    def _add(
        self, rows: _Rows, product_id: int, kind: _Kind, quick_key: int | None, image: str | None
    ) -> None:
        rng = self._rng
        sku = f"P{product_id:07d}"
        rows.products.append(
            (
                product_id,
                sku,
                kind.name,
                # fold(f"{kind.name} {sku}"), without folding the same names again and again
                f"{kind.folded_name} {sku.lower()}",
                kind.category_id,
                kind.vat_class,
                kind.unit,
                image,
                quick_key,
            )
        )
        codes = [self._eans.next()]
        if rng.random() < SECOND_BARCODE_SHARE:
            codes.append(self._eans.next())
        if kind.unit == "kg":
            self.weighed_products += 1
            # The code a scale label's code becomes once its weight is zeroed.
            item = f"{self.weighed_products:05d}"
            codes.append(with_check_digit(f"{IN_STORE_PREFIX}{item}00000"))
        rows.barcodes.extend((code, product_id) for code in codes)
        self.barcodes += len(codes)
        if rng.random() < PRICE_CHANGE_SHARE:
            changed = _shelf_price(rng, kind.price * rng.uniform(0.85, 1.15))
            rows.prices.append((product_id, kind.price, PRICES_FROM, PRICE_CHANGE_FROM))
            rows.prices.append((product_id, changed, PRICE_CHANGE_FROM, None))
            self.prices += 2
        else:
            rows.prices.append((product_id, kind.price, PRICES_FROM, None))
            self.prices += 1


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


def _fill(
    connection: sqlite3.Connection, db_path: Path, products: int, seed: int, replace: bool
) -> _Catalogue:
    rng = random.Random(seed)
    catalogue = _Catalogue(rng)
    connection.execute("BEGIN IMMEDIATE")
    try:
        _clear_or_refuse(connection, db_path, replace)
        # The search-index triggers would index row by row; one rebuild at the end is faster.
        triggers = _drop_triggers(connection, "products")
        connection.executemany(
            "INSERT INTO stores (code, name, address, tax_id, opening_hours) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (
                    store.code,
                    store.name,
                    store.address,
                    _nip(rng, store.tax_office),
                    store.opening_hours,
                )
                for store in STORES
            ],
        )
        connection.executemany(
            "INSERT INTO categories (id, name) VALUES (?, ?)",
            [(index, category.name) for index, category in enumerate(CATEGORIES, start=1)],
        )
        for rows in catalogue.batches(products):
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
    return catalogue


def generate_chain(
    db_path: Path,
    products: int = 2500,
    seed: int = 2026,
    images_dir: Path | None = None,
    replace: bool = False,
) -> ChainSummary:
    """Fill the database at `db_path` (migrated first) with a demo chain of `products` products.

    Refuses a database that already has a catalogue unless `replace` is true. Quick-key pictures
    are written under `images_dir` when it is given.
    """
    if products < len(FEATURED):
        raise ValueError(f"a demo catalogue has at least {len(FEATURED)} products, not {products}")
    engine = create_store_engine(db_path)
    try:
        upgrade(engine)
        raw = engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            catalogue = _fill(connection, db_path, products, seed, replace)
        finally:
            raw.close()
    finally:
        engine.dispose()
    quick_keys = quick_key_products()
    images = [] if images_dir is None else render_quick_key_images(quick_keys, images_dir)
    return ChainSummary(
        store_codes=tuple(store.code for store in STORES),
        categories=len(CATEGORIES),
        products=products,
        weighed_products=catalogue.weighed_products,
        barcodes=catalogue.barcodes,
        prices=catalogue.prices,
        quick_keys=len(quick_keys),
        images=len(images),
    )
