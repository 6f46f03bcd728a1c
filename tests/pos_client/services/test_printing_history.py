"""Receipts from history for printing again: a sale or a return found by its number as typed or
scanned, and the till's latest sales newest first, on a real database."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from hardware.barcodes import VariableMeasureLayout
from pos_client.domain.cart import CartLine
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.sale import SaleRecord
from pos_client.services.checkout import CheckoutService, TillIdentity
from pos_client.services.receipt_history import ReceiptHistory
from pos_client.services.returns import ReceiptNotFoundError, ReturnError, ReturnService
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.returns import ReturnRepository
from pos_client.store.sales import SalesRepository
from tests.conftest import WATER_UPC_AS_GTIN13, ZOLW_EAN

TILL = TillIdentity("WAW01", "01")


class Shop:
    def __init__(self, engine: Engine) -> None:
        sales = SalesRepository(engine)
        self.checkout = CheckoutService(
            CatalogueRepository(engine), sales, TILL, VariableMeasureLayout()
        )
        self.returns = ReturnService(sales, ReturnRepository(engine), TILL)
        self.history = ReceiptHistory(sales, ReturnRepository(engine), self.returns, TILL)

    def sell(self, code: str = ZOLW_EAN) -> SaleRecord:
        assert isinstance(self.checkout.scan(code), CartLine)
        return self.checkout.pay([(Tender.CARD, self.checkout.cart.total())])


@pytest.fixture
def shop(store_engine: Engine, catalogue_with_products: dict[str, int]) -> Shop:
    return Shop(store_engine)


@pytest.mark.parametrize("typed", ["WAW01-01-000002", "waw01-01-000002", " WAW01-01-2\n"])
def test_a_sale_by_its_number(shop: Shop, typed: str) -> None:
    shop.sell()
    second = shop.sell(WATER_UPC_AS_GTIN13)

    assert shop.history.find(typed) == second


@pytest.mark.parametrize("typed", ["WAW01-01-R000001", "waw01-01-r000001", "WAW01-01-R1"])
def test_a_return_by_its_number(shop: Shop, typed: str) -> None:
    sale = shop.sell()
    (line,) = sale.lines
    made = shop.returns.create_return(sale, {line.line_id: 1}, "uszkodzony", None, None)

    found = shop.history.find(typed)

    assert found == made
    assert found.total == Money(499)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("WAW01-01-000009", "Receipt WAW01-01-000009 was not found on this till"),
        ("WAW01-01-R000009", "Return WAW01-01-R000009 was not found on this till"),
        ("KRK02-01-000001", "KRK02"),
        ("paragon", "is not a receipt number"),
        ("", "Type or scan the receipt number"),
    ],
)
def test_what_is_not_here_is_said(shop: Shop, typed: str, message: str) -> None:
    shop.sell()

    with pytest.raises(ReturnError, match=message) as refused:
        shop.history.find(typed)

    if typed.startswith(("WAW01-01-0", "WAW01-01-R")):
        assert isinstance(refused.value, ReceiptNotFoundError)


def test_the_latest_sales_newest_first_up_to_the_limit(shop: Shop) -> None:
    assert shop.history.recent() == []
    sales = [shop.sell() for _ in range(5)]

    assert shop.history.recent() == sales[::-1]
    assert [sale.receipt_number for sale in shop.history.recent(3)] == [
        "WAW01-01-000005",
        "WAW01-01-000004",
        "WAW01-01-000003",
    ]
