"""The central database: SQLAlchemy 2.0 typed models (the schema itself is made by migrations).

Every row has a UUID key made by the service or by the till that created it; no key comes from
a database sequence. Times are UTC and aware (`UtcDateTime`), the central clock unless a column
says it is a till's. Money is integer grosze; quantities are integers (pieces, or grams for
weighed products), signed in the stock ledger. Texts that come from tills have no length in
the schema (the push bounds them, `events.MAX_TEXT`), so no accepted payload can fail an
insert on PostgreSQL.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime kept in UTC; SQLite, which has no zones, keeps it naive in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime cannot be stored: {value!r}")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


def table(model: type[Base]) -> Table:
    """The model's Core table (for bulk inserts without the ORM's per-row work)."""
    found = model.__table__
    assert isinstance(found, Table)
    return found


_bits = random.Random(os.urandom(32)).getrandbits
"""74 random bits per id are for uniqueness, not secrecy: a seeded generator is fast enough
for the ledger's thousands of rows per push (os.urandom per id is not)."""


def time_ordered_uuid() -> uuid.UUID:
    """A UUID version 7 (RFC 9562): Unix milliseconds, then random bits; sorts by time."""
    millis = time.time_ns() // 1_000_000
    rand = _bits(74)
    value = (millis & (2**48 - 1)) << 80 | 0x7 << 76 | (rand >> 62 & 0xFFF) << 64
    value |= 0b10 << 62 | rand & (2**62 - 1)
    return uuid.UUID(int=value)


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


# ---- chain, tills, people ------------------------------------------------------------------


class Store(Base):
    __tablename__ = "stores"

    id: Mapped[uuid.UUID] = _id()
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(240))
    tax_id: Mapped[str] = mapped_column(String(20))
    opening_hours: Mapped[str] = mapped_column(String(240))


class Till(Base):
    """A till enrolled for one store. Only the SHA-256 of its bearer token is kept."""

    __tablename__ = "tills"
    __table_args__ = (UniqueConstraint("store_id", "till_id"),)

    id: Mapped[uuid.UUID] = _id()
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_id: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AdminToken(Base):
    """A token for the admin endpoints (catalogue, prices, deliveries, reports)."""

    __tablename__ = "admin_tokens"

    id: Mapped[uuid.UUID] = _id()
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class User(Base):
    """A cashier or manager; the PIN only as the till makes it (salted scrypt, see pins.py)."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = _id()
    login: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(128))
    pin_salt: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean)


class UserStore(Base):
    """A store a user works at."""

    __tablename__ = "user_stores"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"), primary_key=True)


# ---- catalogue -----------------------------------------------------------------------------


class VatRate(Base):
    __tablename__ = "vat_rates"

    id: Mapped[uuid.UUID] = _id()
    vat_class: Mapped[str] = mapped_column(String(1), unique=True)
    rate_basis_points: Mapped[int | None] = mapped_column(Integer)
    """2300 for 23 %; None for exempt."""


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[uuid.UUID] = _id()
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Product(Base):
    """A product; `placeholder` marks one made for a SKU a till sold but the catalogue lacked
    (so the sale and its stock movement are kept); it is not published until defined."""

    __tablename__ = "products"

    id: Mapped[uuid.UUID] = _id()
    sku: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    category_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("categories.id"))
    vat_class: Mapped[str] = mapped_column(String)
    unit: Mapped[str] = mapped_column(String)
    active: Mapped[bool] = mapped_column(Boolean)
    placeholder: Mapped[bool] = mapped_column(Boolean)


class Barcode(Base):
    __tablename__ = "barcodes"

    id: Mapped[uuid.UUID] = _id()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"), index=True)


class Price(Base):
    """A gross price valid from a day (inclusive) to another (exclusive) or open-ended."""

    __tablename__ = "prices"
    __table_args__ = (UniqueConstraint("product_id", "valid_from"),)

    id: Mapped[uuid.UUID] = _id()
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"))
    gross: Mapped[int] = mapped_column(BigInteger)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


# ---- the change feed -----------------------------------------------------------------------


class FeedState(Base):
    """The one row (id 1) every catalogue writer locks to take its seq numbers (changes.py).

    `head` is the highest seq handed out; `horizon` the highest seq of a purged tombstone:
    a reader whose cursor is below it could have missed a delete and must resync (410)."""

    __tablename__ = "feed_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    head: Mapped[int] = mapped_column(BigInteger)
    horizon: Mapped[int] = mapped_column(BigInteger)


class FeedChange(Base):
    """The newest change of each entity: a new change of the same (entity, key) replaces the
    row and takes a new, higher seq, so the feed is compacted as it is written."""

    __tablename__ = "changes"

    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    op: Mapped[str] = mapped_column(String(8))
    data: Mapped[str | None] = mapped_column(Text)
    """The entity's full state as JSON text (served as is); None for a delete."""
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


