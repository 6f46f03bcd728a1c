"""Checkout over a real SQLite file: scanning, weighing, quantities, paying, and failures that
keep the sale on screen."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from hardware.barcodes import MeasureKind, VariableMeasureLayout
from pos_client.domain.cart import CartLine
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Quantity, Unit
from pos_client.services.checkout import CheckoutService, SaleError, TillIdentity, WeightNeeded
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.database import create_store_engine
from pos_client.store.errors import StoreBusyError, StoreError
from pos_client.store.sales import SalesRepository

AddProduct = Callable[..., int]

NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
TILL = TillIdentity("WAW01", "01")

ZOLW_EAN = "5901234123457"
TOMATO_EAN = "4006381333931"
TOMATO_LABEL_1250_G = "2100042012509"  # 21 + item 00042 + 1250 g + check digit


def make_checkout(
    catalogue_engine: Engine,
    sales_engine: Engine | None = None,
    layout: VariableMeasureLayout | None = None,
) -> CheckoutService:
    return CheckoutService(
        CatalogueRepository(catalogue_engine),
        SalesRepository(sales_engine or catalogue_engine),
        TILL,
        layout or VariableMeasureLayout(),
        clock=lambda: NOW,
    )


@pytest.fixture
def checkout(store_engine: Engine, catalogue_with_products: dict[str, int]) -> CheckoutService:
    return make_checkout(store_engine)


def scan_line(checkout: CheckoutService, code: str) -> CartLine:
    outcome = checkout.scan(code)
    assert isinstance(outcome, CartLine)
    return outcome


def sales_count(engine: Engine) -> tuple[int, int]:
    with engine.connect() as connection:
        sales = connection.execute(text("SELECT COUNT(*) FROM sales")).scalar_one()
        outbox = connection.execute(text("SELECT COUNT(*) FROM outbox")).scalar_one()
    return int(sales), int(outbox)


def test_scanning_an_ean_adds_a_line(checkout: CheckoutService) -> None:
    line = scan_line(checkout, ZOLW_EAN)
    assert checkout.cart.lines == (line,)
    assert line.product.sku == "CZK-040"
    assert line.product.name == "Żółw czekoladowy 40 g"
    assert line.product.unit_price == Money(499)
    assert line.product.barcode == ZOLW_EAN
    assert line.quantity == Quantity.pieces(1)
    assert checkout.cart.total() == Money(499)


def test_scanning_twice_merges(checkout: CheckoutService) -> None:
    first = scan_line(checkout, ZOLW_EAN)
    second = scan_line(checkout, f"{ZOLW_EAN}\r")
    assert second.line_id == first.line_id
    assert len(checkout.cart.lines) == 1
    assert checkout.cart.lines[0].quantity == Quantity.pieces(2)
    assert checkout.cart.total() == Money(998)


def test_upc_a_and_ean_8_find_their_gtin_13(checkout: CheckoutService) -> None:
    assert scan_line(checkout, "036000291452").product.sku == "NAP-WOD"
    assert scan_line(checkout, "96385074").product.sku == "PIE-CHL"
    assert checkout.cart.total() == Money(249 + 650)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("4006381333900", "Unknown barcode"),  # valid check digit, no such product
        ("5900000000008", "Unknown barcode"),  # an inactive product
        ("5901234123458", "check digit"),
        ("96385075", "check digit"),
        ("12345", "digits"),
        ("", "Nothing"),
        ("   ", "Nothing"),
        ("XYZ-999", "Unknown code"),
        ("OLD-001", "Unknown code"),  # inactive product's SKU
        ("²²²²²²²²", "not a product barcode"),
    ],
)
def test_refused_scans_leave_the_cart_unchanged(
    checkout: CheckoutService, code: str, message: str
) -> None:
    scan_line(checkout, ZOLW_EAN)
    before = checkout.cart.lines
    with pytest.raises(SaleError, match=message):
        checkout.scan(code)
    assert checkout.cart.lines == before
    assert checkout.cart.total() == Money(499)


@pytest.mark.parametrize("typed", ["CZK-040", "czk-040", " Czk-040 "])
def test_a_typed_sku_adds_the_product(checkout: CheckoutService, typed: str) -> None:
    line = scan_line(checkout, typed)
    assert line.product.sku == "CZK-040"
    assert line.product.unit_price == Money(499)


def test_a_weighed_product_by_its_own_ean_needs_a_weight(checkout: CheckoutService) -> None:
    outcome = checkout.scan(TOMATO_EAN)
    assert isinstance(outcome, WeightNeeded)
    assert outcome.entry.sku == "WAR-POM"
    assert outcome.entry.unit is Unit.KILOGRAM
    assert checkout.cart.is_empty()
    line = checkout.add_weighed(outcome.entry, 1250)
    assert line.quantity == Quantity.grams(1250)
    assert line.gross == Money(1624)  # 12,99 zł/kg x 1,250 kg = 16,2375 zł
    assert checkout.cart.total() == Money(1624)


@pytest.mark.parametrize("grams", [0, -5, 50_001])
def test_an_impossible_weight_is_refused(checkout: CheckoutService, grams: int) -> None:
    outcome = checkout.scan(TOMATO_EAN)
    assert isinstance(outcome, WeightNeeded)
    with pytest.raises(SaleError, match="Quantity refused"):
        checkout.add_weighed(outcome.entry, grams)
    assert checkout.cart.is_empty()


def test_an_in_store_weight_label_adds_grams(checkout: CheckoutService) -> None:
    line = scan_line(checkout, TOMATO_LABEL_1250_G)
    assert line.product.sku == "WAR-POM"
    assert line.quantity == Quantity.grams(1250)
    assert line.gross == Money(1624)
    # A second label is a second line (weighed lines never merge).
    scan_line(checkout, "2100042005006")  # 500 g
    assert [line.quantity for line in checkout.cart.lines] == [
        Quantity.grams(1250),
        Quantity.grams(500),
    ]
    assert checkout.cart.total() == Money(1624 + 650)


def test_in_store_labels_that_cannot_be_sold(
    store_engine: Engine, checkout: CheckoutService, add_product: AddProduct
) -> None:
    add_product("CUK-001", "Cukierki na sztuki", price=50, barcodes=["2100077000007"])
    with pytest.raises(SaleError, match="Unknown barcode"):
        checkout.scan("2100099012507")  # no item 00099
    with pytest.raises(SaleError, match="not sold by weight"):
        checkout.scan("2100077012505")
    assert checkout.cart.is_empty()


def test_a_bare_in_store_code_asks_for_the_weight(checkout: CheckoutService) -> None:
    outcome = checkout.scan("2100042000001")  # the tomatoes' code with no weight on it

    assert isinstance(outcome, WeightNeeded)
    assert outcome.entry.name == "Pomidory malinowe"
    assert checkout.cart.is_empty()


def test_an_in_store_price_label(store_engine: Engine, add_product: AddProduct) -> None:
    add_product("SER-KRO", "Ser krojony na wagę", price=3999, barcodes=["2312345000002"])
    layout = VariableMeasureLayout(
        prefixes=frozenset({"23"}),
        item_digits=5,
        value_digits=4,
        kind=MeasureKind.PRICE_GROSZE,
        price_verifier=True,
    )
    checkout = make_checkout(store_engine, layout=layout)
    line = scan_line(checkout, "2312345928757")  # price 28,75 zł with its verifier 9
    assert line.product.sku == "SER-KRO"
    assert line.product.unit_price == Money(2875)
    assert line.quantity == Quantity.pieces(1)
    assert checkout.cart.total() == Money(2875)


def test_a_product_without_a_valid_price_is_refused(
    store_engine: Engine, checkout: CheckoutService, add_product: AddProduct
) -> None:
    add_product("BEZ-CEN", "Bez ceny", barcodes=["5900000000015"])
    with pytest.raises(SaleError, match="no valid price"):
        checkout.scan("5900000000015")
    assert checkout.cart.is_empty()


def test_set_quantity(checkout: CheckoutService) -> None:
    line = scan_line(checkout, ZOLW_EAN)
    updated = checkout.set_quantity(line.line_id, 5)
    assert updated.quantity == Quantity.pieces(5)
    assert checkout.cart.total() == Money(2495)


@pytest.mark.parametrize("amount", [100_000, 1000, 0, -1])
def test_an_absurd_quantity_is_refused(checkout: CheckoutService, amount: int) -> None:
    line = scan_line(checkout, ZOLW_EAN)
    with pytest.raises(SaleError, match="Quantity refused"):
        checkout.set_quantity(line.line_id, amount)
    assert checkout.cart.lines == (line,)


def test_an_absurd_weight_is_refused(checkout: CheckoutService) -> None:
    line = scan_line(checkout, TOMATO_LABEL_1250_G)
    with pytest.raises(SaleError, match="Quantity refused"):
        checkout.set_quantity(line.line_id, 100_000)
    assert checkout.cart.lines == (line,)
    assert checkout.set_quantity(line.line_id, 2000).gross == Money(2598)


def test_quantity_of_a_line_no_longer_in_the_sale(checkout: CheckoutService) -> None:
    line = scan_line(checkout, ZOLW_EAN)
    checkout.void_line(line.line_id)
    with pytest.raises(SaleError, match="no longer"):
        checkout.set_quantity(line.line_id, 2)
    with pytest.raises(SaleError, match="no longer"):
        checkout.void_line(line.line_id)


def test_scanning_past_the_piece_limit_is_a_sale_error(checkout: CheckoutService) -> None:
    line = scan_line(checkout, ZOLW_EAN)
    checkout.set_quantity(line.line_id, 999)
    with pytest.raises(SaleError):
        checkout.scan(ZOLW_EAN)
    assert checkout.cart.lines[0].quantity == Quantity.pieces(999)


def test_step_quantity(checkout: CheckoutService) -> None:
    line = scan_line(checkout, ZOLW_EAN)
    assert checkout.step_quantity(line.line_id, +1).quantity == Quantity.pieces(2)
    assert checkout.step_quantity(line.line_id, -1).quantity == Quantity.pieces(1)
    with pytest.raises(SaleError, match="Quantity refused"):
        checkout.step_quantity(line.line_id, -1)
    weighed = scan_line(checkout, TOMATO_LABEL_1250_G)
    with pytest.raises(SaleError, match="weigh it again"):
        checkout.step_quantity(weighed.line_id, +1)


def test_void_line_and_sale(checkout: CheckoutService) -> None:
    zolw = scan_line(checkout, ZOLW_EAN)
    water = scan_line(checkout, "036000291452")
    assert checkout.void_line(zolw.line_id) == zolw
    assert checkout.cart.lines == (water,)
    checkout.void_sale()
    assert checkout.cart.is_empty()
    checkout.void_sale()  # voiding an empty sale is harmless


def test_pay_cash_with_change_commits_and_empties_the_cart(
    store_engine: Engine, checkout: CheckoutService
) -> None:
    scan_line(checkout, ZOLW_EAN)
    scan_line(checkout, ZOLW_EAN)
    scan_line(checkout, TOMATO_LABEL_1250_G)
    lines = checkout.cart.lines
    assert checkout.cart.total() == Money(2622)

    sale = checkout.pay([(Tender.CASH, Money(3000))])

    assert sale.receipt_number == "WAW01-01-000001"
    assert sale.total == Money(2622)
    assert sale.change == Money(378)
    assert sale.created_at == NOW
    assert [line.line_id for line in sale.lines] == [line.line_id for line in lines]
    assert [(p.tender, p.amount, p.tendered) for p in sale.payments] == [
        (Tender.CASH, Money(2622), Money(3000))
    ]
    assert checkout.cart.is_empty()
    assert checkout.last_sale() == sale
    assert sales_count(store_engine) == (1, 1)
    with store_engine.connect() as connection:
        payload = connection.execute(text("SELECT payload FROM outbox")).scalar_one()
    assert json.loads(payload) == sale.to_json()

    scan_line(checkout, "036000291452")
    second = checkout.pay([(Tender.CARD, Money(249))])
    assert second.receipt_number == "WAW01-01-000002"
    assert second.change == Money(0)


def test_pay_split_card_and_cash(checkout: CheckoutService) -> None:
    scan_line(checkout, TOMATO_LABEL_1250_G)
    sale = checkout.pay([(Tender.CARD, Money(1000)), (Tender.CASH, Money(700))])
    assert [(p.tender, p.amount) for p in sale.payments] == [
        (Tender.CARD, Money(1000)),
        (Tender.CASH, Money(624)),
    ]
    assert sale.change == Money(76)


@pytest.mark.parametrize(
    ("tenders", "message"),
    [
        ([(Tender.CASH, Money(100))], "still to pay"),
        ([(Tender.CARD, Money(600))], "card"),
        ([], "still to pay"),
    ],
)
def test_refused_payments_keep_the_sale(
    store_engine: Engine,
    checkout: CheckoutService,
    tenders: list[tuple[Tender, Money]],
    message: str,
) -> None:
    scan_line(checkout, ZOLW_EAN)
    lines = checkout.cart.lines
    with pytest.raises(SaleError, match=message):
        checkout.pay(tenders)
    assert checkout.cart.lines == lines
    assert sales_count(store_engine) == (0, 0)


def test_paying_an_empty_sale_is_refused(checkout: CheckoutService) -> None:
    with pytest.raises(SaleError, match="empty"):
        checkout.pay([(Tender.CASH, Money(100))])


@pytest.fixture
def impatient_engine(store_engine: Engine, store_path: Path) -> Iterator[Engine]:
    """The store with a 50 ms busy timeout, so a held lock fails fast."""
    engine = create_store_engine(store_path)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=50")

    event.listen(engine, "connect", on_connect)
    yield engine
    engine.dispose()


def test_a_locked_database_keeps_the_sale_until_it_can_be_paid(
    store_engine: Engine,
    store_path: Path,
    impatient_engine: Engine,
    catalogue_with_products: dict[str, int],
) -> None:
    checkout = make_checkout(store_engine, sales_engine=impatient_engine)
    scan_line(checkout, ZOLW_EAN)
    scan_line(checkout, TOMATO_LABEL_1250_G)
    lines = checkout.cart.lines
    total = checkout.cart.total()

    holder = sqlite3.connect(store_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises((SaleError, StoreError)) as raised:
            checkout.pay([(Tender.CASH, Money(5000))])
        assert isinstance(raised.value, StoreBusyError)
        assert checkout.cart.lines == lines  # nothing lost
        assert checkout.cart.total() == total
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert sales_count(store_engine) == (0, 0)

    sale = checkout.pay([(Tender.CASH, Money(5000))])
    assert sale.receipt_number == "WAW01-01-000001"  # the failed attempt used no number
    assert [line.line_id for line in sale.lines] == [line.line_id for line in lines]
    assert sale.change == Money(5000) - total
    assert checkout.cart.is_empty()
    assert sales_count(store_engine) == (1, 1)
