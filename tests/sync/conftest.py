"""Shared fixtures of the sync tests: a real central database (SQLite file and PostgreSQL) and
the real central service on 127.0.0.1.

Fixtures
--------
`central_db_url` (function scope, parametrized "sqlite" / "postgresql")
    A URL of an empty database made for the test: a SQLite file in tmp_path, or a new database
    on a PostgreSQL server started once per session (below). Every test using it, directly or
    through the fixtures below, runs once per backend: `-k sqlite` or `-k postgresql` picks one.
`central_engine`
    An engine on `central_db_url`, migrated to the newest schema (`sync.central.migrate`).
`central_demo`
    `central_engine` with the small demo chain loaded (`sync.central.demo.load_demo`,
    DEMO_PRODUCTS products: stores WAW01, KRK01, GDA01, WRO01, SKUs P0000001..., opening
    stock in every store, users kierownik/1234 and kasjer/1111).
`central_server`
    The service (`sync.central.api.create_app`) served by uvicorn in a thread on a free port,
    on `central_demo`. Yields a `CentralServer`: `url` ("http://127.0.0.1:PORT"), `engine`,
    `db_url`, `till_token` (till "01" of WAW01), `admin_token`, `enrol(store, till)` for more
    tills' tokens and `client(token=till_token)` for an httpx client. Stopped after the test.
    `serve_in_thread(engine)` (a context manager yielding the URL) serves any other engine.
`central_process`
    A factory of the service as a subprocess (`python -m sync.central serve`) on a URL of your
    choice: `central_process(db_url, tls=(certfile, keyfile) | None, verify=...,
    log_level="warning")` returns a started `CentralProcess` with `url`, `port`, `log` (its
    output file), `stop()`, `kill()` (SIGKILL) and `start()` (again on the same port); all are
    stopped after the test. For restarts and killed servers.
`outbox`
    An `Outbox`: outbox items (JSON) as a till sends them: `sale_payload([(sku, qty)], ...)`,
    `return_payload`, `shift_opened_payload`, `shift_closed_payload`,
    `cash_movement_payload`, `item(kind, payload, seq=..., event_id=...)`, `push_body(items)`.
`postgres_server` (session scope)
    Debian's PostgreSQL (/usr/lib/postgresql/*/bin) on a temporary data directory, run as the
    `postgres` user when the tests run as root, listening on 127.0.0.1 on a free port (socket
    in the temporary directory), with fsync off (tests do not cut the power). Yields a
    `PostgresServer` with `url(database)` and `create_database()`. Stopped and removed at the
    end of the session. Without the binaries the PostgreSQL cases are skipped, unless CI=1 or
    POS_REQUIRE_POSTGRES=1, which make them fail instead.

For type hints, import the classes only while type checking (pyproject's mypy_path has
tests/sync): `if TYPE_CHECKING: from conftest import CentralServer, Outbox`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, create_engine, text

from sync.central.api import create_app
from sync.central.auth import enrol_till, issue_admin_token
from sync.central.database import create_central_engine, write_transaction
from sync.central.demo import load_demo
from sync.central.migrate import upgrade

DEMO_PRODUCTS = 120
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
"""The till's clock in the payloads `Outbox` makes."""
STARTUP_SECONDS = 30
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _postgres_required() -> bool:
    return os.environ.get("CI") == "1" or os.environ.get("POS_REQUIRE_POSTGRES") == "1"


def _postgres_bin() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[-3]),
    )
    return Path(found[-1]).parent if found else None


@dataclass
class PostgresServer:
    port: int
    directory: Path
    admin_url: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its name."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(sql))
        finally:
            engine.dispose()


def _as_postgres_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam("postgres")
        user = "postgres"
    except KeyError:
        user = "nobody"
    return ["runuser", "-u", user, "--", *command]


