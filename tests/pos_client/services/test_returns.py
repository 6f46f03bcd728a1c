"""Returns over a real SQLite file, on sales made through the checkout: find the receipt, full
and partial returns, never more back than was sold, gap-free return numbers, the outbox row,
and returns without a receipt that need a manager."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from hardware.barcodes import VariableMeasureLayout
from pos_client.domain.cart import CartLine
from pos_client.domain.money import Money, round_half_up_div
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Quantity
from pos_client.domain.sale import SaleRecord
from pos_client.services.checkout import CheckoutService, TillIdentity
from pos_client.services.returns import (
    ApprovalRequiredError,
    ReceiptNotFoundError,
    ReturnError,
    ReturnService,
)
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.returns import ReturnRepository
from pos_client.store.sales import SalesRepository

NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
TILL = TillIdentity("WAW01", "01")
ZOLW_EAN = "5901234123457"
WATER_UPC_AS_GTIN13 = "0036000291452"
TOMATO_LABEL_1250_G = "2100042012509"


class Till:
    """A checkout and a return service on the same database, with a shared ticking clock."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.now = NOW
        self.catalogue = CatalogueRepository(engine)
        self.checkout = CheckoutService(
            self.catalogue, SalesRepository(engine), TILL, VariableMeasureLayout(), clock=self.tick
        )
        self.returns = ReturnService(
            SalesRepository(engine), ReturnRepository(engine), TILL, self.tick
        )

    def tick(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now

    def sell(self, *codes: str, tenders: list[tuple[Tender, Money]] | None = None) -> SaleRecord:
        for code in codes:
            assert isinstance(self.checkout.scan(code), CartLine)
        total = self.checkout.cart.total()
        return self.checkout.pay(tenders if tenders is not None else [(Tender.CASH, total)])

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        with self.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]


@pytest.fixture
def till(store_engine: Engine, catalogue_with_products: dict[str, int]) -> Till:
    return Till(store_engine)


@pytest.fixture
def sale(till: Till) -> SaleRecord:
    """3 x Żółw (14,97) and 1,250 kg tomatoes (16,24), paid in cash: receipt WAW01-01-000001."""
    return till.sell(ZOLW_EAN, ZOLW_EAN, ZOLW_EAN, TOMATO_LABEL_1250_G)


@pytest.mark.parametrize(
    "typed",
    ["WAW01-01-000001", "waw01-01-000001", "  WAW01-01-000001\n", "WAW01-01-1", "waw01 -01-001"],
)
def test_find_sale_by_receipt_number_typed_or_scanned(
    till: Till, sale: SaleRecord, typed: str
) -> None:
    assert till.returns.find_sale(typed) == sale


def test_an_unknown_receipt_says_only_this_stores_receipts_are_here(
    till: Till, sale: SaleRecord
) -> None:
    with pytest.raises(ReceiptNotFoundError, match="not found on this till") as raised:
        till.returns.find_sale("WAW01-01-000002")
    assert "offline" in str(raised.value)
    with pytest.raises(ReceiptNotFoundError, match="from store KRK02"):
        till.returns.find_sale("krk02-01-000001")
    with pytest.raises(ReturnError, match="not a receipt number"):
        till.returns.find_sale("hello")
    with pytest.raises(ReturnError, match="Type or scan"):
        till.returns.find_sale("   ")


def test_a_full_return_refunds_the_sale_and_queues_the_goods_for_stock(
    till: Till, sale: SaleRecord
) -> None:
    everything = {line.line_id: line.quantity.amount for line in sale.lines}
    result = till.returns.create_return(sale, everything, "klient rezygnuje", "cashier-1", None)
    assert result.return_number == "WAW01-01-R000001"
    assert result.total == sale.total
    assert [(p.tender, p.amount) for p in result.payments] == [(Tender.CASH, sale.total)]
    assert result.cashier_id == "cashier-1"
    assert result.reason == "klient rezygnuje"
    assert all(line.remaining == 0 for line in till.returns.returnable_lines(sale))
    outbox = till.rows("SELECT kind, aggregate_id, payload FROM outbox ORDER BY seq")
    assert [row[0] for row in outbox] == ["sale", "return"]
    assert outbox[1][1] == str(result.return_id)
    payload = json.loads(str(outbox[1][2]))
    assert [(line["product_id"], line["unit"], line["quantity"]) for line in payload["lines"]] == [
        (sale.lines[0].product_id, "piece", 3),
        (sale.lines[1].product_id, "kg", 1250),
    ]
    assert till.rows("SELECT COUNT(*) FROM audit_log") == [(0,)]  # nobody had to approve


