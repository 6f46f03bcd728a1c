"""VAT: the summary per class is taken from each class's gross total, as fiscal printers do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.money import Money
from pos_client.domain.vat import (
    DEFAULT_RATES,
    VatClass,
    VatSummaryRow,
    vat_in_gross,
    vat_summary,
)


def test_default_rates() -> None:
    assert DEFAULT_RATES == {
        VatClass.A: 2300,
        VatClass.B: 800,
        VatClass.C: 500,
        VatClass.D: 0,
        VatClass.E: None,
    }


@pytest.mark.parametrize(
    ("gross", "rate_bp", "vat"),
    [
        (12300, 2300, 2300),  # 123,00 zł at 23 % contains 23,00 zł
        (10800, 800, 800),
        (10500, 500, 500),
        (10000, 0, 0),
        (10000, None, 0),
        (100, 2300, 19),  # 0,18699 rounds to 0,19
        (499, 500, 24),  # 0,23762
        (1, 2300, 0),
        (-12300, 2300, -2300),
    ],
)
def test_vat_in_gross(gross: int, rate_bp: int | None, vat: int) -> None:
    assert vat_in_gross(Money(gross), rate_bp) == Money(vat)


def test_summary_per_class_from_gross() -> None:
    rows = vat_summary(
        [
            (VatClass.E, Money(5000)),
            (VatClass.A, Money(12300)),
            (VatClass.B, Money(1080)),
            (VatClass.A, Money(100)),
            (VatClass.D, Money(1000)),
        ]
    )
    assert [row.vat_class for row in rows] == [VatClass.A, VatClass.B, VatClass.D, VatClass.E]
    a, b, d, e = rows
    assert a == VatSummaryRow(VatClass.A, 2300, Money(12400), Money(2319))
    assert a.net == Money(10081)
    assert a.rate_label() == "23%"
    assert b == VatSummaryRow(VatClass.B, 800, Money(1080), Money(80))
    assert b.rate_label() == "8%"
    assert d.vat == Money(0)
    assert d.rate_label() == "0%"
    assert e.vat == Money(0)
    assert e.net == Money(5000)
    assert e.rate_bp is None
    assert e.rate_label() == "zw."


def test_summary_rounds_the_class_total_not_each_line() -> None:
    # Per line 1,00 zł contains 0,19 VAT (0,187); two lines would make 0,38, but the class total
    # 2,00 zł contains 0,37 (0,374).
    rows = vat_summary([(VatClass.A, Money(100)), (VatClass.A, Money(100))])
    assert rows == [VatSummaryRow(VatClass.A, 2300, Money(200), Money(37))]


def test_summary_of_nothing_is_empty() -> None:
    assert vat_summary([]) == []


def test_configurable_rates_and_labels() -> None:
    rates = {**DEFAULT_RATES, VatClass.C: 550}
    rows = vat_summary([(VatClass.C, Money(10550))], rates)
    assert rows[0].vat == Money(550)
    assert rows[0].rate_label() == "5,50%"


def test_exempt_class_e_has_no_vat() -> None:
    (row,) = vat_summary([(VatClass.E, Money(123456))])
    assert row.vat == Money(0)
    assert row.net == Money(123456)
    assert row.rate_label() == "zw."


lines = st.lists(
    st.tuples(st.sampled_from(list(VatClass)), st.integers(min_value=0, max_value=10**7)),
    max_size=30,
)


@given(lines)
def test_summary_keeps_every_grosz(raw: list[tuple[VatClass, int]]) -> None:
    rows = vat_summary((vat_class, Money(gross)) for vat_class, gross in raw)
    assert Money.total(row.gross for row in rows) == Money(sum(gross for _, gross in raw))
    assert len({row.vat_class for row in rows}) == len(rows)
    for row in rows:
        assert Money(0) <= row.vat <= row.gross
        assert row.net + row.vat == row.gross
        rate = DEFAULT_RATES[row.vat_class]
        if rate:
            # VAT is rate/(1+rate) of the gross, to within half a grosz.
            assert abs(row.vat.grosze * (10_000 + rate) - row.gross.grosze * rate) * 2 <= (
                10_000 + rate
            )
        else:
            assert row.vat == Money(0)
