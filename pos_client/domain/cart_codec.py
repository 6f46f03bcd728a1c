"""A cart as plain JSON data and back, exactly: for parking a sale in the local store.

The JSON keeps every line as it is in the cart (its id, the product snapshot taken when it was
scanned, the quantity, the line discount) and the basket discount. Decoding gives a cart equal
line for line to the one encoded: same ids, same order, same prices (the prices of the moment
the items were scanned, not today's), so totals and discount shares are the same too.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pos_client.domain.cart import MAX_LINES, Cart, CartError, CartLine, ProductSnapshot
from pos_client.domain.money import Money
from pos_client.domain.quantity import Quantity, QuantityError, Unit
from pos_client.domain.vat import VatClass

CODEC_VERSION = 1


class CartCodecError(ValueError):
    """The JSON is not a cart this till can restore (damaged, or written by a newer version)."""


def cart_to_json(cart: Cart) -> dict[str, Any]:
    """The cart as JSON-ready data (ints, strings, None, lists and dicts only)."""
    return {
        "version": CODEC_VERSION,
        "basket_discount": cart.basket_discount.grosze,
        "lines": [_line_to_json(line) for line in cart.lines],
    }


def _line_to_json(line: CartLine) -> dict[str, Any]:
    product = line.product
    return {
        "id": str(line.line_id),
        "product_id": product.product_id,
        "sku": product.sku,
        "name": product.name,
        "unit_price": product.unit_price.grosze,
        "vat_class": product.vat_class.value,
        "unit": product.unit.value,
        "barcode": product.barcode,
        "quantity": line.quantity.amount,
        "line_discount": line.line_discount.grosze,
    }


def cart_from_json(data: Mapping[str, Any]) -> Cart:
    """Rebuild the cart; raises CartCodecError when the data breaks any rule of the cart."""
    try:
        version = data["version"]
        if version != CODEC_VERSION:
            raise CartCodecError(f"parked sale format {version!r} is not known to this till")
        raw_lines = data["lines"]
        if not isinstance(raw_lines, list):
            raise CartCodecError("parked sale lines are not a list")
        if len(raw_lines) > MAX_LINES:
            raise CartCodecError(f"a sale can have at most {MAX_LINES} lines")
        lines = [_line_from_json(raw) for raw in raw_lines]
        if len({line.line_id for line in lines}) != len(lines):
            raise CartCodecError("parked sale has two lines with the same id")
        basket_discount = Money(_int(data["basket_discount"]))
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, CartCodecError):
            raise
        raise CartCodecError(f"parked sale is damaged: {error!r}") from error
    cart = Cart()
    # The cart has no public way to take lines with their ids (adding makes new ids and merges
    # repeated scans), so the restored lines are put in directly, each checked as `add` and
    # `set_line_discount` would; the basket discount goes through the public setter.
    cart._lines = lines
    try:
        cart.set_basket_discount(basket_discount)
    except CartError as error:
        raise CartCodecError(f"parked sale is damaged: {error}") from error
    return cart


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise CartCodecError(f"{value!r} is not a whole number")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise CartCodecError(f"{value!r} is not text")
    return value


def _line_from_json(raw: Any) -> CartLine:
    if not isinstance(raw, Mapping):
        raise CartCodecError("a parked sale line is not an object")
    barcode = raw["barcode"]
    try:
        product = ProductSnapshot(
            product_id=_int(raw["product_id"]),
            sku=_text(raw["sku"]),
            name=_text(raw["name"]),
            unit_price=Money(_int(raw["unit_price"])),
            vat_class=VatClass(raw["vat_class"]),
            unit=Unit(raw["unit"]),
            barcode=None if barcode is None else _text(barcode),
        )
        line = CartLine(
            line_id=uuid.UUID(_text(raw["id"])),
            product=product,
            quantity=Quantity(_int(raw["quantity"]), product.unit),
            line_discount=Money(_int(raw["line_discount"])),
        )
    except QuantityError as error:
        raise CartCodecError(f"parked sale line has a wrong quantity: {error}") from error
    if product.unit_price.is_negative():
        raise CartCodecError("parked sale line has a negative price")
    if line.line_discount.is_negative() or line.line_discount > line.gross:
        raise CartCodecError("parked sale line has a discount outside its price")
    return line
