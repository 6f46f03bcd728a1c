"""Codes from a camera: frames decoded on a worker thread, a code accepted once two consecutive
frames agree on it.

The camera itself (Qt Multimedia's QVideoSink in the till) hands each frame as a Pillow image
to `CameraCodeReader.submit()`, which never blocks: while the worker decodes one frame, newer
frames replace each other and only the latest is decoded next. `FrameAgreement` is the pure
rule that turns the codes of each decoded frame into accepted reads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PIL import Image

from hardware.decoding import BarcodeDecoder, DecodedCode
from hardware.symbology import Symbology

log = logging.getLogger(__name__)

_Key = tuple[Symbology, str]


class FrameAgreement:
    """A code counts when `required` consecutive frames show it; it is not counted again
    while it stays in view, only after it has been missing from `rearm_after` frames in a row
    (the cashier took the item away and shows it again)."""

    def __init__(self, required: int = 2, rearm_after: int = 3) -> None:
        if required < 1 or rearm_after < 1:
            raise ValueError("required and rearm_after are at least one frame")
        self.required = required
        self.rearm_after = rearm_after
        self._streak: dict[_Key, int] = {}
        self._latched: dict[_Key, int] = {}

    def feed(self, codes: Iterable[DecodedCode]) -> list[DecodedCode]:
        """The codes decoded from the next frame; returns those accepted with this frame."""
        seen = {(code.symbology, code.text): code for code in codes}
        streak = {key: self._streak.get(key, 0) + 1 for key in seen}
        accepted = []
        for key, code in seen.items():
            if streak[key] >= self.required and key not in self._latched:
                accepted.append(code)
                self._latched[key] = 0
        for key in list(self._latched):
            if key in seen:
                self._latched[key] = 0
                continue
            self._latched[key] += 1
            if self._latched[key] >= self.rearm_after:
                del self._latched[key]
        self._streak = streak
        return accepted

    def reset(self) -> None:
        self._streak.clear()
        self._latched.clear()


@dataclass(frozen=True, slots=True)
class CameraCounters:
    submitted: int
    decoded: int
    dropped: int
    """Frames replaced by a newer one before the worker got to them."""


class CameraCodeReader:
    """Decodes the latest submitted frame on its own thread; `on_code` runs on that thread
    for each accepted code (a Qt caller forwards it to the UI thread with a signal)."""

    def __init__(
        self,
        decoder: BarcodeDecoder,
        on_code: Callable[[DecodedCode], None],
        agreement: FrameAgreement | None = None,
    ) -> None:
        self._decoder = decoder
        self._on_code = on_code
        self.agreement = agreement or FrameAgreement()
        self._condition = threading.Condition()
        self._latest: Image.Image | None = None
        self._stopping = False
        self._busy = False
        self._thread: threading.Thread | None = None
        self._submitted = 0
        self._decoded = 0
        self._dropped = 0

    @property
    def counters(self) -> CameraCounters:
        with self._condition:
            return CameraCounters(self._submitted, self._decoded, self._dropped)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the camera reader is already running")
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="camera-decoder", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        thread = self._thread
        if thread is None:
            return
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        thread.join(timeout)
        self._thread = None

    def __enter__(self) -> CameraCodeReader:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def submit(self, frame: Image.Image) -> None:
        """Hand over a frame (never blocks; an undecoded older frame is dropped)."""
        with self._condition:
            self._submitted += 1
            if self._latest is not None:
                self._dropped += 1
            self._latest = frame
            self._condition.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted frame was decoded or dropped (for tests and shutdown)."""
        with self._condition:
            return self._condition.wait_for(
                lambda: self._latest is None and not self._busy, timeout
            )

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._latest is not None or self._stopping)
                if self._stopping:
                    return
                frame = self._latest
                self._latest = None
                self._busy = True
            assert frame is not None
            try:
                self._handle(frame)
            finally:
                with self._condition:
                    self._busy = False
                    self._decoded += 1
                    self._condition.notify_all()

    def _handle(self, frame: Image.Image) -> None:
        try:
            codes = self._decoder.decode(frame)
        except Exception:
            log.exception("decoding a camera frame failed")
            codes = []
        for code in self.agreement.feed(codes):
            try:
                self._on_code(code)
            except Exception:
                log.exception("the camera code callback failed on %r", code.text)
