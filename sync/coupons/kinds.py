"""Telling the three kinds of coupon code apart by their canonical shape (what a scan or a
typed text is, before it is read by its own module)."""

from __future__ import annotations

from enum import StrEnum

from sync.coupons import receipt_codes, short_codes, signed
from sync.coupons.crockford import normalise


class CodeKind(StrEnum):
    SIGNED = "signed"
    """A web-shop coupon signed by the central service (checked offline): signed.py."""
    SHORT = "short"
    """A web-shop coupon's typeable alias (checked online): short_codes.py."""
    RECEIPT = "receipt"
    """A receipt coupon for the web shop: receipt_codes.py."""


def code_kind(text: str) -> CodeKind | None:
    """Which kind of coupon code `text` is shaped like (its check not verified), or None.
    A till asks this after its own patterns (product codes, receipt numbers) failed: a
    12-character receipt number could otherwise pass for a short code."""
    canonical = normalise(text)
    if canonical is None:
        return None
    if canonical.startswith(signed.PREFIX) and len(canonical) >= signed.MIN_LENGTH:
        return CodeKind.SIGNED
    if len(canonical) == receipt_codes.CODE_LENGTH:
        return CodeKind.RECEIPT
    if len(canonical) == short_codes.CODE_LENGTH:
        return CodeKind.SHORT
    return None
