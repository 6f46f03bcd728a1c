"""The last stock answer per product (every store's figures) with when it came, so that a till
offline can still show it, marked with its age."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import Engine, text

from pos_client.store.database import read_session, write_session
from sync.protocol import StockAnswer

log = logging.getLogger(__name__)

_SAVE = text(
    "INSERT INTO stock_cache (sku, fetched_at, answer) VALUES (:sku, :fetched_at, :answer) "
    "ON CONFLICT(sku) DO UPDATE SET fetched_at = excluded.fetched_at, answer = excluded.answer"
)
_GET = text("SELECT fetched_at, answer FROM stock_cache WHERE sku = :sku")


@dataclass(frozen=True, slots=True)
class CachedStock:
    answer: StockAnswer
    fetched_at: datetime
    """The till's clock when the answer arrived."""


class StockCache:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def save(self, answer: StockAnswer, fetched_at: datetime) -> None:
        with write_session(self._engine) as session:
            session.execute(
                _SAVE,
                {
                    "sku": answer.sku,
                    "fetched_at": fetched_at.isoformat(),
                    "answer": answer.model_dump_json(),
                },
            )

    def get(self, sku: str) -> CachedStock | None:
        """The last answer for `sku`; None when there is none (or it cannot be read)."""
        with read_session(self._engine) as session:
            row = session.execute(_GET, {"sku": sku}).one_or_none()
        if row is None:
            return None
        try:
            answer = StockAnswer.model_validate_json(row.answer)
        except ValidationError:
            log.warning("the cached stock answer for %s cannot be read; ignored", sku)
            return None
        return CachedStock(answer, datetime.fromisoformat(row.fetched_at))