# ---- what the tills push -------------------------------------------------------------------


class ReceivedEvent(Base):
    """Every outbox row taken in (accepted, or a duplicate or conflict of a document)."""

    __tablename__ = "received_events"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    """The till's outbox event id: the idempotency key."""
    kind: Mapped[str] = mapped_column(String(32))
    aggregate_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    till_seq: Mapped[int] = mapped_column(BigInteger)
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_pk: Mapped[uuid.UUID] = mapped_column(ForeignKey("tills.id"))
    payload_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    """What the first push was answered: accepted, duplicate or conflict."""
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    till_created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """The till's clock when the event happened."""
    till_clock: Mapped[datetime] = mapped_column(UtcDateTime)
    """The till's clock when it sent the batch (for skew reports)."""


class Conflict(Base):
    """An event or document id seen again with a different payload: kept, never applied."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("event_id", "incoming_hash"),)

    id: Mapped[uuid.UUID] = _id()
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(32))
    document_id: Mapped[str] = mapped_column(String(80))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_pk: Mapped[uuid.UUID] = mapped_column(ForeignKey("tills.id"))
    reason: Mapped[str] = mapped_column(Text)
    existing_hash: Mapped[str] = mapped_column(String(64))
    incoming_hash: Mapped[str] = mapped_column(String(64))
    incoming_payload: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class Sale(Base):
    __tablename__ = "sales"
    __table_args__ = (Index("ix_sales_store_till_sequence", "store_id", "till_id", "sequence"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    """The till's sale id: UNIQUE, so a sale is counted once whatever event carries it."""
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("received_events.id"))
    payload_hash: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_id: Mapped[str] = mapped_column(String)
    receipt_number: Mapped[str] = mapped_column(String)
    sequence: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """The till's clock."""
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    subtotal: Mapped[int] = mapped_column(BigInteger)
    discount: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)
    change: Mapped[int] = mapped_column(BigInteger)
    shift_id: Mapped[str | None] = mapped_column(String)
    cashier_id: Mapped[str | None] = mapped_column(String)


class SaleLine(Base):
    """Keyed by (sale, position): a sale's lines sit together in the key's index, one random
    index position per sale rather than two per line (the till's line id is kept as data)."""

    __tablename__ = "sale_lines"

    sale_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid)
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    barcode: Mapped[str | None] = mapped_column(String)
    vat_class: Mapped[str] = mapped_column(String)
    unit: Mapped[str] = mapped_column(String)
    quantity: Mapped[int] = mapped_column(BigInteger)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    line_discount: Mapped[int] = mapped_column(BigInteger)
    basket_discount: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)


class SalePayment(Base):
    """Keyed by (sale, position) like the lines."""

    __tablename__ = "sale_payments"

    sale_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid)
    tender: Mapped[str] = mapped_column(String)
    amount: Mapped[int] = mapped_column(BigInteger)
    tendered: Mapped[int] = mapped_column(BigInteger)


class Return(Base):
    __tablename__ = "returns"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("received_events.id"))
    payload_hash: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_id: Mapped[str] = mapped_column(String)
    return_number: Mapped[str | None] = mapped_column(String)
    sale_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    """The original sale (not a foreign key: it may come from a till not synced yet)."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(Text)
    total: Mapped[int] = mapped_column(BigInteger)
    cashier_id: Mapped[str | None] = mapped_column(String)
    approved_by: Mapped[str | None] = mapped_column(String)
    shift_id: Mapped[str | None] = mapped_column(String)


class ReturnLine(Base):
    """Keyed by (return, position) like a sale's lines."""

    __tablename__ = "return_lines"

    return_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("returns.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid)
    sale_line_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    vat_class: Mapped[str] = mapped_column(String)
    unit: Mapped[str] = mapped_column(String)
    quantity: Mapped[int] = mapped_column(BigInteger)
    refund: Mapped[int] = mapped_column(BigInteger)


class ShiftEvent(Base):
    """A shift opened or closed at a till (with its count and, on closing, its Z report)."""

    __tablename__ = "shift_events"
    __table_args__ = (UniqueConstraint("shift_id", "kind"),)

    id: Mapped[uuid.UUID] = mapped_column(ForeignKey("received_events.id"), primary_key=True)
    payload_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String)
    shift_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_id: Mapped[str] = mapped_column(String)
    number: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    """The till's clock."""
    user_id: Mapped[str | None] = mapped_column(String)
    cash: Mapped[int] = mapped_column(BigInteger)
    """The opening float, or the cash counted at closing."""
    payload: Mapped[str] = mapped_column(Text)


