"""The till's printouts as receipt documents: a sale, a return, X and Z reports; printed through
ESC/POS and read back, and drawn as the preview picture with codes that scan."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PIL import Image, ImageDraw

from hardware.decoding import ZxingDecoder
from hardware.escpos_render import EscposSettings, PaperWidth, render_escpos
from hardware.image_render import PreviewSettings, render_preview
from hardware.receipt_document import Barcode, Columns, OpenDrawer, Picture, QrCode, Text
from hardware.receipt_layout import plain_lines
from hardware.symbology import Symbology
from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.cash import CashCount
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.receipt_text import StoreHeader
from pos_client.domain.returns import (
    RefundRecord,
    ReturnLineRecord,
    ReturnRecord,
    plan_return,
    return_from_plan,
)
from pos_client.domain.sale import SaleRecord, sale_from_cart
from pos_client.domain.shift_report import (
    CARD,
    CASH,
    MovementFigures,
    MovementKind,
    SaleFigures,
    ShiftFigures,
    report_lines,
    x_report,
    z_report,
)
from pos_client.domain.vat import VatClass
from pos_client.services.receipt_printing import (
    COPY,
    NON_FISCAL,
    ReceiptBranding,
    WebShopCoupon,
    return_receipt,
    sale_receipt,
    shift_report_receipt,
)
from tests.hardware.escpos_decoder import BarcodeCommand, code128_text, decode_escpos

NOW = datetime(2025, 3, 14, 9, 26, tzinfo=UTC)
STORE = StoreHeader("Sklep Żabka Łódź", "ul. Źródlana 5, 90-001 Łódź", "725-000-00-00")
BRANDING = ReceiptBranding(store=STORE, footer=("Dziękujemy za zakupy!", "Zapraszamy ponownie"))
COUPON = WebShopCoupon(
    code="10DD3YRST4CHN5KN0T7",
    description="-10% na zakupy w sklepie internetowym",
    url="https://sklep.example/kupon/10DD3YRST4CHN5KN0T7",
    valid_until=date(2025, 4, 30),
)
ZOLW = ProductSnapshot(
    1, "CZK-040", "Żółw czekoladowy 40 g", Money(499), VatClass.A, Unit.PIECE, "5901234123457"
)
TOMATOES = ProductSnapshot(
    2, "WAR-POM", "Pomidory malinowe", Money(1299), VatClass.C, Unit.KILOGRAM, None
)


def sample_sale(tenders: list[tuple[Tender, Money]] | None = None) -> SaleRecord:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(2))  # 9,98
    cart.add(TOMATOES, Quantity.grams(1250))  # 16,24
    cart.set_basket_discount(Money(222))  # total 24,00
    offered = tenders or [(Tender.CARD, Money(1000)), (Tender.CASH, Money(2000))]
    settlement = settle(cart.total(), offered)
    return sale_from_cart(cart, settlement, "WAW01", "01", NOW).numbered(123)


def test_sale_receipt_content() -> None:
    document = sale_receipt(sample_sale(), BRANDING, cashier="Anna")
    lines = plain_lines(document, 48)
    local = NOW.astimezone().strftime("%Y-%m-%d %H:%M")
    expected_in_order = [
        "Sklep Żabka Łódź".center(48).rstrip(),
        "NIP 725-000-00-00".center(48).rstrip(),
        NON_FISCAL.center(48).rstrip(),
        f"{local:<32} WAW01-01-000123",
        "Żółw czekoladowy 40 g",
        f"{'  2 x 4,99':<41} 9,98 A",
        f"{'  Rabat':<42} -0,84",
        "Pomidory malinowe",
        f"{'  1,250 kg x 12,99/kg':<40} 16,24 C",
        f"{'  Rabat':<42} -1,38",
        f"{'Sprzed. opod. A 23%':<43} 9,14",
        f"{'  PTU A':<43} 1,71",
        f"{'Sprzed. opod. C 5%':<42} 14,86",
        f"{'  PTU C':<43} 0,71",
        f"{'SUMA PTU':<43} 2,42",
        f"{'SUMA PLN':<42} 24,00",
        f"{'Karta':<42} 10,00",
        f"{'Gotówka':<42} 20,00",
        f"{'Reszta':<43} 6,00",
        "Kasa 01, kasjer: Anna",
        "[Code 128: WAW01-01-000123]".center(48).rstrip(),
        "Dziękujemy za zakupy!".center(48).rstrip(),
        "Zapraszamy ponownie".center(48).rstrip(),
    ]
    positions = [lines.index(line) for line in expected_in_order]
    assert positions == sorted(positions)
    assert COPY not in "".join(lines)


def test_the_total_row_is_bold_and_tall() -> None:
    document = sale_receipt(sample_sale(), BRANDING)
    (total,) = [b for b in document.blocks if isinstance(b, Columns) and b.left == "SUMA PLN"]
    assert (total.bold, total.double_height) == (True, True)


def test_a_cash_sale_opens_the_drawer_first_and_a_card_sale_does_not() -> None:
    with_cash = sale_receipt(sample_sale(), BRANDING)
    assert with_cash.blocks[0] == OpenDrawer()
    card_only = sale_receipt(sample_sale([(Tender.CARD, Money(2400))]), BRANDING)
    assert not card_only.opens_drawer
    reprint = sale_receipt(sample_sale(), BRANDING, copy=True)
    assert not reprint.opens_drawer
    assert COPY in [line.strip() for line in plain_lines(reprint, 48)]


def test_the_receipt_prints_with_polish_text_and_its_number_as_a_barcode() -> None:
    document = sale_receipt(sample_sale(), BRANDING, coupon=COUPON)
    settings = EscposSettings(paper=PaperWidth.MM80)
    printout = decode_escpos(render_escpos(document, settings))
    assert "Żółw czekoladowy 40 g" in printout.lines()
    assert "Sklep Żabka Łódź".center(48).rstrip() in printout.lines()
    (barcode,) = printout.of_type(BarcodeCommand)
    assert code128_text(barcode.data) == "WAW01-01-000123"
    (qr,) = printout.rasters()
    assert [(c.symbology, c.text) for c in ZxingDecoder().decode(qr)] == [
        (Symbology.QR, COUPON.url)
    ]
    assert COUPON.code.center(48).rstrip() in printout.lines()


def test_the_preview_shows_scannable_codes() -> None:
    document = sale_receipt(sample_sale(), BRANDING, coupon=COUPON)
    settings = EscposSettings(paper=PaperWidth.MM58)
    preview = render_preview(document, PreviewSettings.like_printer(settings))
    found = {(code.symbology, code.text) for code in ZxingDecoder().decode(preview)}
    assert found == {(Symbology.CODE128, "WAW01-01-000123"), (Symbology.QR, COUPON.url)}


def test_the_coupon_without_an_address_carries_its_code() -> None:
    coupon = WebShopCoupon("10DD3YRST4CHN5KN0T7", "Rabat 20 zł")
    document = sale_receipt(sample_sale(), BRANDING, coupon=coupon)
    assert QrCode("10DD3YRST4CHN5KN0T7") in document.blocks
    assert not any("Ważny do" in line for line in plain_lines(document, 48))


def test_a_logo_goes_first_after_the_drawer() -> None:
    logo = Image.new("L", (200, 60), 255)
    ImageDraw.Draw(logo).ellipse((10, 5, 190, 55), fill=0)
    branding = ReceiptBranding(store=STORE, logo=logo)
    document = sale_receipt(sample_sale(), branding)
    assert document.blocks[:2] == (OpenDrawer(), Picture(logo))
    (picture,) = decode_escpos(render_escpos(document)).rasters()
    assert picture.width == 576


def test_without_a_store_header_or_a_number() -> None:
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(1))
    unnumbered = sale_from_cart(
        cart, settle(Money(499), [(Tender.CARD, Money(499))]), "W", "02", NOW
    )
    document = sale_receipt(unnumbered, ReceiptBranding(footer=()))
    assert not any(isinstance(block, Barcode) for block in document.blocks)
    assert plain_lines(document, 32)[:2] == ["-" * 32, NON_FISCAL.center(32).rstrip()]


def sample_return(cash: bool = True) -> ReturnRecord:
    sale = sample_sale()
    zolw = sale.lines[0]
    plan = plan_return(sale, {}, {zolw.line_id: 1})
    tenders = plan.tenders if cash else ((Tender.CARD, plan.total),)
    record = return_from_plan(
        plan,
        sale,
        store_code="WAW01",
        till_id="01",
        reason="Uszkodzone opakowanie",
        now=NOW,
        cashier_id="u1",
    )
    payments = tuple(RefundRecord(uuid.uuid4(), tender, amount) for tender, amount in tenders)
    return replace(record, payments=payments).numbered(7)


def test_return_document() -> None:
    sale_return = sample_return()
    document = return_receipt(sale_return, BRANDING, cashier="Anna")
    lines = plain_lines(document, 48)
    assert "ZWROT TOWARU".center(48).rstrip() in lines
    assert f"{'Do paragonu':<32} WAW01-01-000123" in lines
    assert "Żółw czekoladowy 40 g" in lines
    refund = sale_return.total.plain()
    assert f"{'  1 szt.':<40} -{refund} A" in lines
    assert f"{'DO ZWROTU PLN':<{47 - len(refund)}} {refund}" in lines
    assert "Powód: Uszkodzone opakowanie" in lines
    assert any(line.startswith("Podpis klienta") for line in lines)
    assert Barcode("WAW01-01-R000007") in document.blocks
    assert document.opens_drawer == any(p.tender is Tender.CASH for p in sale_return.payments)


def test_a_card_refund_does_not_open_the_drawer_and_a_blind_return_says_so() -> None:
    assert not return_receipt(sample_return(cash=False), BRANDING).opens_drawer
    blind = ReturnRecord(
        return_id=uuid.uuid4(),
        store_code="WAW01",
        till_id="01",
        sale_id=None,
        created_at=NOW,
        lines=(
            ReturnLineRecord(
                uuid.uuid4(),
                None,
                1,
                "CZK-040",
                "Żółw czekoladowy 40 g",
                VatClass.A,
                Quantity.pieces(1),
                Money(499),
            ),
        ),
        payments=(RefundRecord(uuid.uuid4(), Tender.CASH, Money(499)),),
        reason="",
        sequence=8,
    )
    document = return_receipt(blind, BRANDING, copy=True)
    lines = plain_lines(document, 48)
    assert "Zwrot bez paragonu" in lines
    assert not document.opens_drawer  # a copy never opens it
    assert not any(line.startswith("Powód") for line in lines)
    printout = decode_escpos(render_escpos(document))
    assert "Zwrot bez paragonu" in printout.lines()


def shift_figures() -> ShiftFigures:
    sale = SaleFigures(
        sequence=1,
        receipt_number="WAW01-01-000001",
        total=Money(2400),
        discount=Money(222),
        lines=((VatClass.A, Money(914)), (VatClass.C, Money(1486))),
        payments=((CARD, Money(1000)), (CASH, Money(1400))),
    )
    return ShiftFigures(
        shift_id="shift-1",
        till_id="01",
        shift_number=3,
        opened_at=NOW,
        opened_by="u1",
        opening_float=Money(20000),
        sales=(sale,),
        returns=(),
        movements=(MovementFigures(MovementKind.IN, Money(5000)),),
        voids=1,
    )


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_x_report_uses_the_domain_layout(columns: int) -> None:
    report = x_report(shift_figures(), NOW, "u1")
    names = {"u1": "Anna Nowak"}
    document = shift_report_receipt(report, BRANDING, columns=columns, user_names=names)
    expected = report_lines(report, columns, STORE, names)
    title_at = [line.strip() for line in expected].index("RAPORT X")
    expected.insert(title_at + 1, NON_FISCAL.center(columns).rstrip())
    assert plain_lines(document, columns) == [line.rstrip() for line in expected] + [
        ("- " * (columns // 2)).rstrip()
    ]
    (title,) = [b for b in document.blocks if isinstance(b, Text) and b.text == "RAPORT X"]
    assert title.bold
    assert not document.opens_drawer


def test_z_report_prints_with_its_number() -> None:
    report = z_report(shift_figures(), 12, CashCount({20_000: 2}), NOW, "u1")
    document = shift_report_receipt(report, BRANDING, columns=48)
    printout = decode_escpos(render_escpos(document))
    assert "RAPORT DOBOWY Z nr 12".center(48).rstrip() in printout.lines()
    assert "GOTÓWKA W SZUFLADZIE" in printout.lines()
