"""Applying the central change feed to the till's catalogue (sync.worker.ChangeSink).

A page is applied in short `BEGIN IMMEDIATE` transactions, sized to take about
`CHUNK_SECONDS`, through a second engine whose commits do not wait for the disk
(`catalogue_writer`). Between two of them the lock stays free for a while (the next chunk is
read meanwhile), and no transaction starts while one of the till's own writers (a sale) is at
work (`TillWriters`): a sale waits at most for the one catalogue transaction it arrived in.

Every transaction writes its changes together with the checkpoint that covers them: the cursor
of the page and the seq of the last change applied from it. The local catalogue is therefore
always exactly the central one up to a point of the feed, and a page interrupted half way (a
stop, a crash, a power cut) resumes after its last applied change.

Products are keyed locally by an integer id and uniquely by SKU; an update keeps the id (a cart,
a parked sale or a quick key may hold it) and the local-only columns (picture, quick key). Only
what differs is written: an unchanged product, its barcodes and prices are left alone, so a
full resync of an up-to-date catalogue is mostly reads. The FTS name index is kept in the same
transactions, in batches (the row triggers of migration 0002 stand aside; see
`SyncCheckpoint.search_by_sync`), so name search keeps working during a sync.

A full sync (the first one, or after 410 Gone) replaces the catalogue without emptying it: the
till keeps selling from the old rows while the new ones arrive, every key brought is noted
(`sync_seen`, `sync_seen_products`), and when the last page is in, what the central service no
longer has is removed (products and central users are deactivated, never deleted: old sales and
returns name them). A first sync into an empty till notes nothing: there is nothing to remove.
"""

from __future__ import annotations

import gc
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Engine, bindparam, event, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import ConnectionPoolEntry

from pos_client.domain.people import normalize_login
from pos_client.domain.text import fold
from pos_client.store.database import create_store_engine, read_session, write_session
from sync.client import BadAnswerError
from sync.protocol import (
    CategoryData,
    Change,
    ChangesPage,
    Entity,
    ProductData,
    StoreData,
    UserData,
    VatRateData,
)

log = logging.getLogger(__name__)

START_CURSOR = "0"
CHUNK_SECONDS = 0.025
"""Aimed length of one write transaction; a sale waiting for the lock waits about this long."""
PAUSE_RATIO = 0.25
"""After a transaction the lock stays free at least this many times as long as it was held."""
READ_SLICE = 100
"""Changes read between two looks at the till's writers."""
WRITER_WAIT_SECONDS = 1.0
"""The longest the sync gives way to a till writer (a sale lasts milliseconds)."""
FIRST_CHUNK = 200
MAX_CHUNK = 5000
SWEEP_CHUNK = 20_000
"""Product ids checked per transaction when a full sync that replaces a catalogue ends."""

_UPSERT = "upsert"


@dataclass(frozen=True, slots=True)
class FeedProgress:
    """Where the till stands in the change feed, for the status line and the progress bar."""

    cursor: str
    full_sync: bool
    """A full sync (first sync, or after 410 Gone) is under way."""
    applied: int
    """Changes applied since the full sync began (or in the last full sync, when done)."""
    remaining: int | None
    """Changes after the last page fetched (None before the first page)."""
    paused: bool
    """The manager interrupted the full sync."""
    server_time: datetime | None
    """The central service's clock on the last page applied."""


# --- parsed changes ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ProductRow:
    """A product as the local tables hold it, prepared outside the write transaction."""

    sku: str
    name: str
    search_text: str
    category: str | None
    vat_class: str
    unit: str
    active: bool
    barcodes: frozenset[str]
    prices: tuple[tuple[int, str, str | None], ...]
    """(gross, valid_from, valid_to), sorted."""


@dataclass(frozen=True, slots=True)
class _Op:
    seq: int
    entity: Entity
    op: str
    key: str
    data: Any
    """The validated data (a _ProductRow for a product; None for a delete)."""


_MODELS: dict[Entity, type[BaseModel]] = {
    Entity.STORE: StoreData,
    Entity.CATEGORY: CategoryData,
    Entity.VAT_RATE: VatRateData,
    Entity.PRODUCT: ProductData,
    Entity.USER: UserData,
}


def search_text(name: str, sku: str) -> str:
    """`fold(f"{name} {sku}")`, the product's name search text, folded word by word: fold
    changes no letter into white space nor white space into a letter, so the words fold alone,
    and a catalogue's words repeat (most of the time a first sync spends on reading a product
    went into folding them). A word in ASCII folds to its lower case."""
    words = (_folded_word(word) for word in f"{name} {sku}".split())
    return " ".join(word for word in words if word)


