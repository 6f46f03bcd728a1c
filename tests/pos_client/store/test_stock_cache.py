"""The last stock answer per product, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, text

from pos_client.store.stock_cache import CachedStock, StockCache
from sync.protocol import StockAnswer, StoreStock

FETCHED = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


def answer(on_hand: int, sku: str = "P0000001") -> StockAnswer:
    return StockAnswer(
        sku=sku,
        name="Żółw czekoladowy",
        unit="piece",
        as_of=FETCHED - timedelta(seconds=1),
        stores=[
            StoreStock(
                store_code="KRK01",
                name="Kraków",
                address="ul. Floriańska 1",
                opening_hours="8-20",
                on_hand=on_hand,
                reserved=1,
                updated_at=None,
            )
        ],
    )


def test_the_last_answer_per_product_is_kept_with_its_time(store_engine: Engine) -> None:
    cache = StockCache(store_engine)
    assert cache.get("P0000001") is None
    cache.save(answer(5), FETCHED)
    cache.save(answer(7), FETCHED + timedelta(minutes=3))
    cache.save(answer(9, sku="P0000002"), FETCHED)
    assert cache.get("P0000001") == CachedStock(answer(7), FETCHED + timedelta(minutes=3))
    cached = cache.get("P0000002")
    assert cached is not None
    assert cached.answer.stores[0].on_hand == 9


def test_an_answer_that_cannot_be_read_counts_as_none(store_engine: Engine) -> None:
    cache = StockCache(store_engine)
    cache.save(answer(5), FETCHED)
    with store_engine.begin() as connection:
        connection.execute(text("UPDATE stock_cache SET answer = '{\"sku\": 1}'"))
    assert cache.get("P0000001") is None
