"""Sync with the central service, as the till's screens use it.

`SyncService` owns the sync worker (a background thread, never the UI thread), the enrolment
(central address and token, kept in the local database), the status shown on every screen
(online / offline / syncing, unsent rows, the last successful sync, quarantined rows, a clock
that is off, a token the central service refused, the progress of a full catalogue sync), stock
lookups in other stores (live, or the last answer with its age when offline), and the manager's
list of quarantined rows.

Status listeners (`add_listener`) are called with a `SyncStatus` from the worker's thread
whenever something changes: a UI must hand it over to its own thread (a queued Qt signal).

Nothing here touches the network until `start()` with an enrolment in the database, or an
explicit `enrol()` / `stock()`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from sqlalchemy import Engine

from pos_client.store.stock_cache import StockCache
from pos_client.store.sync_catalogue import CatalogueSync, FeedProgress, TillWriters
from pos_client.store.sync_link import Enrolment, SyncLinkRepository
from pos_client.store.sync_outbox import (
    OutboxCounts,
    QuarantinedRow,
    SyncOutbox,
    watch_outbox_commits,
)
from sync.backoff import Backoff
from sync.client import (
    CentralClient,
    ForbiddenError,
    NotFoundError,
    SyncError,
    TokenRefusedError,
)
from sync.protocol import CLOCK_SKEW_WARNING_SECONDS, StockAnswer, StoreStock
from sync.worker import SyncWorker, WorkerStatus

log = logging.getLogger(__name__)

POLL_SECONDS = 30.0
PAGE_SIZE = 1000
"""Changes asked for at once. Reading a page's JSON holds Python's interpreter lock for its
whole length (about 10 ms per 1,000 changes), which the till's screen waits for; a full page of
5,000 makes the screen stutter during a big sync and is hardly faster."""


class SyncState(StrEnum):
    NOT_ENROLLED = "not_enrolled"
    """No central address and token yet: the till works alone."""
    STOPPED = "stopped"
    """Enrolled, but the worker is not running."""
    STARTING = "starting"
    ONLINE = "online"
    SYNCING = "syncing"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class FullSyncProgress:
    """A full catalogue sync under way (the first one, or after the feed was reset)."""

    done: int
    remaining: int | None
    """None until the first page has come."""
    paused: bool

    @property
    def total(self) -> int | None:
        return None if self.remaining is None else self.done + self.remaining


@dataclass(frozen=True, slots=True)
class SyncStatus:
    state: SyncState
    central_url: str | None
    unsent: int
    """Outbox rows not yet acknowledged (sales, returns, shift events), quarantined ones apart."""
    unsent_sales: int
    quarantined: int
    oldest_unsent_at: datetime | None
    last_success_at: datetime | None
    needs_enrolment: bool
    """The central service refused the token (401): the manager must enrol the till again."""
    forbidden: bool
    """The central service answered 403 (e.g. the token is for another store)."""
    last_error: str | None
    clock_skew: timedelta | None
    """The central clock minus the till's."""
    full_sync: FullSyncProgress | None
    retry_in: float | None

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew is not None and (
            abs(self.clock_skew.total_seconds()) > CLOCK_SKEW_WARNING_SECONDS
        )


@dataclass(frozen=True, slots=True)
class StockLookup:
    """One product in every store: this store first, then by what can be taken, then name."""

    sku: str
    name: str
    unit: str
    stores: list[StoreStock]
    as_of: datetime
    """The central service's clock when it answered."""
    fetched_at: datetime
    """The till's clock when the answer came."""
    live: bool
    """False: the central service could not be asked; this is the last answer (see `age`)."""
    problem: str | None = None
    """Why the answer is not live."""

    def age(self, now: datetime) -> timedelta:
        return now - self.fetched_at


class EnrolmentError(ValueError):
    """The address or the token was refused; the message says why (for the manager)."""


class StockUnavailableError(Exception):
    """No live answer and nothing cached for this product."""


class UnknownProductError(Exception):
    """The central service does not know this SKU."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def check_central_url(url: str) -> str:
    """The address without a trailing slash; EnrolmentError unless http(s)://host[:port]."""
    cleaned = url.strip().rstrip("/")
    try:
        parts = urlsplit(cleaned)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as error:
        raise EnrolmentError(f"not an address like https://host:port ({error})") from error
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path:
        raise EnrolmentError("expected an address like https://central.example.com:8765")
    return cleaned


def sort_stores(stores: Sequence[StoreStock], own_store: str) -> list[StoreStock]:
    return sorted(
        stores,
        key=lambda s: (s.store_code != own_store, -(s.on_hand - s.reserved), s.name, s.store_code),
    )


