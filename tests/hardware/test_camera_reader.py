"""Camera frames: a code counts when two consecutive frames agree; frames are decoded on a
worker thread that only ever decodes the latest frame."""

from __future__ import annotations

import queue
import threading

import pytest
from PIL import Image

from hardware.camera_reader import CameraCodeReader, FrameAgreement
from hardware.code_images import code_image, qr_image
from hardware.decoding import DecodedCode, ZxingDecoder, make_camera_decoder
from hardware.symbology import Symbology
from hardware.synthetic_images import camera_frame, on_white

A = DecodedCode("5901234123457", Symbology.EAN13)
B = DecodedCode("https://sklep.example/kupon/ABC", Symbology.QR)
A_AS_QR = DecodedCode("5901234123457", Symbology.QR)


def run(agreement: FrameAgreement, frames: list[list[DecodedCode]]) -> list[list[DecodedCode]]:
    return [agreement.feed(frame) for frame in frames]


def test_two_consecutive_frames_must_agree() -> None:
    assert run(FrameAgreement(), [[A], [A]]) == [[], [A]]
    assert run(FrameAgreement(), [[A], [], [A]]) == [[], [], []]
    assert run(FrameAgreement(), [[A], [B], [A], [B]]) == [[], [], [], []]


def test_a_code_in_view_counts_once() -> None:
    assert run(FrameAgreement(), [[A], [A], [A], [A], [A]]) == [[], [A], [], [], []]


def test_a_code_shown_again_after_it_left_the_view_counts_again() -> None:
    frames: list[list[DecodedCode]] = [[A], [A], [], [], [], [A], [A]]
    assert run(FrameAgreement(rearm_after=3), frames) == [[], [A], [], [], [], [], [A]]


def test_a_short_gap_does_not_count_the_code_twice() -> None:
    """A frame where the code was blurred by a shaking hand is not the code leaving."""
    frames: list[list[DecodedCode]] = [[A], [A], [], [A], [A]]
    assert run(FrameAgreement(rearm_after=3), frames) == [[], [A], [], [], []]


def test_two_codes_in_the_same_frames() -> None:
    assert run(FrameAgreement(), [[A, B], [B, A]]) == [[], [B, A]]  # in the frame's order


def test_same_text_in_another_symbology_is_another_code() -> None:
    assert run(FrameAgreement(), [[A], [A_AS_QR]]) == [[], []]


def test_three_frames_required() -> None:
    assert run(FrameAgreement(required=3), [[A], [A], [A]]) == [[], [], [A]]
    assert run(FrameAgreement(required=1), [[A]]) == [[A]]


def test_reset_forgets() -> None:
    agreement = FrameAgreement()
    agreement.feed([A])
    agreement.reset()
    assert agreement.feed([A]) == []
    with pytest.raises(ValueError, match="at least one"):
        FrameAgreement(required=0)


def frame_with(picture: Image.Image, seed: int) -> Image.Image:
    return camera_frame(on_white(picture), seed=seed)


def test_the_reader_accepts_a_code_seen_in_two_frames() -> None:
    accepted: queue.Queue[DecodedCode] = queue.Queue()
    qr = qr_image("https://sklep.example/kupon/ABC")
    empty = Image.new("L", (1280, 720), 120)
    with CameraCodeReader(make_camera_decoder(), accepted.put) as reader:
        for frame in (frame_with(qr, 1), empty, frame_with(qr, 2), frame_with(qr, 3)):
            reader.submit(frame)
            assert reader.wait_idle()
    assert accepted.get_nowait() == B
    assert accepted.empty()
    counters = reader.counters
    assert (counters.submitted, counters.decoded, counters.dropped) == (4, 4, 0)


class GatedDecoder:
    """zxing-cpp, but each frame waits for the test's go-ahead: frames pile up meanwhile."""

    def __init__(self) -> None:
        self.engine = ZxingDecoder.engine
        self._decoder = ZxingDecoder()
        self.started = threading.Semaphore(0)
        self.go = threading.Semaphore(0)
        self.decoded: list[Image.Image] = []

    def decode(self, image: Image.Image) -> list[DecodedCode]:
        self.started.release()
        assert self.go.acquire(timeout=10)
        self.decoded.append(image)
        return self._decoder.decode(image)


def test_frames_arriving_while_busy_are_dropped_but_the_latest() -> None:
    decoder = GatedDecoder()
    accepted: queue.Queue[DecodedCode] = queue.Queue()
    ean = code_image("5901234123457", Symbology.EAN13, 3)
    frames = [frame_with(ean, seed) for seed in range(5)]
    with CameraCodeReader(decoder, accepted.put) as reader:
        reader.submit(frames[0])
        assert decoder.started.acquire(timeout=10)  # the worker is busy with frame 0
        for frame in frames[1:]:
            reader.submit(frame)  # never blocks
        decoder.go.release()
        assert decoder.started.acquire(timeout=10)  # then it takes the latest only
        decoder.go.release()
        assert reader.wait_idle()
    assert decoder.decoded == [frames[0], frames[4]]
    assert reader.counters.dropped == 3
    assert accepted.get_nowait() == DecodedCode("5901234123457", Symbology.EAN13)


class BrokenDecoder:
    engine = ZxingDecoder.engine

    def __init__(self) -> None:
        self.calls = 0

    def decode(self, image: Image.Image) -> list[DecodedCode]:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("a corrupt frame")
        return [A]


def test_a_failing_decoder_or_callback_does_not_stop_the_reader(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[DecodedCode] = []

    def on_code(code: DecodedCode) -> None:
        seen.append(code)
        raise RuntimeError("the till choked")

    frame = Image.new("L", (64, 64))
    with CameraCodeReader(BrokenDecoder(), on_code) as reader:
        for _ in range(3):
            reader.submit(frame)
            assert reader.wait_idle()
        with pytest.raises(RuntimeError, match="already running"):
            reader.start()
    assert seen == [A]
    messages = [record.message for record in caplog.records]
    assert any("decoding a camera frame failed" in message for message in messages)
    assert any("callback failed" in message for message in messages)
    reader.stop()
