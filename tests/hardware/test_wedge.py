"""Keyboard-wedge scans told from typing by key timestamps, at a scanner's and a person's pace.

`Window` plays the part of the till's event filter: it feeds each key to the detector with the
event's timestamp, types what the detector gives back into a "focused widget" (a string), and
fires the detector's timer when it is due, as a single-shot QTimer would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.wedge import ENTER, TAB, WedgeDetector, WedgeSettings, WedgeVerdict


class FakeClock:
    def __init__(self) -> None:
        self.ms = 0.0

    def __call__(self) -> float:
        return self.ms / 1000


@dataclass
class Window:
    settings: WedgeSettings = field(default_factory=WedgeSettings)
    clock: FakeClock = field(default_factory=FakeClock)
    typed: str = ""
    scans: list[str] = field(default_factory=list)
    detector: WedgeDetector = field(init=False)

    def __post_init__(self) -> None:
        self.detector = WedgeDetector(self.settings, self.clock)

    def _apply(self, verdict: WedgeVerdict, key: str = "") -> None:
        self.typed += verdict.replay
        if key and not verdict.swallow:
            self.typed += key
        if verdict.scan is not None:
            self.scans.append(verdict.scan)

    def run_timers_until(self, ms: float) -> None:
        while (wait := self.detector.wait_ms()) is not None and self.clock.ms + wait <= ms:
            self.clock.ms += wait
            self._apply(self.detector.expire())
        self.clock.ms = max(self.clock.ms, ms)

    def press(self, key: str, at_ms: int, processed_at_ms: float | None = None) -> None:
        """A key press stamped `at_ms`, handled by the event loop at `processed_at_ms`."""
        self.run_timers_until(at_ms if processed_at_ms is None else processed_at_ms)
        self._apply(self.detector.key(key, at_ms), key)

    def type(self, text: str, start_ms: int, gaps: list[int]) -> int:
        at = start_ms
        for index, key in enumerate(text):
            at += gaps[index % len(gaps)] if index else 0
            self.press(key, at)
        return at

    def idle(self, ms: float) -> None:
        self.run_timers_until(self.clock.ms + ms)


SCANNER_GAPS = [0, 3, 10, 1, 7, 0, 10, 5]
PERSON_GAPS = [80, 200, 120, 95, 150, 180]
CODE = "5901234123457"


@pytest.mark.parametrize("gap", [0, 1, 5, 10])
def test_a_scan_at_scanner_speed_is_swallowed_and_reported(gap: int) -> None:
    window = Window()
    window.type(CODE + ENTER, 1000, [gap])
    window.idle(500)
    assert window.scans == [CODE]
    assert window.typed == ""


def test_a_scan_with_irregular_scanner_timing() -> None:
    window = Window()
    window.type(CODE + ENTER, 1000, SCANNER_GAPS)
    window.idle(500)
    assert window.scans == [CODE]
    assert window.typed == ""


@pytest.mark.parametrize("gap", [80, 120, 200])
def test_a_person_typing_a_code_and_enter_types_it(gap: int) -> None:
    window = Window()
    window.type(CODE + ENTER, 1000, [gap])
    window.idle(500)
    assert window.scans == []
    assert window.typed == CODE + ENTER


def test_a_person_with_irregular_timing() -> None:
    window = Window()
    window.type("Żółw 12,50" + TAB, 1000, PERSON_GAPS)
    window.idle(500)
    assert window.scans == []
    assert window.typed == "Żółw 12,50" + TAB


def test_typing_then_a_scan_then_typing() -> None:
    window = Window()
    end = window.type("abc", 1000, PERSON_GAPS)
    end = window.type(CODE + ENTER, end + 150, SCANNER_GAPS)
    window.type("de", end + 300, PERSON_GAPS)
    window.idle(500)
    assert window.scans == [CODE]
    assert window.typed == "abcde"


def test_a_busy_event_loop_delivers_a_persons_keys_late_in_one_burst() -> None:
    """Judged by the events' own timestamps, not by when they are processed."""
    window = Window()
    stamps = [1000, 1110, 1230, 1350]
    for key, stamp in zip("1234", stamps, strict=True):
        window.press(key, stamp, processed_at_ms=1600)
    window.idle(500)
    assert window.typed == "1234"
    assert window.scans == []


def test_a_busy_event_loop_delivers_a_scan_late_and_it_is_still_a_scan() -> None:
    window = Window()
    for index, key in enumerate(CODE + ENTER):
        window.press(key, 1000 + 4 * index, processed_at_ms=1800)
    assert window.scans == [CODE]
    assert window.typed == ""


def test_two_scans_back_to_back() -> None:
    window = Window()
    end = window.type(CODE + ENTER, 1000, SCANNER_GAPS)
    window.type("96385074" + ENTER, end + 45, SCANNER_GAPS)
    window.idle(500)
    assert window.scans == [CODE, "96385074"]
    assert window.typed == ""


def test_a_short_fast_burst_is_not_a_scan() -> None:
    """Two keys rolled over quickly and Enter: shorter than a code, so it is typing."""
    window = Window(WedgeSettings(min_length=4))
    window.type("ab" + ENTER, 1000, [15])
    window.idle(500)
    assert window.scans == []
    assert window.typed == "ab" + ENTER


def test_a_fast_burst_without_its_suffix_goes_to_the_widget() -> None:
    window = Window()
    window.type(CODE, 1000, SCANNER_GAPS)
    window.idle(500)
    assert window.scans == []
    assert window.typed == CODE


def test_tab_as_the_suffix() -> None:
    window = Window(WedgeSettings(suffixes=(TAB,)))
    window.type(CODE + TAB, 1000, SCANNER_GAPS)
    window.type(CODE + ENTER, 2000, SCANNER_GAPS)
    window.idle(500)
    assert window.scans == [CODE]
    assert window.typed == CODE + ENTER


