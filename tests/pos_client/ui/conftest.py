"""A real till (SQLite file, services, main window) over a small catalogue, for GUI tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from hardware.barcodes import with_check_digit
from pos_client.bootstrap import Till, build_till
from pos_client.config import Settings
from pos_client.domain.cash import CashCount
from pos_client.domain.text import fold
from pos_client.store.models import Barcode, Category, Price, Product, Store
from pos_client.ui.main_window import MainWindow
from pos_client.ui.translations import TRANSLATIONS_DIR, install_translation

TS_FILE = TRANSLATIONS_DIR / "pos_till_pl.ts"

# (sku, name, EAN body or None, price in grosze, VAT class, unit, quick key)
CATALOGUE = (
    ("P001", "Żółw czekoladowy 40 g", "590123400001", 349, "A", "piece", 0),
    ("P002", "Mleko łaciate 3,2% 1 l", "590123400002", 429, "C", "piece", 1),
    ("P003", "Chleb żytni na zakwasie 500 g", "590123400003", 899, "C", "piece", None),
    ("P004", "Pomidory malinowe", "590123400004", 1299, "C", "kg", 2),
    ("P005", "Płyn do naczyń Ludwik 450 ml", "590123400005", 749, "A", "piece", None),
)
OPENING_FLOAT = CashCount({10000: 2, 5000: 3, 2000: 4, 1000: 5})
"""The float counted in notes when the `till` fixture opens its shift: 480 zł."""


@pytest.fixture(autouse=True)
def polish_locale() -> Iterator[None]:
    """Money and dates as the till shows them by default (its default language is Polish).
    No translator is installed, so widget texts are the English sources the tests read; a test
    that needs the Polish texts or English formats installs them itself."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
    yield
    QLocale.setDefault(before)


def compile_polish(folder: Path) -> Path:
    """Compile the committed .ts into `folder` (so no stale .qm is tested); lrelease must not
    warn."""
    qm_file = folder / "pos_till_pl.qm"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pyside6-lrelease"), str(TS_FILE), "-qm", str(qm_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "warning" not in (result.stdout + result.stderr).lower()
    assert qm_file.is_file()
    return qm_file


@pytest.fixture
def polish_ui(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The till's screens in Polish, installed as the language setting does; English again
    afterwards."""
    folder = tmp_path / "translations"
    folder.mkdir()
    compile_polish(folder)
    assert install_translation(qapp, "pl", folder) is not None
    yield
    install_translation(qapp, "en")


def pillow_of(image: QImage) -> Image.Image:
    """A grey QImage shown on the screen, back as a Pillow picture (rows without padding)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())
    padded = Image.frombytes("L", (grey.bytesPerLine(), grey.height()), data)
    return padded.crop((0, 0, grey.width(), grey.height()))


def make_catalogue(settings: Settings) -> None:
    till = build_till(settings)
    with Session(till.engine) as session, session.begin():
        session.add(
            Store(
                code=settings.store_code,
                name="Sklep Warszawa Mokotów",
                address="ul. Puławska 100, 02-620 Warszawa",
                tax_id="5260250995",
                opening_hours="pn-sob 7-22",
            )
        )
        session.add(Category(id=1, name="Spożywcze"))
        for index, (sku, name, ean, price, vat, unit, quick) in enumerate(CATALOGUE, start=1):
            session.add(
                Product(
                    id=index,
                    sku=sku,
                    name=name,
                    search_text=fold(f"{name} {sku}"),
                    category_id=1,
                    vat_class=vat,
                    unit=unit,
                    image=None,
                    quick_key=quick,
                    active=True,
                )
            )
            session.add(Barcode(code=with_check_digit(ean), product_id=index))
            session.add(
                Price(product_id=index, gross=price, valid_from=date(2026, 1, 1), valid_to=None)
            )
        session.add(Barcode(code=with_check_digit("210000400000"), product_id=4))
    till.engine.dispose()


def ean(sku: str) -> str:
    body = next(row[2] for row in CATALOGUE if row[0] == sku)
    assert body is not None
    return with_check_digit(body)


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Till]:
    settings = Settings(data_dir=tmp_path / "data")
    make_catalogue(settings)
    built = build_till(settings)
    built.shifts.open_shift(OPENING_FLOAT)
    yield built
    built.printing.close()
    built.engine.dispose()


TillMaker = Callable[..., Till]
"""make_till(**settings) -> a till on the test's data folder (made with the catalogue and an open
shift the first time; the same database again on later calls, like a restart)."""


@pytest.fixture
def make_till(tmp_path: Path) -> Iterator[TillMaker]:
    built: list[Till] = []

    def make(**changes: Any) -> Till:
        settings = Settings(data_dir=tmp_path / "data", **changes)
        fresh = not settings.database_path.exists()
        if fresh:
            make_catalogue(settings)
        till = build_till(settings)
        if fresh:
            till.shifts.open_shift(OPENING_FLOAT)
        built.append(till)
        return till

    yield make
    for till in built:
        till.printing.close()
        till.engine.dispose()


@pytest.fixture
def window(qtbot: QtBot, till: Till) -> MainWindow:
    main = MainWindow(till)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main
