"""The till's sync loop: push the outbox, pull the change feed, forever, off the UI thread.

One cycle sends every pending outbox row in batches (the central service answers per item after
its commit), then pages through the change feed until it is up to date, pushing again between
pages so that a sale made during a long first sync does not wait for its end. A failed cycle is
retried after a full-jitter backoff that honours Retry-After and never gives up; a successful
one is followed by a wait of `poll_seconds`, cut short by `wake()` (a sale was committed).

Lost answers are harmless: a batch whose answer never came is sent again and the central
service answers `duplicate` for what it already committed. Nothing the server says can lose a
row: only `accepted` and `duplicate` acknowledge one; `rejected` and `conflict` quarantine it
(kept, shown to the manager, no longer blocking the queue). A row too large to send even alone
is quarantined too. Other refusals of a whole request (400, 422) are taken as a problem of the
service, not of the rows: retried, never quarantined.

The worker knows the till only through two small interfaces (`OutboxSource`, `ChangeSink`)
and reports through `on_status`, called from its own thread (a UI must marshal it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from sync.backoff import Backoff
from sync.client import (
    BadAnswerError,
    CentralClient,
    FeedGoneError,
    ForbiddenError,
    SyncError,
    TokenRefusedError,
    TooLargeError,
)
from sync.protocol import (
    CLOCK_SKEW_WARNING_SECONDS,
    MAX_CHANGES_PAGE,
    MAX_PUSH_ITEMS,
    ChangesPage,
    ItemResult,
    ItemStatus,
    OutboxItem,
)

log = logging.getLogger(__name__)

POLL_SECONDS = 30.0
"""How often an idle till asks for catalogue changes (a sale wakes the worker at once)."""
START_CURSOR = "0"


class OutboxSource(Protocol):
    def pending(self, limit: int) -> Sequence[OutboxItem]:
        """Up to `limit` unacknowledged, unquarantined rows in the order they were written."""
        ...

    def record(self, results: Sequence[ItemResult]) -> None:
        """Acknowledge (accepted, duplicate) or quarantine (rejected, conflict) rows."""
        ...


class ChangeSink(Protocol):
    def cursor(self) -> str:
        """Where the next page starts ("0": the start of the feed)."""
        ...

    def apply(self, page: ChangesPage, interrupted: Callable[[], bool]) -> object:
        """Apply a page fetched after `cursor()` with its checkpoint; may stop part way when
        `interrupted()` is true (the rest is applied when the page comes again). Raises a
        SyncError for a change it cannot read."""
        ...

    def reset(self) -> None:
        """Start again from the start of the feed, replacing the catalogue (410 Gone)."""
        ...

    def paused(self) -> bool:
        """The manager interrupted the (first) full sync: do not pull."""
        ...


class LinkState(StrEnum):
    STARTING = "starting"
    """No exchange yet."""
    ONLINE = "online"
    SYNCING = "syncing"
    OFFLINE = "offline"
    """The last exchange failed (network, timeout, server error): retrying."""


@dataclass(frozen=True, slots=True)
class WorkerStatus:
    state: LinkState = LinkState.STARTING
    last_success: datetime | None = None
    """The till's clock at the end of the last cycle that pushed and pulled everything."""
    last_error: str | None = None
    """What went wrong last (None after a success)."""
    token_refused: bool = False
    """The central service answered 401: the till must be enrolled again."""
    forbidden: bool = False
    """The central service answered 403 (e.g. this token is for another store)."""
    clock_skew: timedelta | None = None
    """The central clock minus the till's, measured on the last exchange."""
    retry_in: float | None = None
    """Seconds until the next attempt after a failure."""
    pushed: int = 0
    """Rows acknowledged since the worker started."""
    quarantined: int = 0
    """Rows quarantined since the worker started."""
    feed_remaining: int | None = None
    """Changes still to pull after the last page (None before the first page)."""

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew is not None and (
            abs(self.clock_skew.total_seconds()) > CLOCK_SKEW_WARNING_SECONDS
        )


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class _Fetched:
    page: ChangesPage
    asked_at: datetime
    answered_at: datetime


