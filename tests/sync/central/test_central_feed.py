"""The change feed (GET /v1/changes) on SQLite and PostgreSQL: paging with a cursor, the
contract's shapes, compaction, 410 Gone, and a reader paging while writers commit never
missing a committed change."""

from __future__ import annotations

import json
import random
import threading
import time
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from pydantic import BaseModel
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.central.catalogue import (
    ProductSpec,
    delete_user,
    put_product,
    put_store,
    set_price,
)
from sync.central.database import read_session, write_transaction
from sync.central.feed import Cursor, purge_tombstones, take_seqs
from sync.central.models import FeedChange
from sync.protocol import (
    MAX_CHANGES_PAGE,
    CategoryData,
    ChangesPage,
    Entity,
    PriceData,
    ProductData,
    StoreData,
    UserData,
    VatRateData,
)

if TYPE_CHECKING:
    from tests.sync.conftest import CentralServer

SEPT = date(2026, 9, 1)
DATA_MODELS: dict[Entity, type[BaseModel]] = {
    Entity.STORE: StoreData,
    Entity.CATEGORY: CategoryData,
    Entity.VAT_RATE: VatRateData,
    Entity.PRODUCT: ProductData,
    Entity.USER: UserData,
}


def page(client: httpx.Client, after: str | int, limit: int = MAX_CHANGES_PAGE) -> ChangesPage:
    response = client.get("/v1/changes", params={"after": after, "limit": limit})
    assert response.status_code == 200, response.text
    return ChangesPage.model_validate_json(response.content)


def read_all(client: httpx.Client, after: str = "0", limit: int = 7) -> tuple[list[Any], str]:
    changes: list[Any] = []
    cursor = after
    while True:
        got = page(client, cursor, limit)
        changes += got.changes
        cursor = got.next_cursor
        if not got.has_more:
            return changes, cursor


def feed_state(engine: Engine) -> dict[tuple[str, str], Any]:
    with read_session(engine) as session:
        return {
            (row.entity, row.key): row.data
            for row in session.execute(select(FeedChange.entity, FeedChange.key, FeedChange.data))
        }


def test_the_first_sync_pages_through_everything_in_order_with_a_countdown(
    central_server: CentralServer,
) -> None:
    with central_server.client() as client:
        first = page(client, "0", limit=10)
        changes, _cursor = read_all(client, limit=10)

    total = len(changes)
    assert first.has_more
    assert first.remaining == total - 10
    seqs = [change.seq for change in changes]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == total
    entities = [change.entity for change in changes]
    assert entities.count(Entity.STORE) == 4
    assert entities.count(Entity.VAT_RATE) == 5
    assert entities.count(Entity.USER) == 2
    assert entities.count(Entity.PRODUCT) == 120
    assert entities.count(Entity.CATEGORY) >= 10
    for change in changes:
        assert change.op == "upsert"
        assert change.data is not None
        DATA_MODELS[change.entity].model_validate(change.data)


def test_each_page_counts_what_remains_and_the_last_says_so(
    central_server: CentralServer,
) -> None:
    with central_server.client() as client:
        total = page(client, "0", limit=1).remaining + 1
        cursor, seen = "0", 0
        while True:
            got = page(client, cursor, limit=25)
            seen += len(got.changes)
            assert got.remaining == total - seen
            assert got.has_more == (got.remaining > 0)
            cursor = got.next_cursor
            if not got.has_more:
                break
        empty = page(client, cursor)

    assert seen == total
    assert empty.changes == []
    assert empty.next_cursor == cursor
    assert not empty.has_more


