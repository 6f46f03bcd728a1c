"""The rules a promotion must keep, in one place for the central service (which refuses a
promotion that breaks them) and the till (which leaves such a one out): see
protocol.PromotionData for the fields."""

from __future__ import annotations

from sync.coupons.terms import MAX_AMOUNT, MAX_PERCENT, Scope
from sync.protocol import PromotionKind

MAX_PIECES_IN_GROUP = 999


def promotion_problem(
    kind: PromotionKind,
    scope: Scope,
    target: str | None,
    percent: int | None,
    amount: int | None,
    buy: int | None,
    get: int | None,
    min_basket: int,
) -> str | None:
    """What is wrong with a promotion of these fields, or None."""
    if (scope is Scope.BASKET) != (target is None):
        return "a promotion names a target (SKU or category) unless it is for the basket"
    if kind is PromotionKind.AMOUNT_OFF:
        if amount is None or not 1 <= amount <= MAX_AMOUNT:
            return f"amount_off needs an amount of 1 to {MAX_AMOUNT} grosze"
    elif percent is None or not 1 <= percent <= MAX_PERCENT:
        return f"{kind.value} needs a per cent of 1 to {MAX_PERCENT}"
    if kind is PromotionKind.BUY_X_GET_Y:
        if scope is Scope.BASKET:
            return "buy_x_get_y is for a SKU or a category"
        if (
            buy is None
            or get is None
            or not (1 <= buy <= MAX_PIECES_IN_GROUP and 1 <= get <= MAX_PIECES_IN_GROUP)
        ):
            return f"buy_x_get_y needs buy and get of 1 to {MAX_PIECES_IN_GROUP} pieces"
    if not 0 <= min_basket <= MAX_AMOUNT:
        return f"the minimum basket is 0 to {MAX_AMOUNT} grosze"
    return None
