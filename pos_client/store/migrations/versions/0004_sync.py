"""Sync with the central service: quarantine of refused outbox rows, the link (address and
token), the change feed's checkpoint, VAT rates, users that came from the central service, and
the stock answers cache.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PENDING = "acknowledged_at IS NULL AND quarantined_at IS NULL"
_QUARANTINED = "quarantined_at IS NOT NULL AND acknowledged_at IS NULL"
_NOT_BY_SYNC = "(SELECT search_by_sync FROM sync_checkpoint WHERE id = 1) IS NOT 1"
_SEARCH_TRIGGERS = {
    "products_search_insert": (
        "CREATE TRIGGER products_search_insert AFTER INSERT ON products {when}BEGIN "
        "INSERT INTO product_search(rowid, search_text) VALUES (new.id, new.search_text); END"
    ),
    "products_search_update": (
        "CREATE TRIGGER products_search_update AFTER UPDATE OF search_text ON products "
        "{when}BEGIN "
        "INSERT INTO product_search(product_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO product_search(rowid, search_text) VALUES (new.id, new.search_text); END"
    ),
}


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): a till with a long unsent queue upgrades in a moment.
    op.add_column("outbox", sa.Column("quarantined_at", sa.String(32)))
    op.add_column("outbox", sa.Column("quarantine_status", sa.String(16)))
    op.add_column("outbox", sa.Column("quarantine_reason", sa.Text))
    op.create_index("ix_outbox_pending", "outbox", ["seq"], sqlite_where=sa.text(_PENDING))
    op.create_index("ix_outbox_quarantined", "outbox", ["seq"], sqlite_where=sa.text(_QUARANTINED))
    op.create_table(
        "vat_rates",
        sa.Column("vat_class", sa.String(1), primary_key=True),
        sa.Column("rate_basis_points", sa.Integer),
    )
    op.create_table(
        "sync_link",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("central_url", sa.String(240), nullable=False),
        sa.Column("token", sa.Text, nullable=False),
        sa.Column("enrolled_at", sa.String(32), nullable=False),
        sa.Column("refused_at", sa.String(32)),
        sa.Column("last_success_at", sa.String(32)),
    )
    op.create_table(
        "sync_checkpoint",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("cursor", sa.String(64), nullable=False),
        sa.Column("applied_seq", sa.Integer),
        sa.Column("full_sync", sa.Boolean, nullable=False),
        sa.Column("applied", sa.Integer, nullable=False),
        sa.Column("remaining", sa.Integer),
        sa.Column("paused", sa.Boolean, nullable=False),
        sa.Column("server_time", sa.String(32)),
        sa.Column("replacing", sa.Boolean, nullable=False),
        sa.Column("search_by_sync", sa.Boolean, nullable=False),
    )
    # The name search triggers of 0002 stand aside while the catalogue sync keeps the index
    # itself (in batches, about three times faster); nobody else ever sees the flag set.
    for trigger, body in _SEARCH_TRIGGERS.items():
        op.execute(f"DROP TRIGGER {trigger}")
        op.execute(body.format(when=f"WHEN {_NOT_BY_SYNC} "))
    op.create_table(
        "sync_seen",
        sa.Column("entity", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_table("sync_seen_products", sa.Column("product_id", sa.Integer, primary_key=True))
    op.create_table("synced_users", sa.Column("login", sa.String(40), primary_key=True))
    op.create_table(
        "stock_cache",
        sa.Column("sku", sa.String(32), primary_key=True),
        sa.Column("fetched_at", sa.String(32), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for trigger, body in _SEARCH_TRIGGERS.items():
        op.execute(f"DROP TRIGGER {trigger}")
        op.execute(body.format(when=""))
    for table in (
        "stock_cache",
        "synced_users",
        "sync_seen_products",
        "sync_seen",
        "sync_checkpoint",
        "sync_link",
        "vat_rates",
    ):
        op.drop_table(table)
    op.drop_index("ix_outbox_quarantined", "outbox")
    op.drop_index("ix_outbox_pending", "outbox")
    for column in ("quarantine_reason", "quarantine_status", "quarantined_at"):
        op.drop_column("outbox", column)
