"""Opening the local SQLite store: durable pragmas and explicit transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from pos_client.store.errors import translate

BUSY_TIMEOUT_MS = 5000

IMMEDIATE = {"sqlite_begin": "IMMEDIATE"}
"""Execution options for a connection that will write: take the write lock at BEGIN."""


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's own handling is lax).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: with NORMAL a committed sale can vanish on power loss in WAL mode.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-32000")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def create_store_engine(path: Path) -> Engine:
    """An engine on the till's database file with the pragmas every connection needs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(sqlite_url(path), pool_pre_ping=False)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session in one `BEGIN IMMEDIATE` transaction, committed on leaving the block.

    SQLite's failures (busy, full, read-only) become StoreErrors and nothing is written.
    """
    try:
        with engine.connect().execution_options(**IMMEDIATE) as connection:
            with Session(bind=connection) as session, session.begin():
                yield session
            connection.commit()
    except (DBAPIError, sqlite3.Error) as error:
        raise translate(error) from error


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session in one read transaction (a consistent snapshot); StoreError on failure."""
    try:
        with Session(engine) as session, session.begin():
            yield session
    except (DBAPIError, sqlite3.Error) as error:
        raise translate(error) from error
