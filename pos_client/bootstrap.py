"""Wiring: open the store, build the services, build the window. Shared by the app, tests and
benchmarks so that they all run the same till."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from pos_client.config import Settings, printer_config, variable_measure_layout
from pos_client.domain.receipt_text import StoreHeader
from pos_client.services.approvals import ApprovalService
from pos_client.services.auth import AuthService
from pos_client.services.checkout import CheckoutService, TillIdentity
from pos_client.services.parking import ParkingService
from pos_client.services.printing import MARKER_FILE, ReceiptMarker, TillPrinting
from pos_client.services.product_lookup import ProductLookup
from pos_client.services.receipt_history import ReceiptHistory
from pos_client.services.receipt_printing import ReceiptBranding
from pos_client.services.returns import ReturnService
from pos_client.services.shifts import ShiftService
from pos_client.services.sync_service import SyncService
from pos_client.store.audit import AuditRepository
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.database import create_store_engine
from pos_client.store.migrate import upgrade
from pos_client.store.parked import ParkedSaleRepository
from pos_client.store.returns import ReturnRepository
from pos_client.store.sales import SalesRepository
from pos_client.store.shifts import ShiftRepository
from pos_client.store.stores import StoreRepository
from pos_client.store.users import UserRepository

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True, slots=True)
class Till:
    settings: Settings
    engine: Engine
    checkout: CheckoutService
    lookup: ProductLookup
    store: StoreHeader | None
    shifts: ShiftService
    users: UserRepository
    auth: AuthService
    approvals: ApprovalService
    audit: AuditRepository
    parking: ParkingService
    returns: ReturnService
    sync: SyncService
    """Sync with the central service; call `sync.close()` when the till quits."""
    printing: TillPrinting
    """Receipts and reports to the printer (or shown); call `printing.close()` at the end."""
    history: ReceiptHistory


def open_store(path: Path) -> Engine:
    """The till's database, migrated to the newest schema."""
    engine = create_store_engine(path)
    upgrade(engine)
    return engine


def build_till(settings: Settings, *, start_sync: bool = True) -> Till:
    """The till on its database. With `start_sync`, the sync worker starts in the background
    if the till is enrolled with a central service (address and token in its database);
    otherwise nothing touches the network."""
    engine = open_store(settings.database_path)
    catalogue = CatalogueRepository(engine)
    sales = SalesRepository(engine)
    till = TillIdentity(settings.store_code, settings.till_id)
    shifts = ShiftService(ShiftRepository(engine), settings.till_id)
    audit = AuditRepository(engine)
    checkout = CheckoutService(
        catalogue, sales, till, variable_measure_layout(settings), shifts=shifts, audit=audit
    )
    users = UserRepository(engine)
    auth = AuthService(users)
    sync = SyncService(engine, settings.store_code)
    if start_sync:
        sync.start()
    store = StoreRepository(engine).header(settings.store_code)
    returns = ReturnService(sales, ReturnRepository(engine), till)
    printing = TillPrinting(
        printer_config(settings),
        ReceiptBranding(store=store),
        users,
        ReceiptMarker(settings.data_dir / MARKER_FILE),
    )
    return Till(
        settings=settings,
        engine=engine,
        checkout=checkout,
        lookup=ProductLookup(catalogue),
        store=store,
        shifts=shifts,
        users=users,
        auth=auth,
        approvals=ApprovalService(users, auth),
        audit=audit,
        parking=ParkingService(checkout, ParkedSaleRepository(engine)),
        returns=returns,
        sync=sync,
        printing=printing,
        history=ReceiptHistory(sales, ReturnRepository(engine), returns, till),
    )


def load_theme() -> str:
    theme = RESOURCES / "qss" / "till.qss"
    return theme.read_text(encoding="utf-8") if theme.is_file() else ""