def test_partial_returns_add_up_and_never_more_than_was_sold(till: Till, sale: SaleRecord) -> None:
    zolw, tomatoes = sale.lines
    first = till.returns.create_return(sale, {zolw.line_id: 1}, "zepsuty", None, None)
    assert first.total == Money(499)
    second = till.returns.create_return(
        sale, {zolw.line_id: 1, tomatoes.line_id: 500}, "zepsuty", None, None
    )
    assert second.total == Money(499 + round_half_up_div(tomatoes.total.grosze * 500, 1250))
    lines = till.returns.returnable_lines(sale)
    assert [(line.sold, line.returned, line.remaining) for line in lines] == [
        (3, 2, 1),
        (1250, 500, 750),
    ]
    with pytest.raises(ReturnError, match="Never more back than was sold") as raised:
        till.returns.create_return(sale, {zolw.line_id: 2}, "zepsuty", None, None)
    assert "Only 1 szt." in str(raised.value)
    assert "2 szt. returned before" in str(raised.value)
    last = till.returns.create_return(
        sale, {zolw.line_id: 1, tomatoes.line_id: 750}, "zepsuty", None, None
    )
    assert first.total + second.total + last.total == sale.total
    with pytest.raises(ReturnError, match="came back already"):
        till.returns.create_return(sale, {zolw.line_id: 1}, "zepsuty", None, None)
    assert [r.return_number for r in till.returns.returns_of(sale)] == [
        "WAW01-01-R000001",
        "WAW01-01-R000002",
        "WAW01-01-R000003",
    ]


def test_return_numbers_are_gap_free_refusals_use_none(till: Till, sale: SaleRecord) -> None:
    zolw = sale.lines[0]
    numbers = [till.returns.create_return(sale, {zolw.line_id: 1}, "x", None, None).return_number]
    for quantities, reason in (({zolw.line_id: 5}, "x"), ({zolw.line_id: 1}, "  ")):
        with pytest.raises(ReturnError):
            till.returns.create_return(sale, quantities, reason, None, None)
    numbers.append(
        till.returns.create_return(sale, {zolw.line_id: 1}, "x", None, None).return_number
    )
    other = till.sell(WATER_UPC_AS_GTIN13)
    numbers.append(
        till.returns.create_return(
            other, {other.lines[0].line_id: 1}, "x", None, None
        ).return_number
    )
    assert numbers == ["WAW01-01-R000001", "WAW01-01-R000002", "WAW01-01-R000003"]
    assert till.rows("SELECT value FROM counters WHERE name = 'return:01'") == [(3,)]


def test_a_reason_is_required(till: Till, sale: SaleRecord) -> None:
    with pytest.raises(ReturnError, match="reason"):
        till.returns.create_return(sale, {sale.lines[0].line_id: 1}, " \n ", None, None)
    assert till.rows("SELECT COUNT(*) FROM returns") == [(0,)]


def test_nothing_chosen_is_refused(till: Till, sale: SaleRecord) -> None:
    with pytest.raises(ReturnError, match="at least one"):
        till.returns.create_return(sale, {}, "x", None, None)


def test_a_split_sale_refunds_to_the_card_first(till: Till) -> None:
    sale = till.sell(
        ZOLW_EAN, ZOLW_EAN, tenders=[(Tender.CARD, Money(600)), (Tender.CASH, Money(2000))]
    )  # 9,98: 6,00 by card, 3,98 in cash
    line = sale.lines[0]
    preview = till.returns.preview(sale, {line.line_id: 1})
    assert preview.tenders == ((Tender.CARD, Money(499)),)
    first = till.returns.create_return(sale, {line.line_id: 1}, "x", None, None)
    assert [(p.tender, p.amount) for p in first.payments] == [(Tender.CARD, Money(499))]
    second = till.returns.create_return(sale, {line.line_id: 1}, "x", None, None)
    assert [(p.tender, p.amount) for p in second.payments] == [
        (Tender.CARD, Money(101)),
        (Tender.CASH, Money(398)),
    ]


