"""Shifts through the services, over a real SQLite file: a sale needs an open shift, cash in and
out, X and Z reports whose figures are checked against an independent computation straight from
the stored sales, payments, lines and returns (SQL), and Z numbers without gaps."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from hardware.barcodes import VariableMeasureLayout
from pos_client.domain.cart import CartLine
from pos_client.domain.cash import CashCount
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.shift_report import CARD, CASH, ReportKind, ShiftReport, report_lines
from pos_client.services.checkout import CheckoutService, SaleError, TillIdentity, WeightNeeded
from pos_client.services.shifts import ShiftError, ShiftService
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.journal import append_audit
from pos_client.store.models import ReturnLine, ReturnPayment, SaleReturn
from pos_client.store.sales import SalesRepository
from pos_client.store.shifts import ShiftRepository

ZOLW_EAN = "5901234123457"  # 4,99 zł, VAT A
TOMATO_EAN = "4006381333931"  # 12,99 zł/kg, VAT C
WATER_EAN = "0036000291452"  # 2,49 zł, VAT A
BREAD_EAN = "0000096385074"  # 6,50 zł, VAT C
FLOAT = CashCount({10000: 2, 5000: 4, 2000: 5, 1000: 10})  # 600 zł in notes
RATES_PERCENT = {"A": 23, "B": 8, "C": 5, "D": 0, "E": None}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 14, 7, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def shifts(store_engine: Engine, clock: Clock) -> ShiftService:
    return ShiftService(ShiftRepository(store_engine), "01", clock)


@pytest.fixture
def checkout(
    store_engine: Engine,
    catalogue_with_products: dict[str, int],
    shifts: ShiftService,
    clock: Clock,
) -> CheckoutService:
    service = CheckoutService(
        CatalogueRepository(store_engine),
        SalesRepository(store_engine),
        TillIdentity("WAW01", "01"),
        VariableMeasureLayout(),
        clock=clock,
        shifts=shifts,
    )
    service.cashier_id = "u-anna"
    return service


def sell(
    checkout: CheckoutService,
    codes: list[str],
    tenders: list[tuple[Tender, int]],
    basket_discount: int = 0,
) -> None:
    for code in codes:
        assert isinstance(checkout.scan(code), CartLine)
    if basket_discount:
        checkout.cart.set_basket_discount(Money(basket_discount))
    checkout.pay([(tender, Money(amount)) for tender, amount in tenders])


def add_return(
    engine: Engine, shift_id: str, sequence: int, vat_class: str, amount: int, tender: str
) -> None:
    """A refund written into the returns tables, as the returns service stores it."""
    with Session(engine) as session, session.begin():
        session.add(
            SaleReturn(
                id=str(uuid.uuid4()),
                return_number=f"WAW01-01-Z{sequence:06d}",
                till_id="01",
                sequence=sequence,
                sale_id=None,
                shift_id=shift_id,
                created_at=datetime(2025, 3, 14, 12, 0, tzinfo=UTC).isoformat(),
                cashier_id="u-anna",
                approved_by="u-boss",
                reason="zwrot",
                total=amount,
                lines=[
                    ReturnLine(
                        id=str(uuid.uuid4()),
                        position=0,
                        sale_line_id=None,
                        product_id=1,
                        sku="CZK-040",
                        name="Żółw czekoladowy 40 g",
                        vat_class=vat_class,
                        unit="piece",
                        quantity=1,
                        total=amount,
                    )
                ],
                payments=[
                    ReturnPayment(id=str(uuid.uuid4()), position=0, tender=tender, amount=amount)
                ],
            )
        )


def scalar(engine: Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def independent(engine: Engine, shift_id: str) -> dict[str, Any]:
    """The report's figures computed straight from the stored rows with SQL (no report code)."""
    by_sale = "JOIN sales s ON s.id = p.sale_id WHERE s.shift_id = :id"
    by_return = "JOIN returns r ON r.id = p.return_id WHERE r.shift_id = :id"
    q = {"id": shift_id}
    figures: dict[str, Any] = {
        "cash": scalar(
            engine,
            f"SELECT COALESCE(SUM(amount), 0) FROM sale_payments p {by_sale} AND tender = 'cash'",
            **q,
        ),
        "cash_tendered_minus_change": scalar(
            engine,
            f"SELECT COALESCE(SUM(tendered), 0) FROM sale_payments p {by_sale} AND tender = 'cash'",
            **q,
        )
        - scalar(engine, "SELECT COALESCE(SUM(change), 0) FROM sales WHERE shift_id = :id", **q),
        "card": scalar(
            engine,
            f"SELECT COALESCE(SUM(amount), 0) FROM sale_payments p {by_sale} AND tender = 'card'",
            **q,
        ),
        "cash_refunds": scalar(
            engine,
            f"SELECT COALESCE(SUM(amount), 0) FROM return_payments p {by_return} "
            "AND tender = 'cash'",
            **q,
        ),
        "card_refunds": scalar(
            engine,
            f"SELECT COALESCE(SUM(amount), 0) FROM return_payments p {by_return} "
            "AND tender = 'card'",
            **q,
        ),
        "sales_total": scalar(
            engine, "SELECT COALESCE(SUM(total), 0) FROM sales WHERE shift_id = :id", **q
        ),
        "returns_total": scalar(
            engine, "SELECT COALESCE(SUM(total), 0) FROM returns WHERE shift_id = :id", **q
        ),
        "discounts": scalar(
            engine,
            "SELECT COALESCE(SUM(l.line_discount + l.basket_discount), 0) FROM sale_lines l "
            "JOIN sales s ON s.id = l.sale_id WHERE s.shift_id = :id",
            **q,
        ),
        "sale_count": scalar(engine, "SELECT COUNT(*) FROM sales WHERE shift_id = :id", **q),
        "return_count": scalar(engine, "SELECT COUNT(*) FROM returns WHERE shift_id = :id", **q),
        "first": scalar(
            engine,
            "SELECT receipt_number FROM sales WHERE shift_id = :id ORDER BY sequence LIMIT 1",
            **q,
        ),
        "last": scalar(
            engine,
            "SELECT receipt_number FROM sales WHERE shift_id = :id ORDER BY sequence DESC LIMIT 1",
            **q,
        ),
        "float": scalar(engine, "SELECT opening_float FROM shifts WHERE id = :id", **q),
        "cash_in": scalar(
            engine,
            "SELECT COALESCE(SUM(amount), 0) FROM cash_movements "
            "WHERE shift_id = :id AND kind = 'in'",
            **q,
        ),
        "cash_out": scalar(
            engine,
            "SELECT COALESCE(SUM(amount), 0) FROM cash_movements "
            "WHERE shift_id = :id AND kind = 'out'",
            **q,
        ),
    }
    with engine.connect() as connection:
        result = connection.execute(
            text(
                "SELECT vat_class, SUM(total) FROM ("
                " SELECT l.vat_class, l.total FROM sale_lines l"
                " JOIN sales s ON s.id = l.sale_id WHERE s.shift_id = :id"
                " UNION ALL"
                " SELECT l.vat_class, -l.total FROM return_lines l"
                " JOIN returns r ON r.id = l.return_id WHERE r.shift_id = :id"
                ") GROUP BY vat_class ORDER BY vat_class"
            ),
            q,
        ).all()
    gross: dict[str, int] = {str(vat_class): int(amount) for vat_class, amount in result}
    vat: dict[str, int] = {}
    for vat_class, amount in gross.items():
        rate = RATES_PERCENT[vat_class]
        vat[vat_class] = 0 if not rate else half_up(Decimal(amount) * rate / (100 + rate))
    figures["vat_gross"] = gross
    figures["vat"] = vat
    figures["expected_cash"] = (
        figures["float"]
        + figures["cash"]
        - figures["cash_refunds"]
        + figures["cash_in"]
        - figures["cash_out"]
    )
    return figures


