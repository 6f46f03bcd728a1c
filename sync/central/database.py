"""Opening the central database (SQLite file or PostgreSQL) and running transactions on it.

SQLite: WAL, `synchronous=FULL`, foreign keys, a busy timeout, and `BEGIN IMMEDIATE` for every
writer so writers queue at BEGIN instead of failing half way. PostgreSQL: READ COMMITTED with
retries of serialization failures and deadlocks (`write_transaction`).
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_data_path
from sqlalchemy import Engine, Insert, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
IMMEDIATE = {"sqlite_begin": "IMMEDIATE"}
WRITE_ATTEMPTS = 5
_RETRYABLE_PGCODES = {"40001", "40P01"}
"""serialization_failure, deadlock_detected."""

T = TypeVar("T")


class ConcurrentWriteError(Exception):
    """Raised inside `write_transaction` to roll back and run the whole work again
    (e.g. a concurrent request inserted the same key between our read and our insert)."""


class DatabaseBusyError(Exception):
    """The write kept failing for reasons that pass (locks, concurrent inserts): retry later."""


def default_database_url() -> str:
    """$POS_CENTRAL_DB, or a SQLite file in the user's data folder."""
    configured = os.environ.get("POS_CENTRAL_DB")
    if configured:
        return configured
    return f"sqlite:///{user_data_path('pos-central') / 'central.sqlite3'}"


def normalise_url(url: str) -> str:
    """A plain path becomes a SQLite URL; postgresql:// means psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # SQLAlchemy's "begin" event below issues BEGIN itself (pysqlite's own handling is lax).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: with NORMAL an acknowledged sale can vanish on power loss in WAL mode.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-64000")
    cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def create_central_engine(url: str) -> Engine:
    """An engine for `url` (see `normalise_url`) with the settings each dialect needs."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_size=8, max_overflow=16, pool_timeout=60)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return create_engine(url, pool_size=8, max_overflow=16, pool_pre_ping=True, pool_timeout=60)


def is_sqlite(engine: Engine | Connection | Session) -> bool:
    bind = engine.get_bind() if isinstance(engine, Session) else engine
    return bind.dialect.name == "sqlite"


def _retryable(error: DBAPIError) -> bool:
    code = getattr(error.orig, "sqlstate", None)
    if code in _RETRYABLE_PGCODES:
        return True
    return isinstance(error.orig, sqlite3.OperationalError) and "locked" in str(error.orig)


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session in one read transaction; what it loaded stays readable after it."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def write_transaction(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run `work` in one write transaction and commit; run it again from the start on a
    deadlock, a serialization failure, a locked SQLite file or `ConcurrentWriteError`, and raise
    DatabaseBusyError after WRITE_ATTEMPTS. `work` must not have effects outside the session."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with engine.connect().execution_options(**IMMEDIATE) as connection:
                with Session(bind=connection) as session, session.begin():
                    result = work(session)
                connection.commit()
            return result
        except ConcurrentWriteError as retry:
            reason = str(retry)
        except DBAPIError as error:
            if not _retryable(error):
                raise
            reason = type(error.orig).__name__
        log.info("write transaction retried (attempt %d): %s", attempt, reason)
        time.sleep(random.uniform(0, 0.01 * 2**attempt))
    raise DatabaseBusyError(f"the write failed {WRITE_ATTEMPTS} times; try again later")


def dialect_insert(session: Session, table: Table) -> sqlite.Insert | postgresql.Insert:
    """The session's dialect's INSERT, which knows ON CONFLICT."""
    return sqlite.insert(table) if is_sqlite(session) else postgresql.insert(table)


def insert_ignoring_duplicates(session: Session, table: Table) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING in the session's dialect."""
    return dialect_insert(session, table).on_conflict_do_nothing()


def upsert(session: Session, table: Table, keys: Sequence[str], update: Sequence[str]) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET each of `update` to the new row's value."""
    statement = dialect_insert(session, table)
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={name: statement.excluded[name] for name in update},
    )
