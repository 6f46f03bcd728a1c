"""SQLAlchemy 2.0 typed models of the local store.

Money columns hold integer grosze; quantities hold pieces or grams (see `unit`).
Times are UTC ISO-8601 text from the till's clock.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Store(Base):
    """A store of the chain (this one and the others, for headers and stock lookups)."""

    __tablename__ = "stores"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(240))
    tax_id: Mapped[str] = mapped_column(String(20))
    opening_hours: Mapped[str] = mapped_column(String(240))


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    search_text: Mapped[str] = mapped_column(Text)
    """`name` and `sku` folded (lower case, no diacritics): what name search matches."""
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    vat_class: Mapped[str] = mapped_column(String(1))
    unit: Mapped[str] = mapped_column(String(8))
    image: Mapped[str | None] = mapped_column(String(240))
    """Path of a picture, relative to the data directory's images folder."""
    quick_key: Mapped[int | None] = mapped_column(Integer, unique=True)
    """Position on the quick-key grid, or None."""
    active: Mapped[bool] = mapped_column(default=True)

    barcodes: Mapped[list[Barcode]] = relationship(back_populates="product")
    prices: Mapped[list[Price]] = relationship(back_populates="product")


class Barcode(Base):
    __tablename__ = "barcodes"

    code: Mapped[str] = mapped_column(String(14), primary_key=True)
    """GTIN-13 (EAN-8 and UPC-A padded with zeros)."""
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)

    product: Mapped[Product] = relationship(back_populates="barcodes")