def assert_report_matches(report: ShiftReport, sql: dict[str, Any]) -> None:
    assert report.sales_by(CASH).grosze == sql["cash"] == sql["cash_tendered_minus_change"]
    assert report.sales_by(CARD).grosze == sql["card"]
    assert report.refunds_by(CASH).grosze == sql["cash_refunds"]
    assert report.refunds_by(CARD).grosze == sql["card_refunds"]
    assert report.sales_total.grosze == sql["sales_total"] == sql["cash"] + sql["card"]
    assert report.returns_total.grosze == sql["returns_total"]
    assert report.discounts.grosze == sql["discounts"]
    assert (report.sale_count, report.return_count) == (sql["sale_count"], sql["return_count"])
    assert (report.first_receipt, report.last_receipt) == (sql["first"], sql["last"])
    assert report.opening_float.grosze == sql["float"]
    assert (report.cash_in.grosze, report.cash_out.grosze) == (sql["cash_in"], sql["cash_out"])
    assert {row.vat_class.value: row.gross.grosze for row in report.vat} == sql["vat_gross"]
    assert {row.vat_class.value: row.vat.grosze for row in report.vat} == sql["vat"]
    assert report.expected_cash.grosze == sql["expected_cash"]
    expected_card = sql["card"] - sql["card_refunds"]
    assert dict(report.expected_by_tender)[CARD].grosze == expected_card


