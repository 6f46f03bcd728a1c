"""Catalogue queries: one product by barcode or SKU, name search, quick keys.

Each query reads only the rows it needs; the catalogue is never loaded into memory, so a
million products cost no more at start-up than a hundred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, text
from sqlalchemy.engine import Row

from pos_client.domain.money import Money
from pos_client.domain.quantity import Unit
from pos_client.domain.text import fold
from pos_client.domain.vat import VatClass

SEARCH_LIMIT = 50
ONE_LETTER_WIDENING = 8
"""How many more name matches to read when a one-letter word is filtered in Python."""

_COLUMNS = """
    p.id, p.sku, p.name, p.vat_class, p.unit, p.image, p.quick_key,
    (SELECT pr.gross FROM prices pr
      WHERE pr.product_id = p.id AND pr.valid_from <= :today
        AND (pr.valid_to IS NULL OR pr.valid_to > :today)
      ORDER BY pr.valid_from DESC LIMIT 1) AS price,
    (SELECT b.code FROM barcodes b WHERE b.product_id = p.id ORDER BY b.code LIMIT 1) AS barcode
"""

_BY_BARCODE = text(
    f"SELECT {_COLUMNS} FROM barcodes bc JOIN products p ON p.id = bc.product_id "
    "WHERE bc.code = :code AND p.active"
)
_BY_SKU = text(f"SELECT {_COLUMNS} FROM products p WHERE p.sku = :sku AND p.active")
_BY_ID = text(f"SELECT {_COLUMNS} FROM products p WHERE p.id = :id")
_QUICK_KEYS = text(
    f"SELECT {_COLUMNS} FROM products p WHERE p.quick_key IS NOT NULL AND p.active "
    "ORDER BY p.quick_key"
)
_BY_NAME = text(
    f"SELECT {_COLUMNS} FROM product_search s JOIN products p ON p.id = s.rowid "
    "WHERE product_search MATCH :match AND p.active LIMIT :limit"
)
_BY_BARCODE_PREFIX = text(
    f"SELECT {_COLUMNS} FROM barcodes bc JOIN products p ON p.id = bc.product_id "
    "WHERE bc.code >= :low AND bc.code < :high AND p.active ORDER BY bc.code LIMIT :limit"
)
_BY_SKU_PREFIX = text(
    f"SELECT {_COLUMNS} FROM products p "
    "WHERE p.sku >= :low AND p.sku < :high AND p.active ORDER BY p.sku LIMIT :limit"
)


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    product_id: int
    sku: str
    name: str
    vat_class: VatClass
    unit: Unit
    price: Money | None
    """The gross price valid today (per kilogram for weighed items); None when none is valid."""
    barcode: str | None
    image: str | None
    quick_key: int | None


def _entry(row: Row[tuple[object, ...]]) -> CatalogueEntry:
    m = row._mapping
    return CatalogueEntry(
        product_id=int(m["id"]),
        sku=str(m["sku"]),
        name=str(m["name"]),
        vat_class=VatClass(m["vat_class"]),
        unit=Unit(m["unit"]),
        price=None if m["price"] is None else Money(int(m["price"])),
        barcode=None if m["barcode"] is None else str(m["barcode"]),
        image=None if m["image"] is None else str(m["image"]),
        quick_key=None if m["quick_key"] is None else int(m["quick_key"]),
    )


def search_words(query: str) -> list[str]:
    """The folded words of `query`, without characters that FTS5 query syntax would choke on."""
    # A NUL would end the FTS5 query text early ("unterminated string"): drop it with the quotes.
    words = (word.replace('"', "").replace("\x00", "") for word in fold(query).split())
    return [word for word in words if word]


def fts_prefix_query(query: str) -> str | None:
    """Every folded word of `query` as a quoted FTS5 prefix term, all required."""
    terms = [f'"{word}"*' for word in search_words(query)]
    return " AND ".join(terms) if terms else None


def _has_word_starting(entry: CatalogueEntry, letters: list[str]) -> bool:
    words = fold(f"{entry.name} {entry.sku}").split()
    return all(any(word.startswith(letter) for word in words) for letter in letters)


class CatalogueRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _fetch(self, statement: object, **params: object) -> list[CatalogueEntry]:
        params.setdefault("today", date.today().isoformat())
        with self._engine.connect() as connection:
            rows = connection.execute(statement, params).fetchall()  # type: ignore[call-overload]
        return [_entry(row) for row in rows]

    def has_products(self) -> bool:
        with self._engine.connect() as connection:
            if not connection.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'products'")
            ).first():
                return False
            return connection.execute(text("SELECT 1 FROM products LIMIT 1")).first() is not None

    def by_barcode(self, code: str, today: date | None = None) -> CatalogueEntry | None:
        found = self._fetch(_BY_BARCODE, code=code, **_day(today))
        return found[0] if found else None

    def by_sku(self, sku: str, today: date | None = None) -> CatalogueEntry | None:
        found = self._fetch(_BY_SKU, sku=sku.strip().upper(), **_day(today))
        return found[0] if found else None

    def by_id(self, product_id: int, today: date | None = None) -> CatalogueEntry | None:
        found = self._fetch(_BY_ID, id=product_id, **_day(today))
        return found[0] if found else None

    def quick_keys(self) -> list[CatalogueEntry]:
        return self._fetch(_QUICK_KEYS)

    def search(self, query: str, limit: int = SEARCH_LIMIT) -> list[CatalogueEntry]:
        """Products whose barcode or SKU starts with `query`, or whose name has words starting
        with each word of `query` (case and diacritics ignored)."""
        stripped = query.strip()
        if not stripped:
            return []
        found: list[CatalogueEntry] = []
        if stripped.isdigit():
            found = self._fetch(
                _BY_BARCODE_PREFIX, low=stripped, high=_successor(stripped), limit=limit
            )
        if not found and " " not in stripped:
            upper = stripped.upper()
            found = self._fetch(_BY_SKU_PREFIX, low=upper, high=_successor(upper), limit=limit)
        if len(found) < limit:
            seen = {entry.product_id for entry in found}
            found.extend(e for e in self._search_names(stripped, limit) if e.product_id not in seen)
        return found[:limit]

    def _search_names(self, query: str, limit: int) -> list[CatalogueEntry]:
        """FTS5 prefix search. A one-letter word ("mleko l", as the cashier types the next word)
        has no prefix index and would scan half the index: it filters the matches of the
        longer words instead."""
        words = search_words(query)
        longer = [word for word in words if len(word) > 1]
        letters = [word for word in words if len(word) == 1]
        if not longer or not letters:
            match = fts_prefix_query(query)
            return [] if match is None else self._fetch(_BY_NAME, match=match, limit=limit)
        candidates = self._fetch(
            _BY_NAME, match=fts_prefix_query(" ".join(longer)), limit=limit * ONE_LETTER_WIDENING
        )
        return [entry for entry in candidates if _has_word_starting(entry, letters)][:limit]


def _day(today: date | None) -> dict[str, object]:
    return {} if today is None else {"today": today.isoformat()}


def _successor(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    stripped = prefix.rstrip("\U0010ffff")
    if not stripped:  # no string is greater; nothing real sorts this high anyway
        return prefix + "\U0010ffff"
    following = ord(stripped[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # a lone surrogate cannot be sent to SQLite
        following = 0xE000
    return stripped[:-1] + chr(following)
