"""The neutral receipt document: its blocks check what printers can print."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PIL import Image

from hardware.receipt_document import (
    Align,
    Barcode,
    Columns,
    Cut,
    Feed,
    OpenDrawer,
    Picture,
    QrCode,
    ReceiptBuilder,
    Separator,
    Text,
)


def test_the_builder_keeps_the_order() -> None:
    logo = Image.new("L", (10, 10))
    document = (
        ReceiptBuilder()
        .open_drawer(5)
        .picture(logo, 200)
        .text("Sklep", Align.CENTER, bold=True)
        .lines(["a", "b"], Align.RIGHT)
        .columns("SUMA", "1,00", bold=True, double_height=True)
        .separator("=")
        .barcode("R-1", 60)
        .qr("Zażółć", 5)
        .feed(3)
        .cut(partial=True)
        .build()
    )
    assert document.blocks == (
        OpenDrawer(5),
        Picture(logo, 200),
        Text("Sklep", Align.CENTER, bold=True),
        Text("a", Align.RIGHT),
        Text("b", Align.RIGHT),
        Columns("SUMA", "1,00", bold=True, double_height=True),
        Separator("="),
        Barcode("R-1", 60),
        QrCode("Zażółć", 5),
        Feed(3),
        Cut(partial=True),
    )
    assert document.opens_drawer
    assert document.codes() == [Barcode("R-1", 60), QrCode("Zażółć", 5)]
    assert not ReceiptBuilder().text("x").build().opens_drawer


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Barcode("żółw"), "printable ASCII"),
        (lambda: Barcode(""), "printable ASCII"),
        (lambda: Barcode("R-1\n"), "printable ASCII"),
        (lambda: Barcode("R-1", 0), "1 to 255"),
        (lambda: QrCode(""), "needs some text"),
        (lambda: QrCode("x", 17), "1 to 16"),
        (lambda: OpenDrawer(3), "pin 2 or 5"),
    ],
)
def test_blocks_refuse_what_a_printer_cannot_print(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make()