class CashMovement(Base):
    __tablename__ = "cash_movements"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    """The till's movement id."""
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("received_events.id"))
    payload_hash: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_id: Mapped[str] = mapped_column(String)
    shift_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String)
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[str | None] = mapped_column(String)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


# ---- stock -----------------------------------------------------------------------------------


class StockMovement(Base):
    """The append-only stock ledger: one signed movement of one product in one store.

    `quantity` changes what is on hand, `reserved` what is held for a customer; a transfer is
    two rows (out of one store, into another) with the same `source_id`. The id is
    time-ordered (`time_ordered_uuid`), so new rows go to the end of the key's index; the one
    other index serves a product's history in a store."""

    __tablename__ = "stock_movements"
    __table_args__ = (Index("ix_stock_movements_store_product", "store_id", "product_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(BigInteger)
    reserved: Mapped[int] = mapped_column(BigInteger)
    source_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    """The sale, return or admin operation that caused it."""
    source_line_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """When it happened by the clock of whoever reported it (a till's for sales)."""
    note: Mapped[str | None] = mapped_column(String(200))


class StockLevel(Base):
    """The on-hand projection of the ledger, updated in the ledger row's transaction."""

    __tablename__ = "stock_levels"
    __table_args__ = (Index("ix_stock_levels_negative", "on_hand"),)

    # Product first: the key also serves "this product in every store".
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"), primary_key=True)
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(BigInteger)
    reserved: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """The last movement's central time."""


# ---- promotions and coupons (docs/COUPONS.md) ------------------------------------------------


class Promotion(Base):
    """A promotion for every channel; published to the tills as entity `promotion`."""

    __tablename__ = "promotions"

    id: Mapped[uuid.UUID] = _id()
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(16))
    target: Mapped[str | None] = mapped_column(String(64))
    percent: Mapped[int | None] = mapped_column(Integer)
    amount: Mapped[int | None] = mapped_column(BigInteger)
    buy: Mapped[int | None] = mapped_column(Integer)
    get: Mapped[int | None] = mapped_column(Integer)
    min_basket: Mapped[int] = mapped_column(BigInteger)
    priority: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[datetime] = mapped_column(UtcDateTime)
    valid_to: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CouponKey(Base):
    """An Ed25519 key that signs web-shop coupons. The private key never leaves this table;
    the public one is published (entity `coupon_key`). One key is `active` (signs new
    coupons); `retired` ones still verify; `revoked` ones make their coupons refused."""

    __tablename__ = "coupon_keys"

    key_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    private_key: Mapped[str] = mapped_column(String(64))
    """32 bytes in hex."""
    public_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CouponCampaign(Base):
    """A campaign of web-shop coupons (minted here) or of receipt coupons (issued by tills);
    published as entity `coupon_campaign`. `next_serial` is the next coupon's serial."""

    __tablename__ = "coupon_campaigns"

    id: Mapped[uuid.UUID] = _id()
    number: Mapped[int] = mapped_column(BigInteger, unique=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))
    value_kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[int] = mapped_column(BigInteger)
    scope: Mapped[str] = mapped_column(String(16))
    scope_ref: Mapped[str | None] = mapped_column(String(64))
    min_basket: Mapped[int] = mapped_column(BigInteger)
    single_use: Mapped[bool] = mapped_column(Boolean)
    valid_from: Mapped[datetime] = mapped_column(UtcDateTime)
    valid_to: Mapped[datetime | None] = mapped_column(UtcDateTime)
    offline_max_discount: Mapped[int] = mapped_column(BigInteger)
    offline_max_hours: Mapped[int] = mapped_column(Integer)
    issue_min_total: Mapped[int | None] = mapped_column(BigInteger)
    valid_days: Mapped[int | None] = mapped_column(Integer)
    next_serial: Mapped[int] = mapped_column(BigInteger)


