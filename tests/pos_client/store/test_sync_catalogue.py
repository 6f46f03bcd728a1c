"""Applying the central change feed to a real SQLite till database: products, barcodes, prices,
categories, VAT rates, stores and users with their checkpoint, in short transactions; full
syncs that replace the catalogue while the till keeps selling from it."""

from __future__ import annotations

import gc
import itertools
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from pos_client.domain.money import Money
from pos_client.domain.people import Role
from pos_client.domain.pin import ScryptCost, hash_pin, verify_pin
from pos_client.domain.text import fold
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.database import write_session
from pos_client.store.sales import SalesRepository
from pos_client.store.sync_catalogue import (
    CatalogueSync,
    FeedProgress,
    TillWriters,
    search_text,
)
from pos_client.store.users import UserRepository
from sync.client import BadAnswerError
from sync.protocol import Change, ChangesPage, Entity
from tests.conftest import ZOLW_EAN, AddProduct
from tests.pos_client.store.test_sales_repository import make_sale

SERVER_TIME = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
TINY_COST = ScryptCost(n=2, r=1, p=1)
STORE = "WAW01"


def product(
    sku: str,
    name: str,
    *,
    barcodes: tuple[str, ...] = (),
    gross: int = 100,
    category: str | None = "Słodycze",
    active: bool = True,
    unit: str = "piece",
    vat_class: str = "A",
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_DNS, sku)),
        "sku": sku,
        "name": name,
        "category": category,
        "vat_class": vat_class,
        "unit": unit,
        "active": active,
        "barcodes": list(barcodes),
        "prices": [{"gross": gross, "valid_from": "2020-01-01", "valid_to": None}],
    }


def store_data(code: str, name: str = "Sklep") -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "address": f"ul. Długa 1, {code}",
        "tax_id": "5260250274",
        "opening_hours": "Pn-Sb 8-20",
    }


def user_data(login: str, pin: str = "1234", stores: tuple[str, ...] = (STORE,)) -> dict[str, Any]:
    hashed = hash_pin(pin, TINY_COST)
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_DNS, login)),
        "login": login,
        "display_name": login.title(),
        "role": "cashier",
        "pin_hash": hashed.hash,
        "pin_salt": hashed.salt,
        "active": True,
        "store_codes": list(stores),
    }


class Feed:
    """Builds pages the way the central feed numbers them: one growing seq."""

    def __init__(self) -> None:
        self.seq = 0

    def change(self, entity: Entity, key: str, data: dict[str, Any] | None) -> Change:
        self.seq += 1
        if data is None:
            return Change(seq=self.seq, entity=entity, key=key, op="delete", data=None)
        return Change(seq=self.seq, entity=entity, key=key, op="upsert", data=data)

    def products(self, *items: dict[str, Any]) -> list[Change]:
        return [self.change(Entity.PRODUCT, item["sku"], item) for item in items]

    def page(
        self, changes: list[Change], *, has_more: bool = False, remaining: int = 0
    ) -> ChangesPage:
        return ChangesPage(
            changes=changes,
            next_cursor=str(changes[-1].seq if changes else self.seq),
            has_more=has_more,
            remaining=remaining,
            server_time=SERVER_TIME,
        )


def never() -> bool:
    return False


@pytest.fixture
def feed() -> Feed:
    return Feed()


MakeSync = Callable[..., CatalogueSync]


@pytest.fixture
def make_sync(store_engine: Engine) -> Iterator[MakeSync]:
    """CatalogueSync(store_engine, STORE, **options), without pauses unless told; closed
    after the test."""
    made: list[CatalogueSync] = []

    def make(**options: Any) -> CatalogueSync:
        options.setdefault("sleep", lambda seconds: None)
        made.append(CatalogueSync(store_engine, STORE, **options))
        return made[-1]

    yield make
    for each in made:
        each.close()


@pytest.fixture
def sync(make_sync: MakeSync) -> CatalogueSync:
    return make_sync()


@pytest.fixture
def catalogue(store_engine: Engine) -> CatalogueRepository:
    return CatalogueRepository(store_engine)