def test_a_price_change_reaches_the_feed_once_with_the_newest_state(
    central_server: CentralServer,
) -> None:
    engine = central_server.engine
    with central_server.client() as client:
        _changes, cursor = read_all(client, limit=MAX_CHANGES_PAGE)
        write_transaction(engine, lambda s: set_price(s, "P0000001", 150, date(2026, 7, 1)))
        write_transaction(engine, lambda s: set_price(s, "P0000001", 175, date(2026, 8, 1)))
        later, _ = read_all(client, cursor)

    assert [(change.entity, change.key) for change in later] == [(Entity.PRODUCT, "P0000001")]
    assert later[0].data is not None
    prices = ProductData.model_validate(later[0].data).prices
    assert [(p.gross, p.valid_from, p.valid_to) for p in prices][-2:] == [
        (150, "2026-07-01", "2026-08-01"),
        (175, "2026-08-01", None),
    ]


def test_a_moved_barcode_republishes_both_products(central_server: CentralServer) -> None:
    engine = central_server.engine
    before = ProductData.model_validate_json(feed_state(engine)[("product", "P0000003")])
    barcode = before.barcodes[0]
    with central_server.client() as client:
        _changes, cursor = read_all(client, limit=MAX_CHANGES_PAGE)
        write_transaction(
            engine,
            lambda s: put_product(
                s,
                ProductSpec(
                    sku="NEW-1",
                    name="Nowy",
                    category=None,
                    vat_class="A",
                    unit="piece",
                    active=True,
                    barcodes=[barcode],
                    prices=[PriceData(gross=100, valid_from="2026-01-01", valid_to=None)],
                ),
            ),
        )
        later, _ = read_all(client, cursor)

    by_key = {change.key: ProductData.model_validate(change.data) for change in later}
    assert set(by_key) == {"NEW-1", "P0000003"}
    assert by_key["NEW-1"].barcodes == [barcode]
    assert barcode not in by_key["P0000003"].barcodes
    assert by_key["P0000003"].id == before.id


def test_a_cursor_older_than_a_purged_delete_is_gone(central_server: CentralServer) -> None:
    engine = central_server.engine
    with central_server.client() as client:
        _changes, old_cursor = read_all(client, limit=MAX_CHANGES_PAGE)
        write_transaction(engine, lambda s: delete_user(s, "kasjer"))
        deleted, cursor = read_all(client, old_cursor)
        assert [(c.entity, c.key, c.op, c.data) for c in deleted] == [
            (Entity.USER, "kasjer", "delete", None)
        ]
        later = datetime.now(UTC) + timedelta(seconds=1)
        purged = write_transaction(engine, lambda s: purge_tombstones(s, timedelta(0), later))

        gone = client.get("/v1/changes", params={"after": old_cursor})
        fresh = page(client, "0")
        current = page(client, cursor)
        future = client.get("/v1/changes", params={"after": Cursor.parse(cursor).seq + 1000})

    assert purged == 1
    assert gone.status_code == 410
    assert "cursor" in gone.json()["detail"]
    assert "kasjer" not in {change.key for change in fresh.changes}
    assert current.changes == []
    assert future.status_code == 410


def count_after(engine: Engine, seq: int) -> int:
    with read_session(engine) as session:
        return len(session.execute(select(FeedChange.seq).where(FeedChange.seq > seq)).all())


def test_remaining_is_never_low_while_the_catalogue_changes_and_ends_at_zero(
    central_server: CentralServer,
) -> None:
    engine = central_server.engine
    with central_server.client() as client:
        first = page(client, "0", limit=60)
        for sku in ("P0000001", "P0000100", "P0000110"):  # read already, not yet, not yet
            write_transaction(engine, partial(set_price, sku=sku, gross=333, valid_from=SEPT))
        cursor, pages = first.next_cursor, []
        while True:
            got = page(client, cursor, limit=40)
            pages.append(got)
            assert got.remaining >= count_after(engine, Cursor.parse(got.next_cursor).seq)
            cursor = got.next_cursor
            if not got.has_more:
                break
        plain = page(client, str(Cursor.parse(first.next_cursor).seq), limit=40)

    assert pages[-1].remaining == 0
    assert plain.remaining == count_after(engine, Cursor.parse(plain.next_cursor).seq)
    keys = [change.key for got in pages for change in got.changes]
    assert {"P0000001", "P0000100", "P0000110"} <= set(keys)
    assert len(keys) == len(set(keys))


