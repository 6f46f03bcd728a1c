"""The real central service for the tests of the sync screens, and small steps they share.

The central fixtures live in tests/sync/conftest.py, which pytest applies only to tests/sync;
a test module here takes them over by name (as tests/pos_client/services/test_sync_service.py
does):

    central_db_url = screens.central_db_url
    central_engine = screens.central_engine
    central_demo = screens.central_demo
    central_server = screens.central_server

`central_db_url` here is a SQLite file only: the screens do not depend on the central
database, which the sync tests run on PostgreSQL too. `sync` is the till's own `SyncService`
(the `till` fixture's), closed after the test so its worker thread never outlives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from pos_client.bootstrap import Till
from pos_client.domain.payment import Tender
from pos_client.domain.sale import SaleRecord
from pos_client.services.sync_service import SyncService, SyncState
from sync.central.auth import enrol_till
from sync.central.database import write_transaction
from tests.sync import conftest as central

central_engine = central.central_engine
central_demo = central.central_demo
central_server = central.central_server
central_process = central.central_process
CentralServer = central.CentralServer
CentralProcess = central.CentralProcess
CentralProcessFactory = Callable[..., CentralProcess]
"""What the `central_process` fixture gives: `central_process(db_url)` starts one."""

STORE = "WAW01"
"""The till fixture's store, one of the central demo's stores."""
WAIT_MS = 20_000


@pytest.fixture
def central_db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'central.sqlite3'}"


@pytest.fixture
def sync(till: Till) -> Iterator[SyncService]:
    yield till.sync
    till.sync.close()


def new_token(engine: Engine, till_id: str = "01") -> str:
    """A till token of the WAW01 store from the central database (`central_demo`'s engine);
    a new token for the same till replaces the old one."""
    return write_transaction(
        engine,
        lambda session: enrol_till(session, STORE, till_id, datetime.now(UTC)),
    )


def go_online(qtbot: QtBot, sync: SyncService, url: str, token: str) -> None:
    """Enrol, start the worker, and wait until the first full catalogue sync is over,
    everything queued was sent, and the success is kept."""
    sync.enrol(url, token)
    assert sync.start()
    qtbot.waitUntil(
        lambda: (
            (status := sync.status()).state is SyncState.ONLINE
            and status.full_sync is None
            and status.unsent == 0
            and status.last_success_at is not None
        ),
        timeout=WAIT_MS,
    )


def sell(till: Till, sku: str = "P001") -> SaleRecord:
    """A paid sale of one piece of `sku`, typed at the till as its SKU, in cash."""
    till.checkout.scan(sku)
    return till.checkout.pay([(Tender.CASH, till.checkout.cart.total())])
