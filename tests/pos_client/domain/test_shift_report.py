"""X and Z reports computed from plain shift figures, and their receipt text."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.cash import CashCount
from pos_client.domain.money import Money
from pos_client.domain.receipt_text import StoreHeader
from pos_client.domain.shift_report import (
    CARD,
    CASH,
    MovementFigures,
    MovementKind,
    ReportKind,
    ReturnFigures,
    SaleFigures,
    ShiftFigures,
    ShiftReport,
    report_lines,
    report_title,
    x_report,
    z_report,
)
from pos_client.domain.vat import VatClass, vat_in_gross

OPENED = datetime(2025, 3, 14, 7, 0, tzinfo=UTC)
NOW = datetime(2025, 3, 14, 19, 30, tzinfo=UTC)
A, C = VatClass.A, VatClass.C


def sale(
    sequence: int,
    lines: list[tuple[VatClass, int]],
    payments: list[tuple[str, int]],
    discount: int = 0,
) -> SaleFigures:
    total = sum(amount for _, amount in lines)
    assert total == sum(amount for _, amount in payments)
    return SaleFigures(
        sequence=sequence,
        receipt_number=f"WAW01-01-{sequence:06d}",
        total=Money(total),
        discount=Money(discount),
        lines=tuple((vat, Money(amount)) for vat, amount in lines),
        payments=tuple((tender, Money(amount)) for tender, amount in payments),
    )


def sale_return(
    sequence: int, lines: list[tuple[VatClass, int]], refunds: list[tuple[str, int]]
) -> ReturnFigures:
    return ReturnFigures(
        sequence=sequence,
        return_number=f"WAW01-01-Z{sequence:06d}",
        total=Money(sum(amount for _, amount in lines)),
        lines=tuple((vat, Money(amount)) for vat, amount in lines),
        refunds=tuple((tender, Money(amount)) for tender, amount in refunds),
    )


def figures(**changes: object) -> ShiftFigures:
    data: dict[str, object] = {
        "shift_id": "5f0c6d1e-0000-4000-8000-000000000001",
        "till_id": "01",
        "shift_number": 3,
        "opened_at": OPENED,
        "opened_by": "u-anna",
        "opening_float": Money(40000),
        # Given out of order: first and last come from the sequence, not the list order.
        "sales": (
            sale(8, [(A, 1230), (C, 1050)], [(CARD, 1000), (CASH, 1280)], discount=120),
            sale(7, [(A, 2460)], [(CASH, 2460)]),
            sale(9, [(C, 525)], [(CARD, 525)], discount=25),
        ),
        "returns": (sale_return(1, [(A, 1230)], [(CASH, 1230)]),),
        "movements": (
            MovementFigures(MovementKind.IN, Money(5000)),
            MovementFigures(MovementKind.OUT, Money(20000)),
            MovementFigures(MovementKind.IN, Money(1000)),
        ),
        "voids": 2,
    }
    data.update(changes)
    return ShiftFigures(**data)  # type: ignore[arg-type]


def test_x_report_figures() -> None:
    report = x_report(figures(), NOW, "u-boss")

    assert report.kind is ReportKind.X
    assert report.number is None
    assert (report.till_id, report.shift_number, report.created_by) == ("01", 3, "u-boss")
    assert report.sale_count == 3
    assert report.return_count == 1
    assert report.voids == 2
    assert report.first_receipt == "WAW01-01-000007"
    assert report.last_receipt == "WAW01-01-000009"
    assert report.sales_total == Money(1230 + 1050 + 2460 + 525)
    assert report.sales_by_tender == ((CASH, Money(1280 + 2460)), (CARD, Money(1000 + 525)))
    assert report.refunds_by_tender == ((CASH, Money(1230)), (CARD, Money(0)))
    assert report.returns_total == Money(1230)
    assert report.net_total == Money(1230 + 1050 + 2460 + 525 - 1230)
    assert report.discounts == Money(145)
    assert (report.cash_in, report.cash_out) == (Money(6000), Money(20000))
    # float + cash sales - cash refunds + cash in - cash out
    assert report.expected_cash == Money(40000 + 3740 - 1230 + 6000 - 20000)
    assert report.expected_by_tender == ((CASH, Money(28510)), (CARD, Money(1525)))
    assert report.counted_by_tender is None
    assert report.counted_cash is None
    assert report.difference is None


def test_vat_per_class_is_sales_minus_returns_taken_from_class_totals() -> None:
    report = x_report(figures(), NOW)

    by_class = {row.vat_class: row for row in report.vat}
    assert set(by_class) == {A, C}
    assert by_class[A].gross == Money(1230 + 2460 - 1230)
    assert by_class[A].vat == vat_in_gross(Money(2460), 2300) == Money(460)
    assert by_class[C].gross == Money(1050 + 525)
    assert by_class[C].vat == vat_in_gross(Money(1575), 500) == Money(75)
    assert report.vat_total == Money(535)


def test_z_report_compares_the_counted_drawer() -> None:
    count = CashCount({20000: 1, 5000: 1, 2000: 1, 1000: 1, 500: 1})  # 285,00 zł
    report = z_report(figures(), 12, count, NOW, "u-boss")

    assert report.kind is ReportKind.Z
    assert report.number == 12
    assert report.cash_count == count
    assert report.counted_cash == Money(28500)
    assert report.difference == Money(28500 - 28510)
    # The card terminal's totals are not read: card counts as expected.
    assert report.counted_by_tender == ((CASH, Money(28500)), (CARD, Money(1525)))


def test_z_numbers_start_at_one() -> None:
    with pytest.raises(ValueError, match="from 1"):
        z_report(figures(), 0, CashCount(), NOW)


def test_an_empty_shift() -> None:
    empty = figures(sales=(), returns=(), movements=(), voids=0)
    report = z_report(empty, 1, CashCount({10000: 4}), NOW)

    assert (report.sale_count, report.return_count) == (0, 0)
    assert report.first_receipt is None
    assert report.last_receipt is None
    assert report.vat == ()
    assert report.sales_by_tender == ((CASH, Money(0)), (CARD, Money(0)))
    assert report.expected_cash == Money(40000)
    assert report.difference == Money(0)


def test_another_tender_is_reported_after_cash_and_card() -> None:
    with_voucher = figures(sales=(sale(1, [(A, 1000)], [("voucher", 400), (CASH, 600)]),))
    report = x_report(with_voucher, NOW)

    assert report.sales_by_tender == (
        (CASH, Money(600)),
        (CARD, Money(0)),
        ("voucher", Money(400)),
    )
    assert dict(report.expected_by_tender)["voucher"] == Money(400)
    assert any("Voucher" in line for line in report_lines(report))


def test_json_round_trip() -> None:
    count = CashCount({20000: 1, 5000: 1, 2000: 1, 1000: 1, 500: 1})
    for report in (x_report(figures(), NOW), z_report(figures(), 4, count, NOW, "u-boss")):
        data = report.to_json()
        assert json.loads(json.dumps(data)) == data
        assert ShiftReport.from_json(json.loads(json.dumps(data))) == report


def test_report_lines_of_a_z_report() -> None:
    count = CashCount({20000: 1, 5000: 1, 2000: 1, 1000: 1, 500: 1})
    report = z_report(figures(), 12, count, NOW, "u-boss")
    store = StoreHeader("Sklep Warszawa Mokotów", "ul. Puławska 100", "5260250995")
    lines = report_lines(report, store=store, user_names={"u-anna": "Anna Nowak"})

    assert all(len(line) <= 42 for line in lines)
    assert report_title(report) == "RAPORT DOBOWY Z nr 12"
    assert "RAPORT DOBOWY Z nr 12" in "\n".join(lines)
    text = "\n".join(lines)
    for expected in (
        "Sklep Warszawa Mokotów",
        "NIP 5260250995",
        "Zmiana nr 3",
        "Anna Nowak",
        "u-boss",
        "WAW01-01-000007",
        "WAW01-01-000009",
        "Sprzed. opod. A 23%",
        "PTU C",
        "LICZENIE GOTÓWKI",
        "200 zł x 1",
        report.shift_id,
    ):
        assert expected in text, expected

    def value(label: str) -> str:
        row = next(line for line in lines if line.strip().startswith(label))
        return row.split()[-1]

    assert value("Liczba paragonów") == "3"
    assert value("Liczba zwrotów") == "1"
    assert value("Liczba anulowań") == "2"
    assert value("Razem sprzedaż") == "52,65"
    assert value("Razem zwroty") == "12,30"
    assert value("SPRZEDAŻ NETTO") == "40,35"
    assert value("= Oczekiwano") == "285,10"
    assert value("Policzono") == "285,00"
    assert value("RÓŻNICA") == "-0,10"
    assert value("SUMA PTU") == "5,35"


def test_report_lines_of_an_x_report_have_no_count() -> None:
    lines = report_lines(x_report(figures(), NOW), width=40)

    assert all(len(line) <= 40 for line in lines)
    assert lines[1].strip() == "RAPORT X"
    text = "\n".join(lines)
    assert "RÓŻNICA" not in text
    assert "LICZENIE GOTÓWKI" not in text
    assert "Oczekiwano" in text


amounts = st.integers(1, 100_000)


@given(
    cash_sales=st.lists(amounts, max_size=8),
    card_sales=st.lists(amounts, max_size=8),
    cash_refunds=st.lists(amounts, max_size=3),
    movements=st.lists(st.tuples(st.sampled_from(MovementKind), amounts), max_size=4),
    opening=st.integers(0, 1_000_000),
)
def test_expected_cash_and_vat_add_up(
    cash_sales: list[int],
    card_sales: list[int],
    cash_refunds: list[int],
    movements: list[tuple[MovementKind, int]],
    opening: int,
) -> None:
    sales = [sale(i + 1, [(A, amount)], [(CASH, amount)]) for i, amount in enumerate(cash_sales)]
    sales += [sale(100 + i, [(C, amount)], [(CARD, amount)]) for i, amount in enumerate(card_sales)]
    returns = [sale_return(i + 1, [(A, a)], [(CASH, a)]) for i, a in enumerate(cash_refunds)]
    report = x_report(
        figures(
            opening_float=Money(opening),
            sales=tuple(sales),
            returns=tuple(returns),
            movements=tuple(MovementFigures(kind, Money(a)) for kind, a in movements),
        ),
        NOW,
    )
    cash_in = sum(a for kind, a in movements if kind is MovementKind.IN)
    cash_out = sum(a for kind, a in movements if kind is MovementKind.OUT)
    assert report.expected_cash.grosze == (
        opening + sum(cash_sales) - sum(cash_refunds) + cash_in - cash_out
    )
    assert Money.total(row.gross for row in report.vat) == report.net_total
    assert report.sale_count == len(sales)