class _StoppedError(Exception):
    """The worker was asked to stop in the middle of a cycle."""


class SyncWorker:
    """Runs the sync loop in a daemon thread; `run_once()` runs one cycle in the caller's."""

    def __init__(
        self,
        client: CentralClient,
        outbox: OutboxSource,
        sink: ChangeSink,
        *,
        on_status: Callable[[WorkerStatus], None] | None = None,
        backoff: Backoff | None = None,
        poll_seconds: float = POLL_SECONDS,
        push_batch: int = MAX_PUSH_ITEMS,
        page_size: int = MAX_CHANGES_PAGE,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._client = client
        self._outbox = outbox
        self._sink = sink
        self._on_status = on_status or (lambda _status: None)
        self._backoff = backoff or Backoff()
        self._poll_seconds = poll_seconds
        self._push_batch = max(1, min(push_batch, MAX_PUSH_ITEMS))
        self._page_size = max(1, min(page_size, MAX_CHANGES_PAGE))
        self._now = now
        self._status = WorkerStatus()
        self._status_lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._resync = threading.Event()
        self._thread: threading.Thread | None = None
        self._prefetch: ThreadPoolExecutor | None = None

    # --- control (any thread) ------------------------------------------------------------

    @property
    def status(self) -> WorkerStatus:
        with self._status_lock:
            return self._status

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the loop (between two transactions of a page at worst); True once it ended.
        A request under way is not cut: it ends within the client's timeouts."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                return False
        self._thread = None
        if self._prefetch is not None:
            self._prefetch.shutdown(wait=False, cancel_futures=True)
            self._prefetch = None
        return True

    def close(self) -> None:
        """Stop the loop and close the client (its connections)."""
        self.stop()
        self._client.close()

    def wake(self) -> None:
        """Something was written to the outbox: push it now rather than at the next poll
        (a worker waiting out a backoff after a failure keeps waiting)."""
        self._wake.set()

    def request_resync(self) -> None:
        """Sync the catalogue again from the start of the feed, at the next cycle."""
        self._resync.set()
        self._wake.set()

    # --- the loop ------------------------------------------------------------------------

    def _run(self) -> None:
        log.info("sync worker started for %s", self._client.base_url)
        while not self._stop.is_set():
            if self.run_once():
                self._wake.wait(self._poll_seconds)
                self._wake.clear()
            else:
                self._stop.wait(self._backoff.remaining())
        log.info("sync worker stopped")

    def run_once(self) -> bool:
        """One cycle: push everything pending, pull every change. True on success; on failure
        the status tells why and the backoff says when to try again."""
        self._set(state=LinkState.SYNCING, retry_in=None)
        try:
            self._push_all()
            self._pull_all()
        except _StoppedError:
            return True
        except SyncError as error:
            self._failed(error, retry_after=error.retry_after)
            return False
        except Exception as error:  # a local failure (disk full, a bug): retried like a network one
            log.exception("sync cycle failed")
            self._failed(error, retry_after=None)
            return False
        self._backoff.success()
        self._set(
            state=LinkState.ONLINE,
            last_success=self._now(),
            last_error=None,
            token_refused=False,
            forbidden=False,
            retry_in=None,
        )
        return True

    def _failed(self, error: Exception, retry_after: float | None) -> None:
        delay = self._backoff.failure(retry_after)
        message = str(error) or type(error).__name__
        log.warning("sync failed (retry in %.1f s): %s", delay, message)
        self._set(
            state=LinkState.OFFLINE,
            last_error=message,
            token_refused=isinstance(error, TokenRefusedError),
            forbidden=isinstance(error, ForbiddenError),
            retry_in=delay,
        )

    def _check_stop(self) -> None:
        if self._stop.is_set():
            raise _StoppedError

    # --- push ----------------------------------------------------------------------------

    def _push_all(self) -> None:
        batch = self._push_batch
        while True:
            self._check_stop()
            items = list(self._outbox.pending(batch))
            if not items:
                return
            sent_at = self._now()
            try:
                answer = self._client.push(items, sent_at)
            except TooLargeError as error:
                if len(items) > 1:
                    batch = max(1, len(items) // 2)
                    continue
                self._quarantine_too_large(items[0], error)
                continue
            self._note_clock(answer.server_time, sent_at, self._now())
            sent = {item.id for item in items}
            results = [result for result in answer.results if result.id in sent]
            self._outbox.record(results)
            refused = sum(
                1 for r in results if r.status in (ItemStatus.REJECTED, ItemStatus.CONFLICT)
            )
            status = self.status
            self._set(
                pushed=status.pushed + len(results) - refused,
                quarantined=status.quarantined + refused,
            )
            missing = len(sent - {result.id for result in results})
            if missing:
                # They stay pending and go again: the central service dedupes what it has.
                raise BadAnswerError(f"the push answer left out {missing} of {len(items)} items")
            batch = min(self._push_batch, batch * 2)

    def _quarantine_too_large(self, item: OutboxItem, error: SyncError) -> None:
        reason = f"too large to send to the central service: {error}"
        log.error("outbox item %s (seq %d) quarantined: %s", item.id, item.seq, reason)
        self._outbox.record([ItemResult(id=item.id, status=ItemStatus.REJECTED, reason=reason)])
        status = self.status
        self._set(quarantined=status.quarantined + 1)

    # --- pull ----------------------------------------------------------------------------

    def _pull_all(self) -> None:
        gone_at_start = False
        upcoming: Future[_Fetched] | None = None
        try:
            while True:
                self._check_stop()
                if self._resync.is_set():
                    self._resync.clear()
                    self._cancel(upcoming)
                    upcoming = None
                    self._sink.reset()
                if self._sink.paused():
                    return
                cursor = self._sink.cursor()
                try:
                    fetched = self._fetch(cursor) if upcoming is None else upcoming.result()
                except FeedGoneError:
                    upcoming = None
                    if cursor == START_CURSOR and gone_at_start:
                        raise
                    gone_at_start = cursor == START_CURSOR
                    log.warning("change feed gone at cursor %s: syncing from the start", cursor)
                    self._sink.reset()
                    continue
                upcoming = None
                page = fetched.page
                self._note_clock(page.server_time, fetched.asked_at, fetched.answered_at)
                if page.has_more:
                    # Fetch the next page while this one is written.
                    if self._prefetch is None:
                        self._prefetch = ThreadPoolExecutor(1, thread_name_prefix="sync-prefetch")
                    upcoming = self._prefetch.submit(self._fetch, page.next_cursor)
                self._sink.apply(page, self._stop.is_set)
                self._set(feed_remaining=page.remaining)
                if self._sink.cursor() != page.next_cursor:
                    # Interrupted part way: the prefetched page does not follow.
                    self._cancel(upcoming)
                    upcoming = None
                    self._check_stop()
                    continue
                self._push_all()
                if not page.has_more:
                    return
        finally:
            self._cancel(upcoming)

    def _fetch(self, cursor: str) -> _Fetched:
        asked_at = self._now()
        page = self._client.changes(cursor, self._page_size)
        answered_at = self._now()
        return _Fetched(page, asked_at, answered_at)

    @staticmethod
    def _cancel(upcoming: Future[_Fetched] | None) -> None:
        if upcoming is not None and not upcoming.cancel():
            # Already running: let it finish; its outcome (or error) is not wanted.
            upcoming.add_done_callback(lambda future: future.exception())

    # --- status --------------------------------------------------------------------------

    def _note_clock(self, server_time: datetime, asked_at: datetime, answered_at: datetime) -> None:
        """The central clock minus the till's, taking the middle of the exchange."""
        middle = asked_at + (answered_at - asked_at) / 2
        self._set(clock_skew=server_time - middle)

    def _set(self, **changes: object) -> None:
        with self._status_lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]
            status = self._status
        try:
            self._on_status(status)
        except Exception:
            log.exception("a sync status listener failed")
