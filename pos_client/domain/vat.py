"""Polish VAT classes and the per-class summary computed from gross totals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from pos_client.domain.money import Money, round_half_up_div


class VatClass(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"


# Rates in basis points of a percent (2300 = 23 %); None means exempt ("zw.").
DEFAULT_RATES: Mapping[VatClass, int | None] = {
    VatClass.A: 2300,
    VatClass.B: 800,
    VatClass.C: 500,
    VatClass.D: 0,
    VatClass.E: None,
}


@dataclass(frozen=True, slots=True)
class VatSummaryRow:
    vat_class: VatClass
    rate_bp: int | None
    gross: Money
    vat: Money

    @property
    def net(self) -> Money:
        return self.gross - self.vat

    def rate_label(self) -> str:
        if self.rate_bp is None:
            return "zw."
        whole, frac = divmod(self.rate_bp, 100)
        return f"{whole}%" if frac == 0 else f"{whole},{frac:02d}%"


def vat_in_gross(gross: Money, rate_bp: int | None) -> Money:
    """The VAT contained in a gross amount: gross * rate / (100 % + rate), rounded half up."""
    if not rate_bp:
        return Money.zero()
    return Money(round_half_up_div(gross.grosze * rate_bp, 10_000 + rate_bp))


def vat_summary(
    lines: Iterable[tuple[VatClass, Money]],
    rates: Mapping[VatClass, int | None] = DEFAULT_RATES,
) -> list[VatSummaryRow]:
    """Sum gross per class, then take the VAT out of each class total (fiscal printer rule)."""
    gross_by_class: dict[VatClass, int] = {}
    for vat_class, gross in lines:
        gross_by_class[vat_class] = gross_by_class.get(vat_class, 0) + gross.grosze
    rows = []
    for vat_class in sorted(gross_by_class):
        gross = Money(gross_by_class[vat_class])
        rate = rates[vat_class]
        rows.append(VatSummaryRow(vat_class, rate, gross, vat_in_gross(gross, rate)))
    return rows
