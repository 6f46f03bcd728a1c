"""Barcode and QR pictures drawn by zxing-cpp's writer read back as what was drawn."""

from __future__ import annotations

import pytest

from hardware.code_images import code128_image, code_image, qr_image
from hardware.decoding import ZbarDecoder, ZxingDecoder
from hardware.symbology import Symbology
from hardware.synthetic_images import on_white


def test_code128_has_the_asked_height_and_reads_back() -> None:
    picture = code128_image("WAW01-01-000123", module_px=2, height_px=64)
    assert picture.mode == "L"
    assert picture.height == 64
    for decoder in (ZxingDecoder(), ZbarDecoder()):
        assert [code.text for code in decoder.decode(on_white(picture))] == ["WAW01-01-000123"]


def test_module_size_scales_the_picture() -> None:
    assert qr_image("abc", module_px=8).width == 2 * qr_image("abc", module_px=4).width
    with pytest.raises(ValueError, match="at least one pixel"):
        code_image("abc", Symbology.QR, 0)


def test_quiet_zone_is_optional() -> None:
    with_zone = code_image("5901234123457", Symbology.EAN13, 2)
    without = code_image("5901234123457", Symbology.EAN13, 2, quiet_zone=False)
    assert without.width < with_zone.width


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_qr_error_correction_levels(level: str) -> None:
    text = "Zażółć gęślą jaźń"
    (code,) = ZxingDecoder().decode(on_white(qr_image(text, ec_level=level)))
    assert code.text == text
