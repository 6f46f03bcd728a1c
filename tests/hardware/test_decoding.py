"""Decoding pictures with zxing-cpp and zbar: the sample images (samples/expected.json, copied
from the product's shared samples), synthetic degraded codes, Polish QR text, GS1 data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from hardware.barcodes import BarcodeError
from hardware.code_images import code_image, qr_image
from hardware.decoding import (
    DEFAULT_ENGINE,
    DecodedCode,
    Engine,
    FirstThatReads,
    ThoroughDecoder,
    ZbarDecoder,
    ZxingDecoder,
    decode_file,
    make_camera_decoder,
    make_decoder,
    normalise_product_code,
)
from hardware.gs1 import parse_gs1
from hardware.symbology import RETAIL, Symbology
from hardware.synthetic_images import (
    SYNTHETIC_CODES,
    camera_frame,
    degraded_set,
    on_white,
    rotated,
)

SAMPLES = Path(__file__).with_name("samples")
SAMPLE_SYMBOLOGY = {
    "ean13": Symbology.EAN13,
    "ean8": Symbology.EAN8,
    "upca": Symbology.UPCA,
    "code128": Symbology.CODE128,
    "qr": Symbology.QR,
}


def _samples() -> list[tuple[str, Symbology, str]]:
    entries = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
    rows = []
    for entry in entries:
        symbology = SAMPLE_SYMBOLOGY[entry["symbology"]]
        text = entry["text"]
        if symbology in RETAIL:
            text = normalise_product_code(symbology, text)
        rows.append((entry["file"], symbology, text))
    return rows


SAMPLE_ROWS = _samples()


def test_the_samples_are_all_listed() -> None:
    assert {row[0] for row in SAMPLE_ROWS} == {path.name for path in SAMPLES.glob("*.png")}
    assert len(SAMPLE_ROWS) == 63


@pytest.mark.parametrize(("file", "symbology", "text"), SAMPLE_ROWS)
def test_every_sample_with_the_default_decoder(file: str, symbology: Symbology, text: str) -> None:
    codes = decode_file(SAMPLES / file)
    assert [(code.symbology, code.text) for code in codes] == [(symbology, text)]
    assert codes[0].engine is DEFAULT_ENGINE


@pytest.mark.parametrize("engine", list(Engine))
def test_polish_qr_samples_come_back_exactly_from_every_engine(engine: Engine) -> None:
    decoder = make_decoder(engine)
    for file, _, text in SAMPLE_ROWS:
        if file.startswith("08_qr"):
            assert [code.text for code in decoder.decode(Image.open(SAMPLES / file))] == [text]


def test_zbar_misses_two_code128_samples_and_reads_nothing_wrong() -> None:
    decoder = ZbarDecoder()
    misses = []
    for file, symbology, text in SAMPLE_ROWS:
        codes = decoder.decode(Image.open(SAMPLES / file))
        if codes != [DecodedCode(text, symbology, engine=Engine.ZBAR)]:
            misses.append(file)
    # zbar misses Code 128 turned by 10 degrees and the JPEG-compressed one: nothing wrong read.
    assert misses == ["06_code128_rot10.png", "06_code128_jpeg30.png"]


@pytest.mark.parametrize("text", ["Zażółć gęślą jaźń", "żółw-łódź-ŹDŹBŁO", "Kupon: 10% na buty"])
@pytest.mark.parametrize("engine", [Engine.ZXING, Engine.ZBAR])
def test_polish_qr_text(engine: Engine, text: str) -> None:
    assert make_decoder(engine).decode(on_white(qr_image(text))) == [
        DecodedCode(text, Symbology.QR, engine=engine)
    ]


@pytest.mark.parametrize("engine", [Engine.ZXING, Engine.ZBAR])
def test_gs1_128_keeps_its_separators(engine: Engine) -> None:
    picture = on_white(
        code_image("(01)05901234123457(3103)001250(10)AB12", Symbology.CODE128, 2, gs1=True)
    )
    (code,) = make_decoder(engine).decode(picture)
    assert code == DecodedCode(
        "01059012341234573103001250" + "10AB12", Symbology.CODE128, True, engine
    )
    parsed = parse_gs1(code.scanner_text())
    assert parsed.symbology_id == "]C1"
    assert parsed.net_weight_grams == 1250


def test_gs1_datamatrix_with_zxing() -> None:
    content = "(01)05901234123457(17)261231(10)AB12(21)X1"
    picture = on_white(code_image(content, Symbology.DATAMATRIX, 5, gs1=True))
    (code,) = ZxingDecoder().decode(picture)
    assert code.gs1
    assert code.symbology is Symbology.DATAMATRIX
    assert code.scanner_text().startswith("]d2")
    assert parse_gs1(code.scanner_text()).hri() == content


def test_zbar_reads_no_datamatrix() -> None:
    picture = on_white(code_image("(01)05901234123457", Symbology.DATAMATRIX, 5, gs1=True))
    assert ZbarDecoder().decode(picture) == []
    with pytest.raises(ValueError, match="zbar reads none"):
        ZbarDecoder([Symbology.DATAMATRIX])


@pytest.mark.parametrize("engine", [Engine.ZXING, Engine.ZBAR])
def test_product_codes_come_back_as_gtin13(engine: Engine) -> None:
    decoder = make_decoder(engine)
    for synthetic in SYNTHETIC_CODES:
        if synthetic.symbology in RETAIL:
            codes = decoder.decode(on_white(synthetic.picture()))
            assert [code.text for code in codes] == [synthetic.expected], synthetic.name


def test_non_gs1_codes_have_no_identifier_added() -> None:
    code = DecodedCode("WAW01-01-000123", Symbology.CODE128)
    assert code.scanner_text() == "WAW01-01-000123"
    assert DecodedCode("010590123412345", Symbology.DATAMATRIX, gs1=True).scanner_text() == (
        "]d2010590123412345"
    )


@pytest.mark.parametrize(
    ("symbology", "text", "gtin"),
    [
        (Symbology.EAN13, "5901234123457", "5901234123457"),
        (Symbology.EAN8, "96385074", "0000096385074"),
        (Symbology.UPCA, "036000291452", "0036000291452"),
        (Symbology.UPCA, "0036000291452", "0036000291452"),
        (Symbology.UPCE, "04252614", "0042100005264"),
        (Symbology.UPCE, "0042100005264", "0042100005264"),
    ],
)
def test_normalise_product_code(symbology: Symbology, text: str, gtin: str) -> None:
    assert normalise_product_code(symbology, text) == gtin


@pytest.mark.parametrize(
    ("symbology", "text"),
    [
        (Symbology.EAN13, "5901234123458"),
        (Symbology.EAN8, "9638507x"),
        (Symbology.EAN13, "59012341234570"),
    ],
)
def test_normalise_refuses_misreads(symbology: Symbology, text: str) -> None:
    with pytest.raises(BarcodeError):
        normalise_product_code(symbology, text)


def test_restricting_formats_leaves_other_codes_out() -> None:
    qr = on_white(qr_image("Zażółć gęślą jaźń"))
    ean = on_white(code_image("5901234123457", Symbology.EAN13, 3))
    for engine in (Engine.ZXING, Engine.ZBAR):
        retail_only = make_decoder(engine, RETAIL)
        assert retail_only.decode(qr) == []
        assert [code.text for code in retail_only.decode(ean)] == ["5901234123457"]
    with pytest.raises(ValueError, match="at least one"):
        ZxingDecoder([])


def test_a_code_in_a_camera_frame() -> None:
    frame = camera_frame(on_white(qr_image("https://sklep.example/kupon/ABC", 4)))
    assert frame.size == (1280, 720)
    for decoder in (make_camera_decoder(), ZxingDecoder(), ZbarDecoder()):
        assert [code.text for code in decoder.decode(frame)] == ["https://sklep.example/kupon/ABC"]
    with pytest.raises(ValueError, match="does not fit"):
        camera_frame(Image.new("L", (2000, 100)))


def test_colour_pictures_are_read() -> None:
    picture = on_white(code_image("5901234123457", Symbology.EAN13, 3)).convert("RGB")
    for engine in Engine:
        assert [code.text for code in make_decoder(engine).decode(picture)] == ["5901234123457"]


def test_thorough_reads_what_a_single_pass_misses() -> None:
    """A long Code 128 turned by 30 degrees, a small EAN-13, a blurred UPC-A: the retries on
    a turned, enlarged or sharpened picture find them."""
    cases = {("code128", "rot30"), ("ean13", "small0.4"), ("upca", "blur1.5")}
    pictures = [p for p in degraded_set() if (p.code.name, p.treatment) in cases]
    assert len(pictures) == len(cases)
    single = ZxingDecoder()
    thorough = make_decoder(Engine.ZXING, thorough=True)
    assert isinstance(thorough, ThoroughDecoder)
    for sample in pictures:
        assert single.decode(sample.picture) == []
        assert [code.text for code in thorough.decode(sample.picture)] == [sample.code.expected]
    assert thorough.decode(Image.new("L", (300, 200), 255)) == []


def test_zxing_then_zbar_falls_back() -> None:
    decoder = make_decoder(Engine.ZXING_THEN_ZBAR)
    assert isinstance(decoder, FirstThatReads)
    assert decoder.engine is Engine.ZXING_THEN_ZBAR
    # A blank picture: both are asked and nothing is found.
    assert decoder.decode(Image.new("L", (200, 200), 255)) == []
    # A JPEG-damaged Code 128 that zxing-cpp reads; zbar is not needed.
    assert [
        code.engine for code in decoder.decode(Image.open(SAMPLES / "06_code128_jpeg30.png"))
    ] == [Engine.ZXING]


def test_zxing_reads_more_of_the_degraded_set_than_zbar() -> None:
    """The measurement behind the default (bench/bench_hardware.py prints the details)."""
    pictures = list(degraded_set())
    read = dict.fromkeys(Engine, 0)
    wrong = dict.fromkeys(Engine, 0)
    for engine in Engine:
        decoder = make_decoder(engine)
        for sample in pictures:
            texts = [code.text for code in decoder.decode(sample.picture)]
            if sample.code.expected in texts:
                read[engine] += 1
            elif texts:
                wrong[engine] += 1
    assert read[Engine.ZXING] > read[Engine.ZBAR]
    assert wrong[Engine.ZXING] == 0


@pytest.mark.parametrize("engine", list(Engine))
def test_the_camera_decoder_reads_a_turned_code_in_a_frame(engine: Engine) -> None:
    ean13 = next(code for code in SYNTHETIC_CODES if code.name == "ean13")
    frame = camera_frame(rotated(90)(on_white(ean13.picture())), seed=4)
    decoder = make_camera_decoder(engine)
    assert decoder.engine is engine
    assert [code.text for code in decoder.decode(frame)] == [ean13.expected]
