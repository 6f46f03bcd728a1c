"""Finding products for the cashier: search as they type, and the quick-key grid."""

from __future__ import annotations

from pos_client.store.catalogue import CatalogueEntry, CatalogueRepository

MIN_QUERY_LENGTH = 2


class ProductLookup:
    def __init__(self, catalogue: CatalogueRepository) -> None:
        self._catalogue = catalogue

    def search(self, query: str) -> list[CatalogueEntry]:
        """Matches by barcode or SKU prefix, or by the start of each word of the name.
        Queries shorter than two characters return nothing (they would match everything)."""
        if len(query.strip()) < MIN_QUERY_LENGTH:
            return []
        return self._catalogue.search(query)

    def quick_keys(self) -> list[CatalogueEntry]:
        return self._catalogue.quick_keys()
