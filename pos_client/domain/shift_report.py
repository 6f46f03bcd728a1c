"""X and Z reports of a shift, computed from plain records and laid out as receipt text.

The figures of a shift (its sales with their line totals and payments, its returns with their
refunds, the cash put in and taken out, the number of voids) go in; a frozen `ShiftReport` comes
out. An X report is a reading during the shift; a Z report closes it: it is numbered per till
without gaps and compares the cash counted in the drawer with the cash expected there.

Tenders are plain strings ("cash", "card", ...), as stored, so a tender added later (a voucher)
is reported without a change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from pos_client.domain.cash import CashCount, denomination_label
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.receipt_text import RECEIPT_WIDTH, StoreHeader
from pos_client.domain.vat import DEFAULT_RATES, VatClass, VatSummaryRow, vat_summary

CASH = Tender.CASH.value
CARD = Tender.CARD.value
VOID_ACTIONS: tuple[str, ...] = ("void_line", "void_sale", "void_paid_sale")
"""Audit actions counted as voids on the report. The checkout service writes one entry per void;
"void_line_after_total" is the manager's approval of such a void, not a second void."""

_TENDER_LABEL = {CASH: "Gotówka", CARD: "Karta"}


class ReportKind(StrEnum):
    X = "X"
    Z = "Z"


class MovementKind(StrEnum):
    IN = "in"
    OUT = "out"


@dataclass(frozen=True, slots=True)
class SaleFigures:
    """One committed sale as the report needs it."""

    sequence: int
    receipt_number: str
    total: Money
    discount: Money
    lines: tuple[tuple[VatClass, Money], ...]
    """(VAT class, line total after discounts)."""
    payments: tuple[tuple[str, Money], ...]
    """(tender, amount applied to the sale): cash net of the change given."""


@dataclass(frozen=True, slots=True)
class ReturnFigures:
    sequence: int
    return_number: str
    total: Money
    lines: tuple[tuple[VatClass, Money], ...]
    """(VAT class, gross refunded for the line), positive."""
    refunds: tuple[tuple[str, Money], ...]
    """(tender, amount refunded), positive."""


@dataclass(frozen=True, slots=True)
class MovementFigures:
    kind: MovementKind
    amount: Money


@dataclass(frozen=True, slots=True)
class ShiftFigures:
    """Everything recorded in one shift, read from the store."""

    shift_id: str
    till_id: str
    shift_number: int
    opened_at: datetime
    opened_by: str | None
    opening_float: Money
    sales: tuple[SaleFigures, ...]
    returns: tuple[ReturnFigures, ...]
    movements: tuple[MovementFigures, ...]
    voids: int


