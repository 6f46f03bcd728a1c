"""The basket being sold: lines, quantities, discounts and totals."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from pos_client.domain.allocation import allocate
from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money
from pos_client.domain.quantity import Quantity, QuantityError, Unit
from pos_client.domain.vat import DEFAULT_RATES, VatClass, VatSummaryRow, vat_summary

MAX_LINES = 500


class CartError(TillError, ValueError):
    """An operation the cart refuses, with a message for the cashier."""


@dataclass(frozen=True, slots=True)
class ProductSnapshot:
    """What the cart needs to know of a product, copied at the moment it is scanned."""

    product_id: int
    sku: str
    name: str
    unit_price: Money
    vat_class: VatClass
    unit: Unit
    barcode: str | None = None


def _sold_by(product: ProductSnapshot) -> CartError:
    if product.unit is Unit.KILOGRAM:
        return CartError(QT_TRANSLATE_NOOP("Cart", "%1 is sold by weight"), product.name)
    return CartError(QT_TRANSLATE_NOOP("Cart", "%1 is sold by the piece"), product.name)


@dataclass(frozen=True, slots=True)
class CartLine:
    line_id: uuid.UUID
    product: ProductSnapshot
    quantity: Quantity
    line_discount: Money = field(default_factory=Money.zero)

    @property
    def gross(self) -> Money:
        """Price of the quantity before any discount."""
        return self.quantity.price(self.product.unit_price)

    @property
    def after_line_discount(self) -> Money:
        return self.gross - self.line_discount


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A line with its share of the basket discount and the amount the customer pays for it."""

    line: CartLine
    basket_discount: Money
    total: Money

    @property
    def discount(self) -> Money:
        return self.line.line_discount + self.basket_discount


class Cart:
    def __init__(self) -> None:
        self._lines: list[CartLine] = []
        self._basket_discount = Money.zero()

    @property
    def lines(self) -> tuple[CartLine, ...]:
        return tuple(self._lines)

    @property
    def basket_discount(self) -> Money:
        return self._basket_discount

    def is_empty(self) -> bool:
        return not self._lines

    def add(self, product: ProductSnapshot, quantity: Quantity) -> CartLine:
        """Add a product; scanning the same piece item again raises the last line's quantity."""
        if quantity.unit is not product.unit:
            raise _sold_by(product)
        if self._lines:
            last = self._lines[-1]
            if (
                last.product.product_id == product.product_id
                and product.unit is Unit.PIECE
                and last.product.unit_price == product.unit_price
                and not last.line_discount
            ):
                try:
                    merged = Quantity.pieces(last.quantity.amount + quantity.amount)
                except QuantityError as error:
                    raise CartError(error.message) from error
                return self.set_quantity(last.line_id, merged)
        if len(self._lines) >= MAX_LINES:
            raise CartError(
                QT_TRANSLATE_NOOP("Cart", "a sale can have at most %1 lines"), MAX_LINES
            )
        line = CartLine(uuid.uuid4(), product, quantity)
        self._lines.append(line)
        self._check_basket_discount()
        return line

    def line(self, line_id: uuid.UUID) -> CartLine:
        for line in self._lines:
            if line.line_id == line_id:
                return line
        raise CartError(QT_TRANSLATE_NOOP("Cart", "that line is no longer in the sale"))

    def _replace(self, updated: CartLine) -> CartLine:
        index = next(i for i, line in enumerate(self._lines) if line.line_id == updated.line_id)
        self._lines[index] = updated
        return updated

    def set_quantity(self, line_id: uuid.UUID, quantity: Quantity) -> CartLine:
        line = self.line(line_id)
        if quantity.unit is not line.product.unit:
            raise _sold_by(line.product)
        updated = replace(line, quantity=quantity)
        if updated.line_discount > updated.gross:
            updated = replace(updated, line_discount=updated.gross)
        self._replace(updated)
        self._check_basket_discount()
        return updated

    def set_line_discount(self, line_id: uuid.UUID, discount: Money) -> CartLine:
        line = self.line(line_id)
        if discount.is_negative() or discount > line.gross:
            raise CartError(
                QT_TRANSLATE_NOOP(
                    "Cart", "a line discount must be between zero and the line's price"
                )
            )
        updated = self._replace(replace(line, line_discount=discount))
        self._check_basket_discount()
        return updated

    def override_price(self, line_id: uuid.UUID, unit_price: Money) -> CartLine:
        """A new unit price for one line (a manager's decision); its line discount is dropped."""
        line = self.line(line_id)
        if unit_price.is_negative():
            raise CartError(QT_TRANSLATE_NOOP("Cart", "a price cannot be negative"))
        product = replace(line.product, unit_price=unit_price)
        updated = self._replace(replace(line, product=product, line_discount=Money.zero()))
        self._check_basket_discount()
        return updated

    def set_basket_discount(self, discount: Money) -> None:
        if discount.is_negative() or discount > self._after_line_discounts():
            raise CartError(
                QT_TRANSLATE_NOOP(
                    "Cart", "a basket discount must be between zero and the basket's total"
                )
            )
        self._basket_discount = discount

    def remove(self, line_id: uuid.UUID) -> CartLine:
        line = self.line(line_id)
        self._lines.remove(line)
        self._check_basket_discount()
        return line

    def clear(self) -> None:
        self._lines.clear()
        self._basket_discount = Money.zero()

    def _after_line_discounts(self) -> Money:
        return Money.total(line.after_line_discount for line in self._lines)

    def _check_basket_discount(self) -> None:
        self._basket_discount = min(self._basket_discount, self._after_line_discounts())

    def priced_lines(self) -> list[PricedLine]:
        """Every line with its final amount; the amounts add up exactly to `total()`."""
        weights = [line.after_line_discount for line in self._lines]
        shares = allocate(self._basket_discount, weights)
        return [
            PricedLine(line, share, line.after_line_discount - share)
            for line, share in zip(self._lines, shares, strict=True)
        ]

    def subtotal(self) -> Money:
        """Sum of the lines before any discount."""
        return Money.total(line.gross for line in self._lines)

    def discount_total(self) -> Money:
        return Money.total(line.line_discount for line in self._lines) + self._basket_discount

    def total(self) -> Money:
        return self._after_line_discounts() - self._basket_discount

    def item_count(self) -> int:
        """Pieces plus one for each weighed line: what a receipt calls "items"."""
        return sum(
            line.quantity.amount if line.quantity.unit is Unit.PIECE else 1 for line in self._lines
        )

    def vat_summary(
        self, rates: Mapping[VatClass, int | None] = DEFAULT_RATES
    ) -> list[VatSummaryRow]:
        return vat_summary(
            ((priced.line.product.vat_class, priced.total) for priced in self.priced_lines()), rates
        )
