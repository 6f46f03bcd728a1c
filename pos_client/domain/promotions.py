"""Promotions and web-shop coupons applied to a basket: named discounts per line that add up.

One engine, one order (docs/COUPONS.md, "Order of application"), so the same basket gets the
same discounts at every till and, with the same rules, in the web shop:

1. SKU promotions, then 2. category promotions (the item levels): within a level by priority
   (higher first), then by code. A promotion takes the lines in its scope that no item
   promotion has taken yet; a line gets at most one item promotion (no stacking of item
   promotions: the back office orders them by priority).
3. Basket promotions: of those whose minimum the basket reaches, only the one that takes off
   the most (best for the customer; a tie goes by priority, then code), spread over the lines.
4. Coupons, in the order they were scanned: each takes its value off its scope as the lines
   cost after everything before it; one that no longer fits the basket (its scope emptied,
   its minimum no longer reached) is left out with the reason.

A promotion's `min_basket` is compared with the basket's total when its level starts (the
gross subtotal for SKU promotions). Per cent is rounded half up per line (SKU, category) or on
the total (basket, coupons); a total is spread over its lines by `allocate`, so every part is
whole grosze and the parts add up. No line ever costs less than nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from pos_client.domain.allocation import allocate
from pos_client.domain.money import Money, round_half_up_div
from pos_client.domain.quantity import Quantity, Unit
from sync.coupons.reasons import Refusal
from sync.coupons.terms import BasketLine, Scope, ValueKind, discount_of, in_scope
from sync.promotion_rules import promotion_problem
from sync.protocol import PromotionData, PromotionKind

PERCENT = 100


class Level(IntEnum):
    """Where a discount comes in the order of application."""

    SKU = 1
    CATEGORY = 2
    BASKET = 3
    COUPON = 4


_LEVEL_OF_SCOPE = {Scope.SKU: Level.SKU, Scope.CATEGORY: Level.CATEGORY, Scope.BASKET: Level.BASKET}


@dataclass(frozen=True, slots=True)
class Promotion:
    """A promotion the till received (see PromotionData for the fields' meaning)."""

    code: str
    name: str
    kind: PromotionKind
    scope: Scope
    target: str | None
    percent: int = 0
    amount: Money = field(default_factory=Money.zero)
    buy: int = 0
    get: int = 0
    min_basket: Money = field(default_factory=Money.zero)
    priority: int = 0
    valid_from: datetime | None = None
    valid_to: datetime | None = None

    def __post_init__(self) -> None:
        problem = promotion_problem(
            self.kind,
            self.scope,
            self.target,
            self.percent,
            self.amount.grosze,
            self.buy,
            self.get,
            self.min_basket.grosze,
        )
        if problem is not None:
            raise ValueError(f"promotion {self.code}: {problem}")

    @classmethod
    def from_data(cls, data: PromotionData) -> Promotion:
        """The promotion as the change feed carries it; ValueError when it breaks the rules."""
        return cls(
            code=data.code,
            name=data.name,
            kind=data.kind,
            scope=data.scope,
            target=data.target,
            percent=data.percent or 0,
            amount=Money(data.amount or 0),
            buy=data.buy or 0,
            get=data.get or 0,
            min_basket=Money(data.min_basket),
            priority=data.priority,
            valid_from=data.valid_from,
            valid_to=data.valid_to,
        )

    @property
    def level(self) -> Level:
        return _LEVEL_OF_SCOPE[self.scope]

    def valid_at(self, now: datetime) -> bool:
        started = self.valid_from is None or self.valid_from <= now
        return started and (self.valid_to is None or now < self.valid_to)

    def order(self) -> tuple[int, str]:
        return (-self.priority, self.code)


@dataclass(frozen=True, slots=True)
class CouponDiscount:
    """A web-shop coupon the till accepted (verified, reserved or within the offline caps)."""

    source: str
    """What names it in the sale: e.g. "CAMPAIGN/SERIAL"."""
    name: str
    value_kind: ValueKind
    value: int
    scope: Scope
    scope_ref: str | None
    min_basket: Money = field(default_factory=Money.zero)


@dataclass(frozen=True, slots=True)
class PricingLine:
    """A cart line as the engine sees it."""

    line_id: uuid.UUID
    sku: str
    category: str | None
    quantity: Quantity
    unit_price: Money

    @property
    def gross(self) -> Money:
        return self.quantity.price(self.unit_price)


@dataclass(frozen=True, slots=True)
class Discount:
    """One named discount on one line."""

    source: str
    """The promotion's code or the coupon's source."""
    name: str
    level: Level
    amount: Money


@dataclass(frozen=True, slots=True)
class PricedLine:
    line: PricingLine
    discounts: tuple[Discount, ...]
    total: Money
    """What the customer pays for the line: gross less its discounts."""

    @property
    def discount(self) -> Money:
        return Money.total(discount.amount for discount in self.discounts)


@dataclass(frozen=True, slots=True)
class AppliedDiscount:
    """A promotion or coupon as the basket took it: its parts on the lines add up to
    `amount`."""

    source: str
    name: str
    level: Level
    amount: Money


@dataclass(frozen=True, slots=True)
class LeftOutCoupon:
    coupon: CouponDiscount
    reason: Refusal


@dataclass(frozen=True, slots=True)
class BasketPricing:
    lines: tuple[PricedLine, ...]
    applied: tuple[AppliedDiscount, ...]
    left_out: tuple[LeftOutCoupon, ...]

    @property
    def subtotal(self) -> Money:
        return Money.total(priced.line.gross for priced in self.lines)

    @property
    def discount_total(self) -> Money:
        return Money.total(applied.amount for applied in self.applied)

    @property
    def total(self) -> Money:
        return Money.total(priced.total for priced in self.lines)


class _Basket:
    """The lines while discounts are taken off them, level by level."""

    def __init__(self, lines: Sequence[PricingLine]) -> None:
        self.lines = list(lines)
        self.remaining = [line.gross for line in lines]
        self.discounts: list[list[Discount]] = [[] for _ in lines]
        self.taken = [False] * len(lines)
        self.applied: list[AppliedDiscount] = []
        self._by_target: dict[tuple[Scope, str], list[int]] = {}
        for index, line in enumerate(lines):
            self._by_target.setdefault((Scope.SKU, line.sku), []).append(index)
            if line.category is not None:
                self._by_target.setdefault((Scope.CATEGORY, line.category), []).append(index)

    def in_scope(self, promotion: Promotion) -> list[int]:
        """The lines (by index, in basket order) a SKU or category promotion names."""
        if promotion.target is None:
            return []
        return self._by_target.get((promotion.scope, promotion.target), [])

    def total(self) -> Money:
        return Money.total(self.remaining)

    def basket_lines(self) -> list[BasketLine]:
        return [
            BasketLine(line.sku, line.category, amount.grosze)
            for line, amount in zip(self.lines, self.remaining, strict=True)
        ]

    def take(self, source: str, name: str, level: Level, parts: dict[int, Money]) -> None:
        """Take `parts` (by line index) off the lines, each at most what its line costs."""
        amounts: dict[int, Money] = {}
        for index, part in parts.items():
            amount = min(part, self.remaining[index])
            if amount > Money.zero():
                amounts[index] = amount
        if not amounts:
            return
        for index, amount in amounts.items():
            self.remaining[index] -= amount
            self.discounts[index].append(Discount(source, name, level, amount))
        self.applied.append(AppliedDiscount(source, name, level, Money.total(amounts.values())))

    def spread(
        self, source: str, name: str, level: Level, amount: Money, indexes: list[int]
    ) -> None:
        """Take `amount` off the lines at `indexes` in proportion to what they cost now."""
        shares = allocate(amount, [self.remaining[index] for index in indexes])
        self.take(source, name, level, dict(zip(indexes, shares, strict=True)))


def _percent_of(amount: Money, percent: int) -> Money:
    return Money(round_half_up_div(amount.grosze * percent, PERCENT))


def _amount_off(line: PricingLine, amount: Money) -> Money:
    """`amount` off each piece, or per kilogram of a weighed line."""
    if line.quantity.unit is Unit.PIECE:
        return amount * line.quantity.amount
    return line.quantity.price(amount)


def _free_positions(before: int, buy: int, get: int, complete: int) -> int:
    """Positions below `before` (of the first `complete` ones) that are "get" positions: in
    each group of buy + get, the last `get` (the cheapest: units go dearest first)."""
    group = buy + get
    before = min(before, complete)
    return before // group * get + max(0, before % group - buy)


def _buy_x_get_y(basket: _Basket, promotion: Promotion, indexes: list[int]) -> dict[int, Money]:
    pieces = [i for i in indexes if basket.lines[i].quantity.unit is Unit.PIECE]
    # Dearest first; equal prices keep the basket's order.
    pieces.sort(key=lambda i: (-basket.lines[i].unit_price.grosze, i))
    units = sum(basket.lines[i].quantity.amount for i in pieces)
    group = promotion.buy + promotion.get
    complete = units // group * group
    parts: dict[int, Money] = {}
    start = 0
    for index in pieces:
        count = basket.lines[index].quantity.amount
        free = _free_positions(start + count, promotion.buy, promotion.get, complete)
        free -= _free_positions(start, promotion.buy, promotion.get, complete)
        start += count
        if free:
            unit_discount = _percent_of(basket.lines[index].unit_price, promotion.percent)
            parts[index] = unit_discount * free
    return parts


def _item_parts(basket: _Basket, promotion: Promotion, indexes: list[int]) -> dict[int, Money]:
    if promotion.kind is PromotionKind.BUY_X_GET_Y:
        return _buy_x_get_y(basket, promotion, indexes)
    if promotion.kind is PromotionKind.PERCENT_OFF:
        return {i: _percent_of(basket.remaining[i], promotion.percent) for i in indexes}
    return {i: _amount_off(basket.lines[i], promotion.amount) for i in indexes}


def _item_level(basket: _Basket, promotions: list[Promotion], level: Level) -> None:
    start_total = basket.total()
    for promotion in sorted((p for p in promotions if p.level is level), key=Promotion.order):
        if start_total < promotion.min_basket:
            continue
        indexes = [i for i in basket.in_scope(promotion) if not basket.taken[i]]
        parts = {i: part for i, part in _item_parts(basket, promotion, indexes).items() if part}
        if not parts:
            continue
        basket.take(promotion.code, promotion.name, level, parts)
        if promotion.kind is PromotionKind.BUY_X_GET_Y:
            # Every piece counted towards the groups is spoken for, the paid ones too.
            taken = [i for i in indexes if basket.lines[i].quantity.unit is Unit.PIECE]
        else:
            taken = list(parts)
        for index in taken:
            basket.taken[index] = True


def _basket_level(basket: _Basket, promotions: list[Promotion]) -> None:
    total = basket.total()
    best: tuple[Money, Promotion] | None = None
    for promotion in sorted(
        (p for p in promotions if p.level is Level.BASKET), key=Promotion.order
    ):
        if total < promotion.min_basket:
            continue
        if promotion.kind is PromotionKind.PERCENT_OFF:
            amount = _percent_of(total, promotion.percent)
        else:
            amount = min(promotion.amount, total)
        if amount > Money.zero() and (best is None or amount > best[0]):
            best = (amount, promotion)
    if best is not None:
        amount, promotion = best
        basket.spread(
            promotion.code, promotion.name, Level.BASKET, amount, list(range(len(basket.lines)))
        )


def _coupon_refusal(basket: _Basket, coupon: CouponDiscount, base: Money) -> Refusal | None:
    if base <= Money.zero():
        return Refusal.NOT_APPLICABLE
    if basket.total() < coupon.min_basket:
        return Refusal.MINIMUM_NOT_REACHED
    return None


def price_basket(
    lines: Sequence[PricingLine],
    promotions: Sequence[Promotion],
    now: datetime,
    coupons: Sequence[CouponDiscount] = (),
) -> BasketPricing:
    """The basket's lines with their discounts, in the order of the module's docstring.
    Promotions not valid at `now` are left out."""
    basket = _Basket(lines)
    valid = [promotion for promotion in promotions if promotion.valid_at(now)]
    _item_level(basket, valid, Level.SKU)
    _item_level(basket, valid, Level.CATEGORY)
    _basket_level(basket, valid)
    left_out: list[LeftOutCoupon] = []
    for coupon in coupons:
        view = basket.basket_lines()
        indexes = [
            i for i, line in enumerate(view) if in_scope(coupon.scope, coupon.scope_ref, line)
        ]
        base = Money.total(basket.remaining[i] for i in indexes)
        refusal = _coupon_refusal(basket, coupon, base)
        if refusal is not None:
            left_out.append(LeftOutCoupon(coupon, refusal))
            continue
        amount = Money(discount_of(coupon.value_kind, coupon.value, base.grosze))
        basket.spread(coupon.source, coupon.name, Level.COUPON, amount, indexes)
    return BasketPricing(
        lines=tuple(
            PricedLine(line, tuple(discounts), remaining)
            for line, discounts, remaining in zip(
                basket.lines, basket.discounts, basket.remaining, strict=True
            )
        ),
        applied=tuple(basket.applied),
        left_out=tuple(left_out),
    )