def _owner() -> tuple[int, int] | None:
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    binaries = _postgres_bin()
    if binaries is None:
        message = "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
        if _postgres_required():
            pytest.fail(f"{message} (required: CI=1 or POS_REQUIRE_POSTGRES=1)")
        pytest.skip(f"{message}; install Debian's postgresql to run these cases")
    directory = Path(tempfile.mkdtemp(prefix="pos-central-pg-"))
    owner = _owner()
    if owner is not None:
        os.chown(directory, *owner)
    data = directory / "data"
    port = free_port()
    subprocess.run(
        _as_postgres_user(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-instructions",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = (
        f"-k {directory} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    pg_ctl = str(binaries / "pg_ctl")
    subprocess.run(
        _as_postgres_user(
            [pg_ctl, "-D", str(data), "-o", options, "-l", str(directory / "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield PostgresServer(
            port, directory, f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        )
    finally:
        subprocess.run(
            _as_postgres_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def central_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def central_engine(central_db_url: str) -> Iterator[Engine]:
    engine = create_central_engine(central_db_url)
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def central_demo(central_engine: Engine) -> Engine:
    load_demo(central_engine, products=DEMO_PRODUCTS)
    return central_engine


@dataclass
class CentralServer:
    url: str
    engine: Engine
    db_url: str
    till_token: str
    admin_token: str

    def enrol(self, store: str, till: str) -> str:
        """A token for another till."""
        now = datetime.now(UTC)
        return write_transaction(self.engine, lambda s: enrol_till(s, store, till, now))

    def client(self, token: str | None = None) -> httpx.Client:
        """An httpx client of the service with `token` (the WAW01/01 till's by default)."""
        headers = {"Authorization": f"Bearer {token or self.till_token}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def _wait_until_up(url: str, verify: ssl.SSLContext | bool = True) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1, verify=verify).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"the central service at {url} did not start")


@contextlib.contextmanager
def serve_in_thread(engine: Engine) -> Iterator[str]:
    """The app on `engine` served by uvicorn in a thread; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(engine), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"central-{port}", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def central_server(central_demo: Engine, central_db_url: str) -> Iterator[CentralServer]:
    now = datetime.now(UTC)
    till_token = write_transaction(central_demo, lambda s: enrol_till(s, "WAW01", "01", now))
    admin_token = write_transaction(central_demo, lambda s: issue_admin_token(s, "tests", now))
    with serve_in_thread(central_demo) as url:
        yield CentralServer(url, central_demo, central_db_url, till_token, admin_token)


@dataclass
class CentralProcess:
    db_url: str
    port: int
    tls: tuple[Path, Path] | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    log: Path | None = None
    log_level: str = "warning"

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def start(self, verify: ssl.SSLContext | bool = True) -> None:
        command = [
            sys.executable,
            "-m",
            "sync.central",
            "serve",
            "--db",
            self.db_url,
            "--port",
            str(self.port),
            "--log-level",
            self.log_level,
        ]
        if self.tls is not None:
            command += ["--ssl-certfile", str(self.tls[0]), "--ssl-keyfile", str(self.tls[1])]
        with contextlib.ExitStack() as files:
            output: Any = subprocess.DEVNULL
            if self.log is not None:
                output = files.enter_context(self.log.open("ab"))
            self.process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=output)
        _wait_until_up(self.url, verify)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def central_process(tmp_path: Path) -> Iterator[Callable[..., CentralProcess]]:
    started: list[CentralProcess] = []

    def start(
        db_url: str,
        tls: tuple[Path, Path] | None = None,
        verify: ssl.SSLContext | bool = True,
        log_level: str = "warning",
    ) -> CentralProcess:
        log = tmp_path / f"central-{len(started)}.log"
        process = CentralProcess(db_url, free_port(), tls, log=log, log_level=log_level)
        started.append(process)
        process.start(verify)
        return process

    yield start
    for process in started:
        process.stop()


class Outbox:
    """Outbox items as a till sends them (the shapes of the till's to_json methods), for tests
    of the central service: the `outbox` fixture."""

    @staticmethod
    def sale_payload(
        lines: Sequence[tuple[str, int]],
        *,
        store: str = "WAW01",
        till: str = "01",
        sequence: int = 1,
        unit_price: int = 250,
        sale_id: uuid.UUID | None = None,
        unit: str = "piece",
    ) -> dict[str, Any]:
        """A paid sale of (sku, quantity) lines at `unit_price` each, paid in cash."""
        sale_id = sale_id or uuid.uuid4()
        total = sum(quantity * unit_price for _sku, quantity in lines)
        return {
            "id": str(sale_id),
            "receipt_number": f"{store}-{till}-{sequence:06d}",
            "store_code": store,
            "till_id": till,
            "sequence": sequence,
            "created_at": NOW.isoformat(),
            "subtotal": total,
            "discount": 0,
            "total": total,
            "change": 0,
            "shift_id": None,
            "cashier_id": None,
            "lines": [
                {
                    "id": str(uuid.uuid4()),
                    "product_id": position + 1,
                    "sku": sku,
                    "name": f"Produkt {sku}",
                    "barcode": None,
                    "vat_class": "A",
                    "unit": unit,
                    "quantity": quantity,
                    "unit_price": unit_price,
                    "line_discount": 0,
                    "basket_discount": 0,
                    "total": quantity * unit_price,
                }
                for position, (sku, quantity) in enumerate(lines)
            ],
            "payments": [
                {"id": str(uuid.uuid4()), "tender": "cash", "amount": total, "tendered": total}
            ],
        }

    @staticmethod
    def return_payload(
        lines: Sequence[tuple[str, int]],
        *,
        store: str = "WAW01",
        till: str = "01",
        sale_id: uuid.UUID | None = None,
        refund_each: int = 250,
    ) -> dict[str, Any]:
        return_id = uuid.uuid4()
        total = sum(quantity * refund_each for _sku, quantity in lines)
        return {
            "id": str(return_id),
            "return_number": f"{store}-{till}-R000001",
            "store_code": store,
            "till_id": till,
            "sequence": 1,
            "sale_id": None if sale_id is None else str(sale_id),
            "sale_receipt_number": None,
            "created_at": NOW.isoformat(),
            "cashier_id": None,
            "approved_by": None,
            "shift_id": None,
            "reason": "zwrot",
            "total": total,
            "lines": [
                {
                    "id": str(uuid.uuid4()),
                    "sale_line_id": None,
                    "product_id": 1,
                    "sku": sku,
                    "name": f"Produkt {sku}",
                    "vat_class": "A",
                    "unit": "piece",
                    "quantity": quantity,
                    "total": quantity * refund_each,
                }
                for sku, quantity in lines
            ],
            "payments": [{"id": str(uuid.uuid4()), "tender": "cash", "amount": total}],
        }

    @staticmethod
    def shift_opened_payload(shift_id: uuid.UUID, till: str = "01") -> dict[str, Any]:
        return {
            "id": str(shift_id),
            "till_id": till,
            "number": 1,
            "opened_at": NOW.isoformat(),
            "opened_by": "u-1",
            "opening_float": 20000,
            "opening_count": {"10000": 2},
        }

    @staticmethod
    def shift_closed_payload(shift_id: uuid.UUID, till: str = "01") -> dict[str, Any]:
        return {
            "id": str(shift_id),
            "till_id": till,
            "number": 1,
            "closed_at": NOW.isoformat(),
            "closed_by": "u-1",
            "counted_cash": 25000,
            "closing_count": {"10000": 2, "5000": 1},
            "z_report": {"kind": "Z", "number": 1, "sales_total": 5000},
        }

    @staticmethod
    def cash_movement_payload(shift_id: uuid.UUID, till: str = "01") -> dict[str, Any]:
        return {
            "id": str(uuid.uuid4()),
            "shift_id": str(shift_id),
            "till_id": till,
            "at": NOW.isoformat(),
            "user_id": "u-1",
            "kind": "out",
            "amount": 5000,
            "reason": "wpłata do banku",
        }

    @staticmethod
    def item(
        kind: str,
        payload: dict[str, Any],
        *,
        seq: int = 1,
        event_id: uuid.UUID | None = None,
        aggregate_id: str | None = None,
    ) -> dict[str, Any]:
        """An outbox item (JSON) carrying `payload`; the aggregate is the payload's id."""
        return {
            "id": str(event_id or uuid.uuid4()),
            "kind": kind,
            "aggregate_id": aggregate_id or payload["id"],
            "seq": seq,
            "created_at": NOW.isoformat(),
            "payload": payload,
        }

    @staticmethod
    def push_body(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
        return {"till_clock": datetime.now(UTC).isoformat(), "items": list(items)}


@pytest.fixture
def outbox() -> Outbox:
    return Outbox()
