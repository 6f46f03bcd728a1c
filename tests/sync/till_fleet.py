"""Tills of a chain and the central books, for the end-to-end sync tests under faults.

`FleetTill` is one real till: `pos_client.bootstrap.build_till` on its own SQLite file (the
real checkout, shifts and returns), talking to the central service through its own
`FaultProxy`, with its own till token. It sells random baskets from a small shared assortment
(so tills of one store move the same stock rows), makes partial returns of its earlier sales,
and remembers everything it made. Its sync runs either as the till runs it (`start_service`:
the `SyncService` with its worker thread, woken by each commit) or as a bare `SyncWorker`
whose answers are recorded (`worker`, for cycles run one at a time by a test).

`CentralBooks` reads what the central database holds: sales, returns, shift events, the stock
ledger and its projection, received events and conflicts.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, select, text

from pos_client.bootstrap import Till, build_till
from pos_client.config import Settings
from pos_client.domain.cash import CashCount
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Unit
from pos_client.domain.returns import ReturnRecord
from pos_client.domain.sale import SaleRecord
from pos_client.services.checkout import WeightNeeded
from pos_client.services.sync_service import SyncService
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.sync_catalogue import CatalogueSync, TillWriters
from pos_client.store.sync_outbox import SyncOutbox
from sync.backoff import Backoff
from sync.central.database import read_session
from sync.central.models import (
    Conflict,
    Product,
    ReceivedEvent,
    Return,
    Sale,
    SaleLine,
    ShiftEvent,
    StockLevel,
    StockMovement,
    Store,
)
from sync.client import CentralClient
from sync.protocol import ItemResult
from sync.worker import SyncWorker
from tests.sync.fault_proxy import FaultProxy

OPENING_FLOAT = CashCount({10000: 2, 5000: 2, 1000: 5})
PIECE_PRODUCTS = 8
WEIGHED_PRODUCTS = 2
"""The assortment every till sells from: the first products of each unit in the catalogue."""
StockKey = tuple[str, str]
"""(store code, SKU)."""


class RecordingOutbox(SyncOutbox):
    """The till's real outbox; every answer the worker records is also kept, in order."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.answers: list[list[ItemResult]] = []

    def record(self, results: Sequence[ItemResult]) -> None:
        self.answers.append(list(results))
        super().record(results)


def quick_backoff() -> Backoff:
    return Backoff(base=0.02, cap=0.25)


