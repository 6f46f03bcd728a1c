"""Measure sync between real tills and the real central service on this machine.

Every figure goes through the code a till runs (`SyncWorker` with `SyncOutbox` and
`CatalogueSync` on a till's SQLite file with its production pragmas) against the central
service served by uvicorn in its own process (`python -m sync.central serve`), on SQLite and on
PostgreSQL (a temporary Debian cluster, as the tests start it).

    .venv/bin/python bench/bench_sync.py                       # everything, 1,000,000 products
    .venv/bin/python bench/bench_sync.py --only push,fleet     # just the pushes
    .venv/bin/python bench/bench_sync.py --products 100000 --backends sqlite

- push: 10,000 queued sales of one till pushed in one sync cycle (target < 10 s), per backend;
- fleet: 50 tills (separate processes) pushing 200 sales each at the same moment, per backend;
- first-sync: a till with an empty catalogue pulls N products (target < 60 s for 1,000,000),
  while a sale is recorded every 200 ms on the same database: how long each sale waited;
- delta: the same till pulls 10,000 price changes (target < 2 s).

Central databases with the big demo catalogue take minutes to load; the SQLite one is kept in
bench/results/sync/ and copied for each run. Results: bench/results/bench_sync.json.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select, text  # noqa: E402

from pos_client.domain.cart import Cart, ProductSnapshot  # noqa: E402
from pos_client.domain.payment import Tender, settle  # noqa: E402
from pos_client.domain.quantity import Quantity  # noqa: E402
from pos_client.domain.sale import sale_from_cart  # noqa: E402
from pos_client.services.sync_service import PAGE_SIZE  # noqa: E402
from pos_client.store.catalogue import CatalogueEntry, CatalogueRepository  # noqa: E402
from pos_client.store.database import create_store_engine  # noqa: E402
from pos_client.store.migrate import upgrade as upgrade_till  # noqa: E402
from pos_client.store.sales import SalesRepository  # noqa: E402
from pos_client.store.sync_catalogue import CatalogueSync, TillWriters  # noqa: E402
from pos_client.store.sync_outbox import SyncOutbox  # noqa: E402
from sync.central.auth import enrol_till  # noqa: E402
from sync.central.catalogue import set_price  # noqa: E402
from sync.central.database import create_central_engine, write_transaction  # noqa: E402
from sync.central.demo import load_demo  # noqa: E402
from sync.central.migrate import upgrade as upgrade_central  # noqa: E402
from sync.central.models import ReceivedEvent  # noqa: E402
from sync.client import CentralClient  # noqa: E402
from sync.worker import SyncWorker  # noqa: E402
from tests.sync import conftest as central_fixtures  # noqa: E402
from tests.sync.conftest import CentralProcess, PostgresServer, free_port  # noqa: E402

RESULTS = ROOT / "bench" / "results"
WORK = RESULTS / "sync"
DEFAULT_JSON = RESULTS / "bench_sync.json"
STORES = ("WAW01", "KRK01", "GDA01", "WRO01")
SMALL_DEMO = 2500
SALE_EVERY_S = 0.2

TARGET_PUSH_S = 10.0
TARGET_FIRST_SYNC_S = 60.0
TARGET_DELTA_S = 2.0


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- the central side ----------------------------------------------------------------------


@contextlib.contextmanager
def postgres() -> Iterator[PostgresServer]:
    """The tests' temporary PostgreSQL cluster (tests/sync/conftest.py), outside pytest."""
    fixture: Callable[[], Iterator[PostgresServer]] = inspect.unwrap(
        central_fixtures.postgres_server
    )
    with contextlib.contextmanager(fixture)() as server:
        yield server


class Centrals:
    """Central databases per backend: new ones, or copies of a loaded demo catalogue."""

    def __init__(self, work: Path, pg: PostgresServer | None) -> None:
        self._work = work
        self._pg = pg
        self._templates: dict[tuple[str, int], str] = {}

    def with_demo(self, backend: str, products: int) -> str:
        """A URL of a new central database holding the demo chain with `products` products."""
        if backend == "sqlite":
            template = self._work / f"central-{products}.sqlite3"
            if not template.exists():
                _log(f"loading the demo chain ({products:,} products) into {template.name}")
                self._load(f"sqlite:///{template}.part", products)
                Path(f"{template}.part").rename(template)
            copy = self._work / f"run-{time.monotonic_ns()}.sqlite3"
            _copy_database(template, copy)
            return f"sqlite:///{copy}"
        assert self._pg is not None
        key = (backend, products)
        if key not in self._templates:
            name = self._pg.create_database()
            _log(f"loading the demo chain ({products:,} products) into PostgreSQL {name}")
            self._load(self._pg.url(name), products)
            self._templates[key] = name
        name = f"t_{time.monotonic_ns()}"
        engine = create_central_engine(self._pg.url("postgres"))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self._templates[key]}"'))
        engine.dispose()
        return self._pg.url(name)

    @staticmethod
    def _load(url: str, products: int) -> None:
        engine = create_central_engine(url)
        upgrade_central(engine)
        load_demo(engine, products=products)
        engine.dispose()


