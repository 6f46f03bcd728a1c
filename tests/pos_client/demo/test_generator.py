"""The demo chain generator, on real SQLite files."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from hardware.barcodes import (
    VariableMeasureLayout,
    has_valid_check_digit,
    parse_product_code,
    with_check_digit,
)
from pos_client.demo.generator import (
    CATALOGUE_TABLES,
    CatalogueNotEmptyError,
    ChainSummary,
    generate_chain,
)
from pos_client.domain.text import fold

PRODUCTS = 2500
POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


@dataclass(frozen=True)
class Chain:
    db_path: Path
    images_dir: Path
    summary: ChainSummary


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Chain:
    directory = tmp_path_factory.mktemp("chain")
    images_dir = directory / "images"
    summary = generate_chain(directory / "till.db", products=PRODUCTS, images_dir=images_dir)
    return Chain(directory / "till.db", images_dir, summary)


@pytest.fixture(scope="module")
def db(chain: Chain) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(chain.db_path)
    yield connection
    connection.close()


def _dump(db_path: Path, tables: tuple[str, ...]) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db_path)
    try:
        return [
            (table, *row)
            for table in tables
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY rowid")
        ]
    finally:
        connection.close()


def _full_dump(db_path: Path) -> str:
    connection = sqlite3.connect(db_path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def _nip_is_valid(nip: str) -> bool:
    if not re.fullmatch(r"\d{10}", nip):
        return False
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    return sum(int(d) * w for d, w in zip(nip, weights, strict=False)) % 11 == int(nip[-1])


def test_summary_counts_match_the_tables(chain: Chain, db: sqlite3.Connection) -> None:
    def count(sql: str) -> int:
        value: int = db.execute(sql).fetchone()[0]
        return value

    summary = chain.summary
    assert summary.products == count("SELECT count(*) FROM products") == PRODUCTS
    assert summary.categories == count("SELECT count(*) FROM categories")
    assert summary.barcodes == count("SELECT count(*) FROM barcodes")
    assert summary.prices == count("SELECT count(*) FROM prices")
    assert summary.weighed_products == count("SELECT count(*) FROM products WHERE unit = 'kg'")
    assert summary.quick_keys == count("SELECT count(*) FROM products WHERE quick_key IS NOT NULL")
    assert summary.images == summary.quick_keys == 24
    codes = tuple(row[0] for row in db.execute("SELECT code FROM stores ORDER BY rowid"))
    assert summary.store_codes == codes


def test_stores_have_names_addresses_tax_ids_and_hours(db: sqlite3.Connection) -> None:
    stores = db.execute("SELECT code, name, address, tax_id, opening_hours FROM stores").fetchall()

    assert len(stores) >= 3
    cities = set()
    for code, name, address, tax_id, hours in stores:
        assert re.fullmatch(r"[A-Z]{3}\d{2}", code)
        assert name.startswith("Sklep ")
        match = re.search(r", (\d{2}-\d{3}) (\w+)$", address)
        assert match is not None, address
        cities.add(match.group(2))
        assert _nip_is_valid(tax_id), tax_id
        assert "pn-" in hours
        assert "nd " in hours
    assert len(cities) == len(stores)


def test_categories_have_polish_names(db: sqlite3.Connection) -> None:
    names = {row[0] for row in db.execute("SELECT name FROM categories")}

    assert len(names) >= 10
    assert {"Pieczywo", "Nabiał", "Owoce i warzywa", "Mięso i wędliny", "Napoje"} <= names
    assert {"Słodycze", "Chemia gospodarcza"} <= names


def test_product_names_are_polish_and_mostly_distinct(db: sqlite3.Connection) -> None:
    names = [row[0] for row in db.execute("SELECT name FROM products")]

    assert "Żółw czekoladowy 40 g" in names
    with_diacritics = [name for name in names if POLISH_LETTERS & set(name)]
    assert len(with_diacritics) > len(names) * 0.4
    assert len(set(names)) > len(names) * 0.95


def test_skus_and_search_text(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT id, sku, name, search_text FROM products").fetchall()

    for product_id, sku, name, search_text in rows:
        assert sku == f"P{product_id:07d}"
        assert search_text == fold(f"{name} {sku}")


def test_vat_classes_units_and_active(db: sqlite3.Connection) -> None:
    vat = Counter(row[0] for row in db.execute("SELECT vat_class FROM products"))
    units = Counter(row[0] for row in db.execute("SELECT unit FROM products"))
    by_category = dict(
        db.execute(
            "SELECT c.name, group_concat(DISTINCT p.vat_class) FROM products p "
            "JOIN categories c ON c.id = p.category_id GROUP BY c.name"
        ).fetchall()
    )

    assert set(vat) == {"A", "B", "C", "D", "E"}
    assert vat["C"] + vat["B"] > PRODUCTS / 2
    assert 0 < vat["D"] + vat["E"] < PRODUCTS * 0.02
    assert by_category["Pieczywo"] == "C"
    assert by_category["Chemia gospodarcza"] == "A"
    assert set(units) == {"piece", "kg"}
    assert 0.03 < units["kg"] / PRODUCTS < 0.08
    assert db.execute("SELECT count(*) FROM products WHERE active != 1").fetchone()[0] == 0


def test_every_barcode_is_a_valid_unique_ean13(db: sqlite3.Connection) -> None:
    codes = [row[0] for row in db.execute("SELECT code FROM barcodes")]

    assert len(codes) == len(set(codes))
    for code in codes:
        assert len(code) == 13
        assert has_valid_check_digit(code), code


def test_every_product_has_a_polish_ean_and_some_have_two(db: sqlite3.Connection) -> None:
    eans_per_product = Counter(
        row[0] for row in db.execute("SELECT product_id FROM barcodes WHERE code LIKE '590%'")
    )

    assert set(eans_per_product) == set(range(1, PRODUCTS + 1))
    assert set(eans_per_product.values()) == {1, 2}
    two = sum(1 for n in eans_per_product.values() if n == 2)
    assert 0.06 < two / PRODUCTS < 0.14


def test_weighed_products_have_in_store_codes_a_scale_label_maps_to(
    db: sqlite3.Connection,
) -> None:
    rows = db.execute(
        "SELECT p.id, p.unit, b.code FROM products p "
        "JOIN barcodes b ON b.product_id = p.id AND b.code LIKE '21%'"
    ).fetchall()
    weighed = {row[0] for row in db.execute("SELECT id FROM products WHERE unit = 'kg'")}

    assert weighed
    assert sorted(product_id for product_id, _unit, _code in rows) == sorted(weighed)
    for _product_id, _unit, code in rows:
        assert re.fullmatch(r"21\d{5}00000\d", code)
        label = with_check_digit(f"21{code[2:7]}01250")
        scanned = parse_product_code(label, VariableMeasureLayout())
        assert scanned.lookup_code == code
        assert scanned.measure is not None
        assert scanned.measure.value == 1250


def test_name_search_index_finds_zolw(db: sqlite3.Connection) -> None:
    found = [
        row[0]
        for row in db.execute(
            "SELECT rowid FROM product_search WHERE product_search MATCH 'zolw*'"
        ).fetchall()
    ]
    zolw = db.execute("SELECT id FROM products WHERE name = 'Żółw czekoladowy 40 g'").fetchone()[0]

    assert zolw in found
    db.execute("INSERT INTO product_search(product_search) VALUES ('integrity-check')")


def test_prices_are_plausible_and_valid_in_time(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT product_id, gross, valid_from, valid_to FROM prices ORDER BY product_id, valid_from"
    ).fetchall()
    by_product: dict[int, list[tuple[int, str, str | None]]] = {}
    for product_id, gross, valid_from, valid_to in rows:
        by_product.setdefault(product_id, []).append((gross, valid_from, valid_to))

    assert set(by_product) == set(range(1, PRODUCTS + 1))
    for prices in by_product.values():
        for gross, _valid_from, _valid_to in prices:
            assert 99 <= gross <= 19_999
        validity = [(valid_from, valid_to) for _gross, valid_from, valid_to in prices]
        assert validity in (
            [("2026-01-01", None)],
            [("2026-01-01", "2026-06-01"), ("2026-06-01", None)],
        )
    changed = sum(1 for prices in by_product.values() if len(prices) == 2)
    assert 0.005 < changed / PRODUCTS < 0.04
    ending_in_9 = sum(1 for row in rows if row[1] % 10 == 9)
    assert ending_in_9 > len(rows) * 0.7


def test_quick_keys_and_their_pictures(chain: Chain, db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT quick_key, image, unit FROM products WHERE quick_key IS NOT NULL ORDER BY quick_key"
    ).fetchall()
    stray_images = db.execute(
        "SELECT count(*) FROM products WHERE quick_key IS NULL AND image IS NOT NULL"
    ).fetchone()[0]

    assert [row[0] for row in rows] == list(range(24))
    assert "kg" in {row[2] for row in rows}
    assert stray_images == 0
    for _quick_key, image, _unit in rows:
        assert re.fullmatch(r"quick/\d{4}\.png", image)
        with Image.open(chain.images_dir / image) as picture:
            assert picture.format == "PNG"
            assert picture.size == (160, 160)


def test_same_seed_gives_the_same_data_and_another_seed_does_not(tmp_path: Path) -> None:
    generate_chain(tmp_path / "a.db", products=300, seed=7, images_dir=tmp_path / "a")
    generate_chain(tmp_path / "b.db", products=300, seed=7, images_dir=tmp_path / "b")
    generate_chain(tmp_path / "c.db", products=300, seed=8)

    assert _full_dump(tmp_path / "a.db") == _full_dump(tmp_path / "b.db")
    assert _dump(tmp_path / "a.db", CATALOGUE_TABLES) != _dump(tmp_path / "c.db", CATALOGUE_TABLES)
    pictures = sorted((tmp_path / "a" / "quick").iterdir())
    assert len(pictures) == 24
    for picture in pictures:
        assert picture.read_bytes() == (tmp_path / "b" / "quick" / picture.name).read_bytes()


def test_a_second_run_is_refused_unless_replacing(tmp_path: Path) -> None:
    db_path = tmp_path / "till.db"
    generate_chain(db_path, products=200, seed=1)
    before = _dump(db_path, CATALOGUE_TABLES)

    with pytest.raises(CatalogueNotEmptyError, match="replace=True"):
        generate_chain(db_path, products=300, seed=2)
    assert _dump(db_path, CATALOGUE_TABLES) == before

    generate_chain(db_path, products=300, seed=2, replace=True)
    generate_chain(tmp_path / "fresh.db", products=300, seed=2)
    assert _dump(db_path, CATALOGUE_TABLES) == _dump(tmp_path / "fresh.db", CATALOGUE_TABLES)


def test_search_triggers_are_back_after_generating(tmp_path: Path) -> None:
    db_path = tmp_path / "till.db"
    generate_chain(db_path, products=100)
    connection = sqlite3.connect(db_path)
    try:
        triggers = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'products' "
            "ORDER BY name"
        ).fetchall()
        connection.execute(
            "INSERT INTO products (sku, name, search_text, vat_class, unit, active) "
            "VALUES ('X1', 'Źdźbło', 'zdzblo x1', 'A', 'piece', 1)"
        )
        found = connection.execute(
            "SELECT count(*) FROM product_search WHERE product_search MATCH 'zdzb*'"
        ).fetchone()[0]
    finally:
        connection.close()

    assert [row[0] for row in triggers] == [
        "products_search_delete",
        "products_search_insert",
        "products_search_update",
    ]
    assert found == 1


def test_too_few_products_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        generate_chain(tmp_path / "till.db", products=3)
