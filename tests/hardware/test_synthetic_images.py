"""The degraded pictures used to measure the decoders are the same on every run."""

from __future__ import annotations

from PIL import Image, ImageStat

from hardware.synthetic_images import (
    DEGRADATIONS,
    SYNTHETIC_CODES,
    degraded_set,
    jpeg,
    low_contrast,
    noisy,
    scaled,
)


def test_noise_is_repeatable_and_of_the_asked_strength() -> None:
    grey = Image.new("L", (320, 240), 128)
    first = noisy(25, seed=3)(grey)
    assert first.tobytes() == noisy(25, seed=3)(grey).tobytes()
    assert first.tobytes() != noisy(25, seed=4)(grey).tobytes()
    (sigma,) = ImageStat.Stat(first).stddev
    assert 22 < sigma < 28


def test_low_contrast_maps_black_and_white() -> None:
    picture = Image.new("L", (2, 1))
    picture.putpixel((1, 0), 255)
    faded = low_contrast(95, 160)(picture)
    assert [faded.getpixel((0, 0)), faded.getpixel((1, 0))] == [95, 160]


def test_scaled_and_jpeg() -> None:
    picture = Image.new("L", (200, 100), 255)
    assert scaled(0.25)(picture).size == (50, 25)
    assert jpeg(15)(picture).mode == "L"


def test_the_degraded_set_crosses_codes_and_treatments() -> None:
    pictures = list(degraded_set())
    assert len(pictures) == len(SYNTHETIC_CODES) * len(DEGRADATIONS)
    again = list(degraded_set())
    assert all(
        a.picture.tobytes() == b.picture.tobytes() for a, b in zip(pictures, again, strict=True)
    )
