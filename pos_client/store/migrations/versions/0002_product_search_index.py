"""Full-text index for name search as the cashier types, kept in step by triggers.

An FTS5 table over products.search_text (already folded: lower case, no diacritics) with prefix
indexes for 2 and 3 characters, so "zol" finds "Żółw" among a million products without a scan.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE product_search USING fts5("
        "search_text, content='products', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    op.execute(
        "CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN "
        "INSERT INTO product_search(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN "
        "INSERT INTO product_search(product_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER products_search_update AFTER UPDATE OF search_text ON products BEGIN "
        "INSERT INTO product_search(product_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO product_search(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    op.execute("INSERT INTO product_search(product_search) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("products_search_insert", "products_search_delete", "products_search_update"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE product_search")
