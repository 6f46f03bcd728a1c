"""Promotions, coupon keys and campaigns, minted coupons, revocations, reservations,
redemptions, coupon conflicts, receipt-coupon issuers and issued receipt coupons, the central
secret, web-shop tokens (docs/COUPONS.md).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_secrets",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "coupon_campaigns",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value_kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("scope_ref", sa.String(length=64), nullable=True),
        sa.Column("min_basket", sa.BigInteger(), nullable=False),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=True),
        sa.Column("offline_max_discount", sa.BigInteger(), nullable=False),
        sa.Column("offline_max_hours", sa.Integer(), nullable=False),
        sa.Column("issue_min_total", sa.BigInteger(), nullable=True),
        sa.Column("valid_days", sa.Integer(), nullable=True),
        sa.Column("next_serial", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("number"),
    )
    op.create_table(
        "coupon_keys",
        sa.Column("key_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("private_key", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key_id"),
    )
    op.create_table(
        "promotions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("buy", sa.Integer(), nullable=True),
        sa.Column("get", sa.Integer(), nullable=True),
        sa.Column("min_basket", sa.BigInteger(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "webshop_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "coupon_conflicts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("coupon", sa.String(length=80), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("till_id", sa.String(), nullable=False),
        sa.Column("sale_id", sa.Uuid(), nullable=True),
        sa.Column("earlier_sale_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_coupon_conflicts_detected_at", "coupon_conflicts", ["detected_at"], unique=False
    )

    op.create_table(
        "coupon_revocations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("serial", sa.BigInteger(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["coupon_campaigns.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "coupons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("serial", sa.BigInteger(), nullable=False),
        sa.Column("short_code", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["coupon_campaigns.id"],
        ),
        sa.ForeignKeyConstraint(
            ["key_id"],
            ["coupon_keys.key_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "serial"),
        sa.UniqueConstraint("short_code"),
    )
    op.create_table(
        "coupon_issuers",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("till_pk", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["till_pk"],
            ["tills.id"],
        ),
        sa.PrimaryKeyConstraint("number"),
    )
    op.create_index("ix_coupon_issuers_till_pk", "coupon_issuers", ["till_pk"], unique=False)

    op.create_table(
        "coupon_reservations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign", sa.BigInteger(), nullable=False),
        sa.Column("serial", sa.BigInteger(), nullable=False),
        sa.Column("coupon_text", sa.Text(), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("till_pk", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sale_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
        ),
        sa.ForeignKeyConstraint(
            ["till_pk"],
            ["tills.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_coupon_reservations_coupon", "coupon_reservations", ["campaign", "serial"], unique=False
    )

    op.create_table(
        "coupon_redemptions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("campaign", sa.BigInteger(), nullable=False),
        sa.Column("serial", sa.BigInteger(), nullable=False),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        sa.Column("sale_id", sa.Uuid(), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("till_id", sa.String(), nullable=False),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("reservation_id", sa.Uuid(), nullable=True),
        sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["received_events.id"],
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_coupon_redemptions_coupon", "coupon_redemptions", ["campaign", "serial"], unique=False
    )

    op.create_table(
        "issued_receipt_coupons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=19), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("campaign", sa.String(), nullable=False),
        sa.Column("sale_id", sa.Uuid(), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("till_id", sa.String(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("order_id", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["received_events.id"],
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index(
        "ix_issued_receipt_coupons_sale_id", "issued_receipt_coupons", ["sale_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_issued_receipt_coupons_sale_id", table_name="issued_receipt_coupons")

    op.drop_table("issued_receipt_coupons")
    op.drop_index("ix_coupon_redemptions_coupon", table_name="coupon_redemptions")

    op.drop_table("coupon_redemptions")
    op.drop_index("ix_coupon_reservations_coupon", table_name="coupon_reservations")

    op.drop_table("coupon_reservations")
    op.drop_index("ix_coupon_issuers_till_pk", table_name="coupon_issuers")

    op.drop_table("coupon_issuers")
    op.drop_table("coupons")
    op.drop_table("coupon_revocations")
    op.drop_index("ix_coupon_conflicts_detected_at", table_name="coupon_conflicts")

    op.drop_table("coupon_conflicts")
    op.drop_table("webshop_tokens")
    op.drop_table("promotions")
    op.drop_table("coupon_keys")
    op.drop_table("coupon_campaigns")
    op.drop_table("central_secrets")
