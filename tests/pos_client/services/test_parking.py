"""Parking sales over a real SQLite file: several at once, resumed whole, across a restart."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from hardware.barcodes import VariableMeasureLayout
from pos_client.domain.cart import Cart, CartLine, ProductSnapshot
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.vat import VatClass
from pos_client.services.checkout import CheckoutService, TillIdentity
from pos_client.services.parking import ParkingError, ParkingService, default_label
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.database import create_store_engine
from pos_client.store.errors import StoreReadOnlyError
from pos_client.store.parked import LABEL_LENGTH, ParkedSaleRepository
from pos_client.store.sales import SalesRepository

NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
TILL = TillIdentity("WAW01", "01")
ZOLW_EAN = "5901234123457"
WATER_UPC_AS_GTIN13 = "0036000291452"
TOMATO_LABEL_1250_G = "2100042012509"
BREAD_EAN8_AS_GTIN13 = "0000096385074"


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def till_on(engine: Engine) -> tuple[CheckoutService, ParkingService]:
    clock = Clock()
    checkout = CheckoutService(
        CatalogueRepository(engine),
        SalesRepository(engine),
        TILL,
        VariableMeasureLayout(),
        clock=clock,
    )
    return checkout, ParkingService(checkout, ParkedSaleRepository(engine), clock)


@pytest.fixture
def services(
    store_engine: Engine, catalogue_with_products: dict[str, int]
) -> tuple[CheckoutService, ParkingService]:
    return till_on(store_engine)


def scan(checkout: CheckoutService, *codes: str) -> None:
    for code in codes:
        assert isinstance(checkout.scan(code), CartLine)


def test_park_two_resume_the_first_then_the_other_after_a_restart(
    store_path: Path,
    store_engine: Engine,
    services: tuple[CheckoutService, ParkingService],
) -> None:
    checkout, parking = services
    scan(checkout, ZOLW_EAN, ZOLW_EAN, TOMATO_LABEL_1250_G)
    checkout.set_quantity(checkout.cart.lines[0].line_id, 3)
    checkout.cart.set_line_discount(checkout.cart.lines[0].line_id, Money(50))
    checkout.cart.set_basket_discount(Money(10))
    first_lines = checkout.cart.lines
    first_total = checkout.cart.total()
    first = parking.park_current()
    assert checkout.cart.is_empty()
    assert checkout.cart.basket_discount == Money(0)

    scan(checkout, WATER_UPC_AS_GTIN13)
    second = parking.park_current("pan z psem")
    assert [summary.parked_id for summary in parking.parked()] == [second, first]
    assert parking.parked()[1].total == first_total

    resumed = parking.resume(first)
    assert checkout.cart is resumed
    assert resumed.lines == first_lines
    assert resumed.total() == first_total
    assert [summary.parked_id for summary in parking.parked()] == [second]
    sale = checkout.pay([(Tender.CASH, Money(10_000))])
    assert sale.total == first_total
    assert sale.receipt_number == "WAW01-01-000001"

    # A "restart": a new engine, new repositories and services on the same file.
    store_engine.dispose()
    engine = create_store_engine(store_path)
    try:
        checkout, parking = till_on(engine)
        listed = parking.parked()
        assert [(summary.parked_id, summary.label) for summary in listed] == [
            (second, "pan z psem")
        ]
        cart = parking.resume(second)
        assert [line.product.sku for line in cart.lines] == ["NAP-WOD"]
        assert parking.parked() == []
    finally:
        engine.dispose()


def test_the_default_label_names_the_products_in_the_order_scanned(
    services: tuple[CheckoutService, ParkingService],
) -> None:
    checkout, parking = services
    scan(checkout, ZOLW_EAN, TOMATO_LABEL_1250_G, ZOLW_EAN)
    names = [line.product.name for line in checkout.cart.lines]
    expected = default_label(checkout.cart)
    parking.park_current()
    label = parking.parked()[0].label
    assert label == expected == f"{names[0]}, {names[1]}"  # the third line repeats the first


def test_a_long_default_label_is_cut_to_fit() -> None:
    cart = Cart()
    for number in range(1, 6):
        product = ProductSnapshot(
            number,
            f"SKU{number}",
            f"Produkt o bardzo długiej nazwie nr {number}",
            Money(100),
            VatClass.A,
            Unit.PIECE,
        )
        cart.add(product, Quantity.pieces(1))

    label = default_label(cart)

    assert len(label) == LABEL_LENGTH
    assert label.endswith("…")
    assert label.startswith("Produkt o bardzo długiej nazwie nr 1, Produkt o bardzo długiej")


def test_a_typed_label_is_tidied(services: tuple[CheckoutService, ParkingService]) -> None:
    checkout, parking = services
    scan(checkout, ZOLW_EAN)
    parking.park_current("  pani   w czerwonym \n")
    scan(checkout, ZOLW_EAN)
    parking.park_current("   ")  # blank: the default label
    labels = [summary.label for summary in parking.parked()]
    assert labels[1] == "pani w czerwonym"
    assert labels[0] == "Żółw czekoladowy 40 g"


def test_an_empty_sale_cannot_be_parked(services: tuple[CheckoutService, ParkingService]) -> None:
    _, parking = services
    with pytest.raises(ParkingError, match="nothing to park"):
        parking.park_current()
    assert parking.parked() == []


def test_resuming_needs_an_empty_cart(services: tuple[CheckoutService, ParkingService]) -> None:
    checkout, parking = services
    scan(checkout, ZOLW_EAN)
    parked_id = parking.park_current()
    scan(checkout, BREAD_EAN8_AS_GTIN13)
    current = checkout.cart.lines
    with pytest.raises(ParkingError, match="Park or finish the current sale first"):
        parking.resume(parked_id)
    assert checkout.cart.lines == current
    assert len(parking.parked()) == 1  # still parked


def test_a_parked_sale_is_resumed_once(services: tuple[CheckoutService, ParkingService]) -> None:
    checkout, parking = services
    scan(checkout, ZOLW_EAN)
    parked_id = parking.park_current()
    parking.resume(parked_id)
    checkout.void_sale()
    with pytest.raises(ParkingError, match="no longer there"):
        parking.resume(parked_id)
    assert checkout.cart.is_empty()


def test_several_parked_at_once_each_resumed(
    services: tuple[CheckoutService, ParkingService],
) -> None:
    checkout, parking = services
    ids = []
    for code in (ZOLW_EAN, WATER_UPC_AS_GTIN13, BREAD_EAN8_AS_GTIN13):
        scan(checkout, code)
        ids.append(parking.park_current())
    assert [summary.parked_id for summary in parking.parked()] == ids[::-1]
    skus = []
    for parked_id in (ids[1], ids[2], ids[0]):
        skus.append(parking.resume(parked_id).lines[0].product.sku)
        checkout.void_sale()
    assert skus == ["NAP-WOD", "PIE-CHL", "CZK-040"]


def test_a_failed_park_keeps_the_sale_on_screen(
    store_path: Path, store_engine: Engine, catalogue_with_products: dict[str, int]
) -> None:
    read_only = create_store_engine(store_path)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only=1")

    event.listen(read_only, "connect", on_connect)
    try:
        checkout, parking = till_on(read_only)
        scan(checkout, ZOLW_EAN)
        lines = checkout.cart.lines
        with pytest.raises(StoreReadOnlyError):
            parking.park_current()
        assert checkout.cart.lines == lines
    finally:
        read_only.dispose()
