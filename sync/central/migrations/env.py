"""Alembic environment: runs on the engine the service opened (with its SQLite pragmas)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from sync.central.database import IMMEDIATE
from sync.central.models import Base

MIGRATION_LOCK = 0x706F7363
"""PostgreSQL advisory lock key: API servers starting together migrate one after another."""

engine = context.config.attributes["engine"]
assert isinstance(engine, Engine)

with engine.connect().execution_options(**IMMEDIATE) as connection:
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        connection.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
        connection.commit()
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if postgres:
            connection.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
            connection.commit()
