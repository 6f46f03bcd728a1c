"""The receipt preview picture: the printer's layout in pixels, codes that read back."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from hardware.decoding import ZbarDecoder, ZxingDecoder
from hardware.escpos_render import EscposSettings, PaperWidth
from hardware.image_render import PreviewSettings, render_preview
from hardware.receipt_document import Align, ReceiptBuilder, ReceiptDocument
from hardware.symbology import Symbology

POLISH = "Zażółć gęślą jaźń"
COUPON_URL = "https://sklep.example/kupon/10DD3YRST4CHN5KN0T78F603"


def rows(*texts: str) -> ReceiptDocument:
    return ReceiptBuilder().lines(texts).build()


def test_codes_in_the_preview_read_back() -> None:
    document = (
        ReceiptBuilder()
        .text("Sklep", Align.CENTER, bold=True)
        .barcode("WAW01-01-000123")
        .qr(POLISH)
        .qr(COUPON_URL, 4)
        .build()
    )
    preview = render_preview(document)
    found = {(code.symbology, code.text) for code in ZxingDecoder().decode(preview)}
    assert found == {
        (Symbology.CODE128, "WAW01-01-000123"),
        (Symbology.QR, POLISH),
        (Symbology.QR, COUPON_URL),
    }
    assert (Symbology.CODE128, "WAW01-01-000123") in {
        (code.symbology, code.text) for code in ZbarDecoder().decode(preview)
    }


def test_the_preview_is_as_wide_as_the_paper() -> None:
    for paper, width in ((PaperWidth.MM58, 384), (PaperWidth.MM80, 576)):
        settings = PreviewSettings.like_printer(EscposSettings(paper=paper))
        assert render_preview(rows("a"), settings).width == width + 2 * settings.margin
    tm_t88v = PreviewSettings.like_printer(EscposSettings(profile="TM-T88V"))
    assert (tm_t88v.columns, tm_t88v.dots) == (42, 512)


def test_each_row_adds_a_line_and_double_height_two() -> None:
    one = render_preview(rows("a")).height
    three = render_preview(rows("a", "b", "c")).height
    line = (three - one) // 2
    assert line == 24  # font A: 24 dots a line at 48 columns on 576 dots
    tall = render_preview(ReceiptBuilder().text("a", double_height=True).build()).height
    assert tall - one == line
    fed = render_preview(ReceiptBuilder().text("a").feed(3).build()).height
    assert fed - one == 3 * line


def test_polish_letters_are_drawn_with_their_marks() -> None:
    plain = render_preview(rows("Zazolc gesla jazn"))
    polish = render_preview(rows(POLISH))
    unknown = render_preview(rows("Za???? g??l? ja??"))
    assert ImageChops.difference(plain, polish).getbbox() is not None
    assert ImageChops.difference(unknown, polish).getbbox() is not None


def test_bold_is_darker() -> None:
    def ink(document: ReceiptDocument) -> int:
        histogram = render_preview(document).histogram()
        return sum(count * (255 - value) for value, count in enumerate(histogram))

    assert ink(ReceiptBuilder().text(POLISH, bold=True).build()) > ink(rows(POLISH))


def test_a_logo_is_dithered_and_centred() -> None:
    logo = Image.new("L", (100, 50), 255)
    ImageDraw.Draw(logo).rectangle((0, 0, 99, 49), fill=128)  # grey becomes a dot pattern
    settings = PreviewSettings(columns=48, dots=576, margin=0)
    preview = render_preview(ReceiptBuilder().picture(logo).build(), settings)
    assert preview.size == (576, 50)
    assert preview.getbbox() is not None
    colours = {value for _, value in preview.getcolors() or []}
    assert colours == {0, 255}
    black = preview.point(lambda value: 255 if value == 0 else 0).getbbox()
    assert black is not None
    assert 238 <= black[0] <= 240
    assert 336 <= black[2] <= 338


def test_without_dejavu_a_default_font_is_used(tmp_path: Path) -> None:
    settings = PreviewSettings(font_dir=tmp_path)
    preview = render_preview(rows(POLISH), settings)
    assert preview.width == 576 + 2 * settings.margin
    assert preview.getbbox() is not None


def test_a_cut_is_drawn_and_a_drawer_kick_is_not() -> None:
    base = render_preview(rows("a"))
    kicked = render_preview(ReceiptBuilder().text("a").open_drawer().build())
    assert ImageChops.difference(base, kicked).getbbox() is None
    cut = render_preview(ReceiptBuilder().text("a").cut().build())
    assert cut.height > base.height


def test_a_barcode_too_long_for_the_paper_becomes_text() -> None:
    settings = PreviewSettings(columns=32, dots=256)
    preview = render_preview(
        ReceiptBuilder().barcode("ABCDEFGHIJKLMNOPQRSTUVWXYZ").build(), settings
    )
    assert ZxingDecoder().decode(preview) == []
    assert preview.getbbox() is not None
