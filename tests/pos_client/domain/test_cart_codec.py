"""Cart <-> JSON for parked sales: an exact round trip, and damaged data refused."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_client.domain.cart import Cart, CartError, ProductSnapshot
from pos_client.domain.cart_codec import (
    CODEC_VERSION,
    CartCodecError,
    cart_from_json,
    cart_to_json,
)
from pos_client.domain.money import Money
from pos_client.domain.quantity import MAX_GRAMS, MAX_PIECES, Quantity, Unit
from pos_client.domain.vat import VatClass

ZOLW = ProductSnapshot(1, "CZK-040", "Żółw czekoladowy 40 g", Money(499), VatClass.A, Unit.PIECE)
TOMATOES = ProductSnapshot(
    2, "WAR-POM", "Pomidory malinowe", Money(1299), VatClass.C, Unit.KILOGRAM, "4006381333931"
)


def round_trip(cart: Cart) -> Cart:
    """Through text, as the store keeps it."""
    return cart_from_json(json.loads(json.dumps(cart_to_json(cart), ensure_ascii=False)))


def assert_same(restored: Cart, cart: Cart) -> None:
    assert restored.lines == cart.lines
    assert restored.basket_discount == cart.basket_discount
    assert restored.priced_lines() == cart.priced_lines()
    assert restored.total() == cart.total()
    assert restored.subtotal() == cart.subtotal()
    assert restored.item_count() == cart.item_count()


def sample_cart() -> Cart:
    cart = Cart()
    first = cart.add(ZOLW, Quantity.pieces(3))
    cart.add(TOMATOES, Quantity.grams(1250))
    cart.set_line_discount(first.line_id, Money(100))
    cart.add(ZOLW, Quantity.pieces(1))  # not merged: the last line is the tomatoes
    cart.set_basket_discount(Money(57))
    return cart


def test_a_cart_with_discounts_and_a_weighed_line_round_trips() -> None:
    cart = sample_cart()
    restored = round_trip(cart)
    assert_same(restored, cart)
    assert [line.line_id for line in restored.lines] == [line.line_id for line in cart.lines]


def test_the_json_is_plain_data_with_a_version() -> None:
    data = cart_to_json(sample_cart())
    assert data["version"] == CODEC_VERSION
    assert data["basket_discount"] == 57
    assert data["lines"][0] == {
        "id": str(sample_cart_line_id(data, 0)),
        "product_id": 1,
        "sku": "CZK-040",
        "name": "Żółw czekoladowy 40 g",
        "unit_price": 499,
        "vat_class": "A",
        "unit": "piece",
        "barcode": None,
        "quantity": 3,
        "line_discount": 100,
    }
    assert data["lines"][1]["unit"] == "kg"
    assert data["lines"][1]["quantity"] == 1250


def sample_cart_line_id(data: dict[str, Any], index: int) -> uuid.UUID:
    return uuid.UUID(data["lines"][index]["id"])


def test_an_empty_cart_round_trips() -> None:
    restored = round_trip(Cart())
    assert restored.is_empty()
    assert restored.basket_discount == Money(0)


def test_the_restored_cart_keeps_working_like_a_cart() -> None:
    restored = round_trip(sample_cart())
    last = restored.lines[-1]
    restored.set_quantity(last.line_id, Quantity.pieces(2))
    added = restored.add(ZOLW, Quantity.pieces(1))  # merges into the last line again
    assert added.line_id == last.line_id
    assert added.quantity == Quantity.pieces(3)


products = st.builds(
    ProductSnapshot,
    product_id=st.integers(1, 10**9),
    sku=st.text(min_size=1, max_size=32),
    name=st.text(max_size=160),
    unit_price=st.builds(Money, st.integers(0, 10**7)),
    vat_class=st.sampled_from(VatClass),
    unit=st.sampled_from(Unit),
    barcode=st.none() | st.text(alphabet="0123456789", min_size=8, max_size=14),
)


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    cart = Cart()
    for _ in range(draw(st.integers(0, 12))):
        product = draw(products)
        limit = MAX_PIECES if product.unit is Unit.PIECE else MAX_GRAMS
        try:
            line = cart.add(product, Quantity(draw(st.integers(1, limit)), product.unit))
        except CartError:  # a repeated scan merged over the piece limit
            continue
        if draw(st.booleans()):
            cart.set_line_discount(line.line_id, Money(draw(st.integers(0, line.gross.grosze))))
    ceiling = sum(line.after_line_discount.grosze for line in cart.lines)
    cart.set_basket_discount(Money(draw(st.integers(0, ceiling))))
    return cart


ANY_SPEED = settings(suppress_health_check=[HealthCheck.too_slow])
"""A cart draws up to 12 products; on a loaded 2-core machine drawing the first ones took
longer than Hypothesis' health check allows, and failed the run. Speed is measured in bench/."""


@ANY_SPEED
@given(carts())
def test_any_cart_round_trips_exactly(cart: Cart) -> None:
    assert_same(round_trip(cart), cart)


@ANY_SPEED
@given(carts())
def test_encoding_is_stable(cart: Cart) -> None:
    assert cart_to_json(round_trip(cart)) == cart_to_json(cart)


def damaged(change: str) -> dict[str, Any]:
    data = cart_to_json(sample_cart())
    line = data["lines"][0]
    if change == "version":
        data["version"] = CODEC_VERSION + 1
    elif change == "no lines":
        del data["lines"]
    elif change == "lines not a list":
        data["lines"] = {"a": 1}
    elif change == "line not an object":
        data["lines"][0] = 7
    elif change == "bad unit":
        line["unit"] = "litre"
    elif change == "bad vat":
        line["vat_class"] = "Z"
    elif change == "zero quantity":
        line["quantity"] = 0
    elif change == "float quantity":
        line["quantity"] = 1.5
    elif change == "bool price":
        line["unit_price"] = True
    elif change == "negative price":
        line["unit_price"] = -1
    elif change == "discount above price":
        line["line_discount"] = 10_000
    elif change == "negative discount":
        line["line_discount"] = -1
    elif change == "bad id":
        line["id"] = "not-a-uuid"
    elif change == "same id twice":
        data["lines"][1]["id"] = line["id"]
    elif change == "basket discount above total":
        data["basket_discount"] = 10**9
    elif change == "text name":
        line["name"] = 12
    return data


@pytest.mark.parametrize(
    "change",
    [
        "version",
        "no lines",
        "lines not a list",
        "line not an object",
        "bad unit",
        "bad vat",
        "zero quantity",
        "float quantity",
        "bool price",
        "negative price",
        "discount above price",
        "negative discount",
        "bad id",
        "same id twice",
        "basket discount above total",
        "text name",
    ],
)
def test_damaged_data_is_refused(change: str) -> None:
    with pytest.raises(CartCodecError):
        cart_from_json(damaged(change))


def test_too_many_lines_are_refused() -> None:
    data = cart_to_json(sample_cart())
    data["lines"] = [dict(data["lines"][0], id=str(uuid.uuid4())) for _ in range(501)]
    with pytest.raises(CartCodecError, match="at most"):
        cart_from_json(data)