def test_without_a_suffix_a_burst_ends_the_scan() -> None:
    window = Window(WedgeSettings(suffixes=()))
    end = window.type(CODE, 1000, SCANNER_GAPS)
    window.type("ab", end + 300, PERSON_GAPS)
    window.idle(500)
    assert window.scans == [CODE]
    assert window.typed == "ab"


def test_without_a_suffix_a_new_burst_ends_the_scan_before_the_timer() -> None:
    window = Window(WedgeSettings(suffixes=()))
    for index, key in enumerate(CODE):
        window.press(key, 1000 + 2 * index, processed_at_ms=1100)
    window.press("x", 1500, processed_at_ms=1100)
    assert window.scans == [CODE]
    window.idle(500)
    assert window.typed == "x"


def test_with_a_prefix_a_person_is_never_delayed() -> None:
    settings = WedgeSettings(prefix="\x02")
    window = Window(settings)
    window.press("a", 1000)
    assert window.typed == "a"  # at once: no timer needed
    assert window.detector.wait_ms() is None
    window.type("\x02" + CODE + ENTER, 2000, SCANNER_GAPS)
    window.idle(500)
    assert window.scans == [CODE]
    assert window.typed == "a"


def test_a_multi_character_prefix_that_does_not_continue_is_given_back() -> None:
    window = Window(WedgeSettings(prefix="]C"))
    window.type("]x", 1000, [2])
    window.idle(500)
    assert window.typed == "]x"
    window.type("]C" + CODE + ENTER, 2000, SCANNER_GAPS)
    window.idle(500)
    assert window.scans == [CODE]


def test_a_burst_without_the_prefix_is_typing() -> None:
    window = Window(WedgeSettings(prefix="\x02"))
    window.type(CODE + ENTER, 1000, SCANNER_GAPS)
    window.idle(500)
    assert window.scans == []
    assert window.typed == CODE + ENTER


def test_an_over_long_burst_is_given_back() -> None:
    window = Window(WedgeSettings(max_length=8))
    window.type("123456789" + ENTER, 1000, [1])
    window.idle(500)
    assert window.scans == []
    assert window.typed == "123456789" + ENTER


def test_a_gs_separator_in_a_scan_is_kept() -> None:
    window = Window()
    code = "0105901234123457" + "10AB12\x1d3103001250"
    window.type(code + ENTER, 1000, SCANNER_GAPS)
    assert window.scans == [code]


def test_interrupt_gives_back_what_is_held() -> None:
    detector = WedgeDetector(WedgeSettings(), FakeClock())
    assert detector.key("4", 1000) == WedgeVerdict(swallow=True)
    assert detector.holding == "4"
    assert detector.interrupt() == "4"
    assert detector.holding == ""
    assert detector.interrupt() == ""
    assert detector.key("", 1000) == WedgeVerdict()


def test_the_timer_does_nothing_when_called_early() -> None:
    clock = FakeClock()
    detector = WedgeDetector(WedgeSettings(hold_ms=60), clock)
    detector.key("4", 1000)
    clock.ms = 30
    assert detector.wait_ms() == 30
    assert detector.expire() == WedgeVerdict()
    clock.ms = 60
    assert detector.expire() == WedgeVerdict(replay="4")
    assert detector.wait_ms() is None


def test_a_clock_that_goes_back_ends_the_burst() -> None:
    window = Window()
    window.press("1", 5000)
    window.press("2", 1000)
    window.idle(500)
    assert window.typed == "12"


@pytest.mark.parametrize(
    "settings",
    [
        {"min_length": 0},
        {"max_gap_ms": -1},
        {"max_gap_ms": 80, "hold_ms": 60},
        {"suffixes": ("\r\n",)},
    ],
)
def test_settings_are_checked(settings: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"scan|hold_ms|suffix"):
        WedgeSettings(**settings)  # type: ignore[arg-type]


@given(
    st.text(alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZ-", min_size=4, max_size=48),
    st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=20),
    st.integers(min_value=41, max_value=5000),
)
def test_any_scan_at_scanner_speed_is_a_scan(code: str, gaps: list[int], pause: int) -> None:
    window = Window()
    end = window.type(code + ENTER, 1000, gaps)
    window.type(code + ENTER, end + pause, gaps)
    window.idle(1000)
    assert window.scans == [code, code]
    assert window.typed == ""


@given(
    st.text(min_size=1, max_size=30).filter(lambda text: "\x00" not in text),
    st.lists(st.integers(min_value=80, max_value=200), min_size=1, max_size=20),
)
def test_anything_a_person_types_reaches_the_widget_unchanged(text: str, gaps: list[int]) -> None:
    window = Window()
    window.type(text, 1000, gaps)
    window.idle(1000)
    assert window.scans == []
    assert window.typed == text


def test_a_random_mix_of_people_and_scanners() -> None:
    rng = random.Random(5)
    window = Window()
    at = 1000
    expected_typed = ""
    expected_scans = []
    for _ in range(200):
        if rng.random() < 0.5:
            code = "".join(rng.choice("0123456789") for _ in range(rng.randint(4, 20)))
            gaps = [rng.randint(0, 10) for _ in range(8)]
            at = window.type(code + ENTER, at, gaps) + rng.randint(41, 400)
            expected_scans.append(code)
        else:
            text = "".join(rng.choice("abcxyz123 ") for _ in range(rng.randint(1, 6)))
            gaps = [rng.randint(80, 200) for _ in range(8)]
            at = window.type(text, at, gaps) + rng.randint(80, 400)
            expected_typed += text
    window.idle(1000)
    assert window.scans == expected_scans
    assert window.typed == expected_typed