def test_a_sale_without_an_open_shift_is_refused_and_the_cart_is_kept(
    store_engine: Engine, checkout: CheckoutService, shifts: ShiftService
) -> None:
    checkout.scan(ZOLW_EAN)
    checkout.scan(WATER_EAN)
    before = checkout.cart.lines

    with pytest.raises(SaleError, match="Open a shift first"):
        checkout.pay([(Tender.CASH, Money(1000))])

    assert checkout.cart.lines == before
    assert scalar(store_engine, "SELECT COUNT(*) FROM sales") == 0
    assert scalar(store_engine, "SELECT COUNT(*) FROM counters") == 0
    shifts.open_shift(FLOAT)
    sale = checkout.pay([(Tender.CASH, Money(1000))])  # the same cart, once a shift is open
    assert sale.receipt_number == "WAW01-01-000001"
    assert checkout.cart.is_empty()


def test_sales_carry_the_shift_and_the_cashier(
    store_engine: Engine, checkout: CheckoutService, shifts: ShiftService
) -> None:
    shift = shifts.open_shift(FLOAT, "u-anna")
    sell(checkout, [ZOLW_EAN], [(Tender.CARD, 499)])
    with store_engine.connect() as connection:
        row = connection.execute(text("SELECT shift_id, cashier_id FROM sales")).one()
    assert tuple(row) == (shift.shift_id, "u-anna")
    last = checkout.last_sale()
    assert last is not None
    assert (last.shift_id, last.cashier_id) == (shift.shift_id, "u-anna")


def test_a_sale_after_the_shift_closed_is_refused(
    checkout: CheckoutService, shifts: ShiftService
) -> None:
    shifts.open_shift(FLOAT)
    checkout.scan(ZOLW_EAN)
    shifts.close_shift(FLOAT)
    with pytest.raises(SaleError, match="Open a shift first"):
        checkout.pay([(Tender.CASH, Money(500))])
    assert len(checkout.cart.lines) == 1


def test_a_shift_with_x_and_z_reports_matches_the_stored_sales(
    store_engine: Engine, checkout: CheckoutService, shifts: ShiftService, clock: Clock
) -> None:
    shift = shifts.open_shift(FLOAT, "u-anna")
    assert shifts.current_shift() == shift
    clock.tick()
    sell(checkout, [ZOLW_EAN, ZOLW_EAN, BREAD_EAN], [(Tender.CASH, 2000)])  # change 3,52
    clock.tick()
    sell(checkout, [WATER_EAN, BREAD_EAN], [(Tender.CARD, 899)])
    clock.tick()
    sell(checkout, [ZOLW_EAN, WATER_EAN, BREAD_EAN], [(Tender.CARD, 500), (Tender.CASH, 5000)])
    clock.tick()
    sell(checkout, [ZOLW_EAN, BREAD_EAN, BREAD_EAN], [(Tender.CASH, 2000)], basket_discount=149)
    weigh = checkout.scan(TOMATO_EAN)
    assert isinstance(weigh, WeightNeeded)
    checkout.add_weighed(weigh.entry, 1234)
    checkout.pay([(Tender.CARD, checkout.cart.total())])
    clock.tick()
    shifts.cash_in(Money(5000), "rozmienne z sejfu", "u-boss")
    shifts.cash_out(Money(30000), "do sejfu", "u-boss")
    add_return(store_engine, shift.shift_id, 1, "A", 499, "cash")
    add_return(store_engine, shift.shift_id, 2, "C", 650, "card")
    with Session(store_engine) as session, session.begin():
        for action in ("void_line", "void_sale", "login"):
            append_audit(
                session,
                at=clock.tick(),
                action=action,
                user_id="u-anna",
                approved_by=None,
                sale_id=None,
                reason="",
                details={},
            )

    clock.tick(60)
    reading = shifts.x_report("u-boss")
    sql = independent(store_engine, shift.shift_id)

    assert reading.kind is ReportKind.X
    assert_report_matches(reading, sql)
    assert sql["sale_count"] == 5
    assert sql["first"] == "WAW01-01-000001"
    assert sql["last"] == "WAW01-01-000005"
    assert sql["discounts"] == 149
    assert reading.voids == 2
    assert shifts.expected_cash() == reading.expected_cash
    assert any("RAPORT X" in line for line in report_lines(reading))

    assert reading.expected_cash == Money(60000 + 4196 - 499 + 5000 - 30000)
    # 386,96 zł counted: one grosz short.
    counted = CashCount(
        {20000: 1, 10000: 1, 5000: 1, 2000: 1, 1000: 1, 500: 1, 100: 1, 50: 1, 20: 2, 5: 1, 1: 1}
    )
    clock.tick()
    report = shifts.close_shift(counted, "u-boss")

    assert report.kind is ReportKind.Z
    assert report.number == 1
    assert_report_matches(report, independent(store_engine, shift.shift_id))
    assert report.counted_cash == Money(38696)
    assert report.difference == Money(-1)
    assert dict(report.counted_by_tender or ())[CARD] == dict(report.expected_by_tender)[CARD]
    assert report.created_at == clock.now
    assert shifts.current_shift() is None
    assert shifts.z_report(1) == report
    assert shifts.z_reports() == [report]
    assert "RAPORT DOBOWY Z nr 1" in "\n".join(report_lines(report))


