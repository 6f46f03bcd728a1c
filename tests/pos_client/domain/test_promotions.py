"""The promotions engine: each kind of promotion and coupon on examples, the documented order of
application, and properties over random baskets (Hypothesis): the named discounts add up
exactly, no line costs less than nothing, a line takes at most one item promotion and the
basket at most one basket promotion, and the order promotions are given in does not matter."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.money import Money
from pos_client.domain.promotions import (
    BasketPricing,
    CouponDiscount,
    Level,
    PricingLine,
    Promotion,
    price_basket,
)
from pos_client.domain.quantity import Quantity
from sync.coupons.reasons import Refusal
from sync.coupons.terms import Scope, ValueKind
from sync.protocol import PromotionData, PromotionKind

NOW = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
CATEGORIES = ["Nabiał", "Pieczywo", "Napoje", None]


def line(sku: str, price: int, pieces: int = 1, category: str | None = None) -> PricingLine:
    return PricingLine(uuid.uuid4(), sku, category, Quantity.pieces(pieces), Money(price))


def weighed(sku: str, price_per_kg: int, grams: int, category: str | None = None) -> PricingLine:
    return PricingLine(uuid.uuid4(), sku, category, Quantity.grams(grams), Money(price_per_kg))


def percent_off(
    code: str, scope: Scope, target: str | None, percent: int, **more: object
) -> Promotion:
    return Promotion(
        code,
        f"-{percent}% {target or 'koszyk'}",
        PromotionKind.PERCENT_OFF,
        scope,
        target,
        percent=percent,
        **more,  # type: ignore[arg-type]
    )


def amount_off(
    code: str, scope: Scope, target: str | None, grosze: int, **more: object
) -> Promotion:
    return Promotion(
        code,
        f"-{grosze} gr",
        PromotionKind.AMOUNT_OFF,
        scope,
        target,
        amount=Money(grosze),
        **more,  # type: ignore[arg-type]
    )


def buy_get(
    code: str, scope: Scope, target: str, buy: int, get: int, percent: int = 100
) -> Promotion:
    return Promotion(
        code,
        f"{buy}+{get}",
        PromotionKind.BUY_X_GET_Y,
        scope,
        target,
        percent=percent,
        buy=buy,
        get=get,
    )


def discounts(pricing: BasketPricing) -> list[list[tuple[str, int]]]:
    return [[(d.source, d.amount.grosze) for d in priced.discounts] for priced in pricing.lines]


def test_per_cent_off_a_product_rounds_half_up_per_line() -> None:
    pricing = price_basket(
        [line("A", 333, 3), line("B", 500)], [percent_off("P1", Scope.SKU, "A", 10)], NOW
    )
    assert discounts(pricing) == [[("P1", 100)], []]
    assert pricing.total == Money(999 - 100 + 500)
    assert pricing.lines[0].discounts[0].name == "-10% A"


def test_an_amount_off_each_piece_or_each_kilogram_never_below_nothing() -> None:
    pricing = price_basket(
        [
            line("A", 250, 3, "Nabiał"),
            weighed("T", 1299, 450, "Nabiał"),
            line("C", 150, 1, "Nabiał"),
        ],
        [amount_off("P1", Scope.CATEGORY, "Nabiał", 200)],
        NOW,
    )
    assert discounts(pricing) == [[("P1", 600)], [("P1", 90)], [("P1", 150)]]
    assert pricing.lines[2].total == Money.zero()


def test_buy_two_get_one_frees_the_cheapest_of_each_group_dearest_first() -> None:
    pricing = price_basket(
        [
            line("A", 300, 2, "Napoje"),
            line("B", 500, 3, "Napoje"),
            weighed("W", 999, 500, "Napoje"),
        ],
        [buy_get("B21", Scope.CATEGORY, "Napoje", 2, 1)],
        NOW,
    )
    # Units dearest first: 5 5 5 | 3 3 -> the first group frees a 5.00; 3 3 is no group.
    assert discounts(pricing) == [[], [("B21", 500)], []]


def test_buy_one_get_one_at_half_price() -> None:
    pricing = price_basket(
        [line("A", 1000, 5)], [buy_get("B11", Scope.SKU, "A", 1, 1, percent=50)], NOW
    )
    assert discounts(pricing) == [[("B11", 1000)]]  # two halves of 10.00


def test_a_product_promotion_comes_before_its_category_and_they_do_not_stack() -> None:
    lines = [line("A", 1000, 1, "Nabiał"), line("B", 1000, 1, "Nabiał")]
    pricing = price_basket(
        lines,
        [percent_off("CAT", Scope.CATEGORY, "Nabiał", 50), percent_off("SKU", Scope.SKU, "A", 10)],
        NOW,
    )
    assert discounts(pricing) == [[("SKU", 100)], [("CAT", 500)]]


def test_within_a_level_priority_then_code_decides() -> None:
    lines = [line("A", 1000)]
    low = percent_off("P-LOW", Scope.SKU, "A", 50)
    high = percent_off("P-HIGH", Scope.SKU, "A", 5, priority=10)
    same_a = percent_off("AAA", Scope.SKU, "A", 7)
    assert discounts(price_basket(lines, [low, high], NOW)) == [[("P-HIGH", 50)]]
    assert discounts(price_basket(lines, [low, same_a], NOW)) == [[("AAA", 70)]]


def test_only_the_best_basket_promotion_applies_after_the_items() -> None:
    lines = [line("A", 10000, 1), line("B", 10000, 1)]
    ten_per_cent = percent_off("B10", Scope.BASKET, None, 10)
    thirty_off = amount_off("B30", Scope.BASKET, None, 3000, min_basket=Money(15000))
    item = percent_off("A50", Scope.SKU, "A", 50)

    both = price_basket(lines, [ten_per_cent, thirty_off], NOW)
    after_item = price_basket(lines, [ten_per_cent, thirty_off, item], NOW)

    assert [(a.source, a.amount.grosze) for a in both.applied] == [("B30", 3000)]
    # After 50% off A the basket is 150.00: B30 still qualifies (exactly) and gives more.
    assert [(a.source, a.amount.grosze) for a in after_item.applied] == [
        ("A50", 5000),
        ("B30", 3000),
    ]
    assert after_item.total == Money(12000)
    assert (
        sum(d.amount.grosze for p in after_item.lines for d in p.discounts if d.source == "B30")
        == 3000
    )


def test_a_minimum_is_measured_when_its_level_starts() -> None:
    lines = [line("A", 6000, 1, "Nabiał"), line("B", 5000, 1, "Pieczywo")]
    sku = percent_off("S", Scope.SKU, "A", 50)
    category = percent_off("C", Scope.CATEGORY, "Pieczywo", 10, min_basket=Money(10000))
    basket = amount_off("K", Scope.BASKET, None, 1000, min_basket=Money(8000))

    pricing = price_basket(lines, [sku, category, basket], NOW)

    # 110.00 before items: S applies; the category level starts at 80.00 < 100.00: C does not;
    # the basket level starts at 80.00 >= 80.00: K does.
    assert [a.source for a in pricing.applied] == ["S", "K"]


def test_promotions_outside_their_dates_do_not_apply() -> None:
    lines = [line("A", 1000)]
    later = percent_off("L", Scope.SKU, "A", 10, valid_from=NOW + timedelta(minutes=1))
    ended = percent_off("E", Scope.SKU, "A", 10, valid_to=NOW)
    running = percent_off("R", Scope.SKU, "A", 10, valid_from=NOW, valid_to=NOW + timedelta(days=1))
    assert discounts(price_basket(lines, [later, ended, running], NOW)) == [[("R", 100)]]


def test_coupons_come_last_in_their_order_and_say_why_one_is_left_out() -> None:
    lines = [line("A", 4000, 1, "Nabiał"), line("B", 6000, 1, "Pieczywo")]
    promotion = percent_off("P", Scope.BASKET, None, 10)
    dairy = CouponDiscount("7/1", "Kupon nabiał", ValueKind.PERCENT, 50, Scope.CATEGORY, "Nabiał")
    twenty = CouponDiscount(
        "7/2", "Kupon 20 zł", ValueKind.AMOUNT, 2000, Scope.BASKET, None, Money(7000)
    )
    drinks = CouponDiscount("7/3", "Kupon napoje", ValueKind.AMOUNT, 500, Scope.CATEGORY, "Napoje")

    pricing = price_basket(lines, [promotion], NOW, [dairy, twenty, drinks])

    # 100.00 - 10% = 90.00 (A 36.00, B 54.00); dairy: 50% of 36.00 = 18.00 -> 72.00;
    # twenty: 72.00 >= 70.00 -> 20.00 spread 16.00 : 54.00.
    assert [(a.source, a.amount.grosze) for a in pricing.applied] == [
        ("P", 1000),
        ("7/1", 1800),
        ("7/2", 2000),
    ]
    assert [(c.coupon.source, c.reason) for c in pricing.left_out] == [
        ("7/3", Refusal.NOT_APPLICABLE)
    ]
    assert pricing.total == Money(5200)

    short = price_basket(lines, [promotion], NOW, [dairy, dairy, twenty])
    assert [(c.coupon.source, c.reason) for c in short.left_out] == [
        ("7/2", Refusal.MINIMUM_NOT_REACHED)
    ]


def test_a_promotion_from_the_change_feed() -> None:
    data = PromotionData(
        code="WIOSNA",
        name="Wiosna -20%",
        kind=PromotionKind.PERCENT_OFF,
        scope=Scope.CATEGORY,
        target="Nabiał",
        percent=20,
        amount=None,
        buy=None,
        get=None,
        min_basket=0,
        priority=3,
        valid_from=NOW - timedelta(days=1),
        valid_to=None,
    )
    promotion = Promotion.from_data(data)
    assert promotion.level is Level.CATEGORY
    assert promotion.percent == 20
    assert promotion.priority == 3
    with pytest.raises(ValueError, match="per cent"):
        Promotion.from_data(data.model_copy(update={"percent": None}))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"kind": PromotionKind.PERCENT_OFF, "scope": Scope.BASKET, "target": "A", "percent": 5},
            "target",
        ),
        (
            {"kind": PromotionKind.PERCENT_OFF, "scope": Scope.SKU, "target": None, "percent": 5},
            "target",
        ),
        ({"kind": PromotionKind.AMOUNT_OFF, "scope": Scope.SKU, "target": "A"}, "needs an amount"),
        (
            {"kind": PromotionKind.PERCENT_OFF, "scope": Scope.SKU, "target": "A", "percent": 101},
            "per cent",
        ),
        (
            {
                "kind": PromotionKind.BUY_X_GET_Y,
                "scope": Scope.SKU,
                "target": "A",
                "percent": 100,
                "buy": 2,
            },
            "buy_x_get_y",
        ),
        (
            {
                "kind": PromotionKind.PERCENT_OFF,
                "scope": Scope.SKU,
                "target": "A",
                "percent": 5,
                "min_basket": Money(-1),
            },
            "minimum",
        ),
    ],
)
def test_promotions_against_the_rules_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Promotion("X", "x", **kwargs)  # type: ignore[arg-type]


# ---- properties -------------------------------------------------------------------------------

SKUS = ["A", "B", "C", "D"]


@st.composite
def pricing_lines(draw: st.DrawFn) -> list[PricingLine]:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        sku = draw(st.sampled_from(SKUS))
        category = draw(st.sampled_from(CATEGORIES))
        price = draw(st.integers(0, 50_000))
        if draw(st.booleans()):
            lines.append(line(sku, price, draw(st.integers(1, 999)), category))
        else:
            lines.append(weighed(sku, price, draw(st.integers(1, 50_000)), category))
    return lines


@st.composite
def promotions(draw: st.DrawFn) -> list[Promotion]:
    made = []
    for number in range(draw(st.integers(0, 6))):
        scope = draw(st.sampled_from(Scope))
        target = {
            Scope.SKU: draw(st.sampled_from(SKUS)),
            Scope.CATEGORY: draw(st.sampled_from(CATEGORIES[:-1])),
            Scope.BASKET: None,
        }[scope]
        kinds = [PromotionKind.PERCENT_OFF, PromotionKind.AMOUNT_OFF]
        if scope is not Scope.BASKET:
            kinds.append(PromotionKind.BUY_X_GET_Y)
        kind = draw(st.sampled_from(kinds))
        made.append(
            Promotion(
                code=f"P{number}",
                name=f"promocja {number}",
                kind=kind,
                scope=scope,
                target=target,
                percent=draw(st.integers(1, 100)),
                amount=Money(draw(st.integers(1, 100_000))),
                buy=draw(st.integers(1, 5)),
                get=draw(st.integers(1, 3)),
                min_basket=Money(draw(st.sampled_from([0, 0, 1000, 100_000]))),
                priority=draw(st.integers(-2, 2)),
            )
        )
    return made


coupons = st.lists(
    st.builds(
        CouponDiscount,
        source=st.sampled_from(["1/1", "1/2", "2/9"]),
        name=st.just("kupon"),
        value_kind=st.just(ValueKind.PERCENT),
        value=st.integers(1, 100),
        scope=st.just(Scope.BASKET),
        scope_ref=st.none(),
        min_basket=st.integers(0, 200_000).map(Money),
    )
    | st.builds(
        CouponDiscount,
        source=st.sampled_from(["3/1", "3/2"]),
        name=st.just("kupon"),
        value_kind=st.just(ValueKind.AMOUNT),
        value=st.integers(1, 100_000),
        scope=st.sampled_from([Scope.CATEGORY, Scope.SKU]),
        scope_ref=st.sampled_from(SKUS + CATEGORIES[:-1]),
    ),
    max_size=3,
)


@given(pricing_lines(), promotions(), coupons)
def test_discounts_add_up_exactly_and_no_line_goes_below_nothing(
    lines: list[PricingLine], promos: list[Promotion], taken: list[CouponDiscount]
) -> None:
    pricing = price_basket(lines, promos, NOW, taken)

    per_source: dict[str, int] = defaultdict(int)
    for priced in pricing.lines:
        assert priced.total == priced.line.gross - priced.discount
        assert Money.zero() <= priced.total <= priced.line.gross
        for discount in priced.discounts:
            assert discount.amount > Money.zero()
            per_source[discount.source] += discount.amount.grosze
    assert pricing.total == pricing.subtotal - pricing.discount_total
    assert sum(per_source.values()) == pricing.discount_total.grosze
    promotion_parts = {
        a.source: a.amount.grosze for a in pricing.applied if a.level is not Level.COUPON
    }
    assert promotion_parts == {s: v for s, v in per_source.items() if s.startswith("P")}
    assert len(pricing.applied) - len(promotion_parts) + len(pricing.left_out) == len(taken)


@given(pricing_lines(), promotions())
def test_one_item_promotion_a_line_and_one_basket_promotion_a_basket(
    lines: list[PricingLine], promos: list[Promotion]
) -> None:
    pricing = price_basket(lines, promos, NOW)
    for priced in pricing.lines:
        assert len([d for d in priced.discounts if d.level in (Level.SKU, Level.CATEGORY)]) <= 1
    assert len([a for a in pricing.applied if a.level is Level.BASKET]) <= 1


@given(pricing_lines(), promotions(), st.randoms(use_true_random=False))
def test_the_order_promotions_arrive_in_does_not_matter(
    lines: list[PricingLine], promos: list[Promotion], shuffler: random.Random
) -> None:
    shuffled = list(promos)
    shuffler.shuffle(shuffled)
    assert price_basket(lines, promos, NOW) == price_basket(lines, shuffled, NOW)
