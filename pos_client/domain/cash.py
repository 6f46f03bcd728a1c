"""Polish cash: the denominations of notes and coins, and a drawer counted by denomination."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.domain.money import Money

NOTES: tuple[int, ...] = (50_000, 20_000, 10_000, 5_000, 2_000, 1_000)
"""Banknotes in grosze: 500, 200, 100, 50, 20 and 10 zł."""
COINS: tuple[int, ...] = (500, 200, 100, 50, 20, 10, 5, 2, 1)
"""Coins in grosze: 5, 2, 1 zł and 50, 20, 10, 5, 2, 1 gr."""
DENOMINATIONS: tuple[int, ...] = NOTES + COINS
"""Every denomination, largest first."""

MAX_PIECES = 100_000
"""More pieces of one denomination than any drawer or safe bag holds: a typing slip."""


class CashCountError(TillError, ValueError):
    """A count the till refuses (unknown denomination, negative or implausible count)."""


def denomination_label(grosze: int) -> str:
    """ "500 zł", "5 zł", "50 gr"."""
    if grosze >= 100:
        return f"{grosze // 100} zł"
    return f"{grosze} gr"


@dataclass(frozen=True, slots=True, init=False)
class CashCount:
    """How many notes and coins of each denomination were counted (zero counts are dropped)."""

    pieces: tuple[tuple[int, int], ...]
    """(denomination in grosze, count), largest denomination first."""

    def __init__(self, counts: Mapping[int, int] | None = None) -> None:
        normalised: dict[int, int] = {}
        for denomination, count in (counts or {}).items():
            if isinstance(denomination, bool) or denomination not in DENOMINATIONS:
                raise CashCountError(
                    QT_TRANSLATE_NOOP("CashCount", "%1 grosze is not a Polish note or coin"),
                    repr(denomination),
                )
            label = denomination_label(denomination)
            if not isinstance(count, int) or isinstance(count, bool):
                raise CashCountError(
                    QT_TRANSLATE_NOOP("CashCount", "the count of %1 is not a number"), label
                )
            if count < 0:
                raise CashCountError(
                    QT_TRANSLATE_NOOP("CashCount", "the count of %1 is negative"), label
                )
            if count > MAX_PIECES:
                raise CashCountError(
                    QT_TRANSLATE_NOOP("CashCount", "%1 pieces of %2 is not plausible"), count, label
                )
            if count:
                normalised[denomination] = count
        ordered = tuple((d, normalised[d]) for d in DENOMINATIONS if d in normalised)
        object.__setattr__(self, "pieces", ordered)

    @classmethod
    def from_json(cls, data: Mapping[str, int]) -> CashCount:
        """Read `to_json()` back (JSON keys are strings)."""
        try:
            return cls({int(key): value for key, value in data.items()})
        except ValueError as error:
            raise CashCountError(
                QT_TRANSLATE_NOOP("CashCount", "not a cash count: %1"), repr(data)
            ) from error

    def to_json(self) -> dict[str, int]:
        return {str(denomination): count for denomination, count in self.pieces}

    def count(self, denomination: int) -> int:
        return dict(self.pieces).get(denomination, 0)

    def as_dict(self) -> dict[int, int]:
        return dict(self.pieces)

    def total(self) -> Money:
        return Money(sum(denomination * count for denomination, count in self.pieces))

    def lines(self) -> Iterator[tuple[int, int, Money]]:
        """(denomination, count, value) for every counted denomination, largest first."""
        for denomination, count in self.pieces:
            yield denomination, count, Money(denomination * count)

    def __bool__(self) -> bool:
        return bool(self.pieces)
