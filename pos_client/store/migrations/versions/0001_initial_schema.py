"""Initial schema: stores, catalogue, prices, sales with lines and payments, counters, outbox.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stores",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("address", sa.String(240), nullable=False),
        sa.Column("tax_id", sa.String(20), nullable=False),
        sa.Column("opening_hours", sa.String(240), nullable=False),
    )
    op.create_table(
        "categories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
    )
    op.create_table(
        "products",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sku", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(160), nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("category_id", sa.Integer, sa.ForeignKey("categories.id")),
        sa.Column("vat_class", sa.String(1), nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("image", sa.String(240)),
        sa.Column("quick_key", sa.Integer, unique=True),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.create_table(
        "barcodes",
        sa.Column("code", sa.String(14), primary_key=True),
        sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id"), nullable=False),
    )
    op.create_index("ix_barcodes_product_id", "barcodes", ["product_id"])
    op.create_table(
        "prices",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id"), nullable=False),
        sa.Column("gross", sa.Integer, nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date),
    )
    op.create_index("ix_prices_product_valid_from", "prices", ["product_id", "valid_from"])
    op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.create_table(
        "sales",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("receipt_number", sa.String(40), nullable=False, unique=True),
        sa.Column("store_code", sa.String(16), nullable=False),
        sa.Column("till_id", sa.String(16), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("subtotal", sa.Integer, nullable=False),
        sa.Column("discount", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("change", sa.Integer, nullable=False),
        sa.UniqueConstraint("till_id", "sequence"),
    )
    op.create_index("ix_sales_created_at", "sales", ["created_at"])
    op.create_table(
        "sale_lines",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("sale_id", sa.String(36), sa.ForeignKey("sales.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("product_id", sa.Integer, nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("name", sa.String(160), nullable=False),
        sa.Column("barcode", sa.String(14)),
        sa.Column("vat_class", sa.String(1), nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("unit_price", sa.Integer, nullable=False),
        sa.Column("line_discount", sa.Integer, nullable=False),
        sa.Column("basket_discount", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
    )
    op.create_index("ix_sale_lines_sale_id", "sale_lines", ["sale_id"])
    op.create_table(
        "sale_payments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("sale_id", sa.String(36), sa.ForeignKey("sales.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("tender", sa.String(16), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("tendered", sa.Integer, nullable=False),
    )
    op.create_index("ix_sale_payments_sale_id", "sale_payments", ["sale_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("aggregate_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("acknowledged_at", sa.String(32)),
    )
    op.create_index("ix_outbox_aggregate_id", "outbox", ["aggregate_id"])
    op.create_index("ix_outbox_acknowledged_at", "outbox", ["acknowledged_at"])


def downgrade() -> None:
    for table in (
        "outbox",
        "sale_payments",
        "sale_lines",
        "sales",
        "counters",
        "prices",
        "barcodes",
        "products",
        "categories",
        "stores",
    ):
        op.drop_table(table)
