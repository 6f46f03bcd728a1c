"""The central stock service: FastAPI on SQLAlchemy 2.0 and Alembic, SQLite or PostgreSQL.

api.py (the HTTP app; docs/API.md), push.py and events.py (taking in outbox rows), ledger.py
and movements.py (stock), feed.py (the change feed), catalogue.py, auth.py (tokens), demo.py,
cli.py (`pos-central`), models.py and migrations/ (the schema), database.py and bulk.py.
"""