@dataclass(frozen=True, slots=True)
class ShiftReport:
    kind: ReportKind
    number: int | None
    """The Z number (gap-free per till); None for an X report."""
    till_id: str
    shift_id: str
    shift_number: int
    opened_at: datetime
    opened_by: str | None
    created_at: datetime
    created_by: str | None
    opening_float: Money
    cash_in: Money
    cash_out: Money
    sales_total: Money
    sales_by_tender: tuple[tuple[str, Money], ...]
    returns_total: Money
    refunds_by_tender: tuple[tuple[str, Money], ...]
    discounts: Money
    sale_count: int
    return_count: int
    voids: int
    vat: tuple[VatSummaryRow, ...]
    """Per VAT class, sales minus returns."""
    first_receipt: str | None
    last_receipt: str | None
    expected_by_tender: tuple[tuple[str, Money], ...]
    """Cash: float + cash sales - cash refunds + cash in - cash out; others: sales - refunds."""
    counted_by_tender: tuple[tuple[str, Money], ...] | None = None
    """Z only: cash as counted, other tenders as expected (terminal totals are not read)."""
    cash_count: CashCount | None = None
    """Z only: the drawer counted by denomination."""

    @property
    def net_total(self) -> Money:
        return self.sales_total - self.returns_total

    @property
    def vat_total(self) -> Money:
        return Money.total(row.vat for row in self.vat)

    @property
    def expected_cash(self) -> Money:
        return dict(self.expected_by_tender).get(CASH, Money.zero())

    @property
    def counted_cash(self) -> Money | None:
        if self.counted_by_tender is None:
            return None
        return dict(self.counted_by_tender).get(CASH, Money.zero())

    @property
    def difference(self) -> Money | None:
        """Counted minus expected cash: negative when cash is missing. None on an X report."""
        counted = self.counted_cash
        return None if counted is None else counted - self.expected_cash

    def sales_by(self, tender: str) -> Money:
        return dict(self.sales_by_tender).get(tender, Money.zero())

    def refunds_by(self, tender: str) -> Money:
        return dict(self.refunds_by_tender).get(tender, Money.zero())

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "number": self.number,
            "till_id": self.till_id,
            "shift_id": self.shift_id,
            "shift_number": self.shift_number,
            "opened_at": self.opened_at.isoformat(),
            "opened_by": self.opened_by,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "opening_float": self.opening_float.grosze,
            "cash_in": self.cash_in.grosze,
            "cash_out": self.cash_out.grosze,
            "sales_total": self.sales_total.grosze,
            "sales_by_tender": _pairs_json(self.sales_by_tender),
            "returns_total": self.returns_total.grosze,
            "refunds_by_tender": _pairs_json(self.refunds_by_tender),
            "discounts": self.discounts.grosze,
            "sale_count": self.sale_count,
            "return_count": self.return_count,
            "voids": self.voids,
            "vat": [
                {
                    "class": row.vat_class.value,
                    "rate_bp": row.rate_bp,
                    "gross": row.gross.grosze,
                    "vat": row.vat.grosze,
                }
                for row in self.vat
            ],
            "first_receipt": self.first_receipt,
            "last_receipt": self.last_receipt,
            "expected_by_tender": _pairs_json(self.expected_by_tender),
            "counted_by_tender": (
                None if self.counted_by_tender is None else _pairs_json(self.counted_by_tender)
            ),
            "cash_count": None if self.cash_count is None else self.cash_count.to_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ShiftReport:
        counted = data["counted_by_tender"]
        count = data["cash_count"]
        return cls(
            kind=ReportKind(data["kind"]),
            number=data["number"],
            till_id=data["till_id"],
            shift_id=data["shift_id"],
            shift_number=data["shift_number"],
            opened_at=datetime.fromisoformat(data["opened_at"]),
            opened_by=data["opened_by"],
            created_at=datetime.fromisoformat(data["created_at"]),
            created_by=data["created_by"],
            opening_float=Money(data["opening_float"]),
            cash_in=Money(data["cash_in"]),
            cash_out=Money(data["cash_out"]),
            sales_total=Money(data["sales_total"]),
            sales_by_tender=_pairs_from_json(data["sales_by_tender"]),
            returns_total=Money(data["returns_total"]),
            refunds_by_tender=_pairs_from_json(data["refunds_by_tender"]),
            discounts=Money(data["discounts"]),
            sale_count=data["sale_count"],
            return_count=data["return_count"],
            voids=data["voids"],
            vat=tuple(
                VatSummaryRow(
                    VatClass(row["class"]), row["rate_bp"], Money(row["gross"]), Money(row["vat"])
                )
                for row in data["vat"]
            ),
            first_receipt=data["first_receipt"],
            last_receipt=data["last_receipt"],
            expected_by_tender=_pairs_from_json(data["expected_by_tender"]),
            counted_by_tender=None if counted is None else _pairs_from_json(counted),
            cash_count=None if count is None else CashCount.from_json(count),
        )


def _pairs_json(pairs: tuple[tuple[str, Money], ...]) -> list[list[Any]]:
    return [[tender, amount.grosze] for tender, amount in pairs]


def _pairs_from_json(data: Iterable[list[Any]]) -> tuple[tuple[str, Money], ...]:
    return tuple((str(tender), Money(int(amount))) for tender, amount in data)


def _tender_order(tender: str) -> tuple[int, str]:
    order = {CASH: 0, CARD: 1}
    return order.get(tender, 2), tender


def _by_tender(
    amounts: Iterable[tuple[str, Money]], always: Iterable[str] = (CASH, CARD)
) -> tuple[tuple[str, Money], ...]:
    """Sum per tender: cash and card always listed (zero if unused), then the others."""
    sums: dict[str, int] = dict.fromkeys(always, 0)
    for tender, amount in amounts:
        sums[tender] = sums.get(tender, 0) + amount.grosze
    return tuple((tender, Money(sums[tender])) for tender in sorted(sums, key=_tender_order))


