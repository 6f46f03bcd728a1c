"""The catalogue on a real SQLite file: lookups by barcode and SKU, prices by date, search."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from pos_client.domain.money import Money
from pos_client.domain.quantity import Unit
from pos_client.domain.vat import VatClass
from pos_client.store.catalogue import CatalogueEntry, CatalogueRepository, fts_prefix_query

AddProduct = Callable[..., int]


@pytest.fixture
def catalogue(store_engine: Engine, catalogue_with_products: dict[str, int]) -> CatalogueRepository:
    return CatalogueRepository(store_engine)


def skus(entries: list[CatalogueEntry]) -> list[str]:
    return [entry.sku for entry in entries]


def test_by_barcode(
    catalogue: CatalogueRepository, catalogue_with_products: dict[str, int]
) -> None:
    assert catalogue.by_barcode("5901234123457") == CatalogueEntry(
        product_id=catalogue_with_products["zolw"],
        sku="CZK-040",
        name="Żółw czekoladowy 40 g",
        vat_class=VatClass.A,
        unit=Unit.PIECE,
        price=Money(499),
        barcode="5901234123457",
        image=None,
        quick_key=1,
    )


def test_by_barcode_of_every_code_of_a_product(catalogue: CatalogueRepository) -> None:
    by_ean = catalogue.by_barcode("4006381333931")
    by_in_store_code = catalogue.by_barcode("2100042000001")
    assert by_ean is not None
    assert by_ean == by_in_store_code
    assert by_ean.unit is Unit.KILOGRAM
    assert by_ean.vat_class is VatClass.C
    assert by_ean.price == Money(1299)
    found = catalogue.by_barcode("0036000291452")
    assert found is not None
    assert found.sku == "NAP-WOD"


def test_unknown_and_inactive_barcodes(catalogue: CatalogueRepository) -> None:
    assert catalogue.by_barcode("5901234123458") is None
    assert catalogue.by_barcode("036000291452") is None  # not normalised to GTIN-13
    assert catalogue.by_barcode("5900000000008") is None  # inactive product


@pytest.mark.parametrize("typed", ["CZK-040", "czk-040", "  Czk-040 "])
def test_by_sku_ignores_case_and_spaces(catalogue: CatalogueRepository, typed: str) -> None:
    found = catalogue.by_sku(typed)
    assert found is not None
    assert found.name == "Żółw czekoladowy 40 g"


def test_by_sku_unknown_or_inactive(catalogue: CatalogueRepository) -> None:
    assert catalogue.by_sku("CZK-04") is None
    assert catalogue.by_sku("OLD-001") is None


def test_by_id(catalogue: CatalogueRepository, catalogue_with_products: dict[str, int]) -> None:
    found = catalogue.by_id(catalogue_with_products["water"])
    assert found is not None
    assert found.sku == "NAP-WOD"
    assert catalogue.by_id(999_999) is None


def test_quick_keys_in_order_and_active_only(
    store_engine: Engine, catalogue: CatalogueRepository, add_product: AddProduct
) -> None:
    add_product("QK-OLD", "Stary klawisz", price=100, quick_key=3, active=False)
    add_product("QK-0", "Pierwszy klawisz", price=100, quick_key=0)
    assert skus(catalogue.quick_keys()) == ["QK-0", "CZK-040", "WAR-POM"]
    assert [entry.quick_key for entry in catalogue.quick_keys()] == [0, 1, 2]


def test_price_by_date(store_engine: Engine, add_product: AddProduct) -> None:
    add_product(
        "KAW-001",
        "Kawa ziarnista 1 kg",
        barcodes=["5901234000007"],
        prices=[
            (4999, date(2024, 1, 1), date(2025, 1, 1)),
            (5499, date(2025, 1, 1), None),
            (5999, date(2025, 6, 1), None),
        ],
    )
    catalogue = CatalogueRepository(store_engine)

    def price_on(day: date) -> Money | None:
        entry = catalogue.by_sku("KAW-001", today=day)
        assert entry is not None
        assert catalogue.by_barcode("5901234000007", today=day) == entry
        return entry.price

    assert price_on(date(2023, 12, 31)) is None
    assert price_on(date(2024, 1, 1)) == Money(4999)
    assert price_on(date(2024, 12, 31)) == Money(4999)
    assert price_on(date(2025, 1, 1)) == Money(5499)  # valid_to is exclusive
    assert price_on(date(2025, 5, 31)) == Money(5499)
    assert price_on(date(2025, 6, 1)) == Money(5999)  # the newer price wins


def test_prices_valid_from_tomorrow_or_until_today_are_not_used(
    store_engine: Engine, add_product: AddProduct
) -> None:
    today = date.today()
    tomorrow = today + timedelta(days=1)
    add_product("FUT-001", "Nowość", prices=[(1000, tomorrow, None)])
    add_product("END-001", "Koniec", prices=[(1000, today - timedelta(days=10), today)])
    add_product("NOW-001", "Teraz", prices=[(1000, today, tomorrow)])
    add_product(
        "UPD-001",
        "Podwyżka od jutra",
        prices=[(1000, today - timedelta(days=10), None), (2000, tomorrow, None)],
    )
    catalogue = CatalogueRepository(store_engine)
    prices = {
        sku: entry.price
        for sku in ("FUT-001", "END-001", "NOW-001", "UPD-001")
        if (entry := catalogue.by_sku(sku))
    }
    assert prices == {
        "FUT-001": None,
        "END-001": None,
        "NOW-001": Money(1000),
        "UPD-001": Money(1000),
    }


@pytest.mark.parametrize(
    "query", ["zolw", "ZOLW", "Żółw", "żółw", "zol", "zo", "zolw czekoladowy", "czek zol", "40 g"]
)
def test_search_by_name_ignores_case_and_diacritics(
    catalogue: CatalogueRepository, query: str
) -> None:
    assert skus(catalogue.search(query)) == ["CZK-040"]


def test_search_multi_word_prefixes(catalogue: CatalogueRepository) -> None:
    assert skus(catalogue.search("pomid mal")) == ["WAR-POM"]
    assert skus(catalogue.search("Pomidory malinowe")) == ["WAR-POM"]
    assert skus(catalogue.search("chleb zyt")) == ["PIE-CHL"]
    assert skus(catalogue.search("pomid chleb")) == []
    assert skus(catalogue.search("pomidory xyz")) == []


def test_search_by_barcode_prefix(catalogue: CatalogueRepository) -> None:
    assert skus(catalogue.search("590123")) == ["CZK-040"]
    assert skus(catalogue.search("5901234123457")) == ["CZK-040"]
    assert skus(catalogue.search("0000096")) == ["PIE-CHL"]
    assert skus(catalogue.search("21000")) == ["WAR-POM"]
    assert catalogue.search("5900000") == []  # the inactive product's code


def test_search_by_sku_prefix(catalogue: CatalogueRepository) -> None:
    assert skus(catalogue.search("czk")) == ["CZK-040"]
    assert skus(catalogue.search("NAP-W")) == ["NAP-WOD"]
    assert skus(catalogue.search("pie-chl")) == ["PIE-CHL"]


def test_search_never_finds_inactive_products(catalogue: CatalogueRepository) -> None:
    assert catalogue.search("zolwik") == []
    assert catalogue.search("wycofany") == []
    assert catalogue.search("OLD-0") == []


def test_search_of_nothing(catalogue: CatalogueRepository) -> None:
    assert catalogue.search("") == []
    assert catalogue.search("   ") == []


def test_search_limit(store_engine: Engine, add_product: AddProduct) -> None:
    for number in range(8):
        add_product(f"BAT-{number:03d}", f"Baton orzechowy {number}", price=199)
    catalogue = CatalogueRepository(store_engine)
    assert len(catalogue.search("baton")) == 8
    assert len(catalogue.search("baton", limit=3)) == 3
    assert len(catalogue.search("BAT-", limit=5)) == 5


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"zolw',
        'zolw"',
        "*",
        "zolw*",
        "AND",
        "zolw AND",
        "OR zolw",
        "NOT",
        "zolw NOT czek",
        "-",
        "zolw -czek",
        "(",
        "(zolw)",
        ")",
        "NEAR(zolw czek)",
        "search_text:zolw",
        "^zolw",
        "'",
        "{search_text}",
        "+",
        "\\",
        "%",
        "_",
        ":",
        "zolw OR",
        "\x00",
    ],
)
def test_fts_syntax_in_a_query_does_not_raise(catalogue: CatalogueRepository, query: str) -> None:
    found = catalogue.search(query)
    assert all(entry.sku != "OLD-001" for entry in found)


@pytest.mark.parametrize(
    "query", ['"zolw"', "zolw*", "(zolw)", "^zolw", "'zolw'", "-zolw", "zolw:"]
)
def test_fts_syntax_around_a_word_still_finds_it(
    catalogue: CatalogueRepository, query: str
) -> None:
    assert skus(catalogue.search(query)) == ["CZK-040"]


def test_a_name_with_fts_syntax_is_found(store_engine: Engine, add_product: AddProduct) -> None:
    add_product("DZI-001", 'Dżem "Babuni" (truskawka) - AND * 280 g', price=899)
    catalogue = CatalogueRepository(store_engine)
    assert skus(catalogue.search('dzem "babuni"')) == ["DZI-001"]
    assert skus(catalogue.search("(truskawka) AND")) == ["DZI-001"]


def test_fts_prefix_query() -> None:
    assert fts_prefix_query("Żółw czek") == '"zolw"* AND "czek"*'
    assert fts_prefix_query('a"b') == '"ab"*'
    assert fts_prefix_query('"') is None
    assert fts_prefix_query("   ") is None


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150, deadline=None
)
@given(st.text(max_size=20))
def test_search_never_raises(catalogue: CatalogueRepository, query: str) -> None:
    for entry in catalogue.search(query):
        assert entry.sku != "OLD-001"


@pytest.mark.parametrize(
    "query", ["czk\U0010ffff", "\U0010ffff", "\U0010ffff\U0010ffff", "a\ud7ff"]
)
def test_search_at_the_end_of_unicode_does_not_raise(
    catalogue: CatalogueRepository, query: str
) -> None:
    assert catalogue.search(query) == []


def test_sku_prefix_search_next_to_the_end_of_unicode(
    store_engine: Engine, add_product: AddProduct
) -> None:
    add_product("ZZ\U0010ffffA", "Dziwny kod", price=100)
    add_product("ZZ\ud7ffA", "Inny dziwny kod", price=100)
    catalogue = CatalogueRepository(store_engine)
    assert skus(catalogue.search("zz\U0010ffff")) == ["ZZ\U0010ffffA"]
    assert skus(catalogue.search("zz\ud7ff")) == ["ZZ\ud7ffA"]
