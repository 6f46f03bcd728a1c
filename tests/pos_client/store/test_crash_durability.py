"""Crash durability of the local store: a selling till is killed with SIGKILL again and again.

The child (crash_seller.py) sells through the real stack against one SQLite file; the parent kills
it at a random moment (mostly while it sells, sometimes while it opens the database), then checks
the file with plain sqlite3: it is intact, every sale the child reported as committed is there
whole, no half sale exists, every sale has its one outbox row and the receipt numbers of the till
are gap-free. The database accumulates over all the kills, as a till's does over its life.

A killed process tests atomicity and recovery, not power loss: `synchronous=FULL` (checked on the
child's connection) is what covers the latter, and no process kill can prove it.

Importing the stack costs a new Python process about 0.4 s of CPU, hundreds of times over, so the
tills are forked from a server that has imported it (and never opened a database): each till is
still a new process that opens the database from scratch, as after a restart. Killing a process
while it imports would prove nothing about the database.

POS_CRASH_KILLS and POS_CRASH_SEED (environment) change the number of kills and replay a run.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from hardware.barcodes import with_check_digit
from pos_client.domain.text import fold
from pos_client.store.database import create_store_engine
from pos_client.store.migrate import current_revision, head_revision, upgrade
from pos_client.store.models import Barcode, Price, Product
from pos_client.store.sales import receipt_counter

REPO_ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("crash_seller.py")

KILLS = int(os.environ.get("POS_CRASH_KILLS", "200"))
FIRST_START_KILLS = 20
STARTUP_KILL_SHARE = 0.1
"""Share of the kills aimed at the child's start-up (opening the database) instead of selling."""
STARTUP_WINDOW_S = 0.015
"""Opening an up-to-date database and reaching READY takes the child about 10-25 ms."""
POLL_S = 0.001
START_TIMEOUT_S = 30.0
SALE_TIMEOUT_S = 30.0

STORE_CODE = "WAW01"
TILL_ID = "01"


@dataclass(frozen=True, slots=True)
class Item:
    sku: str
    name: str
    vat_class: str
    unit: str
    gross: int
    printed_code: str
    """What is on the pack (EAN-13, EAN-8 or UPC-A) or, for a weighed item, its lookup code."""

    @property
    def gtin13(self) -> str:
        return self.printed_code.zfill(13)


CATALOGUE = (
    Item("MLK-001", "Mleko 3,2% 1 l", "B", "piece", 389, with_check_digit("590123412345")),
    Item("CHL-002", "Chleb żytni 500 g", "C", "piece", 699, with_check_digit("590765432100")),
    Item("WOD-003", "Woda mineralna 1,5 l", "A", "piece", 249, with_check_digit("9638507")),
    Item("CZK-004", "Czekolada gorzka 100 g", "A", "piece", 1299, with_check_digit("03600029145")),
    Item("JAB-005", "Jabłka Ligol", "C", "kg", 499, with_check_digit("210000500000")),
    Item("SER-006", "Ser gouda", "B", "kg", 3290, with_check_digit("220000600000")),
)
PIECE_SCANS = [item.printed_code for item in CATALOGUE if item.unit == "piece"] + ["czk-004"]
WEIGHED_SCANS = [item.printed_code for item in CATALOGUE if item.unit == "kg"]


def build_store(path: Path) -> None:
    """A migrated database with a small catalogue, written through the ORM models."""
    engine = create_store_engine(path)
    try:
        upgrade(engine)
        with Session(engine) as session, session.begin():
            for item in CATALOGUE:
                session.add(
                    Product(
                        sku=item.sku,
                        name=item.name,
                        search_text=fold(f"{item.name} {item.sku}"),
                        vat_class=item.vat_class,
                        unit=item.unit,
                        active=True,
                        barcodes=[Barcode(code=item.gtin13)],
                        prices=[Price(gross=item.gross, valid_from=date(2020, 1, 1))],
                    )
                )
    finally:
        engine.dispose()