ClientFactory = Callable[[str, str], CentralClient]
"""Makes the client of a central address with a token (tests pass one with a transport)."""


class SyncService:
    def __init__(
        self,
        engine: Engine,
        store_code: str,
        *,
        client_factory: ClientFactory = CentralClient,
        poll_seconds: float = POLL_SECONDS,
        page_size: int = PAGE_SIZE,
        backoff: Callable[[], Backoff] = Backoff,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._engine = engine
        self._backoff = backoff
        self._page_size = page_size
        self._store_code = store_code
        self._client_factory = client_factory
        self._poll_seconds = poll_seconds
        self._now = now
        self._link = SyncLinkRepository(engine)
        self._outbox = SyncOutbox(engine, now=now)
        self._writers = TillWriters(engine)
        self._catalogue = CatalogueSync(engine, store_code, writers=self._writers)
        self._stock_cache = StockCache(engine)
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._lock = threading.RLock()
        self._worker: SyncWorker | None = None
        self._client: CentralClient | None = None
        self._client_token: str | None = None
        self._stop_watching = watch_outbox_commits(engine, self.outbox_changed)
        self._closed = False

    # --- enrolment ---------------------------------------------------------------------------

    def enrolment(self) -> Enrolment | None:
        return self._link.get()

    def enrol(self, central_url: str, token: str, *, verify: bool = True) -> None:
        """Keep the central address and the till's token (from `pos-central enrol-till`).
        With `verify`, the central service is asked first: EnrolmentError if it cannot be
        reached or refuses the token. A running worker starts again with the new token."""
        url = check_central_url(central_url)
        token = token.strip()
        if not token or any(char.isspace() for char in token):
            raise EnrolmentError("the token is empty or has spaces in it")
        if verify:
            self._verify(url, token)
        running = self.running
        self.stop()
        self._link.enrol(url, token, self._now())
        log.info("enrolled with the central service at %s", url)
        if running:
            self.start()
        self._publish()

    def _verify(self, url: str, token: str) -> None:
        client = self._client_factory(url, token)
        try:
            client.health()
            client.changes(self._catalogue.cursor(), limit=1)
            client.push([], self._now())  # only a till's token may push
        except TokenRefusedError as error:
            raise EnrolmentError("the central service refused this token") from error
        except ForbiddenError as error:
            raise EnrolmentError("this token is not a till's token") from error
        except SyncError as error:
            raise EnrolmentError(f"the central service could not be asked: {error}") from error
        finally:
            client.close()

    def forget_enrolment(self) -> None:
        """Stop syncing and forget the address and token (unsent rows stay queued)."""
        self.stop()
        self._link.forget()
        self._publish()

    # --- running -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        with self._lock:
            return self._worker is not None and self._worker.running

    def start(self) -> bool:
        """Start the worker thread if the till is enrolled; True when it runs."""
        with self._lock:
            if self.running:
                return True
            enrolment = self._link.get()
            if enrolment is None:
                return False
            self._worker = SyncWorker(
                self._client_for(enrolment),
                self._outbox,
                self._catalogue,
                on_status=self._worker_status,
                poll_seconds=self._poll_seconds,
                page_size=self._page_size,
                backoff=self._backoff(),
                now=self._now,
            )
            self._worker.start()
        self._publish()
        return True

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the worker thread (within a transaction of the catalogue, or the request under
        way); True when it ended in `timeout`."""
        with self._lock:
            worker, self._worker = self._worker, None
            client, self._client, self._client_token = self._client, None, None
        stopped = True
        if worker is not None:
            stopped = worker.stop(timeout)
        if client is not None:
            client.close()
        self._publish()
        return stopped

    def close(self) -> None:
        """Stop the worker and let go of the database (a second call does nothing)."""
        if self._closed:
            return
        self._closed = True
        self.stop()
        self._stop_watching()
        self._writers.close()
        self._catalogue.close()

    def outbox_changed(self) -> None:
        """Something was written to the outbox (called after each such commit): send it now."""
        with self._lock:
            worker = self._worker
        if worker is not None:
            worker.wake()

    def sync_now(self) -> None:
        """Push and pull now rather than at the next poll (not during a backoff)."""
        self.outbox_changed()

    def _client_for(self, enrolment: Enrolment) -> CentralClient:
        with self._lock:
            if self._client is None or self._client_token != enrolment.token:
                if self._client is not None:
                    self._client.close()
                self._client = self._client_factory(enrolment.central_url, enrolment.token)
                self._client_token = enrolment.token
            return self._client

    # --- full catalogue sync -------------------------------------------------------------------

    def pause_full_sync(self) -> None:
        """Interrupt the full catalogue sync (kept across restarts); sales still go out."""
        self._catalogue.set_paused(True)
        self._publish()

    def resume_full_sync(self) -> None:
        self._catalogue.set_paused(False)
        self.outbox_changed()
        self._publish()

    def resync_catalogue(self) -> None:
        """Sync the whole catalogue again from the start (the till keeps selling meanwhile)."""
        with self._lock:
            worker = self._worker
        if worker is not None:
            worker.request_resync()
        else:
            self._catalogue.reset()
        self._publish()

    # --- status ------------------------------------------------------------------------------

    def add_listener(self, listener: Callable[[SyncStatus], None]) -> Callable[[], None]:
        """Call `listener(status)` on every change, from the worker's thread; returns a
        function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def status(self) -> SyncStatus:
        """The status now (reads a few counts from the database; any thread)."""
        enrolment = self._link.get()
        counts: OutboxCounts = self._outbox.counts()
        progress: FeedProgress = self._catalogue.progress()
        with self._lock:
            worker = self._worker
        worker_status = worker.status if worker is not None else None
        return SyncStatus(
            state=self._state(enrolment, worker_status),
            central_url=None if enrolment is None else enrolment.central_url,
            unsent=counts.unsent,
            unsent_sales=counts.unsent_sales,
            quarantined=counts.quarantined,
            oldest_unsent_at=counts.oldest_unsent_at,
            last_success_at=None if enrolment is None else enrolment.last_success_at,
            needs_enrolment=enrolment is not None and enrolment.refused_at is not None,
            forbidden=worker_status is not None and worker_status.forbidden,
            last_error=None if worker_status is None else worker_status.last_error,
            clock_skew=None if worker_status is None else worker_status.clock_skew,
            full_sync=(
                FullSyncProgress(progress.applied, progress.remaining, progress.paused)
                if enrolment is not None and progress.full_sync
                else None
            ),
            retry_in=None if worker_status is None else worker_status.retry_in,
        )

    def _state(self, enrolment: Enrolment | None, worker: WorkerStatus | None) -> SyncState:
        if enrolment is None:
            return SyncState.NOT_ENROLLED
        if worker is None:
            return SyncState.STOPPED
        return SyncState(worker.state.value)

    def _worker_status(self, worker: WorkerStatus) -> None:
        """From the worker's thread: keep what must outlive a restart, then tell listeners."""
        with self._lock:
            token = self._client_token
        if token is not None:
            if worker.token_refused:
                self._link.refused(token, self._now())
            elif worker.last_success is not None and worker.last_error is None:
                enrolment = self._link.get()
                if enrolment is not None and enrolment.last_success_at != worker.last_success:
                    self._link.succeeded(token, worker.last_success)
        self._publish()

    def _publish(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        if not listeners:
            return
        status = self.status()
        for listener in listeners:
            try:
                listener(status)
            except Exception:
                log.exception("a sync status listener failed")

    # --- stock in other stores ---------------------------------------------------------------

    def stock(self, sku: str) -> StockLookup:
        """Every store's stock of `sku`: live from the central service (a few seconds at
        most: call it off the UI thread), else the last answer with its age. Raises
        UnknownProductError or StockUnavailableError (offline and never asked before)."""
        enrolment = self._link.get()
        problem = "the till is not enrolled with the central service"
        if enrolment is not None:
            try:
                answer = self._client_for(enrolment).stock(sku)
            except NotFoundError as error:
                raise UnknownProductError(f"the central service does not know {sku}") from error
            except SyncError as error:
                problem = str(error)
            else:
                fetched_at = self._now()
                self._stock_cache.save(answer, fetched_at)
                return self._lookup(answer, fetched_at, live=True)
        cached = self._stock_cache.get(sku)
        if cached is None:
            raise StockUnavailableError(problem)
        return self._lookup(cached.answer, cached.fetched_at, live=False, problem=problem)

    def _lookup(
        self, answer: StockAnswer, fetched_at: datetime, *, live: bool, problem: str | None = None
    ) -> StockLookup:
        return StockLookup(
            sku=answer.sku,
            name=answer.name,
            unit=answer.unit,
            stores=sort_stores(answer.stores, self._store_code),
            as_of=answer.as_of,
            fetched_at=fetched_at,
            live=live,
            problem=problem,
        )

    # --- quarantine --------------------------------------------------------------------------

    def quarantined(self) -> list[QuarantinedRow]:
        return self._outbox.quarantined()

    def release(self, ids: Sequence[str]) -> int:
        """Send quarantined rows again (after the cause was fixed centrally)."""
        released = self._outbox.release(ids)
        self.outbox_changed()
        self._publish()
        return released