def test_a_blind_return_needs_a_manager(till: Till) -> None:
    entry = till.catalogue.by_barcode(ZOLW_EAN)
    assert entry is not None
    lines = [(entry, Quantity.pieces(2), Money(998))]
    for approved_by in (None, ""):
        with pytest.raises(ApprovalRequiredError, match="a manager must approve") as raised:
            till.returns.create_blind_return(lines, "bez paragonu", "cashier-1", approved_by, None)
        assert isinstance(raised.value, ReturnError)
    assert till.rows("SELECT COUNT(*) FROM returns") == [(0,)]

    result = till.returns.create_blind_return(lines, "bez paragonu", "cashier-1", "manager-1", None)
    assert result.return_number == "WAW01-01-R000001"
    assert result.sale_id is None
    assert [(p.tender, p.amount) for p in result.payments] == [(Tender.CASH, Money(998))]
    assert till.rows("SELECT sale_id, approved_by, total FROM returns") == [
        (None, "manager-1", 998)
    ]
    assert till.rows("SELECT sale_line_id, quantity FROM return_lines") == [(None, 2)]
    assert till.rows("SELECT action, user_id, approved_by FROM audit_log") == [
        ("return", "cashier-1", "manager-1")
    ]
    assert till.rows("SELECT kind FROM outbox") == [("return",)]


def test_a_blind_return_refunds_at_most_todays_price(till: Till) -> None:
    zolw = till.catalogue.by_barcode(ZOLW_EAN)
    tomatoes = till.catalogue.by_sku("WAR-POM")
    assert zolw is not None
    assert tomatoes is not None
    refused = [
        ([(zolw, Quantity.pieces(2), Money(999))], "more than its price today"),
        ([(zolw, Quantity.grams(200), Money(100))], "sold by the piece"),
        ([(tomatoes, Quantity.pieces(1), Money(100))], "sold by weight"),
        ([(zolw, Quantity.pieces(1), Money(0))], "amount to give back"),
        ([], "at least one"),
    ]
    for lines, message in refused:
        with pytest.raises(ReturnError, match=message):
            till.returns.create_blind_return(lines, "x", None, "manager-1", None)
    with pytest.raises(ReturnError, match="reason"):
        till.returns.create_blind_return(
            [(zolw, Quantity.pieces(1), Money(499))], "", None, "manager-1", None
        )
    result = till.returns.create_blind_return(
        [(tomatoes, Quantity.grams(500), Money(650))], "x", None, "manager-1", None
    )
    assert result.lines[0].quantity == Quantity.grams(500)


def test_a_blind_return_is_checked_before_the_manager_is_asked(till: Till) -> None:
    zolw = till.catalogue.by_barcode(ZOLW_EAN)
    tomatoes = till.catalogue.by_sku("WAR-POM")
    assert zolw is not None
    assert tomatoes is not None

    total = till.returns.check_blind_return(
        [(zolw, Quantity.pieces(2), Money(900)), (tomatoes, Quantity.grams(500), Money(650))]
    )

    assert total == Money(1550)
    with pytest.raises(ReturnError, match="more than its price today"):
        till.returns.check_blind_return([(zolw, Quantity.pieces(1), Money(500))])
    with pytest.raises(ReturnError, match="at least one"):
        till.returns.check_blind_return([])
    assert till.rows("SELECT COUNT(*) FROM returns") == [(0,)]
    assert till.rows("SELECT COUNT(*) FROM audit_log") == [(0,)]


def test_a_blind_return_can_go_back_to_the_card(till: Till) -> None:
    zolw = till.catalogue.by_barcode(ZOLW_EAN)
    assert zolw is not None

    result = till.returns.create_blind_return(
        [(zolw, Quantity.pieces(1), Money(499))], "x", None, "manager-1", None, Tender.CARD
    )

    assert [(p.tender, p.amount) for p in result.payments] == [(Tender.CARD, Money(499))]
    assert till.rows("SELECT tender, amount FROM return_payments") == [("card", 499)]