def enrol(url: str, store: str, till: str) -> str:
    engine = create_central_engine(url)
    try:
        return write_transaction(engine, lambda s: enrol_till(s, store, till, datetime.now(UTC)))
    finally:
        engine.dispose()


def received_events(url: str) -> int:
    engine = create_central_engine(url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(select(func.count()).select_from(ReceivedEvent)).scalar_one()
            )
    finally:
        engine.dispose()


@contextlib.contextmanager
def serving(url: str, log: Path) -> Iterator[CentralProcess]:
    process = CentralProcess(url, free_port(), log=log)
    process.start()
    try:
        yield process
    finally:
        process.stop()


# --- the till side ---------------------------------------------------------------------------


def till_engine(path: Path) -> Engine:
    engine = create_store_engine(path)
    upgrade_till(engine)
    return engine


@contextlib.contextmanager
def syncing(engine: Engine, store: str, url: str, token: str) -> Iterator[SyncWorker]:
    """The sync worker of a till on `engine`, as the sync service builds it."""
    writers = TillWriters(engine)
    catalogue = CatalogueSync(engine, store, writers=writers)
    worker = SyncWorker(
        CentralClient(url, token), SyncOutbox(engine), catalogue, page_size=PAGE_SIZE
    )
    try:
        yield worker
    finally:
        worker.close()
        catalogue.close()
        writers.close()


def pieces(engine: Engine) -> list[CatalogueEntry]:
    catalogue = CatalogueRepository(engine)
    with engine.connect() as connection:
        skus = connection.execute(
            text("SELECT sku FROM products WHERE unit = 'piece' AND active ORDER BY id LIMIT 500")
        ).scalars()
        entries = [catalogue.by_sku(sku) for sku in skus]
    return [entry for entry in entries if entry is not None and entry.price is not None]


def record_sales(engine: Engine, store: str, till: str, count: int, seed: int) -> None:
    """`count` paid sales of 1-5 lines, each committed on its own like at the till."""
    rng = random.Random(seed)
    products = pieces(engine)
    sales = SalesRepository(engine)
    for _ in range(count):
        cart = Cart()
        for entry in rng.sample(products, rng.randint(1, 5)):
            assert entry.price is not None
            snapshot = ProductSnapshot(
                entry.product_id, entry.sku, entry.name, entry.price, entry.vat_class, entry.unit
            )
            cart.add(snapshot, Quantity.pieces(rng.randint(1, 3)))
        total = cart.total()
        sale = sale_from_cart(
            cart, settle(total, [(Tender.CARD, total)]), store, till, datetime.now(UTC)
        )
        sales.record(sale)


def till_with_sales(central: CentralProcess, store: str, till: str, sales: int) -> Path:
    """A till database (made once, then copied) with the small demo catalogue synced and
    `sales` sales queued."""
    template = WORK / f"till-{store}-{till}-{sales}.sqlite3"
    if not template.exists():
        catalogue = WORK / f"till-catalogue-{SMALL_DEMO}.sqlite3"
        if not catalogue.exists():
            engine = till_engine(catalogue)
            token = enrol(central.db_url, store, "99")
            with syncing(engine, store, central.url, token) as worker:
                assert worker.run_once(), worker.status.last_error
            engine.dispose()
        _copy_database(catalogue, template)
        engine = till_engine(template)
        record_sales(engine, store, till, sales, seed=hash((store, till)) & 0xFFFF)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
    copy = WORK / f"run-{time.monotonic_ns()}-{store}-{till}.sqlite3"
    _copy_database(template, copy)
    return copy


def _copy_database(source: Path, target: Path) -> None:
    """A copy of a SQLite file in WAL mode, with everything in its WAL moved in first."""
    with contextlib.closing(sqlite3.connect(source)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)


# --- the measurements ------------------------------------------------------------------------


