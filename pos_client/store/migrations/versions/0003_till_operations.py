"""Till operations: users, append-only audit log, shifts, cash movements, Z reports, parked
sales, returns; sales get their shift and cashier.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("UPDATE", "DELETE")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("login", sa.String(40), nullable=False, unique=True),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pin_hash", sa.String(128), nullable=False),
        sa.Column("pin_salt", sa.String(64), nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.String(32)),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(36)),
        sa.Column("approved_by", sa.String(36)),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("sale_id", sa.String(36)),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("details", sa.Text, nullable=False),
    )
    for column in ("at", "action", "sale_id"):
        op.create_index(f"ix_audit_log_{column}", "audit_log", [column])
    for statement in _APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER audit_log_no_{statement.lower()} BEFORE {statement} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    op.create_table(
        "shifts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("till_id", sa.String(16), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("opened_at", sa.String(32), nullable=False),
        sa.Column("opened_by", sa.String(36)),
        sa.Column("opening_float", sa.Integer, nullable=False),
        sa.Column("opening_count", sa.Text, nullable=False),
        sa.Column("closed_at", sa.String(32)),
        sa.Column("closed_by", sa.String(36)),
        sa.Column("counted_cash", sa.Integer),
        sa.Column("closing_count", sa.Text),
        sa.UniqueConstraint("till_id", "number"),
    )
    op.create_table(
        "cash_movements",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("shift_id", sa.String(36), sa.ForeignKey("shifts.id"), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(36)),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_cash_movements_shift_id", "cash_movements", ["shift_id"])
    op.create_table(
        "z_reports",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("till_id", sa.String(16), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column(
            "shift_id", sa.String(36), sa.ForeignKey("shifts.id"), nullable=False, unique=True
        ),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.UniqueConstraint("till_id", "number"),
    )
    op.create_table(
        "parked_sales",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("parked_at", sa.String(32), nullable=False),
        sa.Column("cashier_id", sa.String(36)),
        sa.Column("label", sa.String(80), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_table(
        "returns",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("return_number", sa.String(40), nullable=False, unique=True),
        sa.Column("till_id", sa.String(16), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("sale_id", sa.String(36), sa.ForeignKey("sales.id")),
        sa.Column("shift_id", sa.String(36), sa.ForeignKey("shifts.id")),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("cashier_id", sa.String(36)),
        sa.Column("approved_by", sa.String(36)),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.UniqueConstraint("till_id", "sequence"),
    )
    op.create_index("ix_returns_sale_id", "returns", ["sale_id"])
    op.create_index("ix_returns_shift_id", "returns", ["shift_id"])
    op.create_table(
        "return_lines",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("return_id", sa.String(36), sa.ForeignKey("returns.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("sale_line_id", sa.String(36), sa.ForeignKey("sale_lines.id")),
        sa.Column("product_id", sa.Integer, nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("name", sa.String(160), nullable=False),
        sa.Column("vat_class", sa.String(1), nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
    )
    op.create_index("ix_return_lines_return_id", "return_lines", ["return_id"])
    op.create_index("ix_return_lines_sale_line_id", "return_lines", ["sale_line_id"])
    op.create_table(
        "return_payments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("return_id", sa.String(36), sa.ForeignKey("returns.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("tender", sa.String(16), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
    )
    op.create_index("ix_return_payments_return_id", "return_payments", ["return_id"])
    # Plain ADD COLUMN (no table copy): a till with years of sales upgrades in a moment.
    op.execute("ALTER TABLE sales ADD COLUMN shift_id VARCHAR(36) REFERENCES shifts (id)")
    op.add_column("sales", sa.Column("cashier_id", sa.String(36)))
    op.create_index("ix_sales_shift_id", "sales", ["shift_id"])


def downgrade() -> None:
    op.drop_index("ix_sales_shift_id", "sales")
    op.drop_column("sales", "cashier_id")
    op.drop_column("sales", "shift_id")
    for table in (
        "return_payments",
        "return_lines",
        "returns",
        "parked_sales",
        "z_reports",
        "cash_movements",
        "shifts",
    ):
        op.drop_table(table)
    for statement in _APPEND_ONLY:
        op.execute(f"DROP TRIGGER audit_log_no_{statement.lower()}")
    op.drop_table("audit_log")
    op.drop_table("users")
