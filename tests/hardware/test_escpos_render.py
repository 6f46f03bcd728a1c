"""Receipt documents rendered to ESC/POS through python-escpos's Dummy printer, read back by the
tests' ESC/POS interpreter: text with the code page applied, styles, and raster pictures whose
QR codes and barcodes are decoded again and compared with what was meant to be printed."""

from __future__ import annotations

import logging

import pytest
from PIL import Image, ImageDraw

from hardware.code_images import qr_image
from hardware.decoding import Engine, ZbarDecoder, ZxingDecoder, make_decoder
from hardware.escpos_render import (
    PAPER_COLUMNS,
    PAPER_DOTS,
    CodePage,
    EscposSettings,
    PaperWidth,
    code128_escpos_data,
    code128_modules,
    encode_text,
    render_escpos,
)
from hardware.escpos_setup import Dummy
from hardware.receipt_document import Align, ReceiptBuilder, ReceiptDocument
from hardware.receipt_layout import plain_lines
from hardware.symbology import Symbology
from tests.hardware.escpos_decoder import (
    BarcodeCommand,
    CutCommand,
    DrawerKick,
    EscposDecodeError,
    QrCommand,
    code128_text,
    decode_escpos,
    joined_rasters,
)

POLISH = "Zażółć gęślą jaźń"
CAPITALS = "ZAŻÓŁĆ GĘŚLĄ JAŹŃ"
COUPON_URL = "https://sklep.example/kupon/10DD3YRST4CHN5KN0T78F603"
RECEIPT_NUMBER = "WAW01-01-000123"


def sample_document() -> ReceiptDocument:
    return (
        ReceiptBuilder()
        .text("Sklep Żabka Łódź", Align.CENTER, bold=True, double_width=True, double_height=True)
        .text("ul. Źródlana 5, 90-001 Łódź", Align.CENTER)
        .separator()
        .text(POLISH)
        .text(CAPITALS, bold=True)
        .columns("Ser żółty gouda 1 x 12,99", "12,99 A")
        .columns("SUMA PLN", "12,99", bold=True, double_height=True)
        .separator("=")
        .barcode(RECEIPT_NUMBER)
        .qr(COUPON_URL)
        .text("Dziękujemy!", Align.RIGHT)
        .feed(2)
        .cut()
        .open_drawer()
        .build()
    )


@pytest.mark.parametrize("paper", list(PaperWidth))
@pytest.mark.parametrize("code_page", list(CodePage))
def test_polish_text_round_trips_in_each_code_page(code_page: CodePage, paper: PaperWidth) -> None:
    settings = EscposSettings(code_page=code_page, paper=paper)
    document = (
        ReceiptBuilder()
        .text("Sklep Żabka Łódź", Align.CENTER, bold=True, double_width=True)
        .text(POLISH)
        .text(CAPITALS, Align.RIGHT, bold=True)
        .columns("Ser żółty gouda, plastry 150 g, 2 x 12,99", "25,98 A")
        .separator("=")
        .build()
    )
    printout = decode_escpos(render_escpos(document, settings))
    assert printout.code_page_changes == [settings.resolved_code_page_number()]
    assert printout.lines() == plain_lines(document, settings.resolved_columns())
    assert POLISH in printout.lines()
    assert CAPITALS in [line.strip() for line in printout.lines()]


def test_text_lines_are_the_layout_rows() -> None:
    document = ReceiptBuilder().text(POLISH).columns("Gotówka", "50,00").separator().build()
    printout = decode_escpos(render_escpos(document))
    assert printout.lines() == plain_lines(document, 48)
    assert printout.lines() == [POLISH, f"{'Gotówka':<42} 50,00", "-" * 48]


def test_the_code_page_is_chosen_once_at_the_start() -> None:
    data = render_escpos(sample_document(), EscposSettings(code_page=CodePage.CP1250))
    assert data.startswith(b"\x1b@\x1bt\x2d")  # ESC @, then ESC t 45 (WPC1250)
    assert data.count(b"\x1bt") == 1
    assert POLISH.encode("cp1250") in data
    cp852 = render_escpos(sample_document())
    assert cp852.startswith(b"\x1b@\x1bt\x12")  # ESC t 18 (PC852)
    assert POLISH.encode("cp852") in cp852


def test_python_escpos_magic_encoding_would_switch_mid_line() -> None:
    """Why the renderer encodes itself: the library's own text() switches code pages inside
    a line, which the interpreter (like a reader of the self-test page) refuses."""
    printer = Dummy()
    printer.text(POLISH + "\n")
    with pytest.raises(EscposDecodeError, match="middle of a line"):
        decode_escpos(printer.output)


