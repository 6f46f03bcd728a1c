"""The cart: adding and merging scans, quantities, removal, line and basket discounts, totals."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.cart import MAX_LINES, Cart, CartError, ProductSnapshot
from pos_client.domain.money import Money
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.vat import VatClass


def product(
    product_id: int = 1,
    price: int = 499,
    unit: Unit = Unit.PIECE,
    vat_class: VatClass = VatClass.A,
) -> ProductSnapshot:
    return ProductSnapshot(
        product_id=product_id,
        sku=f"SKU-{product_id}",
        name=f"Produkt {product_id}",
        unit_price=Money(price),
        vat_class=vat_class,
        unit=unit,
        barcode=None,
    )


ZOLW = product(1, 499)
WATER = product(2, 249)
TOMATOES = product(3, 1299, Unit.KILOGRAM, VatClass.C)


def test_a_new_cart_is_empty() -> None:
    cart = Cart()
    assert cart.is_empty()
    assert cart.lines == ()
    assert cart.total() == Money(0)
    assert cart.priced_lines() == []
    assert cart.vat_summary() == []
    assert cart.item_count() == 0


def test_add_a_piece() -> None:
    cart = Cart()
    line = cart.add(ZOLW, Quantity.pieces(1))
    assert cart.lines == (line,)
    assert line.product == ZOLW
    assert line.gross == Money(499)
    assert cart.total() == Money(499)
    assert not cart.is_empty()


def test_scanning_the_same_piece_again_merges_into_the_last_line() -> None:
    cart = Cart()
    first = cart.add(ZOLW, Quantity.pieces(1))
    second = cart.add(ZOLW, Quantity.pieces(2))
    assert len(cart.lines) == 1
    assert second.line_id == first.line_id
    assert cart.lines[0].quantity == Quantity.pieces(3)
    assert cart.total() == Money(1497)


def test_only_the_last_line_merges() -> None:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(1))
    cart.add(WATER, Quantity.pieces(1))
    cart.add(ZOLW, Quantity.pieces(1))
    assert [line.product.product_id for line in cart.lines] == [1, 2, 1]
    assert cart.item_count() == 3


def test_a_different_price_does_not_merge() -> None:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(1))
    cart.add(product(1, 399), Quantity.pieces(1))
    assert len(cart.lines) == 2
    assert cart.total() == Money(898)


def test_a_discounted_line_does_not_merge() -> None:
    cart = Cart()
    line = cart.add(ZOLW, Quantity.pieces(1))
    cart.set_line_discount(line.line_id, Money(100))
    cart.add(ZOLW, Quantity.pieces(1))
    assert len(cart.lines) == 2
    assert cart.total() == Money(898)


def test_weighed_lines_never_merge() -> None:
    cart = Cart()
    cart.add(TOMATOES, Quantity.grams(1250))
    cart.add(TOMATOES, Quantity.grams(500))
    assert len(cart.lines) == 2
    assert cart.total() == Money(1624 + 650)
    assert cart.item_count() == 2


def test_merging_past_the_limit_is_a_cart_error() -> None:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(999))
    with pytest.raises(CartError):
        cart.add(ZOLW, Quantity.pieces(1))
    assert cart.lines[0].quantity == Quantity.pieces(999)


def test_the_unit_must_match_the_product() -> None:
    cart = Cart()
    with pytest.raises(CartError, match="sold by weight"):
        cart.add(TOMATOES, Quantity.pieces(1))
    with pytest.raises(CartError, match="sold by the piece"):
        cart.add(ZOLW, Quantity.grams(100))
    assert cart.is_empty()


def test_at_most_max_lines() -> None:
    cart = Cart()
    for product_id in range(MAX_LINES):
        cart.add(product(product_id, 1), Quantity.pieces(1))
    with pytest.raises(CartError, match=str(MAX_LINES)):
        cart.add(product(MAX_LINES, 1), Quantity.pieces(1))
    assert len(cart.lines) == MAX_LINES
    # Merging into the last line still works at the limit.
    cart.add(product(MAX_LINES - 1, 1), Quantity.pieces(1))
    assert cart.lines[-1].quantity == Quantity.pieces(2)


def test_set_quantity() -> None:
    cart = Cart()
    line = cart.add(ZOLW, Quantity.pieces(1))
    cart.add(WATER, Quantity.pieces(1))
    updated = cart.set_quantity(line.line_id, Quantity.pieces(5))
    assert updated.line_id == line.line_id
    assert cart.lines[0].quantity == Quantity.pieces(5)
    assert cart.total() == Money(5 * 499 + 249)
    with pytest.raises(CartError):
        cart.set_quantity(line.line_id, Quantity.grams(5))
    with pytest.raises(CartError, match="no longer"):
        cart.set_quantity(uuid.uuid4(), Quantity.pieces(1))


def test_lowering_the_quantity_caps_the_line_discount() -> None:
    cart = Cart()
    line = cart.add(ZOLW, Quantity.pieces(3))
    cart.set_line_discount(line.line_id, Money(1000))
    updated = cart.set_quantity(line.line_id, Quantity.pieces(1))
    assert updated.line_discount == Money(499)
    assert cart.total() == Money(0)


def test_remove() -> None:
    cart = Cart()
    zolw = cart.add(ZOLW, Quantity.pieces(1))
    water = cart.add(WATER, Quantity.pieces(1))
    assert cart.remove(zolw.line_id) == zolw
    assert cart.lines == (water,)
    with pytest.raises(CartError):
        cart.remove(zolw.line_id)
    assert cart.total() == Money(249)


def test_line_discount() -> None:
    cart = Cart()
    line = cart.add(ZOLW, Quantity.pieces(2))
    cart.set_line_discount(line.line_id, Money(198))
    assert cart.subtotal() == Money(998)
    assert cart.discount_total() == Money(198)
    assert cart.total() == Money(800)
    with pytest.raises(CartError):
        cart.set_line_discount(line.line_id, Money(-1))
    with pytest.raises(CartError):
        cart.set_line_discount(line.line_id, Money(999))
    assert cart.total() == Money(800)


def test_basket_discount_is_spread_in_proportion() -> None:
    cart = Cart()
    cart.add(product(1, 1000), Quantity.pieces(1))
    cart.add(product(2, 3000), Quantity.pieces(1))
    cart.set_basket_discount(Money(100))
    priced = cart.priced_lines()
    assert [p.basket_discount for p in priced] == [Money(25), Money(75)]
    assert [p.total for p in priced] == [Money(975), Money(2925)]
    assert [p.discount for p in priced] == [Money(25), Money(75)]
    assert cart.total() == Money(3900)
    assert cart.discount_total() == Money(100)


def test_basket_discount_limits() -> None:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(1))
    with pytest.raises(CartError):
        cart.set_basket_discount(Money(500))
    with pytest.raises(CartError):
        cart.set_basket_discount(Money(-1))
    cart.set_basket_discount(Money(499))
    assert cart.total() == Money(0)


def test_basket_discount_shrinks_with_the_basket() -> None:
    cart = Cart()
    zolw = cart.add(ZOLW, Quantity.pieces(1))
    cart.add(WATER, Quantity.pieces(1))
    cart.set_basket_discount(Money(600))
    cart.remove(zolw.line_id)
    assert cart.basket_discount == Money(249)
    assert cart.total() == Money(0)


def test_line_and_basket_discounts_together() -> None:
    cart = Cart()
    zolw = cart.add(ZOLW, Quantity.pieces(2))  # 9,98
    cart.add(TOMATOES, Quantity.grams(1250))  # 16,24
    cart.set_line_discount(zolw.line_id, Money(198))  # 8,00 left
    cart.set_basket_discount(Money(241))
    priced = cart.priced_lines()
    # 8,00 : 16,24 of 2,41 -> 0,7955.. and 1,6144..: 0,80 and 1,61.
    assert [p.basket_discount for p in priced] == [Money(80), Money(161)]
    assert [p.total for p in priced] == [Money(720), Money(1463)]
    assert priced[0].discount == Money(278)
    assert cart.total() == Money(2183)
    assert cart.subtotal() - cart.discount_total() == cart.total()
    summary = {row.vat_class: row for row in cart.vat_summary()}
    assert summary[VatClass.A].gross == Money(720)
    assert summary[VatClass.C].gross == Money(1463)


def test_clear() -> None:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(1))
    cart.set_basket_discount(Money(100))
    cart.clear()
    assert cart.is_empty()
    assert cart.basket_discount == Money(0)
    assert cart.total() == Money(0)


def test_item_count_counts_pieces_and_weighed_lines() -> None:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(3))
    cart.add(TOMATOES, Quantity.grams(750))
    assert cart.item_count() == 4


line_specs = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=8),  # product id (repeats exercise merging)
        st.integers(min_value=0, max_value=100_000),  # unit price
        st.booleans(),  # weighed
        st.integers(min_value=1, max_value=5000),  # pieces (capped) or grams
        st.floats(min_value=0, max_value=1),  # line discount as a share of the line
        st.sampled_from(list(VatClass)),
    ),
    min_size=1,
    max_size=25,
)


@given(line_specs, st.floats(min_value=0, max_value=1))
def test_totals_always_add_up(
    specs: list[tuple[int, int, bool, int, float, VatClass]], basket_share: float
) -> None:
    cart = Cart()
    for product_id, price, weighed, amount, discount_share, vat_class in specs:
        if weighed:
            snapshot = product(product_id + 100, price, Unit.KILOGRAM, vat_class)
            quantity = Quantity.grams(amount)
        else:
            snapshot = product(product_id, price, Unit.PIECE, vat_class)
            quantity = Quantity.pieces(1 + amount % 20)
        line = cart.add(snapshot, quantity)
        discount = int(line.gross.grosze * discount_share)
        cart.set_line_discount(line.line_id, Money(discount))
    after_line_discounts = sum(line.after_line_discount.grosze for line in cart.lines)
    cart.set_basket_discount(Money(int(after_line_discounts * basket_share)))

    priced = cart.priced_lines()
    assert len(priced) == len(cart.lines)
    assert Money.total(p.total for p in priced) == cart.total()
    assert all(not p.total.is_negative() for p in priced)
    assert all(not p.basket_discount.is_negative() for p in priced)
    assert Money.total(p.basket_discount for p in priced) == cart.basket_discount
    assert cart.subtotal() - cart.discount_total() == cart.total()
    for p in priced:
        assert p.line.gross - p.discount == p.total
    summary = cart.vat_summary()
    assert Money.total(row.gross for row in summary) == cart.total()
    assert Money.total(row.net + row.vat for row in summary) == cart.total()


def test_price_override_replaces_the_unit_price_and_drops_the_line_discount() -> None:
    cart = Cart()
    line = cart.add(
        ProductSnapshot(1, "P1", "Chleb", Money(899), VatClass.C, Unit.PIECE), Quantity.pieces(2)
    )
    cart.set_line_discount(line.line_id, Money(100))

    updated = cart.override_price(line.line_id, Money(500))

    assert updated.product.unit_price == Money(500)
    assert updated.line_discount == Money(0)
    assert cart.total() == Money(1000)
    with pytest.raises(CartError):
        cart.override_price(line.line_id, Money(-1))
