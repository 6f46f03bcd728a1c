"""Money as an integer number of grosze (1/100 zł). Never a float."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Self

_AMOUNT = re.compile(
    r"^\s*(?P<sign>-)?(?P<units>\d{1,12})(?:[.,](?P<frac>\d{1,2}))?\s*(?:zł|zl|PLN)?\s*$"
)


def round_half_up_div(numerator: int, denominator: int) -> int:
    """Integer division rounded half away from zero, as Polish fiscal rules round."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    quotient, remainder = divmod(abs(numerator), denominator)
    if remainder * 2 >= denominator:
        quotient += 1
    return sign * quotient


@dataclass(frozen=True, slots=True, order=True)
class Money:
    """An amount in grosze. Gross (VAT included) unless a name says otherwise."""

    grosze: int

    def __post_init__(self) -> None:
        if not isinstance(self.grosze, int) or isinstance(self.grosze, bool):
            raise TypeError(f"Money needs an int number of grosze, got {self.grosze!r}")

    @classmethod
    def zero(cls) -> Self:
        return cls(0)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read what a person types: "12", "12,5", "12.50", "1 234,56 zł"."""
        match = _AMOUNT.match(text.replace("\u00a0", "").replace(" ", ""))
        if match is None:
            raise ValueError(f"not an amount: {text!r}")
        frac = (match["frac"] or "").ljust(2, "0")
        grosze = int(match["units"]) * 100 + int(frac or "0")
        return cls(-grosze if match["sign"] else grosze)

    @classmethod
    def total(cls, amounts: Iterable[Money]) -> Money:
        return Money(sum(amount.grosze for amount in amounts))

    def __add__(self, other: Money) -> Money:
        return Money(self.grosze + other.grosze)

    def __sub__(self, other: Money) -> Money:
        return Money(self.grosze - other.grosze)

    def __neg__(self) -> Money:
        return Money(-self.grosze)

    def __mul__(self, factor: int) -> Money:
        if not isinstance(factor, int) or isinstance(factor, bool):
            return NotImplemented
        return Money(self.grosze * factor)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.grosze != 0

    def is_negative(self) -> bool:
        return self.grosze < 0

    def plain(self) -> str:
        """Digits with a decimal comma and no currency: "1234,56", "-0,05"."""
        sign = "-" if self.grosze < 0 else ""
        units, frac = divmod(abs(self.grosze), 100)
        return f"{sign}{units},{frac:02d}"

    def format(self, grouping: str = "\u00a0", decimal: str = ",", currency: str = "zł") -> str:
        """Polish style by default: "1 234,56 zł" with no-break spaces."""
        sign = "-" if self.grosze < 0 else ""
        units, frac = divmod(abs(self.grosze), 100)
        grouped = f"{units:,}".replace(",", grouping)
        text = f"{sign}{grouped}{decimal}{frac:02d}"
        return f"{text}{grouping}{currency}" if currency else text

    def __str__(self) -> str:
        return self.format()