def test_bad_cursors_and_limits_are_refused(central_server: CentralServer) -> None:
    with central_server.client() as client:
        answers = [
            client.get("/v1/changes", params=params).status_code
            for params in (
                {"after": "abc"},
                {"after": "-1"},
                {"after": "5.3"},
                {"limit": 0},
                {"limit": MAX_CHANGES_PAGE + 1},
            )
        ]
    assert answers == [422, 422, 422, 422, 422]


def _slow_price_writer(
    engine: Engine, skus: list[str], rounds: int, seed: int, errors: list[BaseException]
) -> None:
    """Change prices, each in its own transaction, pausing between taking the seq and the
    commit: the window in which a plain sequence would let a reader skip the change."""
    rng = random.Random(seed)
    try:
        for _ in range(rounds):
            sku = rng.choice(skus)
            gross = rng.randrange(100, 10_000)

            def work(session: Session, sku: str = sku, gross: int = gross) -> None:
                set_price(session, sku, gross, date(2026, 1, 1))
                time.sleep(rng.uniform(0, 0.01))

            write_transaction(engine, work)
    except BaseException as error:  # reported by the test
        errors.append(error)


def test_a_reader_paging_while_writers_commit_never_misses_a_change(
    central_server: CentralServer,
) -> None:
    engine = central_server.engine
    skus = [f"P{n:07d}" for n in range(1, 31)]
    errors: list[BaseException] = []
    writers = [
        threading.Thread(target=_slow_price_writer, args=(engine, skus, 25, seed, errors))
        for seed in range(4)
    ]
    seen: dict[tuple[str, str], Any] = {}
    last_seq = 0
    with central_server.client() as client:
        cursor = "0"
        for writer in writers:
            writer.start()
        while any(writer.is_alive() for writer in writers):
            got = page(client, cursor, limit=5)
            for change in got.changes:
                assert change.seq > last_seq
                last_seq = change.seq
                seen[(change.entity.value, change.key)] = change.data
            cursor = got.next_cursor
        for writer in writers:
            writer.join()
        rest, _ = read_all(client, cursor, limit=5)
    for change in rest:
        assert change.seq > last_seq
        last_seq = change.seq
        seen[(change.entity.value, change.key)] = change.data

    assert not errors
    final = {key: json.loads(data) for key, data in feed_state(engine).items()}
    assert seen == final


def test_writers_take_their_seqs_one_after_another(central_engine: Engine) -> None:
    """The second writer's seq comes only after the first writer's commit (PostgreSQL: the
    feed row's lock; SQLite: the database's write lock)."""
    order: list[str] = []
    first_has_seq = threading.Event()

    def first(session: Session) -> None:
        take_seqs(session, 1)
        order.append("first took")
        first_has_seq.set()
        time.sleep(0.3)
        order.append("first commits")

    def second(session: Session) -> None:
        take_seqs(session, 1)
        order.append("second took")

    thread = threading.Thread(target=write_transaction, args=(central_engine, first))
    thread.start()
    assert first_has_seq.wait(10)
    write_transaction(central_engine, second)
    thread.join()

    assert order == ["first took", "first commits", "second took"]


@pytest.mark.parametrize("limit", [1, 3])
def test_a_store_change_is_published(central_server: CentralServer, limit: int) -> None:
    engine = central_server.engine
    store = StoreData(
        code="POZ01",
        name="Sklep Poznań",
        address="ul. Półwiejska 1, 61-888 Poznań",
        tax_id="7781234567",
        opening_hours="pn-sob 8:00-20:00",
    )
    with central_server.client() as client:
        _changes, cursor = read_all(client, limit=MAX_CHANGES_PAGE)
        write_transaction(engine, lambda s: put_store(s, store))
        later, _ = read_all(client, cursor, limit=limit)

    assert [(c.entity, c.key, c.data) for c in later] == [
        (Entity.STORE, "POZ01", store.model_dump())
    ]
