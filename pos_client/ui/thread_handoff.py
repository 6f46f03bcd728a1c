"""Values from background threads, delivered on the Qt (GUI) thread.

The sync service calls its status listeners on the sync worker's thread, and the screens ask
the central service (stock, enrolment) on threads of their own so the till never freezes.
Widgets may only be touched on the GUI thread: `Handoff.post(value)` may be called from any
thread, and the value reaches the receiver through a queued signal on the thread the handoff
was made on (make it on the GUI thread).

A handoff is tied to a widget (`Handoff(receiver, owner)`): once the owner is destroyed, or
after `close()`, nothing more is delivered (a late answer never reaches a widget that is gone)
and the clean-ups given to `on_close` run, e.g. removing a sync listener.

The handoff itself has no Qt parent: it lives as long as a thread or a listener still holds
it, so a late `post` never touches a deleted Qt object.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)


class Handoff(QObject):
    delivered = Signal(object)
    """Emitted on the handoff's thread with each posted value."""

    def __init__(self, receiver: Callable[[Any], None], owner: QObject) -> None:
        super().__init__()
        self._receiver = receiver
        self._lock = threading.Lock()
        self._open = True
        self._cleanups: list[Callable[[], None]] = []
        self.delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        owner.destroyed.connect(self._owner_destroyed)

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._open

    def post(self, value: object) -> None:
        """Hand `value` to the receiver on the GUI thread (from any thread); nothing after
        `close()`."""
        with self._lock:
            if self._open:
                self.delivered.emit(value)

    def on_close(self, cleanup: Callable[[], None]) -> None:
        """Run `cleanup` when the handoff closes (at once if it is closed already)."""
        with self._lock:
            if self._open:
                self._cleanups.append(cleanup)
                return
        cleanup()

    def close(self) -> None:
        """Deliver nothing more and run the clean-ups (idempotent)."""
        with self._lock:
            self._open = False
            cleanups, self._cleanups = self._cleanups, []
        for cleanup in cleanups:
            cleanup()

    def run(self, work: Callable[[], object], name: str) -> threading.Thread:
        """Run `work()` on a new thread and post what it returns, or the exception it raised
        (the receiver tells them apart with isinstance)."""

        def target() -> None:
            try:
                outcome: object = work()
            except Exception as error:
                log.debug("%s failed: %s", name, error)
                outcome = error
            self.post(outcome)

        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        return thread

    def _owner_destroyed(self, _owner: QObject | None = None) -> None:
        self.close()

    def _deliver(self, value: object) -> None:
        if self.is_open:
            self._receiver(value)