def test_bold_survives_double_size() -> None:
    printout = decode_escpos(render_escpos(sample_document()))
    header = printout.styled_lines()[0]
    assert header.text.strip() == "Sklep Żabka Łódź"
    assert (header.bold, header.double_width, header.double_height) == (True, True, True)
    total = next(line for line in printout.styled_lines() if line.text.startswith("SUMA"))
    assert (total.bold, total.double_width, total.double_height) == (True, False, True)
    plain = next(line for line in printout.styled_lines() if line.text == POLISH)
    assert (plain.bold, plain.double_width, plain.double_height) == (False, False, False)


def test_double_width_rows_have_half_the_characters() -> None:
    long_title = "Bardzo długa nazwa sklepu, która się nie mieści"
    document = ReceiptBuilder().text(long_title, double_width=True).build()
    lines = decode_escpos(render_escpos(document)).lines()
    assert len(lines) > 1
    assert all(len(line) <= 24 for line in lines)
    assert " ".join(lines) == long_title


def test_native_code128_carries_the_receipt_number() -> None:
    printout = decode_escpos(render_escpos(sample_document()))
    (barcode,) = printout.of_type(BarcodeCommand)
    assert barcode.kind == 73  # GS k 73: Code 128
    assert barcode.data.startswith(b"{B")
    assert code128_text(barcode.data) == RECEIPT_NUMBER
    assert barcode.module == 3
    assert barcode.hri == 2  # the number printed under the bars


@pytest.mark.parametrize(
    "text",
    ["WAW01-01-000123", "1234567890", "A{B}", "12345", "KUP-GMEJ146S6JR4", "0", "X1234567Y"],
)
def test_code128_escpos_data_round_trips(text: str) -> None:
    data = code128_escpos_data(text)
    assert code128_text(data.encode("latin-1")) == text
    assert code128_modules(data) >= 35


def test_code_set_c_shortens_digits() -> None:
    assert code128_escpos_data("WAW01-01-000123") == "{BWAW01-01-{C\x00\x01\x17"
    assert code128_modules("{BWAW01-01-{C\x00\x01\x17") == 178
    assert code128_escpos_data("12345") == "{B1{C\x17\x2d"
    with pytest.raises(ValueError, match="ASCII"):
        code128_escpos_data("żółw")


@pytest.mark.parametrize("paper", list(PaperWidth))
def test_raster_code128_reads_back(paper: PaperWidth) -> None:
    """A printer without hardware Code 128 (the "simple" profile) gets a picture."""
    settings = EscposSettings(profile="simple", paper=paper)
    document = ReceiptBuilder().barcode(RECEIPT_NUMBER).build()
    printout = decode_escpos(render_escpos(document, settings))
    assert printout.of_type(BarcodeCommand) == []
    (picture,) = joined_rasters(printout)
    assert picture.width == PAPER_DOTS[paper]
    for decoder in (ZxingDecoder(), ZbarDecoder()):
        assert [code.text for code in decoder.decode(picture)] == [RECEIPT_NUMBER]
    assert printout.lines() == [RECEIPT_NUMBER.center(PAPER_COLUMNS[paper]).rstrip()]


def test_a_58mm_printer_profile() -> None:
    settings = EscposSettings(profile="POS-5890")
    assert (settings.resolved_columns(), settings.resolved_dots()) == (32, 384)
    assert settings.resolved_code_page_number() == 54  # PC852 on this printer
    printout = decode_escpos(render_escpos(sample_document(), settings), {54: "cp852"})
    assert POLISH in printout.lines()
    assert printout.of_type(CutCommand) == []  # it has no cutter


def test_raster_qr_reads_back_with_polish_text() -> None:
    document = ReceiptBuilder().qr(POLISH).qr(COUPON_URL, module_dots=4).build()
    printout = decode_escpos(render_escpos(document))
    pictures = printout.rasters()
    assert len(pictures) == 2
    for picture, text in zip(pictures, (POLISH, COUPON_URL), strict=True):
        assert picture.width == 576
        for engine in (Engine.ZXING, Engine.ZBAR):
            decoded = make_decoder(engine).decode(picture)
            assert [(code.symbology, code.text) for code in decoded] == [(Symbology.QR, text)]


def test_native_qr_sends_utf8() -> None:
    settings = EscposSettings(profile="TM-T88V", native_qr=True)
    printout = decode_escpos(render_escpos(ReceiptBuilder().qr(POLISH, 5).build(), settings))
    assert printout.rasters() == []
    assert printout.of_type(QrCommand) == [QrCommand(POLISH.encode("utf-8"), 5, 1)]


def test_a_qr_too_big_for_the_module_size_is_made_smaller() -> None:
    long_text = "x" * 600
    settings = EscposSettings(paper=PaperWidth.MM58)
    document = ReceiptBuilder().qr(long_text, module_dots=16).build()
    (picture,) = joined_rasters(decode_escpos(render_escpos(document, settings)))
    assert picture.width == 384
    assert [code.text for code in ZxingDecoder().decode(picture)] == [long_text]


