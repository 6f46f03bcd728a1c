"""Why a coupon code is refused: one list for the till, the central service and the web shop.

The values cross the wire (sync.protocol) and are what the till's screens translate.
"""

from __future__ import annotations

from enum import StrEnum


class Refusal(StrEnum):
    MALFORMED = "malformed"
    """Not a coupon code of this chain at all (wrong characters, length or structure)."""
    TAMPERED = "tampered"
    """Changed or damaged after it was issued: its check character does not match."""
    FORGED = "forged"
    """Well-formed and consistent, but not signed (or MACed) by the chain's key."""
    UNKNOWN_KEY = "unknown_key"
    """Signed with a key id this side does not know (yet)."""
    REVOKED = "revoked"
    """Its serial, its campaign or its signing key was revoked."""
    EXPIRED = "expired"
    NOT_APPLICABLE = "not_applicable"
    """Its scope (a category, a product) matches nothing in the basket."""
    MINIMUM_NOT_REACHED = "minimum_not_reached"
    ALREADY_USED = "already_used"
    """A single-use coupon redeemed before (or held by another till's reservation)."""
    UNKNOWN_CODE = "unknown_code"
    """A code checked online that the central service never issued (short or receipt code)."""
    SALE_NOT_SYNCED = "sale_not_synced"
    """A receipt coupon whose sale has not reached the central service yet: try again later."""
    SALE_RETURNED = "sale_returned"
    """A receipt coupon whose sale was returned (what was kept is under the campaign's
    threshold)."""
    OFFLINE_LIMIT = "offline_limit"
    """Offline, a single-use coupon over the campaign's offline cap (value, or hours since the
    last sync): it needs the central service."""
    NEEDS_CENTRAL = "needs_central"
    """A code only the central service can check (a typed short code) while it is offline."""
