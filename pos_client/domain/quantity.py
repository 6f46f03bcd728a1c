"""Quantities: whole pieces, or grams for items sold by weight."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money, round_half_up_div

MAX_PIECES = 999
MAX_GRAMS = 50_000


class Unit(StrEnum):
    PIECE = "piece"
    KILOGRAM = "kg"


class QuantityError(TillError, ValueError):
    """A quantity no till should accept (zero, negative, absurdly large)."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """`amount` is a count of pieces, or a weight in grams when the unit is the kilogram."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        limit = MAX_PIECES if self.unit is Unit.PIECE else MAX_GRAMS
        if self.amount <= 0:
            raise QuantityError(QT_TRANSLATE_NOOP("Quantity", "quantity must be more than zero"))
        if self.amount > limit:
            raise QuantityError(
                QT_TRANSLATE_NOOP("Quantity", "quantity %1 is more than the limit %2"),
                Measure(self.amount, self.unit),
                limit,
            )

    @classmethod
    def pieces(cls, count: int) -> Quantity:
        return cls(count, Unit.PIECE)

    @classmethod
    def grams(cls, grams: int) -> Quantity:
        return cls(grams, Unit.KILOGRAM)

    def price(self, unit_price: Money) -> Money:
        """Gross price of this quantity; a weighed item is priced per kilogram, rounded half up."""
        if self.unit is Unit.PIECE:
            return unit_price * self.amount
        return Money(round_half_up_div(unit_price.grosze * self.amount, 1000))

    def describe(self) -> str:
        """As the receipt prints it: "2 szt.", "0,450 kg"."""
        return Measure(self.amount, self.unit).describe()


@dataclass(frozen=True, slots=True)
class Measure:
    """An amount in a unit that may be zero (nothing returned yet, nothing left to return)."""

    amount: int
    unit: Unit

    def describe(self) -> str:
        if self.unit is Unit.PIECE:
            return f"{self.amount} szt."
        kilos, grams = divmod(self.amount, 1000)
        return f"{kilos},{grams:03d} kg"
