"""Measure the hardware layer: decoders' read rates and speed, receipt rendering speed.

    .venv/bin/python bench/bench_hardware.py                 # everything, about a minute
    .venv/bin/python bench/bench_hardware.py --frames 20     # fewer camera frames per decoder

1. Read rates of each decoder (zxing-cpp, zbar, zxing-cpp then zbar), one pass and thorough
   (retries on a turned, enlarged or sharpened picture), on the sample images
   (tests/hardware/samples, 63 pictures) and on the synthetic degraded set
   (hardware/synthetic_images.py: 9 kinds of code x 17 degradations = 153 pictures). A read
   counts when the expected text is among the codes found; a "wrong" read found codes but not
   the expected one.
2. Decode time per 1280x720 camera frame per decoder, formats restricted to what a till reads
   (EAN/UPC, Code 128, QR, DataMatrix) and not; on frames with a code and on empty frames
   (most frames a camera delivers show no code).
3. Receipt document -> ESC/POS bytes, and -> preview picture, for a 30-line sale with its
   Code 128 receipt number and a web-shop coupon QR code.

Prints tables and writes every figure to bench/results/bench_hardware.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image

from hardware.decoding import (
    BarcodeDecoder,
    Engine,
    ZbarDecoder,
    ZxingDecoder,
    make_camera_decoder,
    make_decoder,
    normalise_product_code,
)
from hardware.escpos_render import EscposSettings, PaperWidth, render_escpos
from hardware.image_render import PreviewSettings, render_preview
from hardware.symbology import RETAIL, TILL_FORMATS, Symbology
from hardware.synthetic_images import (
    SYNTHETIC_CODES,
    camera_frame,
    degraded_set,
    on_white,
)
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Quantity
from pos_client.domain.receipt_text import StoreHeader
from pos_client.domain.sale import PaymentRecord, SaleLineRecord, SaleRecord
from pos_client.domain.vat import VatClass
from pos_client.services.receipt_printing import (
    ReceiptBranding,
    WebShopCoupon,
    sale_receipt,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SAMPLES = ROOT / "tests" / "hardware" / "samples"
SAMPLE_SYMBOLOGY = {
    "ean13": Symbology.EAN13,
    "ean8": Symbology.EAN8,
    "upca": Symbology.UPCA,
    "code128": Symbology.CODE128,
    "qr": Symbology.QR,
}

Case = tuple[str, Image.Image, str]
"""(name, picture, expected text)."""


def _samples() -> list[Case]:
    entries = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
    cases = []
    for entry in entries:
        symbology = SAMPLE_SYMBOLOGY[entry["symbology"]]
        text = entry["text"]
        if symbology in RETAIL:
            text = normalise_product_code(symbology, text)
        with Image.open(SAMPLES / entry["file"]) as picture:
            picture.load()
            cases.append((entry["treatment"], picture.copy(), text))
    return cases


def _synthetic() -> list[Case]:
    return [(s.treatment, s.picture, s.code.expected) for s in degraded_set()]


def _read_rates(name: str, cases: Sequence[Case]) -> list[dict[str, Any]]:
    rows = []
    for engine in Engine:
        for thorough in (False, True):
            decoder = make_decoder(engine, thorough=thorough)
            read = wrong = 0
            missed: dict[str, int] = {}
            started = time.perf_counter()
            for treatment, picture, expected in cases:
                texts = [code.text for code in decoder.decode(picture)]
                if expected in texts:
                    read += 1
                    continue
                missed[treatment] = missed.get(treatment, 0) + 1
                if texts:
                    wrong += 1
            elapsed = time.perf_counter() - started
            rows.append(
                {
                    "set": name,
                    "engine": engine.value,
                    "thorough": thorough,
                    "read": read,
                    "total": len(cases),
                    "wrong": wrong,
                    "ms_per_picture": 1000 * elapsed / len(cases),
                    "missed_by_treatment": dict(sorted(missed.items())),
                }
            )
    return rows


def _frames(count: int) -> tuple[list[Image.Image], list[str]]:
    """Frames with a code (each synthetic code, clean, at a few places) and empty frames."""
    frames: list[Image.Image] = []
    expected: list[str] = []
    seed = 0
    while len(frames) < count:
        for code in SYNTHETIC_CODES:
            frames.append(camera_frame(on_white(code.picture()), seed=seed))
            expected.append(code.expected)
            seed += 1
    frames, expected = frames[:count], expected[:count]
    empty = [camera_frame(Image.new("L", (8, 8), 120), seed=1000 + n) for n in range(count)]
    return frames + empty, expected + [""] * count


def _frame_decoders() -> list[tuple[str, BarcodeDecoder]]:
    return [
        ("zxing-cpp, all formats", ZxingDecoder()),
        ("zxing-cpp, till formats", ZxingDecoder(TILL_FORMATS)),
        ("zxing-cpp, till formats, camera", make_camera_decoder(Engine.ZXING)),
        (
            "zxing-cpp, till formats, no rotate",
            ZxingDecoder(TILL_FORMATS, rotate=False, downscale=False, invert=False),
        ),
        ("zbar, all formats", ZbarDecoder()),
        ("zbar, till formats", ZbarDecoder(TILL_FORMATS)),
    ]


def _percentile(values: Sequence[float], percent: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))
    return ordered[index]


def _frame_times(count: int) -> list[dict[str, Any]]:
    frames, expected = _frames(count)
    rows = []
    for name, decoder in _frame_decoders():
        decoder.decode(frames[0])  # warm up
        with_code: list[float] = []
        empty: list[float] = []
        read = 0
        for frame, text in zip(frames, expected, strict=True):
            started = time.perf_counter()
            codes = decoder.decode(frame)
            elapsed = 1000 * (time.perf_counter() - started)
            if text:
                with_code.append(elapsed)
                read += text in [code.text for code in codes]
            else:
                empty.append(elapsed)
        rows.append(
            {
                "decoder": name,
                "frames_with_code": len(with_code),
                "read": read,
                "ms_with_code_p50": statistics.median(with_code),
                "ms_with_code_p95": _percentile(with_code, 95),
                "ms_empty_p50": statistics.median(empty),
                "ms_empty_p95": _percentile(empty, 95),
            }
        )
    return rows


def _sample_sale(lines: int) -> SaleRecord:
    names = ["Żółw czekoladowy 40 g", "Pomidory malinowe luz", "Chleb żytni razowy 500 g"]
    records = []
    total = 0
    for index in range(lines):
        price = 199 + 37 * index
        total += price
        records.append(
            SaleLineRecord(
                line_id=uuid.uuid4(),
                product_id=index,
                sku=f"SKU-{index}",
                name=names[index % len(names)],
                barcode=None,
                vat_class=(VatClass.A, VatClass.B, VatClass.C)[index % 3],
                quantity=Quantity.pieces(1),
                unit_price=Money(price),
                line_discount=Money(0),
                basket_discount=Money(0),
                total=Money(price),
            )
        )
    tendered = (total // 10_000 + 1) * 10_000
    return SaleRecord(
        sale_id=uuid.uuid4(),
        store_code="WAW01",
        till_id="01",
        created_at=datetime(2025, 3, 14, 9, 26, tzinfo=UTC),
        lines=tuple(records),
        payments=(PaymentRecord(uuid.uuid4(), Tender.CASH, Money(total), Money(tendered)),),
        subtotal=Money(total),
        discount=Money(0),
        total=Money(total),
        change=Money(tendered - total),
        sequence=123,
    )


def _bound(function: Callable[[Any, Any], object], *args: Any) -> Callable[[], object]:
    return lambda: function(*args)


def _timed(action: Callable[[], object], runs: int) -> dict[str, float]:
    action()  # warm up (fonts, profiles, caches)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(1000 * (time.perf_counter() - started))
    return {"ms_p50": statistics.median(times), "ms_p95": _percentile(times, 95)}


def _rendering(runs: int) -> list[dict[str, Any]]:
    branding = ReceiptBranding(StoreHeader("Sklep Żabka Łódź", "ul. Źródlana 5", "725-000-00-00"))
    coupon = WebShopCoupon(
        "10DD3YRST4CHN5KN0T7", "-10% w sklepie internetowym", "https://sklep.example/k/10DD3"
    )
    document = sale_receipt(_sample_sale(30), branding, coupon=coupon)
    rows = []
    for label, settings in (
        ("80 mm, Code 128 by the printer, QR as raster", EscposSettings()),
        ("80 mm, QR and Code 128 by the printer", EscposSettings(native_qr=True)),
        ("58 mm, both as raster (POS-5890)", EscposSettings(profile="POS-5890")),
    ):
        size = len(render_escpos(document, settings))
        timing = _timed(_bound(render_escpos, document, settings), runs)
        rows.append({"what": f"document -> ESC/POS, {label}", "bytes": size, **timing})
    for paper in PaperWidth:
        preview = PreviewSettings.like_printer(EscposSettings(paper=paper))
        picture = render_preview(document, preview)
        timing = _timed(_bound(render_preview, document, preview), runs)
        rows.append(
            {
                "what": f"document -> preview picture, {paper.value} mm",
                "pixels": f"{picture.width}x{picture.height}",
                **timing,
            }
        )
    return rows


def _print_tables(report: dict[str, Any]) -> None:
    print("\nRead rates (read / total, wrong reads, ms per picture)")
    print(f"{'set':10} {'decoder':22} {'mode':9} {'read':>9} {'wrong':>5} {'ms':>7}")
    for row in report["read_rates"]:
        mode = "thorough" if row["thorough"] else "one pass"
        rate = f"{row['read']}/{row['total']}"
        print(
            f"{row['set']:10} {row['engine']:22} {mode:9} {rate:>9} {row['wrong']:>5} "
            f"{row['ms_per_picture']:7.1f}"
        )
    print("\nDecode time per 1280x720 frame (ms)")
    print(f"{'decoder':36} {'read':>7} {'code p50':>9} {'p95':>7} {'empty p50':>10} {'p95':>7}")
    for row in report["frames"]:
        rate = f"{row['read']}/{row['frames_with_code']}"
        print(
            f"{row['decoder']:36} {rate:>7} {row['ms_with_code_p50']:9.1f} "
            f"{row['ms_with_code_p95']:7.1f} {row['ms_empty_p50']:10.1f} {row['ms_empty_p95']:7.1f}"
        )
    print("\nReceipt rendering (30-line sale with Code 128 and a coupon QR)")
    for row in report["rendering"]:
        extra = f"{row['bytes']} bytes" if "bytes" in row else row["pixels"]
        print(f"{row['what']:62} p50 {row['ms_p50']:6.1f} ms  p95 {row['ms_p95']:6.1f} ms  {extra}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=45, help="frames with a code per decoder")
    parser.add_argument("--runs", type=int, default=30, help="runs of each rendering")
    parser.add_argument("--json", type=Path, default=RESULTS / "bench_hardware.json")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    report["read_rates"] = _read_rates("samples", _samples()) + _read_rates(
        "synthetic", _synthetic()
    )
    report["frames"] = _frame_times(args.frames)
    report["rendering"] = _rendering(args.runs)
    _print_tables(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