class Price(Base):
    """A gross price valid from a day (inclusive) to a day (exclusive) or open ended."""

    __tablename__ = "prices"
    __table_args__ = (Index("ix_prices_product_valid_from", "product_id", "valid_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    gross: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    product: Mapped[Product] = relationship(back_populates="prices")


class Counter(Base):
    """Gap-free sequences (receipt numbers), advanced in the transaction of what they number."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Sale(Base):
    __tablename__ = "sales"
    __table_args__ = (UniqueConstraint("till_id", "sequence"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    """UUID made on the till."""
    receipt_number: Mapped[str] = mapped_column(String(40), unique=True)
    """Human number store-till-sequence."""
    store_code: Mapped[str] = mapped_column(String(16))
    till_id: Mapped[str] = mapped_column(String(16))
    sequence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32), index=True)
    subtotal: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    change: Mapped[int] = mapped_column(Integer)
    shift_id: Mapped[str | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    """None only for sales made before shifts existed (schema 0002 and older)."""
    cashier_id: Mapped[str | None] = mapped_column(String(36))

    lines: Mapped[list[SaleLine]] = relationship(
        back_populates="sale", order_by="SaleLine.position", cascade="all, delete-orphan"
    )
    payments: Mapped[list[SalePayment]] = relationship(
        back_populates="sale", order_by="SalePayment.position", cascade="all, delete-orphan"
    )


class SaleLine(Base):
    __tablename__ = "sale_lines"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(160))
    barcode: Mapped[str | None] = mapped_column(String(14))
    vat_class: Mapped[str] = mapped_column(String(1))
    unit: Mapped[str] = mapped_column(String(8))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    line_discount: Mapped[int] = mapped_column(Integer)
    basket_discount: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="lines")


class SalePayment(Base):
    __tablename__ = "sale_payments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    tender: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    tendered: Mapped[int] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="payments")


class OutboxEvent(Base):
    """An event for the central service, written in the same transaction as what it reports.

    Never deleted before the central service acknowledged it (decision 3 of the design).
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index(
            "ix_outbox_pending",
            "seq",
            sqlite_where=text("acknowledged_at IS NULL AND quarantined_at IS NULL"),
        ),
        Index(
            "ix_outbox_quarantined",
            "seq",
            sqlite_where=text("quarantined_at IS NOT NULL AND acknowledged_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    """Order of writing, for sending in order."""
    kind: Mapped[str] = mapped_column(String(32))
    aggregate_id: Mapped[str] = mapped_column(String(36), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    """JSON."""
    acknowledged_at: Mapped[str | None] = mapped_column(String(32), index=True)
    """When the central service answered accepted or duplicate (after its commit)."""
    quarantined_at: Mapped[str | None] = mapped_column(String(32))
    """When the central service refused the row (rejected or conflict), or it could not be
    sent at all; a quarantined row is kept, shown to the manager, and no longer sent."""
    quarantine_status: Mapped[str | None] = mapped_column(String(16))
    """'rejected' or 'conflict' (sync.protocol.ItemStatus)."""
    quarantine_reason: Mapped[str | None] = mapped_column(Text)


class User(Base):
    """A cashier or a manager of this store. The PIN is kept only as a salted scrypt hash."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    login: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    """'cashier' or 'manager'."""
    pin_hash: Mapped[str] = mapped_column(String(128))
    pin_salt: Mapped[str] = mapped_column(String(64))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(default=True)


class AuditEntry(Base):
    """Append-only (triggers refuse UPDATE and DELETE): who did what, who approved it, why."""

    __tablename__ = "audit_log"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str | None] = mapped_column(String(36))
    approved_by: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(40), index=True)
    sale_id: Mapped[str | None] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text)
    """JSON."""


class Shift(Base):
    __tablename__ = "shifts"
    __table_args__ = (UniqueConstraint("till_id", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    till_id: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[str] = mapped_column(String(32))
    opened_by: Mapped[str | None] = mapped_column(String(36))
    opening_float: Mapped[int] = mapped_column(Integer)
    opening_count: Mapped[str] = mapped_column(Text)
    """JSON: denomination in grosze -> count."""
    closed_at: Mapped[str | None] = mapped_column(String(32))
    closed_by: Mapped[str | None] = mapped_column(String(36))
    counted_cash: Mapped[int | None] = mapped_column(Integer)
    closing_count: Mapped[str | None] = mapped_column(Text)


class CashMovement(Base):
    """Cash put into or taken out of the drawer during a shift, with a reason."""

    __tablename__ = "cash_movements"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    at: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8))
    """'in' or 'out'."""
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)


class ZReport(Base):
    __tablename__ = "z_reports"
    __table_args__ = (UniqueConstraint("till_id", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    till_id: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), unique=True)
    created_at: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    """JSON of the report's figures, as printed."""


class ParkedSale(Base):
    """A sale put aside to serve another customer; survives a restart."""

    __tablename__ = "parked_sales"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    parked_at: Mapped[str] = mapped_column(String(32))
    cashier_id: Mapped[str | None] = mapped_column(String(36))
    label: Mapped[str] = mapped_column(String(80))
    payload: Mapped[str] = mapped_column(Text)
    """JSON of the cart's lines and discounts."""


class SaleReturn(Base):
    """A return document with its own gap-free number (store-till-Z sequence)."""

    __tablename__ = "returns"
    __table_args__ = (UniqueConstraint("till_id", "sequence"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    return_number: Mapped[str] = mapped_column(String(40), unique=True)
    till_id: Mapped[str] = mapped_column(String(16))
    sequence: Mapped[int] = mapped_column(Integer)
    sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"), index=True)
    """None for a return without a receipt (needs a manager)."""
    shift_id: Mapped[str | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    cashier_id: Mapped[str | None] = mapped_column(String(36))
    approved_by: Mapped[str | None] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(Text)
    total: Mapped[int] = mapped_column(Integer)

    lines: Mapped[list[ReturnLine]] = relationship(
        back_populates="sale_return", order_by="ReturnLine.position", cascade="all, delete-orphan"
    )
    payments: Mapped[list[ReturnPayment]] = relationship(
        back_populates="sale_return",
        order_by="ReturnPayment.position",
        cascade="all, delete-orphan",
    )


class ReturnLine(Base):
    __tablename__ = "return_lines"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    sale_line_id: Mapped[str | None] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    product_id: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(160))
    vat_class: Mapped[str] = mapped_column(String(1))
    unit: Mapped[str] = mapped_column(String(8))
    quantity: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    """Gross amount refunded for this line (positive)."""

    sale_return: Mapped[SaleReturn] = relationship(back_populates="lines")


class ReturnPayment(Base):
    __tablename__ = "return_payments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    tender: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    """Refunded (positive)."""

    sale_return: Mapped[SaleReturn] = relationship(back_populates="payments")


class VatRate(Base):
    """A VAT class's rate as the central service publishes it (change feed)."""

    __tablename__ = "vat_rates"

    vat_class: Mapped[str] = mapped_column(String(1), primary_key=True)
    rate_basis_points: Mapped[int | None] = mapped_column(Integer)
    """2300 for 23 %; None for exempt."""


class SyncLink(Base):
    """The one row of the till's link to the central service: where, with which token, and how
    the last exchange went. The token lives here, never in till.toml, and is never logged."""

    __tablename__ = "sync_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    """Always 1."""
    central_url: Mapped[str] = mapped_column(String(240))
    token: Mapped[str] = mapped_column(Text)
    enrolled_at: Mapped[str] = mapped_column(String(32))
    refused_at: Mapped[str | None] = mapped_column(String(32))
    """When the central service last answered 401: the till must be enrolled again."""
    last_success_at: Mapped[str | None] = mapped_column(String(32))
    """The till's clock at the end of the last exchange that pushed and pulled everything."""


class SyncCheckpoint(Base):
    """The one row of the change feed's checkpoint, written in the transaction of what it
    covers: the local catalogue is the central one up to this point of the feed."""

    __tablename__ = "sync_checkpoint"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    """Always 1."""
    cursor: Mapped[str] = mapped_column(String(64))
    """Where the next page starts ("0": the beginning of the feed)."""
    applied_seq: Mapped[int | None] = mapped_column(Integer)
    """Within the page that starts at `cursor`: the last change already applied (a page is
    applied in short transactions so that a sale never waits long for the write lock)."""
    full_sync: Mapped[bool] = mapped_column(default=False)
    """A full sync from the start of the feed is under way: what it does not bring is removed
    (or deactivated) when it ends."""
    applied: Mapped[int] = mapped_column(Integer, default=0)
    """Changes applied since the full sync began (progress bar)."""
    remaining: Mapped[int | None] = mapped_column(Integer)
    """Changes after the last page fetched, as the central service counted them."""
    paused: Mapped[bool] = mapped_column(default=False)
    """The manager interrupted the full sync; it resumes where it stopped when asked."""
    server_time: Mapped[str | None] = mapped_column(String(32))
    """The central service's clock on the last page applied."""
    replacing: Mapped[bool] = mapped_column(default=False)
    """The full sync under way replaces a catalogue that was already there: the keys it brings
    are noted (`sync_seen`, `sync_seen_products`) and what it did not bring is removed at its
    end. A first sync into an empty till has nothing to remove and notes nothing."""
    search_by_sync: Mapped[bool] = mapped_column(default=False)
    """True only inside a catalogue sync transaction, which keeps the name search index
    itself, in batches (about three times faster than the row triggers of migration 0002,
    which stand aside meanwhile). No other writer ever sees it True: SQLite has one writer
    at a time and the sync sets it back before it commits."""


class SyncSeen(Base):
    """Stores, VAT rates and users (entity, natural key) brought by the full sync under way;
    emptied when it ends."""

    __tablename__ = "sync_seen"
    __table_args__ = ({"sqlite_with_rowid": False},)

    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)


class SyncSeenProduct(Base):
    """Products (local ids) brought by the full sync under way; emptied when it ends."""

    __tablename__ = "sync_seen_products"

    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class SyncedUser(Base):
    """Logins that came from the central service (a full sync deactivates those it no longer
    lists; users added at the till itself are left alone)."""

    __tablename__ = "synced_users"

    login: Mapped[str] = mapped_column(String(40), primary_key=True)


class CachedStock(Base):
    """The last answer about one product's stock in every store, with when it came."""

    __tablename__ = "stock_cache"

    sku: Mapped[str] = mapped_column(String(32), primary_key=True)
    fetched_at: Mapped[str] = mapped_column(String(32))
    """The till's clock when the answer arrived."""
    answer: Mapped[str] = mapped_column(Text)
    """JSON of sync.protocol.StockAnswer."""
