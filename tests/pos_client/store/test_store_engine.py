"""The store engine on a real file: durable pragmas on every connection, explicit BEGIN modes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pos_client.store.database import BUSY_TIMEOUT_MS, IMMEDIATE, create_store_engine, sqlite_url


@pytest.fixture
def fresh_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_store_engine(tmp_path / "nested" / "dir" / "till.sqlite3")
    yield engine
    engine.dispose()


def test_pragmas_are_set_on_a_real_file(fresh_engine: Engine, tmp_path: Path) -> None:
    with fresh_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert BUSY_TIMEOUT_MS == 5000
        files = connection.exec_driver_sql("PRAGMA database_list").fetchall()
    path = tmp_path / "nested" / "dir" / "till.sqlite3"
    assert [row[2] for row in files] == [str(path)]
    assert path.is_file()
    # WAL is recorded in the file itself (header bytes 18 and 19 are 2 in WAL mode).
    assert path.read_bytes()[18:20] == b"\x02\x02"


def test_every_pooled_connection_gets_the_pragmas(fresh_engine: Engine) -> None:
    first = fresh_engine.connect()
    second = fresh_engine.connect()
    try:
        for connection in (first, second):
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        first.close()
        second.close()


def test_sqlite_url(tmp_path: Path) -> None:
    assert sqlite_url(tmp_path / "a.sqlite3") == f"sqlite:///{tmp_path / 'a.sqlite3'}"


def test_foreign_keys_are_enforced(fresh_engine: Engine) -> None:
    with fresh_engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        connection.exec_driver_sql(
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))"
        )
    with pytest.raises(Exception, match="FOREIGN KEY"), fresh_engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO child VALUES (1, 42)")


def test_immediate_takes_the_write_lock_at_begin(fresh_engine: Engine, tmp_path: Path) -> None:
    with fresh_engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    other = sqlite3.connect(
        tmp_path / "nested" / "dir" / "till.sqlite3", timeout=0, isolation_level=None
    )
    try:
        with fresh_engine.connect().execution_options(**IMMEDIATE) as connection:
            connection.execute(text("SELECT 1"))  # autobegin: BEGIN IMMEDIATE
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            connection.rollback()
        # A deferred transaction that only reads does not hold the write lock.
        with fresh_engine.connect() as connection:
            connection.execute(text("SELECT * FROM t")).fetchall()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_committed_write_is_visible_to_a_new_connection(fresh_engine: Engine) -> None:
    with fresh_engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        connection.exec_driver_sql("INSERT INTO t VALUES (7)")
    fresh_engine.dispose()
    with fresh_engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT x FROM t").scalar() == 7
