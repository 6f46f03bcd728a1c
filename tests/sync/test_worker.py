"""The sync worker between a real till database (SQLite file) and the real central service on
127.0.0.1 (SQLite and PostgreSQL): sales pushed exactly once, even when an answer is lost
after the central commit; refusals quarantined without blocking the rest; the catalogue pulled
and, after 410 Gone, synced again from the start; 401 asks for enrolment. Cases that need a
server misbehaving on purpose (413, Retry-After, nonsense) use httpx.MockTransport."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import Quantity
from pos_client.domain.sale import sale_from_cart
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.database import write_session
from pos_client.store.journal import append_outbox
from pos_client.store.sales import SalesRepository
from pos_client.store.sync_catalogue import CatalogueSync
from pos_client.store.sync_outbox import SyncOutbox, watch_outbox_commits
from pos_client.store.users import UserRepository
from sync.backoff import Backoff
from sync.central.auth import revoke_till
from sync.central.catalogue import delete_user, set_price
from sync.central.database import write_transaction
from sync.central.feed import purge_tombstones
from sync.client import CentralClient
from sync.protocol import CLOCK_SKEW_WARNING_SECONDS, ItemStatus
from sync.worker import LinkState, SyncWorker, WorkerStatus
from tests.sync.conftest import CentralServer

STORE = "WAW01"
TILL = "01"


@dataclass
class Till:
    """The till side of sync on one real database file."""

    engine: Engine
    outbox: SyncOutbox
    catalogue: CatalogueSync
    statuses: list[WorkerStatus]
    workers: list[SyncWorker]

    def worker(
        self,
        url: str,
        token: str,
        *,
        transport: httpx.BaseTransport | None = None,
        **options: Any,
    ) -> SyncWorker:
        client = CentralClient(url, token, transport=transport)
        options.setdefault("backoff", Backoff(base=0.01, cap=0.05))
        worker = SyncWorker(
            client, self.outbox, self.catalogue, on_status=self.statuses.append, **options
        )
        self.workers.append(worker)
        return worker

    def sell(self, sku: str, quantity: int = 1) -> str:
        """A paid sale of a product from the till's (synced) catalogue; its sale id."""
        entry = CatalogueRepository(self.engine).by_sku(sku)
        assert entry is not None
        assert entry.price is not None
        cart = Cart()
        product = ProductSnapshot(
            entry.product_id, entry.sku, entry.name, entry.price, entry.vat_class, entry.unit
        )
        cart.add(product, Quantity.pieces(quantity))
        settlement = settle(cart.total(), [(Tender.CARD, cart.total())])
        sale = sale_from_cart(cart, settlement, STORE, TILL, datetime.now(UTC))
        return str(SalesRepository(self.engine).record(sale).sale_id)

    def scalar(self, sql: str) -> Any:
        with self.engine.connect() as connection:
            return connection.execute(text(sql)).scalar()


@pytest.fixture
def till(store_engine: Engine) -> Iterator[Till]:
    catalogue = CatalogueSync(store_engine, STORE, sleep=lambda seconds: None)
    till = Till(store_engine, SyncOutbox(store_engine), catalogue, [], [])
    yield till
    for worker in till.workers:
        worker.close()
    catalogue.close()


def piece_skus(till: Till, count: int) -> list[str]:
    with till.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT sku FROM products WHERE unit = 'piece' AND active ORDER BY sku LIMIT :n"),
            {"n": count},
        )
        return [row.sku for row in rows]


def on_hand(server: CentralServer, sku: str, store: str = STORE) -> int:
    with CentralClient(server.url, server.till_token) as client:
        answer = client.stock(sku)
    return next(each.on_hand for each in answer.stores if each.store_code == store)


def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        time.sleep(0.02)


# --- against the real central service ----------------------------------------------------


def test_one_cycle_pulls_the_catalogue_and_pushes_every_sale_once(
    till: Till, central_server: CentralServer
) -> None:
    worker = till.worker(central_server.url, central_server.till_token, push_batch=2)
    assert worker.run_once()
    assert till.scalar("SELECT count(*) FROM products") == 120
    assert till.scalar("SELECT count(*) FROM stores") == 4
    assert UserRepository(till.engine).by_login("kierownik") is not None
    assert not till.catalogue.progress().full_sync

    sku, other = piece_skus(till, 2)
    before = on_hand(central_server, sku), on_hand(central_server, other)
    for _ in range(3):
        till.sell(sku, 2)
    till.sell(other)
    assert worker.run_once()

    assert till.outbox.counts().unsent == 0
    assert (on_hand(central_server, sku), on_hand(central_server, other)) == (
        before[0] - 6,
        before[1] - 1,
    )
    status = worker.status
    assert status.state is LinkState.ONLINE
    assert status.pushed == 4
    assert status.last_success is not None
    assert status.clock_skew is not None
    assert not status.clock_warning
    assert LinkState.SYNCING in {each.state for each in till.statuses}


