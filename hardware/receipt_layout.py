"""Text blocks of a receipt document laid out as rows of a monospaced paper `width` characters
wide, the same for the printer, the preview picture and plain text."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from hardware.receipt_document import (
    Align,
    Barcode,
    Block,
    Columns,
    Cut,
    Feed,
    OpenDrawer,
    Picture,
    QrCode,
    ReceiptDocument,
    Separator,
    Text,
)

MIN_WIDTH = 16


@dataclass(frozen=True, slots=True)
class Row:
    """One printed line: `text` already aligned with leading spaces, counted in the row's own
    character cells (a double-width row has half as many), no trailing spaces."""

    text: str
    bold: bool = False
    double_width: bool = False
    double_height: bool = False


def _clean(text: str) -> str:
    """Tabs and other control characters become spaces (they would drive the printer)."""
    return "".join(char if char >= " " or char == "\n" else " " for char in text)


def _wrap(text: str, cells: int) -> list[str]:
    lines: list[str] = []
    for paragraph in _clean(text).split("\n"):
        lines += textwrap.wrap(paragraph, cells, break_on_hyphens=False) or [""]
    return lines


def _aligned(line: str, cells: int, align: Align) -> str:
    if align is Align.CENTER:
        return (" " * ((cells - len(line)) // 2) + line).rstrip()
    if align is Align.RIGHT:
        return line.rjust(cells).rstrip()
    return line.rstrip()


def _check_width(width: int) -> None:
    if width < MIN_WIDTH:
        raise ValueError(f"a receipt is at least {MIN_WIDTH} characters wide")


def text_rows(block: Text, width: int) -> list[Row]:
    _check_width(width)
    cells = width // 2 if block.double_width else width
    return [
        Row(_aligned(line, cells, block.align), block.bold, block.double_width, block.double_height)
        for line in _wrap(block.text, cells)
    ]


def columns_rows(block: Columns, width: int) -> list[Row]:
    _check_width(width)
    right = _clean(block.right).strip()
    lefts = _wrap(block.left, width)
    space = width - len(right) - 1
    texts = lefts[:-1]
    if len(right) <= width - 2 and len(lefts[-1]) <= space:
        texts.append(f"{lefts[-1]:<{space}} {right}")
    else:
        texts += [lefts[-1].rstrip(), right.rjust(width)]
    return [Row(text.rstrip(), block.bold, False, block.double_height) for text in texts]


def separator_row(block: Separator, width: int) -> Row:
    _check_width(width)
    char = _clean(block.char)[:1] or "-"
    return Row(char * width)


def rows_for(block: Block, width: int) -> list[Row] | None:
    """The rows of a text block; None for codes, pictures and printer actions."""
    if isinstance(block, Text):
        return text_rows(block, width)
    if isinstance(block, Columns):
        return columns_rows(block, width)
    if isinstance(block, Separator):
        return [separator_row(block, width)]
    return None


def plain_lines(document: ReceiptDocument, width: int) -> list[str]:
    """The document as plain monospaced text (on screen, in logs, in tests)."""
    lines: list[str] = []
    for block in document.blocks:
        rows = rows_for(block, width)
        if rows is not None:
            lines += [row.text for row in rows]
        elif isinstance(block, Barcode):
            lines.append(f"[Code 128: {block.data}]".center(width).rstrip())
        elif isinstance(block, QrCode):
            lines.append(f"[QR: {block.data}]".center(width).rstrip())
        elif isinstance(block, Picture):
            lines.append("[picture]".center(width).rstrip())
        elif isinstance(block, Feed):
            lines += [""] * block.lines
        elif isinstance(block, Cut):
            lines.append(("- " * (width // 2)).rstrip())
        elif isinstance(block, OpenDrawer):
            continue
    return lines