def bench_push(centrals: Centrals, backend: str, sales: int, work: Path) -> dict[str, Any]:
    url = centrals.with_demo(backend, SMALL_DEMO)
    with serving(url, work / f"central-push-{backend}.log") as central:
        path = till_with_sales(central, "WAW01", "01", sales)
        engine = till_engine(path)
        before = received_events(url)
        with syncing(engine, "WAW01", central.url, enrol(url, "WAW01", "01")) as worker:
            started = time.perf_counter()
            ok = worker.run_once()
            seconds = time.perf_counter() - started
        unsent = SyncOutbox(engine).counts().unsent
        engine.dispose()
        received = received_events(url) - before
    result = {
        "backend": backend,
        "sales": sales,
        "seconds": round(seconds, 2),
        "sales_per_second": round(sales / seconds),
        "ok": ok and unsent == 0 and received == sales,
        "received_centrally": received,
        "target_s": TARGET_PUSH_S,
    }
    _log(f"push {backend}: {sales:,} sales in {seconds:.2f} s ({result['sales_per_second']}/s)")
    return result


def bench_fleet(
    centrals: Centrals, backend: str, tills: int, sales_each: int, work: Path
) -> dict[str, Any]:
    url = centrals.with_demo(backend, SMALL_DEMO)
    with serving(url, work / f"central-fleet-{backend}.log") as central:
        children = []
        for number in range(tills):
            store = STORES[number % len(STORES)]
            till = f"{number // len(STORES) + 1:02d}"
            path = till_with_sales(central, store, till, sales_each)
            environment = {**os.environ, "POS_BENCH_TOKEN": enrol(url, store, till)}
            children.append(
                subprocess.Popen(
                    [sys.executable, __file__, "--child-push", str(path), central.url, store],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=environment,
                    text=True,
                )
            )
        for child in children:  # each prints READY when imported and opened
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "READY"
        before = received_events(url)
        started = time.perf_counter()
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outcomes = []
        for child in children:
            assert child.stdout is not None
            outcomes.append(json.loads(child.stdout.readline()))
        seconds = time.perf_counter() - started
        for child in children:
            child.communicate(timeout=600)
        received = received_events(url) - before
    total = tills * sales_each
    result = {
        "backend": backend,
        "tills": tills,
        "sales_each": sales_each,
        "seconds": round(seconds, 2),
        "sales_per_second": round(total / seconds),
        "slowest_till_s": round(max(o["seconds"] for o in outcomes), 2),
        "ok": all(o["ok"] for o in outcomes) and received == total,
        "received_centrally": received,
    }
    _log(f"fleet {backend}: {tills} tills, {total:,} sales in {seconds:.2f} s")
    return result


def child_push(path: str, url: str, store: str) -> None:
    engine = till_engine(Path(path))
    with syncing(engine, store, url, os.environ["POS_BENCH_TOKEN"]) as worker:
        print("READY", flush=True)
        sys.stdin.readline()
        started = time.perf_counter()
        ok = worker.run_once()
        seconds = time.perf_counter() - started
    ok = ok and SyncOutbox(engine).counts().unsent == 0
    print(json.dumps({"seconds": seconds, "ok": ok}), flush=True)


@dataclass
class SaleWaits:
    """A sale recorded every SALE_EVERY_S on the till while it syncs: how long each took."""

    engine: Engine
    waits_ms: list[float]
    stop: threading.Event

    def run(self) -> None:
        rng = random.Random(7)
        sales = SalesRepository(self.engine)
        products: list[CatalogueEntry] = []
        while not self.stop.wait(SALE_EVERY_S):
            if not products:
                products = pieces(self.engine)[:50]
                if not products:
                    continue
            entry = rng.choice(products)
            assert entry.price is not None
            cart = Cart()
            cart.add(
                ProductSnapshot(
                    entry.product_id,
                    entry.sku,
                    entry.name,
                    entry.price,
                    entry.vat_class,
                    entry.unit,
                ),
                Quantity.pieces(1),
            )
            total = cart.total()
            sale = sale_from_cart(
                cart, settle(total, [(Tender.CARD, total)]), "WAW01", "01", datetime.now(UTC)
            )
            started = time.perf_counter()
            sales.record(sale)
            self.waits_ms.append((time.perf_counter() - started) * 1000)

    def summary(self) -> dict[str, float | int]:
        if not self.waits_ms:
            return {"sales": 0}
        ordered = sorted(self.waits_ms)
        return {
            "sales": len(ordered),
            "median_ms": round(statistics.median(ordered), 1),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 1),
            "max_ms": round(ordered[-1], 1),
        }