class LoseAnswers(httpx.BaseTransport):
    """Forwards every request to the real server, then loses the answer of the first
    `count` pushes: the central service has committed, the till never hears of it."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._real = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._real.handle_request(request)
        if request.url.path.endswith("/push") and self.count > 0:
            self.count -= 1
            response.read()
            response.close()
            raise httpx.ReadError("connection reset after the server committed", request=request)
        return response

    def close(self) -> None:
        self._real.close()


def test_an_answer_lost_after_the_commit_is_sent_again_and_counted_once(
    till: Till, central_server: CentralServer
) -> None:
    till.worker(central_server.url, central_server.till_token).run_once()
    (sku,) = piece_skus(till, 1)
    before = on_hand(central_server, sku)
    till.sell(sku, 3)

    worker = till.worker(central_server.url, central_server.till_token, transport=LoseAnswers(1))
    assert not worker.run_once()
    assert worker.status.state is LinkState.OFFLINE
    assert "after the server committed" in (worker.status.last_error or "")
    assert till.outbox.counts().unsent == 1  # not acknowledged: it goes again

    assert worker.run_once()
    assert till.outbox.counts() == replace(till.outbox.counts(), unsent=0, quarantined=0)
    assert on_hand(central_server, sku) == before - 3


def test_a_refused_row_is_quarantined_and_the_rest_still_go(
    till: Till, central_server: CentralServer
) -> None:
    worker = till.worker(central_server.url, central_server.till_token)
    worker.run_once()
    (sku,) = piece_skus(till, 1)
    first = till.sell(sku)
    with write_session(till.engine) as session:
        # Written by a damaged till: another store's sale.
        append_outbox(
            session, "sale", str(uuid.uuid4()), datetime.now(UTC), {"store_code": "KRK01"}
        )
    till.sell(sku)
    assert worker.run_once()

    counts = till.outbox.counts()
    assert (counts.unsent, counts.quarantined) == (0, 1)
    (refused,) = till.outbox.quarantined()
    assert refused.seq == 2
    assert refused.status is ItemStatus.REJECTED
    assert refused.reason
    assert worker.status.quarantined == 1
    assert worker.status.pushed == 2

    # The same sale sent as another event with a different payload: a conflict.
    with till.engine.connect() as connection:
        payload = json.loads(
            connection.execute(
                text("SELECT payload FROM outbox WHERE aggregate_id = :id"), {"id": first}
            ).scalar_one()
        )
    with write_session(till.engine) as session:
        append_outbox(
            session, "sale", first, datetime.now(UTC), {**payload, "total": payload["total"] + 1}
        )
    assert worker.run_once()
    statuses = [row.status for row in till.outbox.quarantined()]
    assert statuses == [ItemStatus.REJECTED, ItemStatus.CONFLICT]


def test_a_catalogue_change_and_a_sale_reach_their_side_while_the_worker_runs(
    till: Till, central_server: CentralServer
) -> None:
    worker = till.worker(central_server.url, central_server.till_token, poll_seconds=0.2)
    worker.run_once()
    (sku,) = piece_skus(till, 1)
    write_transaction(
        central_server.engine,
        lambda session: set_price(session, sku, 12345, datetime.now(UTC).date() - timedelta(1)),
    )
    worker.start()
    try:

        def new_price() -> bool:
            entry = CatalogueRepository(till.engine).by_sku(sku)
            return entry is not None and entry.price == Money(12345)

        wait_for(new_price)
    finally:
        assert worker.stop()
    assert not worker.running


def test_a_stopped_worker_starts_again(till: Till) -> None:
    """Two pages: the second is fetched by the prefetch thread, which a stop shuts down."""

    def feed(request: httpx.Request) -> httpx.Response:
        first = request.url.params["after"] == "0"
        changes = [
            {"seq": 1, "entity": "category", "key": "A", "op": "upsert", "data": {"name": "A"}}
        ]
        return httpx.Response(
            200,
            json={
                "changes": changes if first else [],
                "next_cursor": "1",
                "has_more": first,
                "remaining": 0,
                "server_time": datetime.now(UTC).isoformat(),
            },
        )

    worker = till.worker("http://central", "t", transport=httpx.MockTransport(feed))
    for _ in range(2):
        till.catalogue.reset()
        worker.start()
        wait_for(lambda: till.catalogue.cursor() == "1")
        wait_for(lambda: worker.status.state is LinkState.ONLINE)
        assert worker.stop()
    assert worker.status.last_error is None


def test_a_committed_sale_wakes_the_worker(till: Till, central_server: CentralServer) -> None:
    worker = till.worker(central_server.url, central_server.till_token, poll_seconds=3600)
    worker.run_once()
    (sku,) = piece_skus(till, 1)
    stop_watching = watch_outbox_commits(till.engine, worker.wake)
    worker.start()
    try:
        wait_for(lambda: worker.status.state is LinkState.ONLINE)
        till.sell(sku)
        wait_for(lambda: till.outbox.counts().unsent == 0)
    finally:
        stop_watching()
        started = time.monotonic()
        assert worker.stop()
        assert time.monotonic() - started < 2


def test_410_gone_makes_the_till_sync_everything_again(
    till: Till, central_server: CentralServer
) -> None:
    worker = till.worker(central_server.url, central_server.till_token)
    worker.run_once()
    assert UserRepository(till.engine).by_login("kasjer") is not None
    now = datetime.now(UTC)
    write_transaction(central_server.engine, lambda session: delete_user(session, "kasjer"))
    write_transaction(
        central_server.engine,
        lambda session: purge_tombstones(session, timedelta(0), now + timedelta(seconds=1)),
    )
    products = till.scalar("SELECT group_concat(id) FROM products")

    assert worker.run_once()
    # The delete itself is gone from the feed; the full sync found the user missing.
    cashier = UserRepository(till.engine).by_login("kasjer")
    assert cashier is not None
    assert not cashier.active
    assert not till.catalogue.progress().full_sync
    assert till.scalar("SELECT group_concat(id) FROM products") == products  # ids kept
    assert till.scalar("SELECT count(*) FROM products WHERE active") == 120


def test_a_revoked_token_asks_for_enrolment(till: Till, central_server: CentralServer) -> None:
    write_transaction(
        central_server.engine,
        lambda session: revoke_till(session, STORE, TILL, datetime.now(UTC)),
    )
    worker = till.worker(central_server.url, central_server.till_token)
    assert not worker.run_once()
    assert worker.status.token_refused
    assert worker.status.state is LinkState.OFFLINE
    assert central_server.till_token not in (worker.status.last_error or "")


# --- a server misbehaving on purpose (httpx.MockTransport) ---------------------------------


class Central:
    """A small stand-in that accepts pushes (per item) and serves an empty feed, with hooks to
    make it misbehave."""

    def __init__(self, clock_offset: timedelta = timedelta(0)) -> None:
        self.batches: list[int] = []
        self.accepted: set[str] = set()
        self.clock_offset = clock_offset
        self.push_answer: Callable[[list[dict[str, Any]]], httpx.Response] | None = None
        self.page: dict[str, Any] | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        server_time = (datetime.now(UTC) + self.clock_offset).isoformat()
        if request.url.path == "/v1/push":
            items = json.loads(request.content)["items"]
            self.batches.append(len(items))
            if self.push_answer is not None:
                return self.push_answer(items)
            results = []
            for item in items:
                status = "duplicate" if item["id"] in self.accepted else "accepted"
                self.accepted.add(item["id"])
                results.append({"id": item["id"], "status": status})
            return httpx.Response(200, json={"results": results, "server_time": server_time})
        page = self.page or {
            "changes": [],
            "next_cursor": request.url.params["after"],
            "has_more": False,
            "remaining": 0,
        }
        return httpx.Response(200, json={**page, "server_time": server_time})


def add_rows(engine: Engine, count: int, size: int = 10) -> None:
    with write_session(engine) as session:
        for _ in range(count):
            append_outbox(
                session, "shift_opened", str(uuid.uuid4()), datetime.now(UTC), {"x": "y" * size}
            )


def test_a_batch_too_large_is_split_and_a_row_too_large_alone_is_quarantined(
    till: Till,
) -> None:
    central = Central()

    def refuse_more_than_one(items: list[dict[str, Any]]) -> httpx.Response:
        if len(items) > 1:
            return httpx.Response(413, json={"detail": "request body too large"})
        central.push_answer = None
        response = central(httpx.Request("POST", "http://central/v1/push", json={"items": items}))
        central.push_answer = refuse_more_than_one
        return response

    central.push_answer = refuse_more_than_one
    add_rows(till.engine, 4)
    add_rows(till.engine, 1, size=9 * 1024 * 1024)  # over the request limit even alone
    add_rows(till.engine, 1)
    worker = till.worker("http://central", "t", transport=httpx.MockTransport(central))
    assert worker.run_once()
    assert len(central.accepted) == 5
    # Six rows are over the limit before they are sent; three are refused by the server.
    assert central.batches[:2] == [3, 1]
    counts = till.outbox.counts()
    assert (counts.unsent, counts.quarantined) == (0, 1)
    (too_large,) = till.outbox.quarantined()
    assert too_large.seq == 5
    assert "too large" in too_large.reason


def test_retry_after_is_honoured(till: Till) -> None:
    central = Central()
    central.push_answer = lambda items: httpx.Response(503, headers={"Retry-After": "7"})
    add_rows(till.engine, 1)
    worker = till.worker(
        "http://central", "t", transport=httpx.MockTransport(central), backoff=Backoff()
    )
    assert not worker.run_once()
    assert worker.status.retry_in is not None
    assert worker.status.retry_in >= 7
    assert till.outbox.counts().unsent == 1


def test_an_answer_that_leaves_items_out_leaves_them_pending(till: Till) -> None:
    central = Central()

    def answer_only_the_first(items: list[dict[str, Any]]) -> httpx.Response:
        result = {"id": items[0]["id"], "status": "accepted"}
        return httpx.Response(
            200, json={"results": [result], "server_time": datetime.now(UTC).isoformat()}
        )

    central.push_answer = answer_only_the_first
    add_rows(till.engine, 3)
    worker = till.worker("http://central", "t", transport=httpx.MockTransport(central))
    assert not worker.run_once()
    assert "left out 2 of 3" in (worker.status.last_error or "")
    assert till.outbox.counts().unsent == 2


def test_a_till_clock_far_from_the_central_one_is_flagged(till: Till) -> None:
    offset = timedelta(seconds=CLOCK_SKEW_WARNING_SECONDS + 60)
    central = Central(clock_offset=offset)
    worker = till.worker("http://central", "t", transport=httpx.MockTransport(central))
    assert worker.run_once()
    skew = worker.status.clock_skew
    assert skew is not None
    assert abs(skew - offset) < timedelta(seconds=5)
    assert worker.status.clock_warning


def test_a_page_the_till_cannot_read_is_an_error_not_a_crash(till: Till) -> None:
    central = Central()
    central.page = {
        "changes": [{"seq": 1, "entity": "product", "key": "X", "op": "upsert", "data": {}}],
        "next_cursor": "1",
        "has_more": False,
        "remaining": 0,
    }
    worker = till.worker("http://central", "t", transport=httpx.MockTransport(central))
    assert not worker.run_once()
    assert "change 1 (product 'X')" in (worker.status.last_error or "")
    assert till.catalogue.cursor() == "0"


def test_stop_interrupts_a_long_page_between_two_transactions(
    till: Till, store_engine: Engine
) -> None:
    central = Central()
    central.page = {
        "changes": [
            {
                "seq": n,
                "entity": "product",
                "key": f"S{n:05d}",
                "op": "upsert",
                "data": {
                    "id": str(uuid.uuid4()),
                    "sku": f"S{n:05d}",
                    "name": f"Produkt {n}",
                    "category": None,
                    "vat_class": "A",
                    "unit": "piece",
                    "active": True,
                    "barcodes": [],
                    "prices": [],
                },
            }
            for n in range(1, 5001)
        ],
        "next_cursor": "5000",
        "has_more": False,
        "remaining": 0,
    }
    slow = CatalogueSync(store_engine, STORE, chunk_seconds=0.001, pause_ratio=2.0)
    worker = SyncWorker(
        CentralClient("http://central", "t", transport=httpx.MockTransport(central)),
        till.outbox,
        slow,
        poll_seconds=3600,
    )
    worker.start()
    try:
        wait_for(lambda: (till.scalar("SELECT count(*) FROM products") or 0) > 0)
    finally:
        started = time.monotonic()
        assert worker.stop()
        stopped_in = time.monotonic() - started
        worker.close()
        slow.close()
    assert stopped_in < 1
    assert 0 < till.scalar("SELECT count(*) FROM products") < 5000
    assert slow.cursor() == "0"  # the page is not complete: it comes again next time


def test_a_status_listener_that_fails_does_not_stop_the_worker(till: Till) -> None:
    calls = threading.Event()

    def broken(status: WorkerStatus) -> None:
        calls.set()
        raise RuntimeError("listener bug")

    worker = SyncWorker(
        CentralClient("http://central", "t", transport=httpx.MockTransport(Central())),
        till.outbox,
        till.catalogue,
        on_status=broken,
    )
    assert worker.run_once()
    worker.close()
    assert calls.is_set()