def _folded_word(word: str) -> str:
    return word.lower() if word.isascii() else _fold_cached(word)


_fold_cached = lru_cache(maxsize=100_000)(fold)


def _product_row(data: ProductData) -> _ProductRow:
    return _ProductRow(
        sku=data.sku,
        name=data.name,
        search_text=search_text(data.name, data.sku),
        category=data.category,
        vat_class=data.vat_class,
        unit=data.unit,
        active=data.active,
        barcodes=frozenset([_gtin13(code) for code in data.barcodes]),
        prices=tuple(
            sorted(
                [(p.gross, _iso_day(p.valid_from), _day(p.valid_to)) for p in data.prices],
                key=_price_order,
            )
        ),
    )


def _parse(change: Change) -> _Op:
    if change.op == "delete":
        return _Op(change.seq, change.entity, change.op, change.key, None)
    if change.data is None:
        raise BadAnswerError(f"{_where(change)}: an upsert without data")
    try:
        data: Any = _MODELS[change.entity].model_validate(change.data)
        if isinstance(data, ProductData):
            data = _product_row(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise BadAnswerError(f"{_where(change)}: {location}: {first['msg']}") from error
    except ValueError as error:
        raise BadAnswerError(f"{_where(change)}: {error}") from error
    return _Op(change.seq, change.entity, change.op, change.key, data)


def _where(change: Change) -> str:
    return f"change {change.seq} ({change.entity.value} {change.key!r})"


def _price_order(price: tuple[int, str, str | None]) -> tuple[int, str, str]:
    return (price[0], price[1], price[2] or "")


def _iso_day(text: str) -> str:
    """A price's day as the catalogue compares it: ISO 'YYYY-MM-DD'."""
    return date.fromisoformat(text).isoformat()


def _day(text: str | None) -> str | None:
    return None if text is None else _iso_day(text)


def _gtin13(code: str) -> str:
    """Barcodes are kept as GTIN-13, EAN-8 and UPC-A padded with zeros (as scans look them up)."""
    return code.zfill(13) if code.isdigit() and len(code) in (8, 12) else code


# --- SQL ---------------------------------------------------------------------------------

_CHECKPOINT_COLUMNS = (
    "cursor, applied_seq, full_sync, applied, remaining, paused, server_time, replacing"
)
_HAS_CATALOGUE = (
    "(EXISTS (SELECT 1 FROM products) OR EXISTS (SELECT 1 FROM stores) "
    "OR EXISTS (SELECT 1 FROM vat_rates) OR EXISTS (SELECT 1 FROM synced_users))"
)
_READ_CHECKPOINT = text(f"SELECT {_CHECKPOINT_COLUMNS} FROM sync_checkpoint WHERE id = 1")
_HAS_CATALOGUE_NOW = text(f"SELECT {_HAS_CATALOGUE}")
_CREATE_CHECKPOINT = text(
    f"INSERT OR IGNORE INTO sync_checkpoint (id, {_CHECKPOINT_COLUMNS}, search_by_sync) "
    f"VALUES (1, '0', NULL, 1, 0, NULL, 0, NULL, {_HAS_CATALOGUE}, 0)"
)
_SEARCH_BY_SYNC = text("UPDATE sync_checkpoint SET search_by_sync = 1 WHERE id = 1")
_WRITE_CHECKPOINT = text(
    "UPDATE sync_checkpoint SET cursor = :cursor, applied_seq = :applied_seq, "
    "full_sync = :full_sync, applied = :applied, remaining = :remaining, "
    "server_time = :server_time, search_by_sync = 0 WHERE id = 1"
)
_UPSERT_STORE = text(
    "INSERT INTO stores (code, name, address, tax_id, opening_hours) "
    "VALUES (:code, :name, :address, :tax_id, :opening_hours) ON CONFLICT(code) DO UPDATE SET "
    "name = excluded.name, address = excluded.address, tax_id = excluded.tax_id, "
    "opening_hours = excluded.opening_hours"
)
_DELETE_STORE = text("DELETE FROM stores WHERE code = :key")
_UPSERT_VAT = text(
    "INSERT INTO vat_rates (vat_class, rate_basis_points) VALUES (:vat_class, :rate) "
    "ON CONFLICT(vat_class) DO UPDATE SET rate_basis_points = excluded.rate_basis_points"
)
_DELETE_VAT = text("DELETE FROM vat_rates WHERE vat_class = :key")
_INSERT_CATEGORY = text("INSERT INTO categories (name) VALUES (:name) ON CONFLICT(name) DO NOTHING")
_CATEGORY_IDS = text("SELECT id, name FROM categories WHERE name IN :names").bindparams(
    bindparam("names", expanding=True)
)
_UNLINK_CATEGORY = text(
    "UPDATE products SET category_id = NULL "
    "WHERE category_id = (SELECT id FROM categories WHERE name = :key)"
)
_DELETE_CATEGORY = text("DELETE FROM categories WHERE name = :key")
# Products: raw DB-API statements with positional rows, the fastest way through pysqlite for
# thousands of rows; `{marks}` becomes one "?" per value of an IN list.
_EXISTING_PRODUCTS = (
    "SELECT sku, id, name, search_text, category_id, vat_class, unit, active "
    "FROM products WHERE sku IN ({marks})"
)
_INSERT_PRODUCT = (
    "INSERT INTO products (sku, name, search_text, category_id, vat_class, unit, active) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE_PRODUCT = (
    "UPDATE products SET name = ?, search_text = ?, category_id = ?, vat_class = ?, unit = ?, "
    "active = ? WHERE id = ?"
)
_NEW_PRODUCT_IDS = "SELECT sku, id FROM products WHERE sku IN ({marks})"
_SEARCH_DELETE = (
    "INSERT INTO product_search (product_search, rowid, search_text) VALUES ('delete', ?, ?)"
)
_SEARCH_INSERT = "INSERT INTO product_search (rowid, search_text) VALUES (?, ?)"
_EXISTING_BARCODES = "SELECT product_id, code FROM barcodes WHERE product_id IN ({marks})"
_DELETE_BARCODES = "DELETE FROM barcodes WHERE product_id IN ({marks})"
_INSERT_BARCODE = (
    # A code another product had moves to this one.
    "INSERT INTO barcodes (code, product_id) VALUES (?, ?) "
    "ON CONFLICT(code) DO UPDATE SET product_id = excluded.product_id"
)
_EXISTING_PRICES = (
    "SELECT product_id, gross, valid_from, valid_to FROM prices WHERE product_id IN ({marks})"
)
_DELETE_PRICES = "DELETE FROM prices WHERE product_id IN ({marks})"
_INSERT_PRICE = "INSERT INTO prices (product_id, gross, valid_from, valid_to) VALUES (?, ?, ?, ?)"
_DEACTIVATE_PRODUCT = text("UPDATE products SET active = 0 WHERE sku = :key AND active")
_USER_BY_LOGIN = text("SELECT id FROM users WHERE login = :login")
_INSERT_USER = text(
    "INSERT INTO users (id, login, display_name, role, pin_hash, pin_salt, failed_attempts, "
    "locked_until, active) VALUES (:id, :login, :display_name, :role, :pin_hash, :pin_salt, 0, "
    "NULL, :active)"
)
_UPDATE_USER = text(
    "UPDATE users SET display_name = :display_name, role = :role, pin_hash = :pin_hash, "
    "pin_salt = :pin_salt, active = :active WHERE login = :login"
)
_MARK_SYNCED_USER = text("INSERT OR IGNORE INTO synced_users (login) VALUES (:login)")
_DEACTIVATE_SYNCED_USER = text(
    "UPDATE users SET active = 0 WHERE login = :key AND active "
    "AND login IN (SELECT login FROM synced_users)"
)
_SEEN = "INSERT OR IGNORE INTO sync_seen (entity, key) VALUES (?, ?)"
_SEEN_PRODUCT = "INSERT OR IGNORE INTO sync_seen_products (product_id) VALUES (?)"
_MAX_PRODUCT_ID = text("SELECT COALESCE(MAX(id), 0) FROM products")
_SWEEP_PRODUCTS = text(
    "UPDATE products SET active = 0 WHERE id > :low AND id <= :high AND active "
    "AND id NOT IN (SELECT product_id FROM sync_seen_products "
    "WHERE product_id > :low AND product_id <= :high)"
)
_SWEEP_STORES = text(
    "DELETE FROM stores WHERE code NOT IN (SELECT key FROM sync_seen WHERE entity = 'store')"
)
_SWEEP_VAT = text(
    "DELETE FROM vat_rates WHERE vat_class NOT IN "
    "(SELECT key FROM sync_seen WHERE entity = 'vat_rate')"
)
_SWEEP_USERS = text(
    "UPDATE users SET active = 0 WHERE active AND login IN (SELECT login FROM synced_users) "
    "AND login NOT IN (SELECT key FROM sync_seen WHERE entity = 'user')"
)
# Without a WHERE clause SQLite empties a table by freeing its pages: quick even for millions.
_FORGET_SEEN = (text("DELETE FROM sync_seen"), text("DELETE FROM sync_seen_products"))
_END_FULL_SYNC = text("UPDATE sync_checkpoint SET full_sync = 0, replacing = 0 WHERE id = 1")
_RESET = text(
    "UPDATE sync_checkpoint SET cursor = '0', applied_seq = NULL, full_sync = 1, applied = 0, "
    f"remaining = NULL, replacing = {_HAS_CATALOGUE} WHERE id = 1"
)
_PAUSE = text("UPDATE sync_checkpoint SET paused = :paused WHERE id = 1")


@dataclass(slots=True)
class _Checkpoint:
    cursor: str
    applied_seq: int | None
    full_sync: bool
    applied: int
    remaining: int | None
    paused: bool
    server_time: str | None
    replacing: bool

    def progress(self) -> FeedProgress:
        return FeedProgress(
            cursor=self.cursor,
            full_sync=self.full_sync,
            applied=self.applied,
            remaining=self.remaining,
            paused=self.paused,
            server_time=None
            if self.server_time is None
            else datetime.fromisoformat(self.server_time),
        )


def _read_checkpoint(session: Session) -> _Checkpoint:
    row = session.execute(_READ_CHECKPOINT).one_or_none()
    if row is None:
        # Never synced: a full sync from the start of the feed.
        replacing = bool(session.execute(_HAS_CATALOGUE_NOW).scalar_one())
        return _Checkpoint(START_CURSOR, None, True, 0, None, False, None, replacing)
    return _Checkpoint(
        cursor=row.cursor,
        applied_seq=row.applied_seq,
        full_sync=bool(row.full_sync),
        applied=int(row.applied),
        remaining=row.remaining,
        paused=bool(row.paused),
        server_time=row.server_time,
        replacing=bool(row.replacing),
    )


class TillWriters:
    """Watches the till's own write transactions (`BEGIN IMMEDIATE` on its engine: a sale, a
    return, a shift event) from the moment they ask for the lock until they end, so that the
    catalogue sync, which writes through another engine, starts no transaction meanwhile.

    A sale that asks for the lock while a catalogue transaction holds it waits for that one
    only (about `CHUNK_SECONDS`), not for a run of them: SQLite's busy handler polls at
    growing intervals and would otherwise keep missing the short gaps between them."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._active = 0
        # Inserted first: counts the writer before its own listener issues BEGIN IMMEDIATE
        # (and waits for the lock).
        event.listen(engine, "begin", self._begin, insert=True)
        event.listen(engine, "commit", self._end)
        event.listen(engine, "rollback", self._end)
        event.listen(engine.pool, "checkin", self._checkin)

    def close(self) -> None:
        event.remove(self._engine, "begin", self._begin)
        event.remove(self._engine, "commit", self._end)
        event.remove(self._engine, "rollback", self._end)
        event.remove(self._engine.pool, "checkin", self._checkin)

    def busy(self) -> bool:
        with self._lock:
            return self._active > 0

    def wait_until_idle(self, sleep: Callable[[float], None], clock: Callable[[], float]) -> None:
        deadline = clock() + WRITER_WAIT_SECONDS
        while self.busy() and clock() < deadline:
            sleep(0.001)

    def _begin(self, connection: Connection) -> None:
        if connection.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
            self._mark(connection.info, writing=True)

    def _end(self, connection: Connection) -> None:
        self._mark(connection.info, writing=False)

    def _checkin(self, _dbapi: object, record: ConnectionPoolEntry) -> None:
        # A BEGIN that failed (busy for 5 s) ends neither in a commit nor in a rollback.
        self._mark(record.info, writing=False)

    def _mark(self, info: dict[Any, Any], *, writing: bool) -> None:
        with self._lock:
            if writing and not info.get(_WRITING):
                info[_WRITING] = True
                self._active += 1
            elif not writing and info.pop(_WRITING, False):
                self._active -= 1


_WRITING = "pos_till_writer_active"


WRITER_AUTOCHECKPOINT_PAGES = 700
"""The catalogue writer copies the WAL into the database after its own commits once the WAL
holds this many pages. Every other connection keeps SQLite's default of 1000, which a sale (a
few dozen pages) then never reaches: the copying, and its flush, are never a sale's to do."""


