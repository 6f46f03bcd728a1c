"""Retry delays: exponential backoff with full jitter that never gives up, and Retry-After.

Full jitter (a delay drawn uniformly from zero to the exponential ceiling) spreads the retries
of many tills that lost the central service at the same moment, so they do not come back in
one wave. A Retry-After from the server is a floor: the till never asks again sooner.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

BASE_SECONDS = 0.5
CAP_SECONDS = 60.0
MAX_RETRY_AFTER_SECONDS = 900.0
"""A Retry-After above this (a misconfigured server asking for days) is cut to it."""


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date); None when
    absent or unreadable. A date in the past means zero."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class Backoff:
    """Delays after consecutive failures: uniform in [0, min(cap, base * 2**failures)), at
    least the server's Retry-After (itself capped at `max_retry_after`). Never gives up."""

    def __init__(
        self,
        *,
        base: float = BASE_SECONDS,
        cap: float = CAP_SECONDS,
        max_retry_after: float = MAX_RETRY_AFTER_SECONDS,
        uniform: Callable[[], float] = random.random,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 < base <= cap:
            raise ValueError(f"expected 0 < base <= cap, got base={base}, cap={cap}")
        self._base = base
        self._cap = cap
        self._max_retry_after = max_retry_after
        self._uniform = uniform
        self._clock = clock
        self._failures = 0
        self._not_before = clock()

    @property
    def failures(self) -> int:
        """Failures since the last success."""
        return self._failures

    def ceiling(self) -> float:
        """The largest delay the next failure can draw (before any Retry-After)."""
        # 2**failures overflows a float after ~1000 failures; the cap is reached long before.
        exponent = min(self._failures, 64)
        return min(self._cap, self._base * 2.0**exponent)

    def failure(self, retry_after: float | None = None) -> float:
        """Count a failure; returns the delay before the next attempt."""
        delay = self._uniform() * self.ceiling()
        if retry_after is not None:
            delay = max(delay, min(max(retry_after, 0.0), self._max_retry_after))
        self._failures += 1
        self._not_before = self._clock() + delay
        return delay

    def success(self) -> None:
        self._failures = 0
        self._not_before = self._clock()

    def remaining(self) -> float:
        """Seconds left before the next attempt is due (0 when it is)."""
        return max(0.0, self._not_before - self._clock())