@dataclass
class FleetTill:
    store_code: str
    till_id: str
    token: str
    till: Till
    proxy: FaultProxy
    rng: random.Random
    client_timeout: float
    sales: list[SaleRecord] = field(default_factory=list)
    returns: list[ReturnRecord] = field(default_factory=list)
    service: SyncService | None = None
    workers: list[SyncWorker] = field(default_factory=list)
    _assortment: list[tuple[str, Unit]] = field(default_factory=list)
    _catalogue: CatalogueSync | None = None
    _writers: TillWriters | None = None

    @property
    def name(self) -> str:
        return f"{self.store_code}-{self.till_id}"

    @property
    def engine(self) -> Engine:
        return self.till.engine

    def client(self, url: str, token: str) -> CentralClient:
        """The till's client of the central service (a short timeout: a hung request fails
        fast)."""
        return CentralClient(url, token, timeout=httpx.Timeout(self.client_timeout))

    # --- sync ------------------------------------------------------------------------------

    def start_service(self, poll_seconds: float) -> SyncService:
        """The till's sync service enrolled through the proxy (checked with the central
        service) and started: its worker thread pushes each sale as it is committed, and
        retries within a quarter of a second (the default backoff grows to a minute, longer
        than a whole test)."""
        self.till.sync.close()  # build_till's own, not enrolled: replaced by one via the proxy
        service = SyncService(
            self.engine,
            self.store_code,
            client_factory=self.client,
            poll_seconds=poll_seconds,
            backoff=quick_backoff,
        )
        self.service = service
        service.enrol(self.proxy.url, self.token)
        assert service.start()
        return service

    def worker(self, outbox: SyncOutbox, **options: Any) -> SyncWorker:
        """A bare sync worker of this till through the proxy, retrying quickly unless told."""
        if self._catalogue is None:
            self._writers = TillWriters(self.engine)
            self._catalogue = CatalogueSync(self.engine, self.store_code, writers=self._writers)
        options.setdefault("backoff", Backoff(base=0.01, cap=0.1))
        worker = SyncWorker(
            self.client(self.proxy.url, self.token), outbox, self._catalogue, **options
        )
        self.workers.append(worker)
        return worker

    def unsent(self) -> int:
        return SyncOutbox(self.engine).counts().unsent

    def quarantined(self) -> int:
        return SyncOutbox(self.engine).counts().quarantined

    def close(self) -> None:
        """Stop and close everything of this till, each step even if one before failed."""
        with contextlib.ExitStack() as steps:
            steps.callback(self.engine.dispose)
            steps.callback(self.proxy.stop)
            if self._writers is not None:
                steps.callback(self._writers.close)
            if self._catalogue is not None:
                steps.callback(self._catalogue.close)
            steps.callback(self.service.close if self.service else self.till.sync.close)
            for worker in self.workers:
                steps.callback(worker.close)

    # --- selling ---------------------------------------------------------------------------

    def assortment(self) -> list[tuple[str, Unit]]:
        """SKUs with their unit this till sells from (it needs its catalogue synced first)."""
        if not self._assortment:
            repository = CatalogueRepository(self.engine)
            with self.engine.connect() as connection:
                skus = connection.execute(
                    text("SELECT sku FROM products WHERE active ORDER BY sku")
                ).scalars()
                entries = [repository.by_sku(sku) for sku in skus]
            priced = [e for e in entries if e is not None and e.price is not None]
            pieces = [e.sku for e in priced if e.unit is Unit.PIECE][:PIECE_PRODUCTS]
            weighed = [e.sku for e in priced if e.unit is Unit.KILOGRAM][:WEIGHED_PRODUCTS]
            assert len(pieces) == PIECE_PRODUCTS, "the till's catalogue is not synced"
            self._assortment = [(sku, Unit.PIECE) for sku in pieces]
            self._assortment += [(sku, Unit.KILOGRAM) for sku in weighed]
        return self._assortment

    def open_shift(self) -> None:
        self.till.shifts.open_shift(OPENING_FLOAT)

    def close_shift(self) -> None:
        self.till.shifts.close_shift(OPENING_FLOAT)

    def sell(self) -> SaleRecord:
        """A random basket (1-3 products, pieces or grams), paid by card or in cash."""
        checkout = self.till.checkout
        for _ in range(self.rng.randint(1, 3)):
            sku, unit = self.rng.choice(self.assortment())
            outcome = checkout.scan(sku)
            if isinstance(outcome, WeightNeeded):
                checkout.add_weighed(outcome.entry, self.rng.randint(50, 2500))
            elif unit is Unit.PIECE and self.rng.random() < 0.3:
                checkout.set_quantity(outcome.line_id, outcome.quantity.amount + 2)
        total = checkout.cart.total()
        if self.rng.random() < 0.5:
            tenders = [(Tender.CARD, total)]
        else:
            tenders = [(Tender.CASH, Money(-(-total.grosze // 1000) * 1000))]
        sale = checkout.pay(tenders)
        self.sales.append(sale)
        return sale

    def return_some(self) -> ReturnRecord | None:
        """A return of part of one line of an earlier sale (None if nothing is left)."""
        returns = self.till.returns
        candidates = [
            (sale, line)
            for sale in self.sales
            for line in returns.returnable_lines(sale)
            if line.remaining > 0
        ]
        if not candidates:
            return None
        sale, line = self.rng.choice(candidates)
        quantity = self.rng.randint(1, line.remaining)
        shift = self.till.shifts.require_shift()
        record = returns.create_return(
            sale, {line.line.line_id: quantity}, "zwrot", None, shift.shift_id
        )
        self.returns.append(record)
        return record

    def sold(self) -> Counter[StockKey]:
        """Pieces or grams sold per (store, SKU)."""
        sold: Counter[StockKey] = Counter()
        for sale in self.sales:
            for line in sale.lines:
                sold[(self.store_code, line.sku)] += line.quantity.amount
        return sold

    def returned(self) -> Counter[StockKey]:
        back: Counter[StockKey] = Counter()
        for record in self.returns:
            for line in record.lines:
                back[(self.store_code, line.sku)] += line.quantity.amount
        return back


def open_till(
    directory: Path,
    store_code: str,
    till_id: str,
    token: str,
    upstream_port: int,
    *,
    seed: int,
    client_timeout: float = 2.0,
) -> FleetTill:
    """A new till on its own database in `directory`, with a running proxy to the central
    service on `upstream_port` (everything passed until told otherwise). Close it."""
    settings = Settings(data_dir=directory, store_code=store_code, till_id=till_id)
    till = build_till(settings, start_sync=False)
    proxy = FaultProxy(upstream_port)
    proxy.start()
    return FleetTill(store_code, till_id, token, till, proxy, random.Random(seed), client_timeout)


@dataclass(frozen=True)
class CentralSale:
    store_code: str
    till_id: str
    sequence: int
    receipt_number: str
    total: int


@dataclass(frozen=True)
class CentralReturn:
    store_code: str
    till_id: str
    return_number: str | None
    total: int


class CentralBooks:
    """What the central database holds, read straight from it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def sales(self) -> dict[uuid.UUID, CentralSale]:
        with read_session(self._engine) as session:
            rows = session.execute(
                select(
                    Sale.id,
                    Store.code,
                    Sale.till_id,
                    Sale.sequence,
                    Sale.receipt_number,
                    Sale.total,
                ).join(Store, Store.id == Sale.store_id)
            ).all()
        return {row[0]: CentralSale(*row[1:]) for row in rows}

    def returns(self) -> dict[uuid.UUID, CentralReturn]:
        with read_session(self._engine) as session:
            rows = session.execute(
                select(
                    Return.id, Store.code, Return.till_id, Return.return_number, Return.total
                ).join(Store, Store.id == Return.store_id)
            ).all()
        return {row[0]: CentralReturn(*row[1:]) for row in rows}

    def totals_per_store(self) -> dict[str, int]:
        """The sum of the sales' totals per store, summed by the database."""
        with read_session(self._engine) as session:
            rows = session.execute(
                select(Store.code, func.sum(Sale.total))
                .join(Store, Store.id == Sale.store_id)
                .group_by(Store.code)
            ).all()
        return {store: int(total) for store, total in rows}

    def sale_lines(self) -> Counter[tuple[uuid.UUID, uuid.UUID]]:
        """(sale id, line id) of every stored sale line, with how often it is stored."""
        with read_session(self._engine) as session:
            rows = session.execute(select(SaleLine.sale_id, SaleLine.id)).all()
        return Counter((sale_id, line_id) for sale_id, line_id in rows)

    def movements(self, kind: str) -> Counter[tuple[uuid.UUID, uuid.UUID | None]]:
        """(source id, source line id) of every ledger movement of `kind`, with its count."""
        with read_session(self._engine) as session:
            rows = session.execute(
                select(StockMovement.source_id, StockMovement.source_line_id).where(
                    StockMovement.kind == kind
                )
            ).all()
        return Counter((source, line) for source, line in rows)

    def on_hand(self) -> dict[StockKey, int]:
        """The projection: on hand per (store, SKU)."""
        with read_session(self._engine) as session:
            rows = session.execute(
                select(Store.code, Product.sku, StockLevel.on_hand)
                .join(Store, Store.id == StockLevel.store_id)
                .join(Product, Product.id == StockLevel.product_id)
            ).all()
        return {(store, sku): int(on_hand) for store, sku, on_hand in rows}

    def ledger(self) -> dict[StockKey, int]:
        """The ledger summed per (store, SKU)."""
        with read_session(self._engine) as session:
            rows = session.execute(
                select(Store.code, Product.sku, func.sum(StockMovement.quantity))
                .join(Store, Store.id == StockMovement.store_id)
                .join(Product, Product.id == StockMovement.product_id)
                .group_by(Store.code, Product.sku)
            ).all()
        return {(store, sku): int(total) for store, sku, total in rows}

    def shift_events(self) -> Counter[tuple[str, str, str]]:
        """(store, till, kind) of every stored shift event, counted."""
        with read_session(self._engine) as session:
            rows = session.execute(
                select(Store.code, ShiftEvent.till_id, ShiftEvent.kind).join(
                    Store, Store.id == ShiftEvent.store_id
                )
            ).all()
        return Counter((store, till, kind) for store, till, kind in rows)

    def event_statuses(self) -> Counter[str]:
        with read_session(self._engine) as session:
            rows = session.execute(select(ReceivedEvent.status)).scalars().all()
        return Counter(rows)

    def conflicts(self) -> int:
        with read_session(self._engine) as session:
            return int(session.execute(select(func.count()).select_from(Conflict)).scalar_one())