def _catalogue_writer_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")
    dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={WRITER_AUTOCHECKPOINT_PAGES}")


def catalogue_writer(engine: Engine) -> Engine:
    """A second engine on the till's database whose commits do not wait for the disk
    (synchronous=NORMAL; a commit with FULL costs a flush of 2 ms to tens of ms, held under
    the write lock). Safe for the catalogue: after a power cut the last few catalogue
    transactions may be gone, but always with their checkpoint, so they are fetched again; a
    sale (committed with FULL on its own connections) flushes everything written before it."""
    database = engine.url.database
    if not database:
        raise ValueError("the catalogue sync needs the till's database file")
    writer = create_store_engine(Path(database))
    event.listen(writer, "connect", _catalogue_writer_pragmas)
    return writer


@contextmanager
def _old_objects_frozen() -> Iterator[None]:
    """The garbage collector leaves every object made before the block alone until it ends
    (gc.freeze, for the whole process): reading a page makes hundreds of thousands of
    short-lived objects, and each full collection they set off would otherwise go through all
    the application's objects too, holding the interpreter (a sale waits meanwhile)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class CatalogueSync:
    """Applies change pages to the local catalogue with their checkpoint. Owns a second
    engine on the same file (`catalogue_writer`): call `close()` when done."""

    def __init__(
        self,
        engine: Engine,
        store_code: str,
        *,
        writers: TillWriters | None = None,
        chunk_seconds: float = CHUNK_SECONDS,
        pause_ratio: float = PAUSE_RATIO,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        """`writers` watches the till's own writers (sales, returns, shifts) on `engine`: the
        sync gives way to them. `pause_ratio`: after each transaction, leave the write lock free
        this many times as long as it held it (for writers the watch cannot see)."""
        self._engine = engine
        self._writer: Engine | None = None
        self._writers = writers
        self._pause_asked = False
        self._store_code = store_code
        self._chunk_seconds = chunk_seconds
        self._pause_ratio = pause_ratio
        self._sleep = sleep
        self._clock = clock
        self._chunk = FIRST_CHUNK
        self._free_until = clock()
        self._categories: dict[str, int] = {}

    @property
    def engine(self) -> Engine:
        """The engine the catalogue is written through (made on first use)."""
        if self._writer is None:
            self._writer = catalogue_writer(self._engine)
        return self._writer

    def close(self) -> None:
        if self._writer is not None:
            self._writer.dispose()
            self._writer = None

    # --- state -----------------------------------------------------------------------------

    def _checkpoint(self) -> _Checkpoint:
        with read_session(self._engine) as session:
            return _read_checkpoint(session)

    def cursor(self) -> str:
        return self._checkpoint().cursor

    def progress(self) -> FeedProgress:
        return self._checkpoint().progress()

    def paused(self) -> bool:
        return self._checkpoint().paused

    def reset(self) -> None:
        """Start a full sync from the start of the feed (after 410 Gone, or when asked). The
        current catalogue stays in use until the new one is complete."""
        with write_session(self.engine) as session:
            session.execute(_CREATE_CHECKPOINT)
            session.execute(_RESET)
            for statement in _FORGET_SEEN:
                session.execute(statement)
        self._categories.clear()
        log.info("the catalogue will be synced again from the start of the change feed")

    def set_paused(self, paused: bool) -> None:
        """Interrupt (or resume) the full sync; kept across restarts. A page being applied
        stops at its next transaction."""
        self._pause_asked = paused
        with write_session(self.engine) as session:
            session.execute(_CREATE_CHECKPOINT)
            session.execute(_PAUSE, {"paused": paused})

    # --- applying a page -----------------------------------------------------------------

    def apply(self, page: ChangesPage, interrupted: Callable[[], bool]) -> FeedProgress:
        """Apply a page fetched after `cursor()`, in short transactions, each with its
        checkpoint; stops between two transactions when `interrupted()` says so (the rest of
        the page is applied when it comes again). Each chunk is read and checked while the
        lock is free; a change the till cannot read raises BadAnswerError (the changes before
        it stay applied, with their checkpoint)."""
        with _old_objects_frozen():
            return self._apply(page, interrupted)

    def _apply(self, page: ChangesPage, interrupted: Callable[[], bool]) -> FeedProgress:
        checkpoint = self._checkpoint()
        changes = page.changes
        if checkpoint.applied_seq is not None:
            changes = [change for change in changes if change.seq > checkpoint.applied_seq]
        start = 0
        while True:
            if interrupted() or self._pause_asked:
                return checkpoint.progress()
            chunk = self._read(changes[start : start + self._chunk])
            last = start + len(chunk) >= len(changes)
            self._wait_for_turn()
            started = self._clock()
            checkpoint = self._write_chunk(chunk, checkpoint, page if last else None)
            self._held(started, len(chunk))
            start += len(chunk)
            if last:
                break
        if checkpoint.full_sync and not page.has_more:
            self._end_full_sync(checkpoint.replacing, interrupted)
            checkpoint = self._checkpoint()
        return checkpoint.progress()

    def _read(self, changes: Sequence[Change]) -> list[_Op]:
        """Read and check changes while the lock is free, pausing whenever a till writer (a
        sale) is at work: both need the interpreter, and the sale comes first."""
        ops: list[_Op] = []
        for start in range(0, len(changes), READ_SLICE):
            if self._writers is not None:
                self._writers.wait_until_idle(self._sleep, self._clock)
            ops.extend(_parse(change) for change in changes[start : start + READ_SLICE])
        return ops

    def _wait_for_turn(self) -> None:
        """Leave the write lock free at least `pause_ratio` times as long as the last
        transaction held it, and let the till's own writers (a sale) go first."""
        wait = self._free_until - self._clock()
        if wait > 0:
            self._sleep(wait)
        if self._writers is not None:
            self._writers.wait_until_idle(self._sleep, self._clock)

    def _held(self, started: float, size: int) -> None:
        """A transaction that began at `started` has committed: size the next one to take
        about `chunk_seconds` (`size` changes took this long; 0 for a sweep)."""
        now = self._clock()
        elapsed = now - started
        if size:
            wanted = size * self._chunk_seconds / max(elapsed, 1e-6)
            self._chunk = max(1, min(MAX_CHUNK, int(min(wanted, self._chunk * 2))))
        self._free_until = now + elapsed * self._pause_ratio

    def _write_chunk(
        self, chunk: Sequence[_Op], checkpoint: _Checkpoint, page: ChangesPage | None
    ) -> _Checkpoint:
        """Apply `chunk` and advance the checkpoint in one transaction; `page` is given with
        the page's last chunk, which moves the cursor on to the page's next cursor."""
        new_categories: dict[str, int] = {}
        with write_session(self.engine) as session:
            current = _read_checkpoint(session)
            if (current.cursor, current.applied_seq, current.full_sync) != (
                checkpoint.cursor,
                checkpoint.applied_seq,
                checkpoint.full_sync,
            ):
                raise RuntimeError("the change feed checkpoint moved under the catalogue sync")
            session.execute(_CREATE_CHECKPOINT)
            session.execute(_SEARCH_BY_SYNC)
            for (entity, op), run in groupby(chunk, key=lambda each: (each.entity, each.op)):
                self._apply_run(session, entity, op, list(run), current, new_categories)
            if page is None:
                current.applied_seq = chunk[-1].seq
            else:
                current.cursor = page.next_cursor
                current.applied_seq = None
                current.remaining = page.remaining
                current.server_time = page.server_time.isoformat()
            current.applied += len(chunk)
            session.execute(
                _WRITE_CHECKPOINT,
                {
                    "cursor": current.cursor,
                    "applied_seq": current.applied_seq,
                    "full_sync": current.full_sync,
                    "applied": current.applied,
                    "remaining": current.remaining,
                    "server_time": current.server_time,
                },
            )
        self._categories.update(new_categories)
        return current

    def _apply_run(
        self,
        session: Session,
        entity: Entity,
        op: str,
        run: list[_Op],
        checkpoint: _Checkpoint,
        new_categories: dict[str, int],
    ) -> None:
        if op == _UPSERT and entity is Entity.PRODUCT:
            ids = self._upsert_products(session, [each.data for each in run], new_categories)
            if checkpoint.full_sync and checkpoint.replacing:
                _executemany(session.connection(), _SEEN_PRODUCT, [(i,) for i in ids])
        elif op == _UPSERT and entity is Entity.STORE:
            session.execute(_UPSERT_STORE, [each.data.model_dump() for each in run])
        elif op == _UPSERT and entity is Entity.VAT_RATE:
            session.execute(
                _UPSERT_VAT,
                [
                    {"vat_class": each.data.vat_class, "rate": each.data.rate_basis_points}
                    for each in run
                ],
            )
        elif op == _UPSERT and entity is Entity.CATEGORY:
            self._category_ids(session, [each.data.name for each in run], new_categories)
        elif op == _UPSERT and entity is Entity.USER:
            for each in run:
                self._upsert_user(session, each.data)
        else:
            self._delete(session, entity, [each.key for each in run], new_categories)
        if checkpoint.full_sync and checkpoint.replacing and op == _UPSERT:
            if entity is Entity.USER:
                keys = [normalize_login(each.data.login) for each in run]
            elif entity is Entity.PRODUCT:
                keys = []  # noted by id in _upsert_products
            else:
                keys = [each.key for each in run]
            _executemany(session.connection(), _SEEN, [(entity.value, key) for key in keys])

    def _delete(
        self, session: Session, entity: Entity, keys: list[str], new_categories: dict[str, int]
    ) -> None:
        params = [{"key": key} for key in keys]
        if entity is Entity.PRODUCT:
            # Kept, inactive: old sales and returns name the product, and a cart may hold it.
            session.execute(_DEACTIVATE_PRODUCT, params)
        elif entity is Entity.STORE:
            session.execute(_DELETE_STORE, params)
        elif entity is Entity.VAT_RATE:
            session.execute(_DELETE_VAT, params)
        elif entity is Entity.CATEGORY:
            session.execute(_UNLINK_CATEGORY, params)
            session.execute(_DELETE_CATEGORY, params)
            for key in keys:
                self._categories.pop(key, None)
                new_categories.pop(key, None)
        else:
            session.execute(
                _DEACTIVATE_SYNCED_USER, [{"key": normalize_login(key)} for key in keys]
            )

    def _category_ids(
        self, session: Session, names: list[str], new_categories: dict[str, int]
    ) -> dict[str, int]:
        known = {**self._categories, **new_categories}
        missing = sorted({name for name in names if name not in known})
        if missing:
            session.execute(_INSERT_CATEGORY, [{"name": name} for name in missing])
            found = session.execute(_CATEGORY_IDS, {"names": missing}).fetchall()
            new_categories.update({row.name: int(row.id) for row in found})
            known.update(new_categories)
        return known

    def _upsert_products(
        self, session: Session, products: list[_ProductRow], new_categories: dict[str, int]
    ) -> list[int]:
        """Insert new products, update changed ones, leave unchanged ones alone; the same for
        their barcodes and prices; keep the name search index in step. Returns their ids."""
        names = [product.category for product in products if product.category is not None]
        categories = self._category_ids(session, names, new_categories)
        connection = session.connection()
        existing = {
            row[0]: row[1:]
            for row in _query(connection, _EXISTING_PRODUCTS, [p.sku for p in products])
        }
        inserted: list[tuple[Any, ...]] = []
        updated: list[tuple[Any, ...]] = []
        unindexed: list[tuple[int, str]] = []
        reindexed: list[tuple[int, str]] = []
        ids: dict[str, int] = {}
        for product in products:
            values = (
                product.name,
                product.search_text,
                None if product.category is None else categories[product.category],
                product.vat_class,
                product.unit,
                int(product.active),
            )
            old = existing.get(product.sku)
            if old is None:
                inserted.append((product.sku, *values))
                continue
            product_id = int(old[0])
            ids[product.sku] = product_id
            if tuple(old[1:]) != values:
                updated.append((*values, product_id))
                if old[2] != product.search_text:
                    unindexed.append((product_id, old[2]))
                    reindexed.append((product_id, product.search_text))
        _executemany(connection, _SEARCH_DELETE, unindexed)
        _executemany(connection, _UPDATE_PRODUCT, updated)
        _executemany(connection, _INSERT_PRODUCT, inserted)
        if inserted:
            new_ids = dict(_query(connection, _NEW_PRODUCT_IDS, [row[0] for row in inserted]))
            ids.update(new_ids)
            reindexed.extend((new_ids[row[0]], row[2]) for row in inserted)
        _executemany(connection, _SEARCH_INSERT, reindexed)
        self._write_barcodes_and_prices(connection, products, ids, set(ids) - set(existing))
        return list(ids.values())

    def _write_barcodes_and_prices(
        self,
        connection: Connection,
        products: list[_ProductRow],
        ids: dict[str, int],
        new_skus: set[str],
    ) -> None:
        old_ids = [ids[p.sku] for p in products if p.sku not in new_skus]
        old_barcodes: dict[int, set[str]] = {}
        for product_id, code in _query(connection, _EXISTING_BARCODES, old_ids):
            old_barcodes.setdefault(product_id, set()).add(code)
        old_prices: dict[int, list[tuple[int, str, str | None]]] = {}
        for product_id, *price in _query(connection, _EXISTING_PRICES, old_ids):
            old_prices.setdefault(product_id, []).append((price[0], price[1], price[2]))
        barcodes_of: list[int] = []
        prices_of: list[int] = []
        new_barcodes: list[tuple[str, int]] = []
        new_prices: list[tuple[int, int, str, str | None]] = []
        for product in products:
            product_id = ids[product.sku]
            is_new = product.sku in new_skus
            if product.barcodes != old_barcodes.get(product_id, set()):
                if not is_new:
                    barcodes_of.append(product_id)
                new_barcodes.extend((code, product_id) for code in sorted(product.barcodes))
            if product.prices != tuple(sorted(old_prices.get(product_id, ()), key=_price_order)):
                if not is_new:
                    prices_of.append(product_id)
                new_prices.extend((product_id, *price) for price in product.prices)
        _execute_in(connection, _DELETE_BARCODES, barcodes_of)
        _execute_in(connection, _DELETE_PRICES, prices_of)
        _executemany(connection, _INSERT_BARCODE, new_barcodes)
        _executemany(connection, _INSERT_PRICE, new_prices)

    def _upsert_user(self, session: Session, user: UserData) -> None:
        login = normalize_login(user.login)
        if self._store_code not in user.store_codes:
            # Not (or no longer) staff of this store: unable to log in here.
            session.execute(_DEACTIVATE_SYNCED_USER, {"key": login})
            return
        values = {
            "login": login,
            "display_name": user.display_name,
            "role": user.role,
            "pin_hash": user.pin_hash,
            "pin_salt": user.pin_salt,
            "active": user.active,
        }
        if session.execute(_USER_BY_LOGIN, {"login": login}).first() is None:
            session.execute(_INSERT_USER, {**values, "id": str(user.id)})
        else:
            # The local id stays: shifts, sales and the audit log refer to it.
            session.execute(_UPDATE_USER, values)
        session.execute(_MARK_SYNCED_USER, {"login": login})

    # --- the end of a full sync ------------------------------------------------------------

    def _end_full_sync(self, replacing: bool, interrupted: Callable[[], bool]) -> None:
        """Deactivate or remove what a full sync that replaces a catalogue did not bring, a
        chunk of product ids per transaction; the full sync ends in the last one. Safe to run
        again after a stop."""
        if replacing:
            with read_session(self._engine) as session:
                highest = int(session.execute(_MAX_PRODUCT_ID).scalar_one())
            low = 0
            while low < highest:
                if interrupted():
                    return
                self._wait_for_turn()
                started = self._clock()
                with write_session(self.engine) as session:
                    session.execute(_SWEEP_PRODUCTS, {"low": low, "high": low + SWEEP_CHUNK})
                self._held(started, 0)
                low += SWEEP_CHUNK
        self._wait_for_turn()
        with write_session(self.engine) as session:
            if replacing:
                for statement in (_SWEEP_STORES, _SWEEP_VAT, _SWEEP_USERS, *_FORGET_SEEN):
                    session.execute(statement)
            session.execute(_END_FULL_SYNC)
        log.info("full catalogue sync complete")


def _marks(count: int) -> str:
    return ",".join("?" * count)


def _query(connection: Connection, statement: str, keys: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of `statement` for an IN list of `keys` (none for no keys)."""
    if not keys:
        return []
    result = connection.exec_driver_sql(statement.format(marks=_marks(len(keys))), tuple(keys))
    return [tuple(row) for row in result]


def _execute_in(connection: Connection, statement: str, keys: list[Any]) -> None:
    if keys:
        connection.exec_driver_sql(statement.format(marks=_marks(len(keys))), tuple(keys))


def _executemany(connection: Connection, statement: str, rows: list[tuple[Any, ...]]) -> None:
    """Plain DB-API executemany with positional rows: the fastest way through pysqlite for
    thousands of rows (SQLAlchemy's text() with dicts costs several times more)."""
    if rows:
        connection.exec_driver_sql(statement, rows)