def _compute(
    figures: ShiftFigures,
    kind: ReportKind,
    at: datetime,
    user_id: str | None,
    number: int | None,
    count: CashCount | None,
    rates: Mapping[VatClass, int | None],
) -> ShiftReport:
    sales_by_tender = _by_tender(payment for sale in figures.sales for payment in sale.payments)
    refunds_by_tender = _by_tender(
        refund for sale_return in figures.returns for refund in sale_return.refunds
    )
    cash_in = Money.total(m.amount for m in figures.movements if m.kind is MovementKind.IN)
    cash_out = Money.total(m.amount for m in figures.movements if m.kind is MovementKind.OUT)
    refunds = dict(refunds_by_tender)
    sold = dict(sales_by_tender)
    tenders = sorted(set(sold) | set(refunds), key=_tender_order)
    expected = []
    for tender in tenders:
        amount = sold.get(tender, Money.zero()) - refunds.get(tender, Money.zero())
        if tender == CASH:
            amount = figures.opening_float + amount + cash_in - cash_out
        expected.append((tender, amount))
    vat_lines = [line for sale in figures.sales for line in sale.lines]
    vat_lines += [
        (vat_class, -total)
        for sale_return in figures.returns
        for vat_class, total in sale_return.lines
    ]
    ordered = sorted(figures.sales, key=lambda sale: sale.sequence)
    counted: tuple[tuple[str, Money], ...] | None = None
    if count is not None:
        counted = tuple(
            (tender, count.total() if tender == CASH else amount) for tender, amount in expected
        )
    return ShiftReport(
        kind=kind,
        number=number,
        till_id=figures.till_id,
        shift_id=figures.shift_id,
        shift_number=figures.shift_number,
        opened_at=figures.opened_at,
        opened_by=figures.opened_by,
        created_at=at,
        created_by=user_id,
        opening_float=figures.opening_float,
        cash_in=cash_in,
        cash_out=cash_out,
        sales_total=Money.total(sale.total for sale in figures.sales),
        sales_by_tender=sales_by_tender,
        returns_total=Money.total(sale_return.total for sale_return in figures.returns),
        refunds_by_tender=refunds_by_tender,
        discounts=Money.total(sale.discount for sale in figures.sales),
        sale_count=len(figures.sales),
        return_count=len(figures.returns),
        voids=figures.voids,
        vat=tuple(vat_summary(vat_lines, rates)),
        first_receipt=ordered[0].receipt_number if ordered else None,
        last_receipt=ordered[-1].receipt_number if ordered else None,
        expected_by_tender=tuple(expected),
        counted_by_tender=counted,
        cash_count=count,
    )


def x_report(
    figures: ShiftFigures,
    at: datetime,
    user_id: str | None = None,
    rates: Mapping[VatClass, int | None] = DEFAULT_RATES,
) -> ShiftReport:
    """A reading of the open shift: nothing is closed or numbered."""
    return _compute(figures, ReportKind.X, at, user_id, None, None, rates)


def z_report(
    figures: ShiftFigures,
    number: int,
    count: CashCount,
    at: datetime,
    user_id: str | None = None,
    rates: Mapping[VatClass, int | None] = DEFAULT_RATES,
) -> ShiftReport:
    """The closing report: numbered, with the drawer counted by denomination."""
    if number < 1:
        raise ValueError("a Z report is numbered from 1")
    return _compute(figures, ReportKind.Z, at, user_id, number, count, rates)


# --- receipt text ---------------------------------------------------------------------------


def tender_label(tender: str) -> str:
    return _TENDER_LABEL.get(tender, tender.capitalize())


def _pair(left: str, right: str, width: int) -> str:
    space = width - len(right) - 1
    return f"{left[:space]:<{space}} {right}"


def _time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _who(user_id: str | None, names: Mapping[str, str]) -> str:
    if user_id is None:
        return "-"
    return names.get(user_id, user_id)


def report_title(report: ShiftReport) -> str:
    if report.kind is ReportKind.Z:
        return f"RAPORT DOBOWY Z nr {report.number}"
    return "RAPORT X"