def scalar(engine: Engine, sql: str, **params: object) -> Any:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def check_search_index(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(
            text("INSERT INTO product_search(product_search, rank) VALUES ('integrity-check', 1)")
        )


def test_a_first_page_fills_the_catalogue_and_moves_the_checkpoint(
    sync: CatalogueSync, feed: Feed, catalogue: CatalogueRepository, store_engine: Engine
) -> None:
    assert sync.cursor() == "0"
    assert sync.progress().full_sync
    changes = [
        feed.change(Entity.STORE, "WAW01", store_data("WAW01", "Warszawa Centrum")),
        feed.change(Entity.VAT_RATE, "A", {"vat_class": "A", "rate_basis_points": 2300}),
        feed.change(Entity.VAT_RATE, "E", {"vat_class": "E", "rate_basis_points": None}),
        feed.change(Entity.CATEGORY, "Napoje", {"name": "Napoje"}),
        *feed.products(
            product("CZK-040", "Żółw czekoladowy 40 g", barcodes=(ZOLW_EAN,), gross=499),
            product("NAP-WOD", "Woda mineralna", barcodes=("96385074",), category="Napoje"),
        ),
    ]
    progress = sync.apply(feed.page(changes, has_more=True, remaining=120), never)

    assert progress == FeedProgress(
        cursor="6",
        full_sync=True,
        applied=6,
        remaining=120,
        paused=False,
        server_time=SERVER_TIME,
    )
    assert sync.cursor() == "6"
    found = catalogue.by_barcode(ZOLW_EAN)
    assert found is not None
    assert (found.sku, found.price) == ("CZK-040", Money(499))
    water = catalogue.by_barcode("0000096385074")  # EAN-8 kept as GTIN-13
    assert water is not None
    assert water.sku == "NAP-WOD"
    assert [entry.sku for entry in catalogue.search("zolw czek")] == ["CZK-040"]
    assert scalar(store_engine, "SELECT name FROM stores WHERE code = 'WAW01'") == (
        "Warszawa Centrum"
    )
    assert scalar(store_engine, "SELECT count(*) FROM categories") == 2
    assert (
        scalar(
            store_engine,
            "SELECT c.name FROM products p JOIN categories c ON c.id = p.category_id "
            "WHERE p.sku = 'NAP-WOD'",
        )
        == "Napoje"
    )
    assert (
        scalar(store_engine, "SELECT rate_basis_points FROM vat_rates WHERE vat_class = 'E'")
        is None
    )
    check_search_index(store_engine)


@pytest.mark.parametrize(
    ("name", "sku"),
    [
        ("Żółw  czekoladowy\u00a040 g", "CZK-040"),
        ("STRAßE Łódź \u00a8 ﬁlet ½ kg", "\u2003ab-C"),
        ("Ἀθῆναι Ǆem", "ÅÉ-01"),
        ("", "X"),
    ],
)
def test_the_search_text_folded_word_by_word_is_the_folded_name_and_sku(
    name: str, sku: str
) -> None:
    assert search_text(name, sku) == fold(f"{name} {sku}")


def test_an_update_keeps_the_local_id_picture_and_quick_key(
    sync: CatalogueSync,
    feed: Feed,
    catalogue: CatalogueRepository,
    add_product: AddProduct,
    store_engine: Engine,
) -> None:
    local_id = add_product("CZK-040", "Żółw", price=499, barcodes=[ZOLW_EAN], quick_key=3)
    with store_engine.begin() as connection:
        connection.execute(
            text("UPDATE products SET image = 'zolw.png' WHERE id = :id"), {"id": local_id}
        )

    sync.apply(
        feed.page(
            feed.products(
                product("CZK-040", "Krówka mleczna", barcodes=("5900000000015",), gross=350)
            )
        ),
        never,
    )

    entry = catalogue.by_sku("CZK-040")
    assert entry is not None
    assert (entry.product_id, entry.name, entry.price) == (local_id, "Krówka mleczna", Money(350))
    assert (entry.image, entry.quick_key) == ("zolw.png", 3)
    assert catalogue.by_barcode(ZOLW_EAN) is None
    assert catalogue.by_barcode("5900000000015") == entry
    assert [e.sku for e in catalogue.search("krowka")] == ["CZK-040"]
    assert catalogue.search("zolw") == []
    check_search_index(store_engine)


def test_an_unchanged_product_is_not_rewritten(
    sync: CatalogueSync, feed: Feed, store_engine: Engine
) -> None:
    item = product("CZK-040", "Żółw", barcodes=(ZOLW_EAN,))
    sync.apply(feed.page(feed.products(item)), never)
    rewritten: list[int] = []

    def record(_conn: object, cursor: Any, statement: str, *_: object) -> None:
        if statement.startswith(
            (
                "INSERT INTO products",
                "UPDATE products",
                "INSERT INTO product_search",
                "DELETE FROM barcodes",
                "DELETE FROM prices",
            )
        ):
            rewritten.append(cursor.rowcount)

    event.listen(sync.engine, "after_cursor_execute", record)
    try:
        sync.apply(feed.page(feed.products(item)), never)
        sync.apply(feed.page(feed.products({**item, "name": "Żółw duży"})), never)
    finally:
        event.remove(sync.engine, "after_cursor_execute", record)
    # Nothing at all for the unchanged product; the renamed one and its index entry.
    assert rewritten == [1, 1, 1]
    check_search_index(store_engine)


def test_a_barcode_moves_to_the_product_that_now_has_it(
    sync: CatalogueSync, feed: Feed, catalogue: CatalogueRepository
) -> None:
    sync.apply(feed.page(feed.products(product("OLD-1", "Stary", barcodes=(ZOLW_EAN,)))), never)
    sync.apply(feed.page(feed.products(product("NEW-1", "Nowy", barcodes=(ZOLW_EAN,)))), never)
    found = catalogue.by_barcode(ZOLW_EAN)
    assert found is not None
    assert found.sku == "NEW-1"


def test_a_deleted_product_is_deactivated_and_comes_back_with_its_id(
    sync: CatalogueSync, feed: Feed, catalogue: CatalogueRepository
) -> None:
    sync.apply(feed.page(feed.products(product("CZK-040", "Żółw", barcodes=(ZOLW_EAN,)))), never)
    entry = catalogue.by_sku("CZK-040")
    assert entry is not None
    sync.apply(feed.page([feed.change(Entity.PRODUCT, "CZK-040", None)]), never)
    assert catalogue.by_barcode(ZOLW_EAN) is None
    assert catalogue.search("zolw") == []
    sync.apply(feed.page(feed.products(product("CZK-040", "Żółw", barcodes=(ZOLW_EAN,)))), never)
    back = catalogue.by_barcode(ZOLW_EAN)
    assert back is not None
    assert back.product_id == entry.product_id


def test_prices_are_replaced_with_their_validity(
    sync: CatalogueSync, feed: Feed, catalogue: CatalogueRepository
) -> None:
    item = product("CZK-040", "Żółw", barcodes=(ZOLW_EAN,))
    item["prices"] = [
        {"gross": 499, "valid_from": "2020-01-01", "valid_to": "2025-04-01"},
        {"gross": 549, "valid_from": "2025-04-01", "valid_to": None},
    ]
    sync.apply(feed.page(feed.products(item)), never)
    march = catalogue.by_barcode(ZOLW_EAN, today=date(2025, 3, 31))
    april = catalogue.by_barcode(ZOLW_EAN, today=date(2025, 4, 1))
    assert march is not None
    assert april is not None
    assert (march.price, april.price) == (Money(499), Money(549))


def test_stores_categories_and_vat_rates_are_deleted(
    sync: CatalogueSync, feed: Feed, store_engine: Engine
) -> None:
    sync.apply(
        feed.page(
            [
                feed.change(Entity.STORE, "KRK01", store_data("KRK01")),
                feed.change(Entity.VAT_RATE, "B", {"vat_class": "B", "rate_basis_points": 800}),
                *feed.products(product("CZK-040", "Żółw", category="Słodycze")),
            ]
        ),
        never,
    )
    sync.apply(
        feed.page(
            [
                feed.change(Entity.STORE, "KRK01", None),
                feed.change(Entity.VAT_RATE, "B", None),
                feed.change(Entity.CATEGORY, "Słodycze", None),
            ]
        ),
        never,
    )
    assert scalar(store_engine, "SELECT count(*) FROM stores") == 0
    assert scalar(store_engine, "SELECT count(*) FROM vat_rates") == 0
    assert scalar(store_engine, "SELECT count(*) FROM categories") == 0
    assert scalar(store_engine, "SELECT category_id FROM products WHERE sku = 'CZK-040'") is None


def test_users_of_this_store_can_log_in_with_the_central_pin(
    sync: CatalogueSync, feed: Feed, store_engine: Engine
) -> None:
    users = UserRepository(store_engine, pin_cost=TINY_COST)
    sync.apply(
        feed.page(
            [
                feed.change(Entity.USER, "anna", user_data("anna", "4321")),
                feed.change(Entity.USER, "piotr", user_data("piotr", stores=("KRK01",))),
            ]
        ),
        never,
    )
    anna = users.by_login("ANNA")
    assert anna is not None
    assert verify_pin("4321", anna.pin)
    assert users.by_login("piotr") is None

    # A new PIN centrally: the same local user (same id) with the new PIN.
    sync.apply(feed.page([feed.change(Entity.USER, "anna", user_data("anna", "9999"))]), never)
    again = users.by_login("anna")
    assert again is not None
    assert again.member.id == anna.member.id
    assert verify_pin("9999", again.pin)

    # Moved to another store: no longer able to log in here.
    sync.apply(
        feed.page([feed.change(Entity.USER, "anna", user_data("anna", stores=("KRK01",)))]),
        never,
    )
    moved = users.by_login("anna")
    assert moved is not None
    assert not moved.active


def test_a_user_added_at_the_till_is_left_alone_by_central_deletes(
    sync: CatalogueSync, feed: Feed, store_engine: Engine
) -> None:
    users = UserRepository(store_engine, pin_cost=TINY_COST)
    users.add("kierownik", "Kierownik", Role.MANAGER, "1111")
    sync.apply(feed.page([feed.change(Entity.USER, "kierownik", None)]), never)
    local = users.by_login("kierownik")
    assert local is not None
    assert local.active


def test_the_collector_leaves_older_objects_alone_only_while_a_page_is_applied(
    sync: CatalogueSync, feed: Feed
) -> None:
    frozen_meanwhile: list[int] = []

    def interrupted() -> bool:
        frozen_meanwhile.append(gc.get_freeze_count())
        return False

    sync.apply(feed.page(feed.products(product("OK-1", "Dobry"))), interrupted)
    assert frozen_meanwhile
    assert min(frozen_meanwhile) > 0
    assert gc.get_freeze_count() == 0
    broken = product("BAD-1", "Zły")
    del broken["prices"]
    with pytest.raises(BadAnswerError):
        sync.apply(feed.page(feed.products(broken)), never)
    assert gc.get_freeze_count() == 0


def test_a_change_the_till_cannot_read_writes_nothing(
    sync: CatalogueSync, feed: Feed, store_engine: Engine
) -> None:
    broken = product("BAD-1", "Zły")
    broken["prices"] = [{"gross": 1, "valid_from": "next tuesday", "valid_to": None}]
    changes = [*feed.products(product("OK-1", "Dobry")), *feed.products(broken)]
    with pytest.raises(BadAnswerError, match=r"change 2 \(product 'BAD-1'\)"):
        sync.apply(feed.page(changes), never)
    missing = product("BAD-2", "Bez ceny")
    del missing["prices"]
    with pytest.raises(BadAnswerError, match="prices"):
        sync.apply(feed.page(feed.products(missing)), never)
    with pytest.raises(BadAnswerError, match="without data"):
        sync.apply(
            feed.page([Change(seq=99, entity=Entity.STORE, key="X", op="upsert", data=None)]),
            never,
        )
    assert scalar(store_engine, "SELECT count(*) FROM products") == 0
    assert sync.cursor() == "0"


class Transactions:
    """Counts the write transactions of the catalogue sync (with when each began and ended)
    and stops it after `stop_after`."""

    def __init__(self, engine: Engine, stop_after: int | None = None) -> None:
        self.count = 0
        self.stop_after = stop_after
        self.spans: list[list[float]] = []
        self._engine = engine

    def __enter__(self) -> Transactions:
        event.listen(self._engine, "begin", self._begun)
        event.listen(self._engine, "commit", self._committed)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(self._engine, "begin", self._begun)
        event.remove(self._engine, "commit", self._committed)

    def _begun(self, connection: Any) -> None:
        if connection.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
            self.count += 1
            self.spans.append([time.perf_counter()])

    def _committed(self, connection: Any) -> None:
        if connection.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
            self.spans[-1].append(time.perf_counter())

    def interrupted(self) -> bool:
        return self.stop_after is not None and self.count >= self.stop_after


def many_products(count: int, prefix: str = "P") -> list[dict[str, Any]]:
    return [
        product(f"{prefix}-{n:05d}", f"Produkt {n}", barcodes=(f"{2000000000000 + n}",))
        for n in range(count)
    ]


def test_a_page_goes_in_short_transactions_and_resumes_after_its_last_applied_change(
    make_sync: MakeSync, store_engine: Engine, feed: Feed, catalogue: CatalogueRepository
) -> None:
    sync = make_sync()
    page = feed.page(feed.products(*many_products(1200)), has_more=False)

    with Transactions(sync.engine, stop_after=2) as transactions:
        progress = sync.apply(page, transactions.interrupted)
    assert transactions.count == 2
    applied_first = progress.applied
    assert 0 < applied_first < 1200
    assert progress.cursor == "0"  # the page is not done: its cursor is not taken yet
    assert scalar(store_engine, "SELECT applied_seq FROM sync_checkpoint") == applied_first
    assert scalar(store_engine, "SELECT count(*) FROM products") == applied_first

    # The same page again (the worker fetches it again after the stop): the rest goes in.
    with Transactions(sync.engine) as transactions:
        done = sync.apply(page, never)
    assert transactions.count > 1
    assert done.applied == 1200
    assert done.cursor == "1200"
    assert scalar(store_engine, "SELECT count(*) FROM products") == 1200
    assert scalar(store_engine, "SELECT applied_seq FROM sync_checkpoint") is None
    assert catalogue.by_barcode("2000000000777") is not None
    check_search_index(store_engine)


def test_the_lock_stays_free_between_transactions_as_long_as_it_was_held(
    make_sync: MakeSync, feed: Feed
) -> None:
    sync = make_sync(sleep=time.sleep, chunk_seconds=0.002, pause_ratio=1.0)
    with Transactions(sync.engine) as transactions:
        sync.apply(feed.page(feed.products(*many_products(600))), never)
    spans = transactions.spans
    assert len(spans) > 3
    for (began, ended), (next_began, _) in itertools.pairwise(spans):
        assert next_began - ended >= ended - began


@pytest.mark.parametrize(
    ("seconds_each", "expected"), [(1.0, [200, 100, 50]), (1e-4, [200, 400, 800])]
)
def test_the_next_transaction_is_sized_by_how_long_the_last_one_took(
    make_sync: MakeSync, feed: Feed, seconds_each: float, expected: list[int]
) -> None:
    """Aiming at half a second: a transaction that took a second halves the next one; a fast
    one at most doubles it."""
    clock = iter(n * seconds_each for n in range(1000))
    sync = make_sync(chunk_seconds=0.5, clock=lambda: next(clock))
    sync.apply(feed.page([]), never)  # the (empty) first full sync is over
    page = feed.page(feed.products(*many_products(2000)))
    sizes = []
    applied = 0
    for _ in expected:
        with Transactions(sync.engine, stop_after=1) as transactions:
            progress = sync.apply(page, transactions.interrupted)
        sizes.append(progress.applied - applied)
        applied = progress.applied
    assert sizes == expected


def test_a_full_sync_replaces_the_catalogue_only_when_complete(
    sync: CatalogueSync,
    feed: Feed,
    catalogue: CatalogueRepository,
    add_product: AddProduct,
    store_engine: Engine,
) -> None:
    demo_id = add_product("DEMO-1", "Produkt demonstracyjny", price=100, barcodes=[ZOLW_EAN])
    users = UserRepository(store_engine, pin_cost=TINY_COST)
    sync.apply(
        feed.page(
            [
                feed.change(Entity.STORE, "OLD01", store_data("OLD01")),
                feed.change(Entity.USER, "stary", user_data("stary")),
                *feed.products(product("KEEP-1", "Zostaje")),
            ],
            has_more=True,
            remaining=2,
        ),
        never,
    )
    # Half way: the old catalogue still sells.
    assert catalogue.by_barcode(ZOLW_EAN) is not None

    progress = sync.apply(feed.page(feed.products(product("NEW-1", "Nowy")), has_more=False), never)
    assert not progress.full_sync
    assert catalogue.by_barcode(ZOLW_EAN) is None  # not in the central catalogue
    assert scalar(store_engine, "SELECT active FROM products WHERE id = :id", id=demo_id) == 0
    assert {e.sku for e in catalogue.search("zostaje nowy")} == set()
    assert catalogue.by_sku("KEEP-1") is not None
    assert catalogue.by_sku("NEW-1") is not None

    # 410 Gone: a new full sync. What it does not bring goes; the rest keeps its ids.
    keep_id = scalar(store_engine, "SELECT id FROM products WHERE sku = 'KEEP-1'")
    sync.reset()
    assert sync.cursor() == "0"
    assert sync.progress().full_sync
    feed.seq = 0
    sync.apply(
        feed.page(
            [
                feed.change(Entity.STORE, "NEW01", store_data("NEW01")),
                *feed.products(product("KEEP-1", "Zostaje")),
            ]
        ),
        never,
    )
    assert scalar(store_engine, "SELECT id FROM products WHERE sku = 'KEEP-1'") == keep_id
    assert catalogue.by_sku("NEW-1") is None
    assert scalar(store_engine, "SELECT group_concat(code) FROM stores") == "NEW01"
    stary = users.by_login("stary")
    assert stary is not None
    assert not stary.active
    # The keys noted during the full sync are cleared once it is over.
    assert scalar(store_engine, "SELECT count(*) FROM sync_seen") == 0
    assert scalar(store_engine, "SELECT count(*) FROM sync_seen_products") == 0


def test_pausing_is_kept_in_the_checkpoint(sync: CatalogueSync, make_sync: MakeSync) -> None:
    sync.set_paused(True)
    again = make_sync()
    assert again.progress().paused
    again.set_paused(False)
    assert not sync.progress().paused


def test_the_sync_gives_way_to_a_till_writer(
    make_sync: MakeSync, feed: Feed, store_engine: Engine
) -> None:
    writers = TillWriters(store_engine)
    sync = make_sync(writers=writers)
    page = feed.page(feed.products(*many_products(300)))
    with Transactions(sync.engine) as transactions:
        with write_session(store_engine) as session:
            session.execute(text("UPDATE counters SET value = value WHERE 0"))
            assert writers.busy()
            applying = threading.Thread(target=sync.apply, args=(page, never))
            applying.start()
            time.sleep(0.3)
            assert transactions.count == 0  # not even waiting for the lock
            held_until = time.perf_counter()
        applying.join(10)
    assert not writers.busy()
    assert transactions.spans[0][0] >= held_until
    assert sync.cursor() == page.next_cursor
    writers.close()


def test_sales_go_through_while_a_big_page_is_applied(
    make_sync: MakeSync, feed: Feed, store_engine: Engine
) -> None:
    writers = TillWriters(store_engine)
    sync = make_sync(writers=writers, sleep=time.sleep)
    page = feed.page(feed.products(*many_products(4000)))
    sales = SalesRepository(store_engine)
    applying = threading.Thread(target=sync.apply, args=(page, never))
    applying.start()
    recorded = []
    while applying.is_alive():
        recorded.append(sales.record(make_sale()).receipt_number)
        time.sleep(0.02)
    applying.join()
    writers.close()
    assert len(recorded) > 1
    assert scalar(store_engine, "SELECT count(*) FROM sales") == len(recorded)
    assert scalar(store_engine, "SELECT count(*) FROM products") == 4000