def test_a_logo_is_scaled_to_the_paper_and_centred() -> None:
    logo = Image.new("RGBA", (1000, 300), (255, 255, 255, 0))
    ImageDraw.Draw(logo).rectangle((0, 0, 999, 299), fill=(0, 0, 0, 255))
    settings = EscposSettings(paper=PaperWidth.MM58)
    document = ReceiptBuilder().picture(logo, max_width_dots=200).build()
    (picture,) = joined_rasters(decode_escpos(render_escpos(document, settings)))
    assert picture.size == (384, 60)
    assert picture.getbbox() is not None
    black = picture.point(lambda value: 255 if value < 128 else 0).getbbox()
    assert black == (92, 0, 292, 60)


def test_a_picture_of_a_code_survives_dithering() -> None:
    """A coupon picture with grey anti-aliasing is dithered to black and white and still reads."""
    qr = qr_image(COUPON_URL, 5).resize((333, 333), Image.Resampling.BILINEAR)
    document = ReceiptBuilder().picture(qr).build()
    (picture,) = joined_rasters(decode_escpos(render_escpos(document)))
    assert [code.text for code in ZxingDecoder().decode(picture)] == [COUPON_URL]


def test_tall_pictures_are_sent_in_fragments_and_glued_back() -> None:
    tall = Image.new("L", (400, 2000), 255)
    tall.paste(qr_image(COUPON_URL, 6), (50, 1700))
    printout = decode_escpos(render_escpos(ReceiptBuilder().picture(tall).build()))
    assert [picture.height for picture in printout.rasters()] == [960, 960, 80]
    (picture,) = joined_rasters(printout)
    assert picture.size == (576, 2000)
    assert [code.text for code in ZxingDecoder().decode(picture)] == [COUPON_URL]


def test_cut_and_drawer_kick_in_order() -> None:
    printout = decode_escpos(render_escpos(sample_document()))
    actions = [e for e in printout.elements if isinstance(e, CutCommand | DrawerKick)]
    assert actions == [CutCommand(partial=False), DrawerKick(pin=2)]
    partial = ReceiptBuilder().cut(partial=True).open_drawer(5).build()
    elements = decode_escpos(render_escpos(partial)).elements
    assert [e for e in elements if isinstance(e, CutCommand | DrawerKick)] == [
        CutCommand(partial=True),
        DrawerKick(pin=5),
    ]


def test_58mm_paper_has_32_columns() -> None:
    settings = EscposSettings(paper=PaperWidth.MM58)
    printout = decode_escpos(render_escpos(sample_document(), settings))
    assert max(len(line) for line in printout.lines()) <= 32
    assert f"{'SUMA PLN':<26} 12,99" in printout.lines()
    (barcode,) = printout.of_type(BarcodeCommand)
    assert barcode.module == 2  # 3 dots per module would not fit 384 dots


def test_profile_knows_its_paper_and_code_page_number() -> None:
    settings = EscposSettings(profile="TM-T88V")
    assert settings.resolved_columns() == 42
    assert settings.resolved_dots() == 512
    assert settings.resolved_code_page_number() == 18
    override = EscposSettings(profile="TM-T88V", columns=48, code_page_number=72)
    assert override.resolved_columns() == 48
    assert decode_escpos(render_escpos(sample_document(), override), {72: "cp852"}).lines()
    wpc1250 = EscposSettings(profile="TM-T88V", code_page=CodePage.CP1250)
    assert wpc1250.resolved_code_page_number() == 45  # not in the profile: Epson's number


def test_a_barcode_too_long_for_the_paper_is_printed_as_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = EscposSettings(paper=PaperWidth.MM58, dots=256)
    document = ReceiptBuilder().barcode("ABCDEFGHIJKLMNOPQRSTUVWXYZ").build()
    with caplog.at_level(logging.WARNING, "hardware.escpos_render"):
        printout = decode_escpos(render_escpos(document, settings))
    assert printout.of_type(BarcodeCommand) == []
    assert printout.lines() == ["ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    assert "too long" in caplog.text


def test_characters_outside_the_code_page() -> None:
    assert encode_text("€5 – „tak”…", CodePage.CP852) == b'EUR5 - "tak"...'
    assert encode_text("€5", CodePage.CP1250) == b"\x805"
    assert encode_text("ő ǅ ☃", CodePage.CP852) == "ő Dz ?".encode("cp852")
    assert encode_text("Ł", CodePage.CP852) == b"\x9d"


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="no printer profile"):
        EscposSettings(profile="no-such-printer")
    with pytest.raises(ValueError, match="16 to 100"):
        EscposSettings(columns=8)
    with pytest.raises(ValueError, match="multiple of 8"):
        EscposSettings(dots=500)
    with pytest.raises(ValueError, match="0 to 255"):
        EscposSettings(code_page_number=300)


def test_rendering_prints_nothing_and_leaves_logging_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    handlers = list(logging.getLogger().handlers)
    render_escpos(sample_document(), EscposSettings(profile="POS-5890"))
    render_escpos(sample_document())
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")
    assert logging.getLogger().handlers == handlers
