"""The shift repository on a real SQLite file: open, cash movements, figures read straight from
the sales and returns tables, close with a gap-free Z number, outbox and audit rows in the same
transaction, and failures that write nothing."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.cash import CashCount
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.sale import SaleRecord, sale_from_cart
from pos_client.domain.shift_report import (
    CARD,
    CASH,
    MovementKind,
    ShiftFigures,
    ShiftReport,
    x_report,
    z_report,
)
from pos_client.domain.vat import VatClass
from pos_client.store.database import create_store_engine
from pos_client.store.errors import StoreBusyError, StoreReadOnlyError
from pos_client.store.journal import append_audit
from pos_client.store.models import ReturnLine, ReturnPayment, SaleReturn
from pos_client.store.sales import SalesRepository, ShiftNotOpenError
from pos_client.store.shifts import ShiftRepository, ShiftStateError, z_counter

OPENED = datetime(2025, 3, 14, 7, 0, tzinfo=UTC)
FLOAT = CashCount({10000: 2, 5000: 2, 1000: 5})  # 350 zł


@pytest.fixture
def shifts(store_engine: Engine) -> ShiftRepository:
    return ShiftRepository(store_engine)


@pytest.fixture
def sales(store_engine: Engine) -> SalesRepository:
    return SalesRepository(store_engine)


def make_sale(
    shift_id: str | None,
    prices: list[tuple[int, VatClass]],
    tenders: list[tuple[Tender, int]],
    at: datetime = OPENED,
    basket_discount: int = 0,
) -> SaleRecord:
    cart = Cart()
    for index, (price, vat) in enumerate(prices):
        cart.add(
            ProductSnapshot(
                product_id=index + 1,
                sku=f"SKU-{index}",
                name=f"Produkt {index}",
                unit_price=Money(price),
                vat_class=vat,
                unit=Unit.PIECE,
                barcode=None,
            ),
            Quantity.pieces(1),
        )
    if basket_discount:
        cart.set_basket_discount(Money(basket_discount))
    settlement = settle(cart.total(), [(tender, Money(amount)) for tender, amount in tenders])
    sale = sale_from_cart(cart, settlement, "WAW01", "01", at)
    return replace(sale, shift_id=shift_id, cashier_id="u-anna")


def add_return(
    engine: Engine,
    shift_id: str | None,
    sequence: int,
    lines: list[tuple[VatClass, int]],
    refunds: list[tuple[str, int]],
) -> None:
    """A return written straight into the returns tables (as the returns service stores it)."""
    with Session(engine) as session, session.begin():
        session.add(
            SaleReturn(
                id=str(uuid.uuid4()),
                return_number=f"WAW01-01-Z{sequence:06d}",
                till_id="01",
                sequence=sequence,
                sale_id=None,
                shift_id=shift_id,
                created_at=OPENED.isoformat(),
                cashier_id=None,
                approved_by="u-boss",
                reason="uszkodzony",
                total=sum(amount for _, amount in lines),
                lines=[
                    ReturnLine(
                        id=str(uuid.uuid4()),
                        position=position,
                        sale_line_id=None,
                        product_id=1,
                        sku="SKU-0",
                        name="Produkt 0",
                        vat_class=vat.value,
                        unit="piece",
                        quantity=1,
                        total=amount,
                    )
                    for position, (vat, amount) in enumerate(lines)
                ],
                payments=[
                    ReturnPayment(
                        id=str(uuid.uuid4()), position=position, tender=tender, amount=amount
                    )
                    for position, (tender, amount) in enumerate(refunds)
                ],
            )
        )


def audit(engine: Engine, action: str, at: datetime) -> None:
    with Session(engine) as session, session.begin():
        append_audit(
            session,
            at=at,
            action=action,
            user_id="u-anna",
            approved_by="u-boss",
            sale_id=None,
            reason="test",
            details={},
        )


def rows(engine: Engine, sql: str, **params: Any) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(text(sql), params))


def counts(engine: Engine) -> dict[str, int]:
    tables = ("shifts", "cash_movements", "z_reports", "outbox", "audit_log", "counters", "sales")
    with engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())
            for table in tables
        }


def build_z(count: CashCount, at: datetime) -> Any:
    def build(figures: ShiftFigures, number: int) -> ShiftReport:
        return z_report(figures, number, count, at, "u-boss")

    return build


def test_open_writes_the_shift_its_outbox_event_and_audit_entry(
    store_engine: Engine, shifts: ShiftRepository
) -> None:
    shift = shifts.open("01", "u-anna", FLOAT, OPENED)

    assert shift.number == 1
    assert shift.is_open
    assert shift.opening_float == Money(35000)
    assert shift.opening_count == FLOAT
    assert (shift.opened_by, shift.opened_at) == ("u-anna", OPENED)
    assert shifts.current("01") == shift
    assert shifts.current("02") is None
    assert shifts.shift(shift.shift_id) == shift
    [outbox] = rows(store_engine, "SELECT kind, aggregate_id, payload FROM outbox")
    assert (outbox.kind, outbox.aggregate_id) == ("shift_opened", shift.shift_id)
    payload = json.loads(outbox.payload)
    assert payload["opening_float"] == 35000
    assert payload["opening_count"] == {"10000": 2, "5000": 2, "1000": 5}
    [entry] = rows(store_engine, "SELECT action, user_id FROM audit_log")
    assert tuple(entry) == ("shift_opened", "u-anna")


def test_a_second_shift_cannot_open_while_one_is_open(
    store_engine: Engine, shifts: ShiftRepository
) -> None:
    first = shifts.open("01", None, FLOAT, OPENED)
    before = counts(store_engine)
    with pytest.raises(ShiftStateError, match="already open"):
        shifts.open("01", None, CashCount(), OPENED)
    assert counts(store_engine) == before
    other_till = shifts.open("02", None, CashCount(), OPENED)  # another till's shift is its own
    assert other_till.number == 1
    assert shifts.current("01") == first


def test_cash_movements_are_written_with_outbox_and_audit(
    store_engine: Engine, shifts: ShiftRepository
) -> None:
    shift = shifts.open("01", None, FLOAT, OPENED)
    later = OPENED + timedelta(hours=1)
    movement = shifts.cash_movement(
        shift.shift_id, MovementKind.OUT, Money(20000), "do sejfu", "u-boss", later
    )

    assert (movement.kind, movement.amount, movement.reason) == (
        MovementKind.OUT,
        Money(20000),
        "do sejfu",
    )
    [row] = rows(store_engine, "SELECT id, shift_id, at, user_id, kind, amount FROM cash_movements")
    assert tuple(row) == (
        movement.movement_id,
        shift.shift_id,
        later.isoformat(),
        "u-boss",
        "out",
        20000,
    )
    outbox = rows(store_engine, "SELECT kind, payload FROM outbox ORDER BY seq")
    assert [event.kind for event in outbox] == ["shift_opened", "cash_movement"]
    assert json.loads(outbox[1].payload)["amount"] == 20000
    entries = rows(store_engine, "SELECT action, reason FROM audit_log ORDER BY seq")
    assert [tuple(entry) for entry in entries][1] == ("cash_movement", "do sejfu")


def test_a_refusing_check_writes_nothing(store_engine: Engine, shifts: ShiftRepository) -> None:
    shift = shifts.open("01", None, FLOAT, OPENED)
    before = counts(store_engine)
    seen: list[ShiftFigures] = []

    def refuse(figures: ShiftFigures) -> None:
        seen.append(figures)
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        shifts.cash_movement(
            shift.shift_id, MovementKind.OUT, Money(1), "x", None, OPENED, check=refuse
        )
    assert counts(store_engine) == before
    assert seen[0].opening_float == Money(35000)


def test_figures_read_only_this_shifts_records(
    store_engine: Engine, shifts: ShiftRepository, sales: SalesRepository
) -> None:
    old = shifts.open("01", None, CashCount(), OPENED - timedelta(days=1))
    sales.record(make_sale(old.shift_id, [(999, VatClass.A)], [(Tender.CASH, 999)]))
    audit(store_engine, "void_line", OPENED - timedelta(hours=2))  # in the old shift
    shifts.close(
        old.shift_id,
        None,
        CashCount(),
        OPENED - timedelta(hours=1),
        build_z(CashCount(), OPENED - timedelta(hours=1)),
    )
    sales.record(make_sale(None, [(555, VatClass.A)], [(Tender.CASH, 555)]))  # before shifts
    shift = shifts.open("01", "u-anna", FLOAT, OPENED)
    first = sales.record(
        make_sale(
            shift.shift_id,
            [(1230, VatClass.A), (1050, VatClass.C)],
            [(Tender.CARD, 1000), (Tender.CASH, 5000)],
            basket_discount=100,
        )
    )
    second = sales.record(make_sale(shift.shift_id, [(525, VatClass.C)], [(Tender.CARD, 525)]))
    add_return(store_engine, shift.shift_id, 1, [(VatClass.A, 1230)], [(CASH, 1230)])
    add_return(store_engine, old.shift_id, 2, [(VatClass.A, 999)], [(CASH, 999)])
    shifts.cash_movement(shift.shift_id, MovementKind.IN, Money(5000), "rozmienne", None, OPENED)
    for action in ("void_line", "void_sale", "void_paid_sale", "login", "void_line_after_total"):
        audit(store_engine, action, OPENED + timedelta(minutes=5))

    figures = shifts.figures(shift.shift_id)

    assert (figures.shift_id, figures.shift_number, figures.opened_by) == (
        shift.shift_id,
        2,
        "u-anna",
    )
    assert figures.opening_float == Money(35000)
    assert [sale.receipt_number for sale in figures.sales] == [
        first.receipt_number,
        second.receipt_number,
    ]
    assert figures.sales[0].total == Money(2180)
    assert figures.sales[0].discount == Money(100)
    assert figures.sales[0].payments == ((CARD, Money(1000)), (CASH, Money(1180)))
    assert figures.sales[0].lines == tuple((line.vat_class, line.total) for line in first.lines)
    assert [r.return_number for r in figures.returns] == ["WAW01-01-Z000001"]
    assert figures.returns[0].refunds == ((CASH, Money(1230)),)
    assert figures.returns[0].lines == ((VatClass.A, Money(1230)),)
    assert [(m.kind, m.amount) for m in figures.movements] == [(MovementKind.IN, Money(5000))]
    assert figures.voids == 3  # the approval of a void after the total is not a second void
    with pytest.raises(ShiftStateError):
        shifts.figures("no-such-shift")


def test_close_writes_a_numbered_z_report_and_closes_the_shift(
    store_engine: Engine, shifts: ShiftRepository, sales: SalesRepository
) -> None:
    shift = shifts.open("01", "u-anna", FLOAT, OPENED)
    sales.record(make_sale(shift.shift_id, [(2460, VatClass.A)], [(Tender.CASH, 3000)]))
    closed_at = OPENED + timedelta(hours=12)
    count = CashCount({20000: 1, 10000: 1, 5000: 1, 2000: 1, 500: 1})  # 375 zł

    report = shifts.close(shift.shift_id, "u-boss", count, closed_at, build_z(count, closed_at))

    assert report.number == 1
    assert report.expected_cash == Money(35000 + 2460)
    assert report.difference == Money(37500 - 37460)
    assert shifts.current("01") is None
    stored = shifts.shift(shift.shift_id)
    assert stored is not None
    assert (stored.closed_at, stored.closed_by) == (closed_at, "u-boss")
    assert (stored.counted_cash, stored.closing_count) == (Money(37500), count)
    assert shifts.z_report("01", 1) == report
    assert shifts.z_report("01", 2) is None
    assert shifts.z_reports("01") == [report]
    [z_row] = rows(store_engine, "SELECT till_id, number, shift_id, created_at FROM z_reports")
    assert tuple(z_row) == ("01", 1, shift.shift_id, closed_at.isoformat())
    outbox = rows(store_engine, "SELECT kind, aggregate_id, payload FROM outbox ORDER BY seq")
    assert [event.kind for event in outbox] == ["shift_opened", "sale", "shift_closed"]
    closed = json.loads(outbox[2].payload)
    assert closed["z_report"] == report.to_json()
    assert closed["counted_cash"] == 37500
    entries = rows(store_engine, "SELECT action, user_id, details FROM audit_log ORDER BY seq")
    assert [entry.action for entry in entries] == [
        "shift_opened",
        "shift_closed",
        "cash_difference",
    ]
    assert json.loads(entries[2].details)["difference"] == 40


def test_z_numbers_are_gap_free_per_till_across_shifts(
    store_engine: Engine, shifts: ShiftRepository
) -> None:
    numbers = []
    for day in range(3):
        at = OPENED + timedelta(days=day)
        shift = shifts.open("01", None, FLOAT, at)
        assert shift.number == day + 1
        report = shifts.close(shift.shift_id, None, FLOAT, at, build_z(FLOAT, at))
        numbers.append(report.number)
    assert numbers == [1, 2, 3]
    assert [report.number for report in shifts.z_reports("01")] == [1, 2, 3]
    [counter] = rows(store_engine, "SELECT value FROM counters WHERE name = :n", n=z_counter("01"))
    assert counter.value == 3
    # No difference: no cash_difference entries.
    assert rows(store_engine, "SELECT * FROM audit_log WHERE action = 'cash_difference'") == []


def test_a_closed_shift_cannot_be_closed_again_or_take_cash(
    store_engine: Engine, shifts: ShiftRepository
) -> None:
    shift = shifts.open("01", None, FLOAT, OPENED)
    shifts.close(shift.shift_id, None, FLOAT, OPENED, build_z(FLOAT, OPENED))
    before = counts(store_engine)
    with pytest.raises(ShiftStateError, match="already closed"):
        shifts.close(shift.shift_id, None, FLOAT, OPENED, build_z(FLOAT, OPENED))
    with pytest.raises(ShiftStateError, match="already closed"):
        shifts.cash_movement(shift.shift_id, MovementKind.IN, Money(100), "x", None, OPENED)
    with pytest.raises(ShiftStateError, match="no shift"):
        shifts.close("nope", None, FLOAT, OPENED, build_z(FLOAT, OPENED))
    assert counts(store_engine) == before


def test_a_failed_close_uses_no_z_number(store_engine: Engine, shifts: ShiftRepository) -> None:
    shift = shifts.open("01", None, FLOAT, OPENED)

    def wrong(figures: ShiftFigures, number: int) -> ShiftReport:
        return z_report(figures, number + 1, FLOAT, OPENED)

    before = counts(store_engine)
    with pytest.raises(ValueError, match="does not match"):
        shifts.close(shift.shift_id, None, FLOAT, OPENED, wrong)
    assert counts(store_engine) == before
    assert shifts.current("01") == shift
    report = shifts.close(shift.shift_id, None, FLOAT, OPENED, build_z(FLOAT, OPENED))
    assert report.number == 1


def test_a_sale_in_a_closed_shift_is_refused_and_nothing_is_written(
    store_engine: Engine, shifts: ShiftRepository, sales: SalesRepository
) -> None:
    shift = shifts.open("01", None, FLOAT, OPENED)
    sales.record(make_sale(shift.shift_id, [(100, VatClass.A)], [(Tender.CASH, 100)]))
    shifts.close(shift.shift_id, None, FLOAT, OPENED, build_z(FLOAT, OPENED))
    before = counts(store_engine)
    with pytest.raises(ShiftNotOpenError, match="Open a shift"):
        sales.record(make_sale(shift.shift_id, [(100, VatClass.A)], [(Tender.CASH, 100)]))
    with pytest.raises(ShiftNotOpenError):
        sales.record(make_sale("no-such-shift", [(100, VatClass.A)], [(Tender.CASH, 100)]))
    assert counts(store_engine) == before
    [counter] = rows(store_engine, "SELECT value FROM counters WHERE name = 'receipt:01'")
    assert counter.value == 1


def test_the_sale_keeps_its_shift_and_cashier(
    shifts: ShiftRepository, sales: SalesRepository
) -> None:
    shift = shifts.open("01", None, FLOAT, OPENED)
    recorded = sales.record(make_sale(shift.shift_id, [(100, VatClass.A)], [(Tender.CASH, 100)]))
    read = sales.last("01")
    assert read == recorded
    assert read is not None
    assert (read.shift_id, read.cashier_id) == (shift.shift_id, "u-anna")
    assert read.to_json()["shift_id"] == shift.shift_id


def test_x_report_from_figures_matches_the_close(
    shifts: ShiftRepository, sales: SalesRepository
) -> None:
    shift = shifts.open("01", None, FLOAT, OPENED)
    sales.record(make_sale(shift.shift_id, [(1999, VatClass.B)], [(Tender.CARD, 1999)]))
    reading = x_report(shifts.figures(shift.shift_id), OPENED)
    report = shifts.close(shift.shift_id, None, FLOAT, OPENED, build_z(FLOAT, OPENED))
    assert (reading.sales_by_tender, reading.vat) == (report.sales_by_tender, report.vat)


def engine_with(path: Path, *pragmas: str) -> Engine:
    engine = create_store_engine(path)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    event.listen(engine, "connect", on_connect)
    return engine


@pytest.fixture
def impatient_engine(store_engine: Engine, store_path: Path) -> Iterator[Engine]:
    engine = engine_with(store_path, "PRAGMA busy_timeout=50")
    yield engine
    engine.dispose()


def test_a_locked_database_is_busy_and_nothing_is_written(
    store_engine: Engine, store_path: Path, impatient_engine: Engine
) -> None:
    shifts = ShiftRepository(impatient_engine)
    holder = sqlite3.connect(store_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusyError, match="busy"):
            shifts.open("01", None, FLOAT, OPENED)
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert counts(store_engine)["shifts"] == 0
    assert shifts.open("01", None, FLOAT, OPENED).number == 1


def test_a_read_only_database_is_reported(store_engine: Engine, store_path: Path) -> None:
    shift = ShiftRepository(store_engine).open("01", None, FLOAT, OPENED)
    read_only = engine_with(store_path, "PRAGMA query_only=1")
    try:
        repository = ShiftRepository(read_only)
        with pytest.raises(StoreReadOnlyError):
            repository.close(shift.shift_id, None, FLOAT, OPENED, build_z(FLOAT, OPENED))
        assert repository.current("01") == shift  # reading still works
    finally:
        read_only.dispose()
    assert counts(store_engine)["z_reports"] == 0
