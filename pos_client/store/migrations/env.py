"""Alembic environment: runs on the engine the till opened (with its pragmas)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from pos_client.store.database import IMMEDIATE
from pos_client.store.models import Base

engine = context.config.attributes["engine"]
assert isinstance(engine, Engine)

with engine.connect().execution_options(**IMMEDIATE) as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