def report_lines(
    report: ShiftReport,
    width: int = RECEIPT_WIDTH,
    store: StoreHeader | None = None,
    user_names: Mapping[str, str] | None = None,
) -> list[str]:
    """The report as monospaced receipt lines (Polish, like the receipt)."""
    names = user_names or {}
    rule = "-" * width
    lines: list[str] = []
    if store is not None:
        lines += [store.name.center(width), store.address.center(width)]
        lines.append(f"NIP {store.tax_id}".center(width))
    lines.append(rule)
    lines.append(report_title(report).center(width))
    if report.kind is ReportKind.X:
        lines.append("(odczyt bez zamykania zmiany)".center(width))
    lines.append(rule)
    lines.append(_pair(f"Kasa {report.till_id}", f"Zmiana nr {report.shift_number}", width))
    lines.append(_pair("Otwarcie zmiany", _time(report.opened_at), width))
    lines.append(_pair("Otworzył(a)", _who(report.opened_by, names), width))
    closing = "Zamknięcie zmiany" if report.kind is ReportKind.Z else "Odczyt"
    lines.append(_pair(closing, _time(report.created_at), width))
    lines.append(_pair("Wykonał(a)", _who(report.created_by, names), width))
    lines.append(rule)
    lines.append(_pair("Liczba paragonów", str(report.sale_count), width))
    if report.first_receipt is not None and report.last_receipt is not None:
        lines.append(_pair("  Pierwszy", report.first_receipt, width))
        lines.append(_pair("  Ostatni", report.last_receipt, width))
    lines.append(_pair("Liczba zwrotów", str(report.return_count), width))
    lines.append(_pair("Liczba anulowań", str(report.voids), width))
    lines.append(rule)
    lines.append("SPRZEDAŻ")
    for tender, amount in report.sales_by_tender:
        lines.append(_pair(f"  {tender_label(tender)}", amount.plain(), width))
    lines.append(_pair("  Razem sprzedaż", report.sales_total.plain(), width))
    lines.append(_pair("  Rabaty udzielone", report.discounts.plain(), width))
    lines.append("ZWROTY")
    for tender, amount in report.refunds_by_tender:
        lines.append(_pair(f"  {tender_label(tender)}", amount.plain(), width))
    lines.append(_pair("  Razem zwroty", report.returns_total.plain(), width))
    lines.append(_pair("SPRZEDAŻ NETTO", report.net_total.plain(), width))
    lines.append(rule)
    for row in report.vat:
        label = f"Sprzed. opod. {row.vat_class.value} {row.rate_label()}"
        lines.append(_pair(label, row.gross.plain(), width))
        lines.append(_pair(f"  PTU {row.vat_class.value}", row.vat.plain(), width))
    lines.append(_pair("SUMA PTU", report.vat_total.plain(), width))
    lines.append(rule)
    lines.append("GOTÓWKA W SZUFLADZIE")
    lines.append(_pair("  Stan początkowy", report.opening_float.plain(), width))
    lines.append(_pair("  + sprzedaż gotówką", report.sales_by(CASH).plain(), width))
    lines.append(_pair("  - zwroty gotówką", report.refunds_by(CASH).plain(), width))
    lines.append(_pair("  + wpłaty", report.cash_in.plain(), width))
    lines.append(_pair("  - wypłaty", report.cash_out.plain(), width))
    lines.append(_pair("  = Oczekiwano", report.expected_cash.plain(), width))
    if report.counted_by_tender is not None:
        counted = report.counted_cash
        difference = report.difference
        assert counted is not None
        assert difference is not None
        lines.append(_pair("  Policzono", counted.plain(), width))
        lines.append(_pair("  RÓŻNICA", difference.plain(), width))
        lines.append(rule)
        lines.append("ROZLICZENIE WG FORM PŁATNOŚCI")
        expected = dict(report.expected_by_tender)
        for tender, amount in report.counted_by_tender:
            lines.append(f"  {tender_label(tender)}")
            lines.append(_pair("    oczekiwano", expected[tender].plain(), width))
            lines.append(_pair("    policzono", amount.plain(), width))
            lines.append(_pair("    różnica", (amount - expected[tender]).plain(), width))
    if report.cash_count is not None:
        lines.append(rule)
        lines.append("LICZENIE GOTÓWKI")
        for denomination, count, value in report.cash_count.lines():
            lines.append(
                _pair(f"  {denomination_label(denomination)} x {count}", value.plain(), width)
            )
        lines.append(_pair("  Razem", report.cash_count.total().plain(), width))
    lines.append(rule)
    lines += ["Id zmiany:", report.shift_id]
    return lines
