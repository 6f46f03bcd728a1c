"""Shared fixtures: a migrated till database in a real SQLite file, and a small catalogue."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pos_client.domain.text import fold
from pos_client.store.database import create_store_engine
from pos_client.store.migrate import upgrade
from pos_client.store.models import Barcode, Price, Product

AddProduct = Callable[..., int]
"""add_product(sku, name, *, unit="piece", vat_class="A", price=None, barcodes=(),
active=True, quick_key=None, prices=()) -> product id."""

# The sample catalogue (see `catalogue_with_products`).
ZOLW_EAN = "5901234123457"
ZOLW_PRICE = 499
TOMATO_EAN = "4006381333931"
TOMATO_IN_STORE = "2100042000001"
"""In-store code "21" + item "00042" + weight "00000" + check digit."""
TOMATO_PRICE_PER_KG = 1299
WATER_UPC_AS_GTIN13 = "0036000291452"
WATER_PRICE = 249
BREAD_EAN8_AS_GTIN13 = "0000096385074"
BREAD_PRICE = 650
OLD_EAN = "5900000000008"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "till.sqlite3"


@pytest.fixture
def store_engine(store_path: Path) -> Iterator[Engine]:
    """An engine on a real database file, migrated to the newest schema."""
    engine = create_store_engine(store_path)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def add_product(store_engine: Engine) -> AddProduct:
    """Insert a product through the ORM models; `price` is an open-ended price valid since 2000."""

    def add(
        sku: str,
        name: str,
        *,
        unit: str = "piece",
        vat_class: str = "A",
        price: int | None = None,
        barcodes: Sequence[str] = (),
        active: bool = True,
        quick_key: int | None = None,
        prices: Sequence[tuple[int, date, date | None]] = (),
    ) -> int:
        with Session(store_engine) as session, session.begin():
            product = Product(
                sku=sku,
                name=name,
                search_text=fold(f"{name} {sku}"),
                vat_class=vat_class,
                unit=unit,
                active=active,
                quick_key=quick_key,
            )
            product.barcodes = [Barcode(code=code) for code in barcodes]
            all_prices = list(prices)
            if price is not None:
                all_prices.append((price, date(2000, 1, 1), None))
            product.prices = [
                Price(gross=gross, valid_from=valid_from, valid_to=valid_to)
                for gross, valid_from, valid_to in all_prices
            ]
            session.add(product)
            session.flush()
            return product.id

    return add


@pytest.fixture
def catalogue_with_products(add_product: AddProduct) -> dict[str, int]:
    """A handful of products; returns their ids by a short key."""
    return {
        "zolw": add_product(
            "CZK-040",
            "Żółw czekoladowy 40 g",
            price=ZOLW_PRICE,
            barcodes=[ZOLW_EAN],
            quick_key=1,
        ),
        "tomato": add_product(
            "WAR-POM",
            "Pomidory malinowe",
            unit="kg",
            vat_class="C",
            price=TOMATO_PRICE_PER_KG,
            barcodes=[TOMATO_EAN, TOMATO_IN_STORE],
            quick_key=2,
        ),
        "water": add_product(
            "NAP-WOD",
            "Woda mineralna niegazowana 1,5 l",
            price=WATER_PRICE,
            barcodes=[WATER_UPC_AS_GTIN13],
        ),
        "bread": add_product(
            "PIE-CHL",
            "Chleb żytni na zakwasie",
            vat_class="C",
            price=BREAD_PRICE,
            barcodes=[BREAD_EAN8_AS_GTIN13],
        ),
        "old": add_product(
            "OLD-001",
            "Żółwik wycofany",
            price=100,
            barcodes=[OLD_EAN],
            active=False,
        ),
    }
