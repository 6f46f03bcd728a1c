"""Return rules: proportional refunds that add up to the line's total, never more back than was
sold (counting earlier returns), refunds split card first then cash."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.money import Money, round_half_up_div
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import MAX_GRAMS, MAX_PIECES, Quantity, Unit
from pos_client.domain.returns import (
    ReturnRuleError,
    line_refund,
    plan_return,
    return_from_plan,
    return_number,
    returnable_lines,
    split_refund,
)
from pos_client.domain.sale import PaymentRecord, SaleRecord, sale_from_cart
from pos_client.domain.vat import VatClass

NOW = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)

ZOLW = ProductSnapshot(1, "CZK-040", "Żółw czekoladowy 40 g", Money(499), VatClass.A, Unit.PIECE)
WATER = ProductSnapshot(2, "NAP-WOD", "Woda 1,5 l", Money(249), VatClass.A, Unit.PIECE)
TOMATOES = ProductSnapshot(3, "WAR-POM", "Pomidory", Money(1299), VatClass.C, Unit.KILOGRAM)


def make_sale(
    tenders: list[tuple[Tender, Money]] | None = None, basket_discount: int = 100
) -> SaleRecord:
    """3 x Żółw (14,97), 2 x water (4,98), 1,250 kg tomatoes (16,24); 1 zł off the basket."""
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(3))
    cart.add(WATER, Quantity.pieces(2))
    cart.add(TOMATOES, Quantity.grams(1250))
    cart.set_basket_discount(Money(basket_discount))
    total = cart.total()
    offered = tenders if tenders is not None else [(Tender.CASH, total)]
    return sale_from_cart(cart, settle(total, offered), "WAW01", "01", NOW).numbered(7)


def ids(sale: SaleRecord) -> list[uuid.UUID]:
    return [line.line_id for line in sale.lines]


def test_the_return_number_is_store_till_r_sequence() -> None:
    assert return_number("WAW01", "01", 1) == "WAW01-01-R000001"
    assert return_number("WAW01", "12", 1234567) == "WAW01-12-R1234567"


def test_a_whole_line_refunds_exactly_what_was_paid_for_it() -> None:
    sale = make_sale()
    zolw = sale.lines[0]
    plan = plan_return(sale, {}, {zolw.line_id: 3})
    assert plan.total == zolw.total
    assert zolw.total != zolw.unit_price * 3  # the basket discount's share is not refunded
    assert plan.tenders == ((Tender.CASH, zolw.total),)


def test_a_whole_sale_refunds_its_total() -> None:
    sale = make_sale()
    quantities = {line.line_id: line.quantity.amount for line in sale.lines}
    assert plan_return(sale, {}, quantities).total == sale.total


def test_a_partial_return_is_proportional_rounded_half_up() -> None:
    sale = make_sale()
    zolw = sale.lines[0]
    plan = plan_return(sale, {}, {zolw.line_id: 1})
    assert plan.total == Money(round_half_up_div(zolw.total.grosze, 3))
    assert plan.lines[0].quantity == Quantity.pieces(1)


def test_the_last_units_get_exactly_the_rest() -> None:
    total = Money(1000)  # 3 pieces for 10 zł: 3,33 + 3,34 + 3,33
    refunds = [line_refund(total, 3, returned, 1) for returned in range(3)]
    assert refunds == [Money(333), Money(334), Money(333)]
    assert Money.total(refunds) == total
    assert line_refund(total, 3, 1, 2) == Money(667)


def test_a_cheap_line_of_many_units_never_refunds_more_than_it_cost() -> None:
    # Rounding each unit alone would give 1 grosz x 7 = 7 for a 5 grosze line.
    refunds = [line_refund(Money(5), 7, returned, 1) for returned in range(7)]
    assert Money.total(refunds) == Money(5)
    assert all(not refund.is_negative() for refund in refunds)


def test_a_weighed_line_returns_by_grams() -> None:
    sale = make_sale()
    tomatoes = sale.lines[2]
    plan = plan_return(sale, {}, {tomatoes.line_id: 500})
    assert plan.lines[0].quantity == Quantity.grams(500)
    assert plan.total == Money(round_half_up_div(tomatoes.total.grosze * 500, 1250))
    rest = plan_return(sale, {tomatoes.line_id: 500}, {tomatoes.line_id: 750})
    assert plan.total + rest.total == tomatoes.total


def test_never_more_back_than_was_sold_counting_earlier_returns() -> None:
    sale = make_sale()
    zolw = sale.lines[0]
    with pytest.raises(ReturnRuleError, match="Never more back than was sold"):
        plan_return(sale, {}, {zolw.line_id: 4})
    with pytest.raises(ReturnRuleError, match=r"Only 1 szt\."):
        plan_return(sale, {zolw.line_id: 2}, {zolw.line_id: 2})
    with pytest.raises(ReturnRuleError, match="0,250 kg"):
        plan_return(sale, {sale.lines[2].line_id: 1000}, {sale.lines[2].line_id: 251})
    assert plan_return(sale, {zolw.line_id: 2}, {zolw.line_id: 1}).lines[0].quantity.amount == 1


def test_nothing_chosen_unknown_lines_and_negative_quantities_are_refused() -> None:
    sale = make_sale()
    with pytest.raises(ReturnRuleError, match="at least one"):
        plan_return(sale, {}, {})
    with pytest.raises(ReturnRuleError, match="at least one"):
        plan_return(sale, {}, {sale.lines[0].line_id: 0})
    with pytest.raises(ReturnRuleError, match="not on this receipt"):
        plan_return(sale, {}, {uuid.uuid4(): 1})
    with pytest.raises(ReturnRuleError, match="negative"):
        plan_return(sale, {}, {sale.lines[0].line_id: -1})


def test_planned_lines_follow_the_receipt_order() -> None:
    sale = make_sale()
    plan = plan_return(sale, {}, {sale.lines[2].line_id: 10, sale.lines[0].line_id: 1})
    assert [line.line.line_id for line in plan.lines] == [ids(sale)[0], ids(sale)[2]]


def test_returnable_lines_show_sold_returned_and_remaining() -> None:
    sale = make_sale()
    lines = returnable_lines(sale, {sale.lines[0].line_id: 2})
    assert [(line.sold, line.returned, line.remaining) for line in lines] == [
        (3, 2, 1),
        (2, 0, 2),
        (1250, 0, 1250),
    ]
    assert lines[2].unit is Unit.KILOGRAM


def test_split_sale_refunds_to_the_card_first_then_cash() -> None:
    sale = make_sale([(Tender.CARD, Money(1000)), (Tender.CASH, Money(5000))])
    everything = {line.line_id: line.quantity.amount for line in sale.lines}
    plan = plan_return(sale, {}, everything)
    assert plan.tenders == ((Tender.CARD, Money(1000)), (Tender.CASH, sale.total - Money(1000)))
    assert split_refund(Money(600), sale.payments, Money(700)) == (
        (Tender.CARD, Money(300)),
        (Tender.CASH, Money(300)),
    )
    assert split_refund(Money(600), sale.payments, Money(1000)) == ((Tender.CASH, Money(600)),)
    assert split_refund(Money(0), sale.payments) == ()


def test_the_return_document_is_made_at_this_till_with_fresh_ids() -> None:
    sale = make_sale([(Tender.CARD, Money(1000)), (Tender.CASH, Money(5000))])
    plan = plan_return(sale, {}, {sale.lines[0].line_id: 1, sale.lines[2].line_id: 250})
    draft = return_from_plan(
        plan,
        sale,
        store_code="WAW01",
        till_id="02",
        reason="uszkodzone",
        now=NOW,
        cashier_id="u1",
        shift_id=None,
    )
    assert draft.return_number is None
    assert draft.numbered(5).return_number == "WAW01-02-R000005"
    assert draft.sale_id == sale.sale_id
    assert draft.sale_receipt_number == "WAW01-01-000007"
    assert draft.total == plan.total
    assert [line.sale_line_id for line in draft.lines] == [ids(sale)[0], ids(sale)[2]]
    assert {line.line_id for line in draft.lines}.isdisjoint(ids(sale))
    data = draft.numbered(5).to_json()
    assert data["return_number"] == "WAW01-02-R000005"
    assert data["lines"][1] == {
        "id": str(draft.lines[1].line_id),
        "sale_line_id": str(ids(sale)[2]),
        "product_id": 3,
        "sku": "WAR-POM",
        "name": "Pomidory",
        "vat_class": "C",
        "unit": "kg",
        "quantity": 250,
        "total": draft.lines[1].refund.grosze,
    }
    assert sum(payment["amount"] for payment in data["payments"]) == data["total"]


@st.composite
def line_returns(draw: st.DrawFn) -> tuple[Money, int, list[int]]:
    """A line total, its sold quantity and the quantities of successive partial returns."""
    total = Money(draw(st.integers(0, 10**7)))
    sold = draw(st.integers(1, MAX_PIECES) | st.integers(1, MAX_GRAMS))
    parts: list[int] = []
    left = sold
    while left and len(parts) < 30:
        part = draw(st.integers(1, left))
        parts.append(part)
        left -= part
    if left:
        parts.append(left)
    return total, sold, parts


@given(line_returns())
def test_partial_refunds_never_exceed_and_finally_equal_the_line_total(
    case: tuple[Money, int, list[int]],
) -> None:
    total, sold, parts = case
    returned = 0
    refunded = Money(0)
    for part in parts:
        refund = line_refund(total, sold, returned, part)
        assert not refund.is_negative()
        if returned == 0:  # the first return is exactly the proportional share
            assert refund == Money(round_half_up_div(total.grosze * part, sold))
        returned += part
        refunded += refund
        assert refunded <= total
        assert abs(refunded.grosze * sold - total.grosze * returned) * 2 <= sold
    assert returned == sold
    assert refunded == total


@st.composite
def tendered_refunds(draw: st.DrawFn) -> tuple[list[PaymentRecord], list[Money]]:
    card = draw(st.integers(0, 10**6))
    cash = draw(st.integers(0, 10**6))
    payments = [
        PaymentRecord(uuid.uuid4(), tender, Money(amount), Money(amount))
        for tender, amount in draw(st.permutations([(Tender.CARD, card), (Tender.CASH, cash)]))
        if amount
    ]
    refunds: list[Money] = []
    left = card + cash
    for _ in range(draw(st.integers(1, 6))):
        refund = draw(st.integers(0, left))
        refunds.append(Money(refund))
        left -= refund
    return payments, refunds


@given(tendered_refunds())
def test_tender_splits_add_up_and_never_give_back_more_than_each_tender_took(
    case: tuple[list[PaymentRecord], list[Money]],
) -> None:
    payments, refunds = case
    paid = {tender: Money(0) for tender in Tender}
    for payment in payments:
        paid[payment.tender] += payment.amount
    given_back = {tender: Money(0) for tender in Tender}
    for refund in refunds:
        split = split_refund(refund, payments, given_back[Tender.CARD])
        assert Money.total(amount for _, amount in split) == refund
        assert all(amount > Money(0) for _, amount in split)
        for tender, amount in split:
            given_back[tender] += amount
        assert given_back[Tender.CARD] <= paid[Tender.CARD]
        assert given_back[Tender.CASH] <= paid[Tender.CASH]