def _written_bytes() -> int | None:
    """What this process has had written to disk so far (Linux), or None."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("write_bytes:"):
                return int(line.split()[1])
    return None


def _megabytes(before: int | None, after: int | None) -> int | None:
    return None if before is None or after is None else round((after - before) / 1e6)


def bench_catalogue(
    centrals: Centrals, backend: str, products: int, changes: int, work: Path
) -> dict[str, Any]:
    url = centrals.with_demo(backend, products)
    with serving(url, work / f"central-catalogue-{backend}.log") as central:
        engine = till_engine(WORK / f"run-{time.monotonic_ns()}-first-sync.sqlite3")
        with syncing(engine, "WAW01", central.url, enrol(url, "WAW01", "01")) as worker:
            waits = SaleWaits(engine, [], threading.Event())
            seller = threading.Thread(target=waits.run, name="seller")
            seller.start()
            written = _written_bytes()
            cpu = time.process_time()
            started = time.perf_counter()
            ok = worker.run_once()
            first_sync_s = time.perf_counter() - started
            cpu_s = time.process_time() - cpu
            written_after = _written_bytes()
            waits.stop.set()
            seller.join()
            local = _count(engine, "SELECT count(*) FROM products")
            _log(
                f"first sync {backend}: {local:,} products in {first_sync_s:.1f} s "
                f"(till: {cpu_s:.1f} s of processor, {_megabytes(written, written_after)} MB "
                f"written; sales waited {waits.summary()})"
            )

            day = date.today() - timedelta(days=1)
            _change_prices(url, changes, day)
            started = time.perf_counter()
            delta_ok = worker.run_once()
            delta_s = time.perf_counter() - started
            changed = _count(
                engine,
                f"SELECT count(*) FROM prices WHERE valid_from = '{day.isoformat()}' "
                f"AND gross >= 1000 AND gross < {1000 + changes}",
            )
            _log(f"delta {backend}: {changes:,} price changes in {delta_s:.2f} s")
        engine.dispose()
    return {
        "backend": backend,
        "first_sync": {
            "products": products,
            "seconds": round(first_sync_s, 1),
            "products_per_second": round(local / first_sync_s),
            "ok": ok and local == products,
            "target_s": TARGET_FIRST_SYNC_S,
            # The till's side alone, less sensitive than the time to what else the machine
            # runs: its processor time (all its threads) and what it had written to disk.
            "till_cpu_s": round(cpu_s, 1),
            "till_written_mb": _megabytes(written, written_after),
            "sales_during_sync": waits.summary(),
        },
        "delta": {
            "changes": changes,
            "seconds": round(delta_s, 2),
            "ok": delta_ok and changed == changes,
            "target_s": TARGET_DELTA_S,
        },
    }


def _count(engine: Engine, sql: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def _change_prices(url: str, changes: int, day: date) -> None:
    """New prices from `day` for the first `changes` products, in one central transaction."""
    engine = create_central_engine(url)
    with engine.connect() as connection:
        skus = list(
            connection.execute(
                text("SELECT sku FROM products ORDER BY sku LIMIT :n"), {"n": changes}
            ).scalars()
        )

    def change(session: Any) -> None:
        for number, sku in enumerate(skus):
            set_price(session, sku, 1000 + number, day)

    write_transaction(engine, change)
    engine.dispose()


def _machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="push,fleet,first-sync", help="push,fleet,first-sync")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--catalogue-backends", default="sqlite", help="backends of first-sync and delta"
    )
    parser.add_argument("--sales", type=int, default=10_000)
    parser.add_argument("--tills", type=int, default=50)
    parser.add_argument("--sales-each", type=int, default=200)
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--child-push", nargs=3, metavar=("DB", "URL", "STORE"))
    args = parser.parse_args(argv)
    if args.child_push:
        child_push(*args.child_push)
        return 0

    WORK.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(","))
    backends = args.backends.split(",")
    needs_pg = "postgresql" in backends or "postgresql" in args.catalogue_backends.split(",")
    results: dict[str, Any] = {"machine": _machine(), "started": datetime.now(UTC).isoformat()}
    with contextlib.ExitStack() as stack:
        pg = stack.enter_context(postgres()) if needs_pg else None
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(dir=WORK, prefix="run-")))
        centrals = Centrals(WORK, pg)
        steps: list[tuple[str, Callable[[], Any]]] = []
        for backend in backends:
            if "push" in only:
                steps.append(
                    (f"push/{backend}", partial(bench_push, centrals, backend, args.sales, work))
                )
            if "fleet" in only:
                fleet = partial(bench_fleet, centrals, backend, args.tills, args.sales_each, work)
                steps.append((f"fleet/{backend}", fleet))
        if "first-sync" in only:
            for backend in args.catalogue_backends.split(","):
                catalogue = partial(
                    bench_catalogue, centrals, backend, args.products, args.changes, work
                )
                steps.append((f"catalogue/{backend}", catalogue))
        for name, step in steps:
            results[name] = step()
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, indent=2) + "\n")
        for leftover in WORK.glob("run-*.sqlite3*"):
            leftover.unlink()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
