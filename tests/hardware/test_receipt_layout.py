"""Text blocks laid out as monospaced rows: wrapping, alignment, two columns, separators."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.receipt_document import (
    Align,
    Columns,
    ReceiptBuilder,
    Separator,
    Text,
)
from hardware.receipt_layout import Row, columns_rows, plain_lines, separator_row, text_rows


def test_alignment() -> None:
    assert text_rows(Text("abc", Align.LEFT), 20) == [Row("abc")]
    assert text_rows(Text("abc", Align.CENTER), 20) == [Row("        abc")]
    assert text_rows(Text("abc", Align.RIGHT), 20) == [Row(" " * 17 + "abc")]


def test_wrapping_keeps_words_and_paragraphs() -> None:
    rows = text_rows(Text("Zażółć gęślą jaźń, bardzo długi tekst\ndrugi akapit"), 16)
    assert [row.text for row in rows] == [
        "Zażółć gęślą",
        "jaźń, bardzo",
        "długi tekst",
        "drugi akapit",
    ]


def test_double_width_uses_half_the_cells() -> None:
    rows = text_rows(Text("SUMA 123,45 PLN", Align.CENTER, True, True, True), 32)
    assert rows == [Row("SUMA 123,45 PLN", True, True, True)]
    rows = text_rows(Text("SUMA 123,45 PLN", double_width=True), 20)
    assert [row.text for row in rows] == ["SUMA", "123,45 PLN"]


def test_control_characters_become_spaces() -> None:
    assert text_rows(Text("a\tb\x1bc\x1dd"), 20) == [Row("a b c d")]


def test_columns_on_one_row() -> None:
    assert columns_rows(Columns("Gotówka", "50,00"), 20) == [Row("Gotówka        50,00")]


def test_columns_with_a_long_label_wrap_above_the_amount() -> None:
    rows = columns_rows(Columns("Ser żółty gouda w plastrach 150 g", "12,99 A", bold=True), 20)
    assert [row.text for row in rows] == [
        "Ser żółty gouda w",
        "plastrach 150 g",
        "             12,99 A",
    ]
    assert all(row.bold for row in rows)


def test_columns_when_the_last_label_line_leaves_no_room() -> None:
    rows = columns_rows(Columns("Ser żółty gouda w plastrach", "12,99 A"), 20)
    assert [row.text for row in rows] == ["Ser żółty gouda w", "plastrach    12,99 A"]
    rows = columns_rows(Columns("Woda mineralna gazowana duża", "12 345,67 A"), 20)
    assert [row.text for row in rows] == ["Woda mineralna", "gazowana duża", "         12 345,67 A"]


def test_separator() -> None:
    assert separator_row(Separator(), 20) == Row("-" * 20)
    assert separator_row(Separator("="), 16) == Row("=" * 16)
    assert separator_row(Separator(""), 16) == Row("-" * 16)


def test_too_narrow_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 16"):
        text_rows(Text("a"), 10)


def test_plain_lines_mark_codes_and_actions() -> None:
    document = (
        ReceiptBuilder()
        .text("Sklep")
        .barcode("R-1")
        .qr("https://x")
        .feed(2)
        .cut()
        .open_drawer()
        .build()
    )
    assert plain_lines(document, 20) == [
        "Sklep",
        "  [Code 128: R-1]",
        "  [QR: https://x]",
        "",
        "",
        "- - - - - - - - - -",
    ]


@given(
    st.text(max_size=80),
    st.text(alphabet="0123456789, -ABCzł", max_size=14),
    st.integers(min_value=16, max_value=64),
)
def test_columns_never_overflow_and_keep_the_amount(left: str, right: str, width: int) -> None:
    rows = columns_rows(Columns(left, right), width)
    assert all(len(row.text) <= width for row in rows)
    assert rows[-1].text.endswith(right.strip())