def test_z_numbers_run_1_2_3_across_shifts(
    store_engine: Engine, checkout: CheckoutService, shifts: ShiftService, clock: Clock
) -> None:
    numbers = []
    for _ in range(3):
        shifts.open_shift(FLOAT)
        sell(checkout, [ZOLW_EAN], [(Tender.CASH, 499)])
        clock.tick(600)
        numbers.append(shifts.close_shift(FLOAT).number)
    assert numbers == [1, 2, 3]
    assert [report.number for report in shifts.z_reports()] == [1, 2, 3]
    assert [report.shift_number for report in shifts.z_reports()] == [1, 2, 3]
    assert [r.last_receipt for r in shifts.z_reports()] == [
        "WAW01-01-000001",
        "WAW01-01-000002",
        "WAW01-01-000003",
    ]
    assert scalar(store_engine, "SELECT COUNT(*) FROM z_reports") == 3


def test_cash_out_above_the_drawer_is_refused(
    store_engine: Engine, checkout: CheckoutService, shifts: ShiftService
) -> None:
    shifts.open_shift(FLOAT)  # 600 zł
    sell(checkout, [ZOLW_EAN], [(Tender.CASH, 1000)])  # 4,99 stays in the drawer
    sell(checkout, [WATER_EAN], [(Tender.CARD, 249)])  # card: not in the drawer

    with pytest.raises(ShiftError, match="should hold only 604,99"):
        shifts.cash_out(Money(60500), "do sejfu")
    assert scalar(store_engine, "SELECT COUNT(*) FROM cash_movements") == 0

    shifts.cash_out(Money(60499), "do sejfu")
    assert shifts.expected_cash() == Money.zero()
    with pytest.raises(ShiftError, match="should hold only"):
        shifts.cash_out(Money(1), "reszta")
    shifts.cash_in(Money(2000), "rozmienne")
    shifts.cash_out(Money(2000), "znowu do sejfu")
    assert scalar(store_engine, "SELECT COUNT(*) FROM cash_movements") == 3


@pytest.mark.parametrize(
    ("amount", "reason", "message"),
    [
        (0, "rozmienne", "above zero"),
        (-100, "rozmienne", "above zero"),
        (100, "   ", "reason"),
        (100_000_001, "sejf", "not plausible"),
    ],
)
def test_cash_movements_need_an_amount_and_a_reason(
    store_engine: Engine, shifts: ShiftService, amount: int, reason: str, message: str
) -> None:
    shifts.open_shift(FLOAT)
    with pytest.raises(ShiftError, match=message):
        shifts.cash_in(Money(amount), reason)
    assert scalar(store_engine, "SELECT COUNT(*) FROM cash_movements") == 0


def test_refusals_without_an_open_shift(shifts: ShiftService) -> None:
    with pytest.raises(ShiftError, match="open a shift first"):
        shifts.cash_in(Money(100), "rozmienne")
    with pytest.raises(ShiftError, match="open a shift first"):
        shifts.x_report()
    with pytest.raises(ShiftError, match="open a shift first"):
        shifts.close_shift(FLOAT)
    with pytest.raises(ShiftError, match="no Z report number 1"):
        shifts.z_report(1)
    assert shifts.z_reports() == []


def test_a_shift_cannot_be_opened_twice(shifts: ShiftService) -> None:
    first = shifts.open_shift(FLOAT)
    with pytest.raises(ShiftError, match="already open"):
        shifts.open_shift(CashCount())
    assert shifts.current_shift() == first
    assert shifts.till_id == "01"


def test_an_empty_drawer_can_open_and_close(shifts: ShiftService) -> None:
    shift = shifts.open_shift(CashCount())
    assert shift.opening_float == Money.zero()
    report = shifts.close_shift(CashCount())
    assert (report.expected_cash, report.difference, report.sale_count) == (
        Money.zero(),
        Money.zero(),
        0,
    )