class Coupon(Base):
    """A minted web-shop coupon: its signed text and its typeable short code."""

    __tablename__ = "coupons"
    __table_args__ = (UniqueConstraint("campaign_id", "serial"),)

    id: Mapped[uuid.UUID] = _id()
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("coupon_campaigns.id"))
    serial: Mapped[int] = mapped_column(BigInteger)
    short_code: Mapped[str] = mapped_column(String(12), unique=True)
    text: Mapped[str] = mapped_column(Text)
    key_id: Mapped[int] = mapped_column(ForeignKey("coupon_keys.key_id"))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CouponRevocation(Base):
    """A revoked campaign (serial None) or serial; published as entity `coupon_revoked`."""

    __tablename__ = "coupon_revocations"

    id: Mapped[uuid.UUID] = _id()
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("coupon_campaigns.id"))
    serial: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200))
    revoked_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CouponReservation(Base):
    """A till's hold on a web-shop coupon while it makes a sale (its id is the till's).
    `status`: reserved (until `expires_at`), released, or confirmed by the sale's
    `coupon_redeemed` event."""

    __tablename__ = "coupon_reservations"
    __table_args__ = (Index("ix_coupon_reservations_coupon", "campaign", "serial"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    campaign: Mapped[int] = mapped_column(BigInteger)
    serial: Mapped[int] = mapped_column(BigInteger)
    coupon_text: Mapped[str] = mapped_column(Text)
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_pk: Mapped[uuid.UUID] = mapped_column(ForeignKey("tills.id"))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sale_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class CouponRedemption(Base):
    """A sale's use of a web-shop coupon, from its `coupon_redeemed` event."""

    __tablename__ = "coupon_redemptions"
    __table_args__ = (Index("ix_coupon_redemptions_coupon", "campaign", "serial"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    """The till's redemption id."""
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("received_events.id"))
    payload_hash: Mapped[str] = mapped_column(String(64))
    campaign: Mapped[int] = mapped_column(BigInteger)
    serial: Mapped[int] = mapped_column(BigInteger)
    single_use: Mapped[bool] = mapped_column(Boolean)
    sale_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_id: Mapped[str] = mapped_column(String)
    discount: Mapped[int] = mapped_column(BigInteger)
    offline: Mapped[bool] = mapped_column(Boolean)
    reservation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    redeemed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """The till's clock."""
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CouponConflict(Base):
    """Something wrong found with a coupon after the fact: a single-use coupon redeemed by a
    second sale (both sales stand), a redeemed coupon the central keys do not verify, a
    receipt code whose MAC or issuer is wrong, a receipt code issued twice."""

    __tablename__ = "coupon_conflicts"

    id: Mapped[uuid.UUID] = _id()
    kind: Mapped[str] = mapped_column(String(32))
    coupon: Mapped[str] = mapped_column(String(80))
    """"CAMPAIGN/SERIAL" of a web-shop coupon, or a receipt code."""
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_id: Mapped[str] = mapped_column(String)
    sale_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    earlier_sale_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reason: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class CentralSecret(Base):
    """A random secret made on first use (the receipt-coupon issuer keys derive from it)."""

    __tablename__ = "central_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    """Hex."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CouponIssuer(Base):
    """A till's receipt-coupon issuer: its number goes into every code it issues; its key is
    derived from the central secret, never stored."""

    __tablename__ = "coupon_issuers"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    till_pk: Mapped[uuid.UUID] = mapped_column(ForeignKey("tills.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class IssuedReceiptCoupon(Base):
    """A receipt coupon a till issued (its `coupon_issued` event); redeemed once in the web
    shop. The id is derived from the code, so the code is the document's key."""

    __tablename__ = "issued_receipt_coupons"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    code: Mapped[str] = mapped_column(String(19), unique=True)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("received_events.id"))
    payload_hash: Mapped[str] = mapped_column(String(64))
    campaign: Mapped[str] = mapped_column(String)
    sale_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    store_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stores.id"))
    till_id: Mapped[str] = mapped_column(String)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """The till's clock."""
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    redeemed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    order_id: Mapped[str | None] = mapped_column(String(100))


class WebshopToken(Base):
    """A token of a web shop (`pos-central issue-webshop-token`): /v1/webshop only."""

    __tablename__ = "webshop_tokens"

    id: Mapped[uuid.UUID] = _id()
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
