"""The central schema's migrations on SQLite and PostgreSQL: one head, a schema equal to the
models, down and up again, and servers starting together migrating one at a time."""

from __future__ import annotations

import subprocess
import sys

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from sync.central.database import create_central_engine
from sync.central.migrate import alembic_config, current_revision, head_revision, upgrade
from sync.central.models import Base


def test_there_is_one_head_and_the_database_is_at_it(central_engine: Engine) -> None:
    assert head_revision() == "0002"
    assert current_revision(central_engine) == "0002"


def test_the_migrated_schema_is_the_models(central_engine: Engine) -> None:
    with central_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_down_to_nothing_and_up_again(central_engine: Engine) -> None:
    command.downgrade(alembic_config(central_engine), "base")
    assert current_revision(central_engine) is None
    assert set(inspect(central_engine).get_table_names()) <= {"alembic_version"}

    upgrade(central_engine)
    upgrade(central_engine)

    assert current_revision(central_engine) == "0002"
    assert "stock_levels" in inspect(central_engine).get_table_names()


def test_servers_starting_together_migrate_one_after_another(central_db_url: str) -> None:
    """Separate processes, as servers are (Alembic's context is one per process)."""
    command_line = [sys.executable, "-m", "sync.central", "migrate", "--db", central_db_url]
    processes = [
        subprocess.Popen(command_line, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outcomes = [(process.wait(timeout=120), process.communicate()) for process in processes]

    assert [code for code, _output in outcomes] == [0, 0, 0], outcomes
    engine = create_central_engine(central_db_url)
    try:
        assert current_revision(engine) == "0002"
    finally:
        engine.dispose()
