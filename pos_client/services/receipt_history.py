"""The till's receipts from history, to print again or look at: a sale or a return by its
number (typed, or scanned from the receipt's Code 128), and this till's latest sales."""

from __future__ import annotations

from pos_client.domain.messages import QT_TRANSLATE_NOOP
from pos_client.domain.returns import ReturnRecord, return_number
from pos_client.domain.sale import SaleRecord, receipt_number
from pos_client.services.checkout import TillIdentity
from pos_client.services.returns import ReceiptNotFoundError, ReturnService
from pos_client.store.returns import ReturnRepository
from pos_client.store.sales import SalesRepository

RECENT = 20
"""How many of the latest sales the reprint window lists."""


class ReceiptHistory:
    def __init__(
        self,
        sales: SalesRepository,
        returns: ReturnRepository,
        return_service: ReturnService,
        till: TillIdentity,
    ) -> None:
        self._sales = sales
        self._returns = returns
        self._return_service = return_service
        self._till = till

    def find(self, number: str) -> SaleRecord | ReturnRecord:
        """A receipt by its number ("WAW01-01-000123", or a return's "WAW01-01-R000004"),
        in any case and with spaces; ReturnError (ReceiptNotFoundError) when it is not here."""
        typed = "".join(number.split()).upper()
        store, _, rest = typed.partition("-")
        till, _, sequence = rest.partition("-")
        if sequence.startswith("R") and sequence[1:].isdigit() and store and till:
            if store == self._till.store_code.upper():
                store = self._till.store_code
            found = self._returns.by_number(return_number(store, till, int(sequence[1:])))
            if found is None:
                raise ReceiptNotFoundError(
                    QT_TRANSLATE_NOOP("ReceiptHistory", "Return %1 was not found on this till."),
                    typed,
                )
            return found
        return self._return_service.find_sale(number)

    def recent(self, limit: int = RECENT) -> list[SaleRecord]:
        """This till's latest sales, newest first (receipt numbers are gap-free per till)."""
        last = self._sales.last(self._till.till_id)
        if last is None or last.sequence is None:
            return []
        found = [last]
        for sequence in range(last.sequence - 1, max(last.sequence - limit, 0), -1):
            sale = self._sales.by_receipt_number(
                receipt_number(last.store_code, last.till_id, sequence)
            )
            if sale is not None:
                found.append(sale)
        return found
