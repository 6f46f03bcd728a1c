"""Wiring: open the store, build the services, build the window. Shared by the app, tests and
benchmarks so that they all run the same till."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from hardware.barcodes import VariableMeasureLayout
from pos_client.config import Settings, parse_prefixes
from pos_client.domain.receipt_text import StoreHeader
from pos_client.services.checkout import CheckoutService, TillIdentity
from pos_client.services.product_lookup import ProductLookup
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.database import create_store_engine
from pos_client.store.migrate import upgrade
from pos_client.store.sales import SalesRepository
from pos_client.store.stores import StoreRepository

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True, slots=True)
class Till:
    settings: Settings
    engine: Engine
    checkout: CheckoutService
    lookup: ProductLookup
    store: StoreHeader | None


def open_store(path: Path) -> Engine:
    """The till's database, migrated to the newest schema."""
    engine = create_store_engine(path)
    upgrade(engine)
    return engine


def build_till(settings: Settings) -> Till:
    engine = open_store(settings.database_path)
    catalogue = CatalogueRepository(engine)
    layout = VariableMeasureLayout(
        prefixes=parse_prefixes(settings.weighed_prefixes),
        item_digits=settings.weighed_item_digits,
        value_digits=10 - settings.weighed_item_digits,
    )
    checkout = CheckoutService(
        catalogue,
        SalesRepository(engine),
        TillIdentity(settings.store_code, settings.till_id),
        layout,
    )
    store = StoreRepository(engine).header(settings.store_code)
    return Till(settings, engine, checkout, ProductLookup(catalogue), store)


def load_theme() -> str:
    theme = RESOURCES / "qss" / "till.qss"
    return theme.read_text(encoding="utf-8") if theme.is_file() else ""
