"""The till's printouts as receipt documents (hardware.receipt_document): a sale, a return, an
X or Z report. The same document is printed (hardware.escpos_render through the print queue)
and shown as a preview picture (hardware.image_render).

The printouts are in Polish, like `domain.shift_report.report_lines`, and are marked
NIEFISKALNY: an ESC/POS printer is not a fiscal printer. `services.printing` sends them to the
printer and draws their previews; the screens show those previews (one layout). A sale's
receipt number is also printed as a Code 128 barcode, so a return starts by scanning it; a
coupon for the web shop is printed as a QR code with its code in plain text under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from PIL import Image

from hardware.receipt_document import Align, ReceiptBuilder, ReceiptDocument
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Unit
from pos_client.domain.receipt_text import StoreHeader
from pos_client.domain.returns import ReturnRecord
from pos_client.domain.sale import SaleLineRecord, SaleRecord
from pos_client.domain.shift_report import ShiftReport, report_lines, report_title, tender_label
from pos_client.domain.vat import DEFAULT_RATES, VatClass, VatSummaryRow, vat_summary

NON_FISCAL = "NIEFISKALNY"
COPY = "KOPIA"


@dataclass(frozen=True, slots=True)
class ReceiptBranding:
    """What every printout of a store carries."""

    store: StoreHeader | None = None
    logo: Image.Image | None = None
    footer: tuple[str, ...] = ("Dziękujemy za zakupy!",)
    vat_rates: Mapping[VatClass, int | None] = field(default_factory=lambda: DEFAULT_RATES)


@dataclass(frozen=True, slots=True)
class WebShopCoupon:
    """A coupon for the web shop printed on the receipt (issued by the coupons feature)."""

    code: str
    """What the customer types in the web shop (about 19 Crockford base32 characters)."""
    description: str
    """What it gives, e.g. "-10% na zakupy w sklepie internetowym"."""
    url: str | None = None
    """What the QR code opens; None: the QR code holds the code itself."""
    valid_until: date | None = None


def _time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _header(builder: ReceiptBuilder, branding: ReceiptBranding, copy: bool) -> None:
    if branding.logo is not None:
        builder.picture(branding.logo)
    store = branding.store
    if store is not None:
        builder.text(store.name, Align.CENTER, bold=True, double_height=True)
        builder.text(store.address, Align.CENTER)
        builder.text(f"NIP {store.tax_id}", Align.CENTER)
    builder.separator()
    builder.text(NON_FISCAL, Align.CENTER, bold=True)
    if copy:
        builder.text(COPY, Align.CENTER, bold=True, double_width=True)


def _vat_rows(builder: ReceiptBuilder, rows: Iterable[VatSummaryRow]) -> None:
    total_vat = Money.zero()
    for row in rows:
        builder.columns(
            f"Sprzed. opod. {row.vat_class.value} {row.rate_label()}", row.gross.plain()
        )
        builder.columns(f"  PTU {row.vat_class.value}", row.vat.plain())
        total_vat += row.vat
    builder.columns("SUMA PTU", total_vat.plain())


def _quantity(line: SaleLineRecord) -> str:
    if line.quantity.unit is Unit.PIECE:
        return f"{line.quantity.amount} x {line.unit_price.plain()}"
    return f"{line.quantity.describe()} x {line.unit_price.plain()}/kg"


def _footer(builder: ReceiptBuilder, branding: ReceiptBranding) -> None:
    for text in branding.footer:
        builder.text(text, Align.CENTER)
    builder.cut()


def sale_receipt(
    sale: SaleRecord,
    branding: ReceiptBranding,
    *,
    cashier: str | None = None,
    coupon: WebShopCoupon | None = None,
    copy: bool = False,
) -> ReceiptDocument:
    """The receipt of a committed sale. The cash drawer opens (first, while it prints) when
    cash was tendered, except on a copy printed again from history."""
    builder = ReceiptBuilder()
    if not copy and any(p.tender is Tender.CASH for p in sale.payments):
        builder.open_drawer()
    _header(builder, branding, copy)
    builder.columns(_time(sale.created_at), sale.receipt_number or "")
    builder.separator()
    for line in sale.lines:
        builder.text(line.name)
        gross = line.total + line.line_discount + line.basket_discount
        builder.columns(f"  {_quantity(line)}", f"{gross.plain()} {line.vat_class.value}")
        discount = line.line_discount + line.basket_discount
        if discount:
            builder.columns("  Rabat", f"-{discount.plain()}")
    builder.separator()
    _vat_rows(builder, sale.vat_summary(dict(branding.vat_rates)))
    builder.separator()
    builder.columns("SUMA PLN", sale.total.plain(), bold=True, double_height=True)
    for payment in sale.payments:
        builder.columns(tender_label(payment.tender.value), payment.tendered.plain())
    if sale.change:
        builder.columns("Reszta", sale.change.plain())
    builder.separator()
    till = f"Kasa {sale.till_id}"
    builder.text(f"{till}, kasjer: {cashier}" if cashier else till)
    if sale.receipt_number is not None:
        builder.text("Nr paragonu (do zwrotu):", Align.CENTER)
        builder.barcode(sale.receipt_number)
    if coupon is not None:
        _coupon(builder, coupon)
    _footer(builder, branding)
    return builder.build()


def _coupon(builder: ReceiptBuilder, coupon: WebShopCoupon) -> None:
    builder.separator("=")
    builder.text("KUPON DO SKLEPU INTERNETOWEGO", Align.CENTER, bold=True)
    builder.text(coupon.description, Align.CENTER)
    builder.qr(coupon.url or coupon.code)
    builder.text(coupon.code, Align.CENTER, bold=True)
    if coupon.valid_until is not None:
        builder.text(f"Ważny do {coupon.valid_until:%Y-%m-%d}", Align.CENTER)
    builder.separator("=")


def return_receipt(
    sale_return: ReturnRecord,
    branding: ReceiptBranding,
    *,
    cashier: str | None = None,
    copy: bool = False,
) -> ReceiptDocument:
    """The return document: goods back, money back, signatures. The drawer opens for a cash
    refund (not on a copy)."""
    builder = ReceiptBuilder()
    if not copy and any(r.tender is Tender.CASH for r in sale_return.payments):
        builder.open_drawer()
    _header(builder, branding, copy)
    builder.text("ZWROT TOWARU", Align.CENTER, bold=True, double_height=True)
    builder.columns(_time(sale_return.created_at), sale_return.return_number or "")
    if sale_return.sale_receipt_number is not None:
        builder.columns("Do paragonu", sale_return.sale_receipt_number)
    else:
        builder.text("Zwrot bez paragonu")
    builder.separator()
    for line in sale_return.lines:
        builder.text(line.name)
        builder.columns(
            f"  {line.quantity.describe()}", f"-{line.refund.plain()} {line.vat_class.value}"
        )
    builder.separator()
    rows = vat_summary(
        ((line.vat_class, line.refund) for line in sale_return.lines), dict(branding.vat_rates)
    )
    _vat_rows(builder, rows)
    builder.separator()
    builder.columns("DO ZWROTU PLN", sale_return.total.plain(), bold=True, double_height=True)
    for refund in sale_return.payments:
        builder.columns(tender_label(refund.tender.value), refund.amount.plain())
    builder.separator()
    if sale_return.reason:
        builder.text(f"Powód: {sale_return.reason}")
    till = f"Kasa {sale_return.till_id}"
    builder.text(f"{till}, kasjer: {cashier}" if cashier else till)
    builder.feed(2)
    builder.text("Podpis klienta: ..................")
    builder.feed(1)
    builder.text("Podpis kasjera: ..................")
    if sale_return.return_number is not None:
        builder.barcode(sale_return.return_number)
    _footer(builder, branding)
    return builder.build()


def shift_report_receipt(
    report: ShiftReport,
    branding: ReceiptBranding,
    *,
    columns: int,
    user_names: Mapping[str, str] | None = None,
) -> ReceiptDocument:
    """An X or Z report, laid out by `domain.shift_report.report_lines` for a printer of
    `columns` characters, under the store's logo; its title in bold."""
    builder = ReceiptBuilder()
    if branding.logo is not None:
        builder.picture(branding.logo)
    title = report_title(report)
    rule = "-" * columns
    for line in report_lines(report, columns, branding.store, user_names):
        if line == rule:
            builder.separator()
        elif line.strip() == title:
            builder.text(title, Align.CENTER, bold=True, double_height=True)
            builder.text(NON_FISCAL, Align.CENTER, bold=True)
        else:
            builder.text(line)
    builder.cut()
    return builder.build()