class ForkServer:
    """crash_seller.py --serve: forks a till on demand, reaps it once it is killed."""

    def __init__(self, *extra: str) -> None:
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(REPO_ROOT), *filter(None, [environment.get("PYTHONPATH")])]
        )
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), "--serve", *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=environment,
            bufsize=0,
        )
        self._pending = bytearray()
        self._alive: set[int] = set()

    def __enter__(self) -> ForkServer:
        try:
            self._answer("LOADED")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        # Kill only our own tills, and only those not reaped yet (their pids cannot be reused).
        for pid in sorted(self._alive):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()  # the server ends at the end of its input
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.process.stdout.close()

    def _answer(self, expected: str) -> list[str]:
        """The server's next line, which must start with `expected`."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + START_TIMEOUT_S
        while b"\n" not in self._pending:
            remaining = deadline - time.monotonic()
            readable, _, _ = select.select([fd], [], [], max(remaining, 0))
            chunk = os.read(fd, 65536) if readable else b""
            if not chunk:
                raise AssertionError(f"the fork server gave no {expected} line")
            self._pending += chunk
        line, _, rest = bytes(self._pending).partition(b"\n")
        self._pending = bytearray(rest)
        words = line.decode().split()
        assert words[:1] == [expected], f"the fork server answered {line!r}, not {expected}"
        return words

    def _command(self, command: str, expected: str) -> list[str]:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{command}\n".encode())
        return self._answer(expected)

    def start(self, database: Path, seed: int, output: Path) -> Till:
        """Fork a till selling against `database`, writing its lines to `output`."""
        output.touch()
        pid = int(self._command(f"RUN\t{seed}\t{database}\t{output}", "FORKED")[1])
        self._alive.add(pid)
        return Till(self, pid, database, seed, output)

    def kill(self, pid: int) -> int:
        """SIGKILL and reap the till; returns its exit code (-9 when the signal killed it)."""
        os.kill(pid, signal.SIGKILL)
        code = int(self._command(f"REAP\t{pid}", "EXIT")[2])
        self._alive.discard(pid)
        return code


class Till:
    """One forked till: a new process that opens the database, and its output so far."""

    def __init__(
        self, server: ForkServer, pid: int, database: Path, seed: int, output: Path
    ) -> None:
        self.server = server
        self.pid = pid
        self.database = database
        self.seed = seed
        self._output = output
        self._data = b""
        self.exit_code: int | None = None

    def read(self) -> str:
        with self._output.open("rb") as stream:
            stream.seek(len(self._data))
            self._data += stream.read()
        return self._data.decode("utf-8", errors="replace")

    def wait_for(self, line: str, count: int = 1) -> bool:
        """Poll the output until `count` lines start with `line`; False if it never does."""
        deadline = time.monotonic() + SALE_TIMEOUT_S
        while sum(text.startswith(line) for text in self.lines()[0]) < count:
            if time.monotonic() > deadline:
                return False
            time.sleep(POLL_S)
        return True

    def kill(self) -> int:
        self.exit_code = self.server.kill(self.pid)
        self.read()
        return self.exit_code

    def lines(self) -> tuple[list[str], str]:
        """Complete output lines, and the unfinished last one (cut by the kill), if any."""
        *complete, partial = self.read().split("\n")
        return complete, partial

    def describe(self) -> str:
        complete, partial = self.lines()
        return (
            f"till seed {self.seed}, exit {self.exit_code}; last output lines "
            f"{complete[-5:]} partial {partial!r} (all in {self._output})"
        )


@dataclass(frozen=True, slots=True)
class Reported:
    receipt_number: str
    lines: int
    payments: int
    total: int


@dataclass(slots=True)
class Tally:
    reported: dict[str, Reported] = field(default_factory=dict)
    sales_in_database: int = 0
    killed_before_ready: int = 0
    partial_lines: int = 0
    unreported_commits: int = 0
    killed_after_sales: int = 0


_SALES = """
SELECT s.id, s.receipt_number, s.store_code, s.till_id, s.sequence, s.subtotal, s.discount,
       s.total, s.change,
       (SELECT COUNT(*) FROM sale_lines l WHERE l.sale_id = s.id),
       (SELECT COALESCE(SUM(l.total), 0) FROM sale_lines l WHERE l.sale_id = s.id),
       (SELECT COUNT(*) FROM sale_payments p WHERE p.sale_id = s.id),
       (SELECT COALESCE(SUM(p.amount), 0) FROM sale_payments p WHERE p.sale_id = s.id),
       (SELECT COUNT(*) FROM outbox o WHERE o.aggregate_id = s.id AND o.kind = 'sale')
