"""Full-jitter exponential backoff that never gives up, and Retry-After in both forms."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sync.backoff import Backoff, parse_retry_after

NOW = datetime(2025, 3, 14, 9, 0, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_delays_are_drawn_below_a_ceiling_that_doubles_up_to_the_cap() -> None:
    draws = iter([0.5] * 20)
    backoff = Backoff(base=1.0, cap=30.0, uniform=lambda: next(draws))
    delays = [backoff.failure() for _ in range(8)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 15.0, 15.0]


def test_full_jitter_can_draw_anything_from_zero_to_the_ceiling() -> None:
    draws = iter([0.0, 0.999])
    backoff = Backoff(base=2.0, cap=60.0, uniform=lambda: next(draws))
    assert backoff.failure() == 0.0
    assert backoff.failure() == pytest.approx(0.999 * 4.0)


def test_it_never_gives_up_and_never_overflows() -> None:
    backoff = Backoff(base=0.5, cap=60.0, uniform=lambda: 1.0)
    for _ in range(5000):
        delay = backoff.failure()
    assert backoff.failures == 5000
    assert delay == 60.0


def test_retry_after_is_a_floor_capped_against_absurd_values() -> None:
    backoff = Backoff(base=1.0, cap=10.0, max_retry_after=600.0, uniform=lambda: 0.1)
    assert backoff.failure(retry_after=30.0) == 30.0
    assert backoff.failure(retry_after=0.0) == pytest.approx(0.2)
    assert backoff.failure(retry_after=86400.0) == 600.0


def test_success_starts_the_ceiling_again_and_remaining_follows_the_clock() -> None:
    clock = Clock()
    backoff = Backoff(base=1.0, cap=60.0, uniform=lambda: 1.0, clock=clock)
    for _ in range(4):
        backoff.failure()
    assert backoff.remaining() == 8.0
    clock.now += 5.0
    assert backoff.remaining() == 3.0
    clock.now += 5.0
    assert backoff.remaining() == 0.0
    backoff.success()
    assert backoff.failures == 0
    assert backoff.failure() == 1.0


def test_a_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="base"):
        Backoff(base=10.0, cap=1.0)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Fri, 14 Mar 2025 09:01:30 GMT", 90.0),
        ("Fri, 14 Mar 2025 08:00:00 GMT", 0.0),
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("", None),
    ],
)
def test_retry_after_header(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, NOW) == seconds
