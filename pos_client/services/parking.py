"""Parking: put the current sale aside to serve another customer, and take it back later.

Parked sales live in SQLite, so they survive a restart; several can wait at once. Resuming one
deletes it from the store in the same transaction that reads it, so it cannot be resumed twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from pos_client.domain.cart import Cart
from pos_client.domain.cart_codec import cart_from_json, cart_to_json
from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError
from pos_client.services.checkout import CheckoutService
from pos_client.store.parked import (
    LABEL_LENGTH,
    ParkedSaleGoneError,
    ParkedSaleRepository,
    ParkedSummary,
)

log = logging.getLogger(__name__)


class ParkingError(TillError, ValueError):
    """Something the cashier must be told; the cart and the parked sales are unchanged."""


def default_label(cart: Cart) -> str:
    """The names of the products, in the order they were scanned, cut to fit the label:
    words of no language, so the label reads the same when the till's language changes (the
    list of parked sales shows the time, the lines and the total beside it)."""
    names = ", ".join(dict.fromkeys(line.product.name for line in cart.lines))
    if len(names) <= LABEL_LENGTH:
        return names
    return names[: LABEL_LENGTH - 1].rstrip(", ") + "…"


class ParkingService:
    def __init__(
        self,
        checkout: CheckoutService,
        repository: ParkedSaleRepository,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._checkout = checkout
        self._repository = repository
        self._clock = clock

    def park_current(self, label: str | None = None, cashier_id: str | None = None) -> str:
        """Store the current cart and start an empty one; returns the parked sale's id.

        Raises ParkingError for an empty cart, StoreError when the database refuses the write
        (then the cart stays on screen as it was).
        """
        cart = self._checkout.cart
        if cart.is_empty():
            raise ParkingError(
                QT_TRANSLATE_NOOP("Parking", "There is nothing to park: the sale is empty.")
            )
        at = self._clock()
        text = " ".join((label or "").split())[:LABEL_LENGTH] or default_label(cart)
        parked_id = self._repository.park(cart_to_json(cart), text, cashier_id, at)
        log.info("sale parked as %r: %d lines, %s", text, len(cart.lines), cart.total().plain())
        self._checkout.cart = Cart()
        return parked_id

    def parked(self) -> list[ParkedSummary]:
        """The parked sales, newest first."""
        return self._repository.list()

    def resume(self, parked_id: str) -> Cart:
        """Make the parked sale the current cart again (and remove it from the parked ones).

        Refused while the current cart has lines: park or finish that sale first.
        """
        if not self._checkout.cart.is_empty():
            raise ParkingError(
                QT_TRANSLATE_NOOP("Parking", "Park or finish the current sale first.")
            )
        try:
            payload = self._repository.take(parked_id)
        except ParkedSaleGoneError as error:
            raise ParkingError(
                QT_TRANSLATE_NOOP(
                    "Parking", "That parked sale is no longer there: it was resumed already."
                )
            ) from error
        cart = cart_from_json(payload)  # checked by the repository before it deleted the row
        self._checkout.cart = cart
        log.info("parked sale resumed: %d lines, %s", len(cart.lines), cart.total().plain())
        return cart