FROM sales s ORDER BY s.till_id, s.sequence
"""


@dataclass(frozen=True, slots=True)
class StoredSale:
    receipt_number: str
    sequence: int
    total: int
    lines: int
    payments: int


def check_database(path: Path, reported: dict[str, Reported]) -> dict[str, StoredSale]:
    """Every invariant a crash must keep; returns the sales found, by id."""
    # Read-only: the check must not checkpoint the WAL the killed child left behind, so the next
    # child starts on it (and is sometimes killed while checkpointing it).
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        assert integrity == [("ok",)], f"integrity_check: {integrity}"
        dangling = db.execute("PRAGMA foreign_key_check").fetchall()
        assert dangling == [], f"foreign_key_check: {dangling}"
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)

        stored: dict[str, StoredSale] = {}
        for row in db.execute(_SALES):
            sale_id, number, store, till, sequence, subtotal, discount, total, change = row[:9]
            lines, lines_sum, payments, paid, outbox_rows = row[9:]
            assert lines >= 1, f"sale {sale_id} ({number}) has no lines"
            assert payments >= 1, f"sale {sale_id} ({number}) has no payments"
            assert lines_sum == total, f"sale {number}: lines add up to {lines_sum}, not {total}"
            assert paid == total, f"sale {number}: payments add up to {paid}, not {total}"
            assert subtotal - discount == total, f"sale {number}: {subtotal} - {discount}"
            assert change >= 0, f"sale {number}: change {change}"
            assert outbox_rows == 1, f"sale {number} has {outbox_rows} outbox rows of kind sale"
            assert (store, till) == (STORE_CODE, TILL_ID)
            assert number == f"{store}-{till}-{sequence:06d}", f"receipt number {number}"
            stored[sale_id] = StoredSale(number, sequence, total, lines, payments)

        sequences = [sale.sequence for sale in stored.values()]
        assert sequences == list(range(1, len(stored) + 1)), (
            f"receipt sequence of till {TILL_ID} is not 1..{len(stored)}: "
            f"missing {sorted(set(range(1, len(stored) + 1)) - set(sequences))[:10]}, "
            f"extra {sorted(set(sequences) - set(range(1, len(stored) + 1)))[:10]}"
        )
        counter = db.execute(
            "SELECT value FROM counters WHERE name = ?", (receipt_counter(TILL_ID),)
        ).fetchone()
        assert counter == ((len(stored),) if stored else None), (
            f"receipt counter {counter} but {len(stored)} sales"
        )

        orphans = db.execute(
            "SELECT aggregate_id FROM outbox WHERE kind = 'sale' "
            "AND aggregate_id NOT IN (SELECT id FROM sales)"
        ).fetchall()
        assert orphans == [], f"outbox rows of sales that do not exist: {orphans[:5]}"
        for aggregate_id, payload in db.execute(
            "SELECT aggregate_id, payload FROM outbox WHERE kind = 'sale'"
        ):
            event = json.loads(payload)
            sale = stored[aggregate_id]
            assert (event["id"], event["receipt_number"], event["total"]) == (
                aggregate_id,
                sale.receipt_number,
                sale.total,
            ), f"outbox payload of {sale.receipt_number} differs from the sale"
            assert (len(event["lines"]), len(event["payments"])) == (sale.lines, sale.payments)

    for sale_id, seen in reported.items():
        found = stored.get(sale_id)
        assert found is not None, f"sale {sale_id} ({seen.receipt_number}) was committed, now lost"
        assert (found.receipt_number, found.lines, found.payments, found.total) == (
            seen.receipt_number,
            seen.lines,
            seen.payments,
            seen.total,
        ), f"sale {sale_id} is stored as {found}, but was committed as {seen}"
    return stored


def take_output(till: Till, tally: Tally) -> int:
    """Record the till's COMMITTED lines; returns how many there were."""
    complete, partial = till.lines()
    tally.partial_lines += bool(partial)
    if complete and complete[0].startswith("READY "):
        settings = dict(part.split("=", 1) for part in complete[0].split()[1:])
        assert settings == {"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1"}, (
            f"the till's connection runs with {settings}"
        )
        complete = complete[1:]
    else:
        tally.killed_before_ready += 1
    for line in complete:
        kind, sale_id, number, lines, payments, total = line.split()
        assert kind == "COMMITTED", f"unexpected output {line!r}"
        assert sale_id not in tally.reported, f"sale {sale_id} reported twice"
        tally.reported[sale_id] = Reported(number, int(lines), int(payments), int(total))
    return len(complete)


