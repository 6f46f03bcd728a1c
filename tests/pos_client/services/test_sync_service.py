"""The sync service as the screens use it, with a real till database and the real central
service on 127.0.0.1: enrolment, the worker thread and its status callbacks, the full sync that
can be paused and resumed, stock in other stores (live, then cached with its age), a refused
token, the quarantine list."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import Engine, text

from pos_client.services.sync_service import (
    EnrolmentError,
    StockUnavailableError,
    SyncService,
    SyncState,
    SyncStatus,
    UnknownProductError,
    check_central_url,
)
from pos_client.store.database import write_session
from pos_client.store.journal import append_outbox
from pos_client.store.sales import SalesRepository
from sync.central.auth import revoke_till
from sync.central.database import write_transaction
from sync.client import CentralClient
from tests.pos_client.store.test_sales_repository import make_sale
from tests.sync import conftest as central
from tests.sync.conftest import CentralServer

# The real central service's fixtures (tests/sync/conftest.py), for this module too.
postgres_server = central.postgres_server
central_db_url = central.central_db_url
central_engine = central.central_engine
central_demo = central.central_demo
central_server = central.central_server

STORE = "WAW01"


class Network:
    """A transport to the real service that can be cut (the till goes offline)."""

    def __init__(self) -> None:
        self.down = False

    def client(self, url: str, token: str) -> CentralClient:
        return CentralClient(url, token, transport=_Cuttable(self))


class _Cuttable(httpx.BaseTransport):
    def __init__(self, network: Network) -> None:
        self._network = network
        self._real = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._network.down:
            raise httpx.ConnectError("network unreachable", request=request)
        return self._real.handle_request(request)

    def close(self) -> None:
        self._real.close()


@pytest.fixture
def network() -> Network:
    return Network()


@pytest.fixture
def service(store_engine: Engine, network: Network) -> Iterator[SyncService]:
    service = SyncService(store_engine, STORE, client_factory=network.client, poll_seconds=0.2)
    yield service
    service.close()


def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        time.sleep(0.02)


def test_closing_twice_is_harmless(store_engine: Engine) -> None:
    service = SyncService(store_engine, STORE)
    service.close()
    service.close()
    assert not service.running


def test_a_till_that_is_not_enrolled_works_alone(
    service: SyncService, store_engine: Engine
) -> None:
    SalesRepository(store_engine).record(make_sale())
    assert not service.start()
    assert not service.running
    status = service.status()
    assert status.state is SyncState.NOT_ENROLLED
    assert (status.unsent, status.unsent_sales, status.quarantined) == (1, 1, 0)
    assert status.full_sync is None
    assert status.central_url is None


@pytest.mark.parametrize(
    "url",
    ["ftp://central", "central:8765", "http://", "http://host:99999", "http://host/path"],
)
def test_a_bad_address_is_refused(url: str) -> None:
    with pytest.raises(EnrolmentError):
        check_central_url(url)


def test_enrolment_is_checked_with_the_central_service(
    service: SyncService, central_server: CentralServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(EnrolmentError, match="refused"):
        service.enrol(central_server.url, "not-a-token")
    with pytest.raises(EnrolmentError, match="spaces"):
        service.enrol(central_server.url, "two words")
    with pytest.raises(EnrolmentError, match="could not be asked"):
        service.enrol("http://127.0.0.1:9", central_server.till_token)
    with pytest.raises(EnrolmentError, match="not a till's token"):
        service.enrol(central_server.url, central_server.admin_token)
    assert service.enrolment() is None

    service.enrol(central_server.url + "/", central_server.till_token)
    enrolment = service.enrolment()
    assert enrolment is not None
    assert enrolment.central_url == central_server.url
    assert enrolment.token == central_server.till_token
    assert central_server.till_token not in repr(enrolment)
    assert service.status().state is SyncState.STOPPED
    assert all(central_server.till_token not in record.getMessage() for record in caplog.records)


def test_the_worker_syncs_in_its_thread_and_tells_the_listeners(
    service: SyncService, central_server: CentralServer, store_engine: Engine
) -> None:
    seen: list[tuple[SyncStatus, str]] = []
    service.add_listener(lambda status: seen.append((status, threading.current_thread().name)))
    service.enrol(central_server.url, central_server.till_token)
    assert service.start()
    wait_for(lambda: service.status().state is SyncState.ONLINE)
    assert service.status().full_sync is None
    SalesRepository(store_engine).record(make_sale())
    wait_for(lambda: service.status().unsent == 0)

    status = service.status()
    assert status.last_success_at is not None
    assert status.clock_skew is not None
    assert not status.clock_warning
    assert not status.needs_enrolment
    states = {each.state for each, _ in seen}
    assert {SyncState.SYNCING, SyncState.ONLINE} <= states
    assert {thread for _, thread in seen} - {"MainThread"} == {"sync-worker"}
    assert service.stop()
    stopped = service.status()
    assert stopped.state is SyncState.STOPPED
    assert stopped.last_success_at is not None
    assert stopped.last_success_at >= status.last_success_at

    # What a restart must show is in the database.
    again = SyncService(store_engine, STORE)
    try:
        assert again.status().last_success_at == stopped.last_success_at
    finally:
        again.close()


def test_the_full_sync_can_be_paused_and_resumed_while_sales_still_go_out(
    service: SyncService, central_server: CentralServer, store_engine: Engine
) -> None:
    service.enrol(central_server.url, central_server.till_token)
    service.pause_full_sync()
    SalesRepository(store_engine).record(make_sale())
    service.start()
    wait_for(lambda: service.status().unsent == 0)
    status = service.status()
    assert status.full_sync is not None
    assert status.full_sync.paused
    assert status.full_sync.done == 0
    with store_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM products")).scalar() == 0

    service.resume_full_sync()
    wait_for(lambda: service.status().full_sync is None)
    with store_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM products")).scalar() == 120


def test_stock_is_live_then_cached_with_its_age_when_offline(
    service: SyncService, central_server: CentralServer, network: Network
) -> None:
    with pytest.raises(StockUnavailableError, match="not enrolled"):
        service.stock("P0000001")
    service.enrol(central_server.url, central_server.till_token)

    live = service.stock("P0000001")
    assert live.live
    assert live.problem is None
    assert live.stores[0].store_code == STORE
    others = live.stores[1:]
    assert [s.on_hand - s.reserved for s in others] == sorted(
        (s.on_hand - s.reserved for s in others), reverse=True
    )
    with pytest.raises(UnknownProductError):
        service.stock("NO-SUCH-SKU")

    network.down = True
    cached = service.stock("P0000001")
    assert not cached.live
    assert cached.problem is not None
    assert "unreachable" in cached.problem
    assert cached.stores == live.stores
    assert cached.fetched_at == live.fetched_at
    assert cached.age(datetime.now(UTC)) >= cached.age(live.fetched_at)
    with pytest.raises(StockUnavailableError):
        service.stock("P0000002")


def test_a_refused_token_asks_for_enrolment_until_the_till_is_enrolled_again(
    service: SyncService, central_server: CentralServer, store_engine: Engine
) -> None:
    service.enrol(central_server.url, central_server.till_token)
    write_transaction(
        central_server.engine,
        lambda session: revoke_till(session, STORE, "01", datetime.now(UTC)),
    )
    service.start()
    wait_for(lambda: service.status().needs_enrolment)
    assert service.status().state is SyncState.OFFLINE
    service.stop()
    restarted = SyncService(store_engine, STORE)
    try:
        assert restarted.status().needs_enrolment  # kept across restarts
    finally:
        restarted.close()

    service.enrol(central_server.url, central_server.enrol(STORE, "01"))
    assert not service.status().needs_enrolment


def test_the_manager_sees_quarantined_rows_and_can_send_them_again(
    service: SyncService, central_server: CentralServer, store_engine: Engine
) -> None:
    with write_session(store_engine) as session:
        append_outbox(session, "no_such_kind", str(uuid.uuid4()), datetime.now(UTC), {})
    service.enrol(central_server.url, central_server.till_token)
    service.start()
    wait_for(lambda: service.status().quarantined == 1)
    (row,) = service.quarantined()
    assert row.kind == "no_such_kind"
    assert "unknown kind" in row.reason
    assert service.release([row.id]) == 1

    def refused_again() -> bool:
        rows = service.quarantined()
        return len(rows) == 1 and rows[0].quarantined_at > row.quarantined_at

    wait_for(refused_again)
    assert service.status().unsent == 0
