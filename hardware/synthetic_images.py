"""Degraded pictures of codes, made the same way every time: to measure the decoders
(bench/bench_hardware.py) and to test them on more than the sample images.

A `Degradation` is a named function of a picture; `SYNTHETIC_CODES` are the kinds of code a
till meets; `degraded_set()` crosses them.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter

from hardware.code_images import code_image
from hardware.symbology import Symbology

Picture = Image.Image

_MEAN_OF_THREE_SIGMA = 255 / 12**0.5 / 3**0.5
"""Standard deviation of the mean of three uniform 0..255 noises."""


@dataclass(frozen=True, slots=True)
class SyntheticCode:
    name: str
    symbology: Symbology
    content: str
    """What is encoded (GS1 in the human-readable form when `gs1`)."""
    expected: str
    """What a decoder must return: GTIN-13 for product codes, GS-separated GS1 data."""
    module_px: int = 3
    gs1: bool = False

    def picture(self) -> Picture:
        return code_image(self.content, self.symbology, self.module_px, gs1=self.gs1)


SYNTHETIC_CODES: tuple[SyntheticCode, ...] = (
    SyntheticCode("ean13", Symbology.EAN13, "5901234123457", "5901234123457"),
    SyntheticCode("ean8", Symbology.EAN8, "96385074", "0000096385074"),
    SyntheticCode("upca", Symbology.UPCA, "036000291452", "0036000291452"),
    SyntheticCode("upce", Symbology.UPCE, "04252614", "0042100005264"),
    SyntheticCode("code128", Symbology.CODE128, "WAW01-01-000123", "WAW01-01-000123", 2),
    SyntheticCode(
        "qr-url",
        Symbology.QR,
        "https://sklep.example/kupon/10DD3YRST4CHN5KN0T78F603",
        "https://sklep.example/kupon/10DD3YRST4CHN5KN0T78F603",
        4,
    ),
    SyntheticCode("qr-polish", Symbology.QR, "Zażółć gęślą jaźń", "Zażółć gęślą jaźń", 4),
    SyntheticCode(
        "gs1-128",
        Symbology.CODE128,
        "(01)05901234123457(3103)001250(10)AB12",
        "01059012341234573103001250" + "10AB12",
        2,
        gs1=True,
    ),
    SyntheticCode(
        "gs1-datamatrix",
        Symbology.DATAMATRIX,
        "(01)05901234123457(17)261231(10)AB12(21)X1",
        "010590123412345717261231" + "10AB12\x1d21X1",
        5,
        gs1=True,
    ),
)


def on_white(picture: Picture, margin: int = 24) -> Picture:
    """The picture on a white margin (a code printed on paper)."""
    framed = Image.new("L", (picture.width + 2 * margin, picture.height + 2 * margin), 255)
    framed.paste(picture, (margin, margin))
    return framed


def rotated(degrees: float) -> Callable[[Picture], Picture]:
    def rotate(picture: Picture) -> Picture:
        return picture.rotate(
            degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
        )

    return rotate


def blurred(radius: float) -> Callable[[Picture], Picture]:
    def blur(picture: Picture) -> Picture:
        return picture.filter(ImageFilter.GaussianBlur(radius))

    return blur


def low_contrast(dark: int, light: int) -> Callable[[Picture], Picture]:
    """Black becomes `dark`, white `light` (a faded print, a dim phone screen)."""

    def fade(picture: Picture) -> Picture:
        return picture.point(lambda value: dark + (light - dark) * value // 255)

    return fade


def noisy(sigma: float, seed: int = 7) -> Callable[[Picture], Picture]:
    """Sensor noise of about `sigma` grey levels: the mean of three uniform noises, scaled
    (close to Gaussian), drawn from a seeded generator so the same seed gives the same noise."""

    def add_noise(picture: Picture) -> Picture:
        rng = random.Random(seed)
        count = picture.width * picture.height
        layers = [Image.frombytes("L", picture.size, rng.randbytes(count)) for _ in range(3)]
        mean = Image.blend(layers[0], layers[1], 0.5)
        mean = Image.blend(mean, layers[2], 1 / 3)
        gain = sigma / _MEAN_OF_THREE_SIGMA
        noise = mean.point(lambda value: max(0, min(255, round(128 + (value - 128) * gain))))
        return ImageChops.add(picture.convert("L"), noise, 1.0, -128)

    return add_noise


def scaled(factor: float) -> Callable[[Picture], Picture]:
    def scale(picture: Picture) -> Picture:
        size = (max(1, round(picture.width * factor)), max(1, round(picture.height * factor)))
        return picture.resize(size, Image.Resampling.BILINEAR)

    return scale


def jpeg(quality: int) -> Callable[[Picture], Picture]:
    def compress(picture: Picture) -> Picture:
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality)
        buffer.seek(0)
        with Image.open(buffer) as decoded:
            return decoded.convert("L")

    return compress


def chain(*steps: Callable[[Picture], Picture]) -> Callable[[Picture], Picture]:
    def apply(picture: Picture) -> Picture:
        for step in steps:
            picture = step(picture)
        return picture

    return apply


DEGRADATIONS: dict[str, Callable[[Picture], Picture]] = {
    "clean": chain(),
    "rot5": rotated(5),
    "rot15": rotated(15),
    "rot30": rotated(30),
    "rot45": rotated(45),
    "rot90": rotated(90),
    "rot180": rotated(180),
    "blur1.5": blurred(1.5),
    "blur2.5": blurred(2.5),
    "lowcontrast": low_contrast(95, 160),
    "noise25": noisy(25),
    "noise50": noisy(50),
    "small0.4": scaled(0.4),
    "small0.25": scaled(0.25),
    "jpeg15": jpeg(15),
    "rot15+blur1.5+noise25": chain(rotated(15), blurred(1.5), noisy(25)),
    "small0.5+lowcontrast+jpeg30": chain(scaled(0.5), low_contrast(80, 170), jpeg(30)),
}


@dataclass(frozen=True, slots=True)
class SyntheticPicture:
    code: SyntheticCode
    treatment: str
    picture: Picture


def degraded_set(
    codes: tuple[SyntheticCode, ...] = SYNTHETIC_CODES,
    treatments: dict[str, Callable[[Picture], Picture]] | None = None,
) -> Iterator[SyntheticPicture]:
    """Each code under each degradation, on a white margin."""
    for code in codes:
        clean = on_white(code.picture())
        for name, treatment in (treatments or DEGRADATIONS).items():
            yield SyntheticPicture(code, name, treatment(clean))


def camera_frame(picture: Picture, size: tuple[int, int] = (1280, 720), seed: int = 11) -> Picture:
    """The picture somewhere in a grey, noisy camera frame (a phone held up to the till)."""
    rng = random.Random(seed)
    frame = noisy(12, seed)(Image.new("L", size, 120))
    if picture.width > size[0] or picture.height > size[1]:
        raise ValueError("the code does not fit in the frame")
    x = rng.randint(0, size[0] - picture.width)
    y = rng.randint(0, size[1] - picture.height)
    frame.paste(picture, (x, y))
    return frame
