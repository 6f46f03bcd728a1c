"""Quick-key pictures: a rounded tile coloured per category, a drawn shape and the short name."""

from __future__ import annotations

import colorsys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from PIL import Image, ImageDraw, ImageFont

SIZE = 160
FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)
LABEL_SIZES = (24, 22, 20, 18, 16, 14, 12)
"""Font sizes tried, largest first, until the label fits the tile."""

Font: TypeAlias = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True, slots=True)
class QuickKeyProduct:
    image: str
    """Path of the picture relative to the images folder, e.g. "quick/0007.png"."""
    label: str
    category: str


def _font(size: int) -> Font:
    for path in FONT_FILES:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _label_font(draw: ImageDraw.ImageDraw, label: str) -> Font:
    for size in LABEL_SIZES[:-1]:
        font = _font(size)
        if draw.textlength(label, font=font) <= SIZE - 16:
            return font
    return _font(LABEL_SIZES[-1])


def _rgb(hue: float, saturation: float, value: float) -> tuple[int, int, int]:
    red, green, blue = colorsys.hsv_to_rgb(hue, saturation, value)
    return round(red * 255), round(green * 255), round(blue * 255)


def _draw_shape(draw: ImageDraw.ImageDraw, kind: int, fill: tuple[int, int, int]) -> None:
    box = (44, 18, 116, 90)
    if kind == 0:
        draw.ellipse(box, fill=fill)
    elif kind == 1:
        draw.polygon([(80, 18), (116, 90), (44, 90)], fill=fill)
    elif kind == 2:
        draw.rounded_rectangle((60, 18, 100, 90), radius=12, fill=fill)
    else:
        draw.ellipse((36, 34, 124, 86), fill=fill)


def render_tile(product: QuickKeyProduct) -> Image.Image:
    """The 160x160 picture of one quick key."""
    checksum = zlib.crc32(product.category.encode())
    hue = checksum % 360 / 360
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=24, fill=_rgb(hue, 0.55, 0.8))
    _draw_shape(draw, checksum // 360 % 4, _rgb(hue, 0.2, 1.0))
    draw.text(
        (SIZE / 2, 124),
        product.label,
        font=_label_font(draw, product.label),
        anchor="mm",
        fill=(255, 255, 255),
        stroke_width=2,
        stroke_fill=_rgb(hue, 0.7, 0.35),
    )
    return image


def render_quick_key_images(products: list[QuickKeyProduct], images_dir: Path) -> list[Path]:
    """Write one PNG per product under `images_dir`; the same products give the same bytes."""
    written = []
    for product in products:
        path = images_dir / product.image
        path.parent.mkdir(parents=True, exist_ok=True)
        render_tile(product).save(path, format="PNG")
        written.append(path)
    return written