@pytest.mark.slow
def test_sigkilled_till_keeps_every_committed_sale_whole(tmp_path: Path) -> None:
    database = tmp_path / "till.sqlite3"
    build_store(database)
    seed = int(os.environ.get("POS_CRASH_SEED") or random.randrange(2**32))
    rng = random.Random(seed)
    tally = Tally()
    extra = [f"--piece={code}" for code in PIECE_SCANS]
    extra += [f"--weighed={code}" for code in WEIGHED_SCANS]
    outputs = tmp_path / "tills"
    outputs.mkdir()
    started = time.monotonic()

    with ForkServer(*extra) as server:
        for kill in range(KILLS):
            till = server.start(database, rng.randrange(2**32), outputs / f"{kill:04d}.txt")
            aim = rng.random()
            if aim < STARTUP_KILL_SHARE:
                time.sleep(rng.uniform(0, STARTUP_WINDOW_S))
            else:
                # Half the time after READY; half the time after the first few sales, so that the
                # tills sell however loaded the machine is.
                after, count = ("READY", 1) if aim < 0.55 else ("COMMITTED", rng.randint(1, 3))
                if not till.wait_for(after, count):
                    till.kill()
                    pytest.fail(f"kill {kill} (run seed {seed}): no {after}; {till.describe()}")
                tally.killed_after_sales += after == "COMMITTED"
                time.sleep(rng.uniform(0.02, 0.15) if after == "READY" else rng.uniform(0, 0.05))
            status = till.kill()
            context = f"after kill {kill} (run seed {seed}, database {database})"
            if status != -signal.SIGKILL:
                pytest.fail(f"{context}: the till ended by itself; {till.describe()}")
            printed = take_output(till, tally)
            try:
                stored = check_database(database, tally.reported)
            except AssertionError as error:
                raise AssertionError(f"{context}: {error}; {till.describe()}") from error
            # Only the sale between its commit and its print can be missing from the output.
            new_unreported = len(stored) - tally.sales_in_database - printed
            assert new_unreported in (0, 1), f"{context}: {new_unreported} unreported sales"
            tally.unreported_commits += new_unreported
            tally.sales_in_database = len(stored)

    elapsed = time.monotonic() - started
    assert tally.sales_in_database >= len(tally.reported)
    assert len(tally.reported) >= tally.killed_after_sales > KILLS // 4
    print(
        f"\ncrash test: {KILLS} kills in {elapsed:.1f} s (seed {seed}); "
        f"{tally.sales_in_database} sales in the database, {len(tally.reported)} reported "
        f"committed, {tally.unreported_commits} committed but killed before the report; "
        f"{tally.killed_before_ready} kills before READY, {tally.killed_after_sales} aimed after "
        f"the first sales; {tally.partial_lines} cut lines"
    )


def check_migration_state(path: Path) -> str | None:
    """The file is intact and holds exactly the tables of the revision it records."""
    with closing(sqlite3.connect(path)) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        assert integrity == [("ok",)], f"integrity_check: {integrity}"
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        revision: str | None = None
        if "alembic_version" in tables:
            rows = db.execute("SELECT version_num FROM alembic_version").fetchall()
            assert len(rows) <= 1, f"alembic_version holds {rows}"
            revision = rows[0][0] if rows else None
    expected = {None: (set(), {"sales", "product_search"}), "0001": ({"sales"}, {"product_search"})}
    present, absent = expected.get(revision, ({"sales", "outbox", "product_search"}, set()))
    assert present <= tables, f"at revision {revision} tables {present - tables} are missing"
    assert not absent & tables, f"at revision {revision} tables {absent & tables} already exist"
    return revision


@pytest.mark.slow
def test_sigkilled_first_start_up_still_migrates(tmp_path: Path) -> None:
    """A till killed while its first start-up runs the migrations upgrades cleanly next time."""
    seed = int(os.environ.get("POS_CRASH_SEED") or random.randrange(2**32))
    rng = random.Random(seed)
    head = head_revision()
    outputs = tmp_path / "tills"
    outputs.mkdir()
    found_at: Counter[str | None] = Counter()
    window = 0.0
    with ForkServer("--migrate-only") as server:
        for kill in range(FIRST_START_KILLS + 1):
            database = tmp_path / f"first-{kill}.sqlite3"
            till = server.start(database, kill, outputs / f"{kill:04d}.txt")
            context = f"kill {kill} (run seed {seed}, window {window:.3f} s)"
            if kill == 0:
                # The first one runs to READY: how long it takes on this machine now sets when
                # the others are killed. The migrations' own transactions come last (Alembic
                # first reads its scripts), so half the kills aim at the second half.
                went = time.monotonic()
                assert till.wait_for("READY"), till.describe()
                window = time.monotonic() - went
            else:
                time.sleep(window * rng.choice((rng.uniform(0.0, 0.5), rng.uniform(0.5, 1.1))))
            status = till.kill()
            assert status == -signal.SIGKILL, f"{context}: {till.describe()}"
            revision = check_migration_state(database) if database.exists() else "no file"
            found_at[revision] += 1
            # The next start-up finishes the migrations and the till can be stocked and searched.
            build_store(database)
            engine = create_store_engine(database)
            try:
                assert current_revision(engine) == head, context
            finally:
                engine.dispose()
            with closing(sqlite3.connect(database)) as db:
                found = db.execute(
                    "SELECT COUNT(*) FROM product_search WHERE product_search MATCH 'jablka'"
                ).fetchone()
            assert found == (1,), f"{context}: name search finds {found}"
    print(
        f"\nfirst start-up: {FIRST_START_KILLS} kills within {window:.3f} s of start, "
        f"revision found {dict(found_at)}"
    )
