"""A sale laid out as the lines of a till receipt (monospaced text), shown on screen and printed."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Unit
from pos_client.domain.sale import SaleRecord

RECEIPT_WIDTH = 42
_TENDER_LABEL = {Tender.CASH: "Gotówka", Tender.CARD: "Karta"}


@dataclass(frozen=True, slots=True)
class StoreHeader:
    name: str
    address: str
    tax_id: str


def _pair(left: str, right: str, width: int) -> str:
    space = width - len(right) - 1
    return f"{left[:space]:<{space}} {right}"


def receipt_lines(
    sale: SaleRecord, store: StoreHeader | None, width: int = RECEIPT_WIDTH
) -> list[str]:
    lines: list[str] = []
    if store is not None:
        lines += [store.name.center(width), store.address.center(width)]
        lines.append(f"NIP {store.tax_id}".center(width))
    lines.append("-" * width)
    local_time = sale.created_at.astimezone()
    lines.append(_pair(local_time.strftime("%Y-%m-%d %H:%M"), sale.receipt_number or "", width))
    lines.append("-" * width)
    for line in sale.lines:
        lines += textwrap.wrap(line.name, width) or [""]
        if line.quantity.unit is Unit.PIECE:
            quantity = f"{line.quantity.amount} x {line.unit_price.plain()}"
        else:
            quantity = f"{line.quantity.describe()} x {line.unit_price.plain()}/kg"
        gross = line.total + line.line_discount + line.basket_discount
        lines.append(_pair(f"  {quantity}", f"{gross.plain()} {line.vat_class.value}", width))
        discount = line.line_discount + line.basket_discount
        if discount:
            lines.append(_pair("  Rabat", f"-{discount.plain()}", width))
    lines.append("-" * width)
    for row in sale.vat_summary():
        lines.append(
            _pair(
                f"Sprzed. opod. {row.vat_class.value} {row.rate_label()}", row.gross.plain(), width
            )
        )
        lines.append(_pair(f"  PTU {row.vat_class.value}", row.vat.plain(), width))
    lines.append("-" * width)
    lines.append(_pair("SUMA PLN", sale.total.plain(), width))
    for payment in sale.payments:
        lines.append(_pair(_TENDER_LABEL[payment.tender], payment.tendered.plain(), width))
    if sale.change:
        lines.append(_pair("Reszta", sale.change.plain(), width))
    lines.append("-" * width)
    lines += ["Nr transakcji:", str(sale.sale_id)]
    return lines
