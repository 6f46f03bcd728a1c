"""A finished sale: frozen from the cart, numbered, and written as plain JSON."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.sale import receipt_number, sale_from_cart
from pos_client.domain.vat import VatClass

NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)

ZOLW = ProductSnapshot(
    product_id=1,
    sku="CZK-040",
    name="Żółw czekoladowy 40 g",
    unit_price=Money(499),
    vat_class=VatClass.A,
    unit=Unit.PIECE,
    barcode="5901234123457",
)
TOMATOES = ProductSnapshot(
    product_id=2,
    sku="WAR-POM",
    name="Pomidory malinowe",
    unit_price=Money(1299),
    vat_class=VatClass.C,
    unit=Unit.KILOGRAM,
    barcode=None,
)


def sample_cart() -> Cart:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(2))  # 9,98
    cart.add(TOMATOES, Quantity.grams(1250))  # 16,24
    cart.set_basket_discount(Money(222))
    return cart


def test_sale_from_cart() -> None:
    cart = sample_cart()
    settlement = settle(cart.total(), [(Tender.CARD, Money(1000)), (Tender.CASH, Money(2000))])
    sale = sale_from_cart(cart, settlement, "WAW01", "01", NOW)
    assert sale.total == Money(2400)
    assert sale.subtotal == Money(2622)
    assert sale.discount == Money(222)
    assert sale.change == Money(600)
    assert sale.created_at == NOW
    assert sale.sequence is None
    assert sale.receipt_number is None
    assert [line.line_id for line in sale.lines] == [line.line_id for line in cart.lines]
    zolw, tomatoes = sale.lines
    assert zolw.quantity == Quantity.pieces(2)
    assert zolw.unit_price == Money(499)
    assert zolw.barcode == "5901234123457"
    assert tomatoes.quantity == Quantity.grams(1250)
    # 2,22 over 9,98 : 16,24 -> 0,8449 and 1,3750: 0,84 and 1,38.
    assert [line.basket_discount for line in sale.lines] == [Money(84), Money(138)]
    assert [line.total for line in sale.lines] == [Money(914), Money(1486)]
    assert Money.total(line.total for line in sale.lines) == sale.total
    assert [(p.tender, p.amount, p.tendered) for p in sale.payments] == [
        (Tender.CARD, Money(1000), Money(1000)),
        (Tender.CASH, Money(1400), Money(2000)),
    ]
    assert len({p.payment_id for p in sale.payments} | {sale.sale_id}) == 3
    assert sale.vat_summary() == cart.vat_summary()


def test_each_sale_gets_fresh_uuids() -> None:
    cart = sample_cart()
    settlement = settle(cart.total(), [(Tender.CARD, cart.total())])
    first = sale_from_cart(cart, settlement, "WAW01", "01", NOW)
    second = sale_from_cart(cart, settlement, "WAW01", "01", NOW)
    assert first.sale_id != second.sale_id
    assert first.payments[0].payment_id != second.payments[0].payment_id


def test_empty_or_unpaid_cart_is_not_a_sale() -> None:
    with pytest.raises(ValueError, match="empty"):
        sale_from_cart(Cart(), settle(Money(0), []), "WAW01", "01", NOW)
    cart = sample_cart()
    with pytest.raises(ValueError, match="settlement"):
        sale_from_cart(cart, settle(Money(100), [(Tender.CASH, Money(100))]), "WAW01", "01", NOW)


def test_receipt_number_format() -> None:
    assert receipt_number("WAW01", "01", 42) == "WAW01-01-000042"
    assert receipt_number("KRK02", "03", 1) == "KRK02-03-000001"
    assert receipt_number("WAW01", "01", 1_234_567) == "WAW01-01-1234567"


def test_numbered() -> None:
    cart = sample_cart()
    sale = sale_from_cart(
        cart, settle(cart.total(), [(Tender.CARD, cart.total())]), "WAW01", "01", NOW
    )
    numbered = sale.numbered(42)
    assert numbered.sequence == 42
    assert numbered.receipt_number == "WAW01-01-000042"
    assert numbered.sale_id == sale.sale_id
    assert sale.sequence is None


def test_to_json_has_whole_numbers_of_grosze() -> None:
    cart = sample_cart()
    settlement = settle(cart.total(), [(Tender.CASH, Money(5000))])
    sale = sale_from_cart(cart, settlement, "WAW01", "01", NOW).numbered(42)
    data = sale.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["id"] == str(sale.sale_id)
    assert uuid.UUID(data["id"]) == sale.sale_id
    assert data["receipt_number"] == "WAW01-01-000042"
    assert data["store_code"] == "WAW01"
    assert data["till_id"] == "01"
    assert data["sequence"] == 42
    assert data["created_at"] == "2025-03-14T09:26:53+00:00"
    assert (data["subtotal"], data["discount"], data["total"], data["change"]) == (
        2622,
        222,
        2400,
        2600,
    )
    for key in ("subtotal", "discount", "total", "change"):
        assert type(data[key]) is int
    assert data["lines"] == [
        {
            "id": str(sale.lines[0].line_id),
            "product_id": 1,
            "sku": "CZK-040",
            "name": "Żółw czekoladowy 40 g",
            "barcode": "5901234123457",
            "vat_class": "A",
            "unit": "piece",
            "quantity": 2,
            "unit_price": 499,
            "line_discount": 0,
            "basket_discount": 84,
            "total": 914,
        },
        {
            "id": str(sale.lines[1].line_id),
            "product_id": 2,
            "sku": "WAR-POM",
            "name": "Pomidory malinowe",
            "barcode": None,
            "vat_class": "C",
            "unit": "kg",
            "quantity": 1250,
            "unit_price": 1299,
            "line_discount": 0,
            "basket_discount": 138,
            "total": 1486,
        },
    ]
    assert data["payments"] == [
        {
            "id": str(sale.payments[0].payment_id),
            "tender": "cash",
            "amount": 2400,
            "tendered": 5000,
        }
    ]


def test_to_json_of_an_unnumbered_sale() -> None:
    cart = sample_cart()
    sale = sale_from_cart(
        cart, settle(cart.total(), [(Tender.CARD, cart.total())]), "WAW01", "01", NOW
    )
    data = sale.to_json()
    assert data["sequence"] is None
    assert data["receipt_number"] is None
