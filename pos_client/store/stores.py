"""The chain's stores as the till knows them (headers of receipts, later stock lookups)."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pos_client.domain.receipt_text import StoreHeader
from pos_client.store.models import Store


class StoreRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def header(self, code: str) -> StoreHeader | None:
        with Session(self._engine) as session:
            store = session.get(Store, code)
            if store is None:
                return None
            return StoreHeader(store.name, store.address, store.tax_id)
