"""The Polish translation file is complete, compiles, and is installed by `install_translation`."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from pos_client.ui.translations import TRANSLATIONS_DIR, install_translation

TS_FILE = TRANSLATIONS_DIR / "pos_till_pl.ts"
UI_DIR = Path(__file__).resolve().parents[3] / "pos_client" / "ui"
BIN_DIR = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"%\d+")

Message = tuple[str, str]
"""(context, source)"""


def _messages(ts_file: Path) -> Iterator[tuple[str, ET.Element]]:
    root = ET.parse(ts_file).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    if forms:
        return [form.text or "" for form in forms]
    return [translation.text or ""]


def _compile(tmp_path: Path) -> Path:
    qm_file = tmp_path / "pos_till_pl.qm"
    result = subprocess.run(
        [str(BIN_DIR / "pyside6-lrelease"), str(TS_FILE), "-qm", str(qm_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "warning" not in (result.stdout + result.stderr).lower()
    assert qm_file.is_file()
    return qm_file


@pytest.fixture
def restore_default_locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_every_message_is_translated() -> None:
    messages = list(_messages(TS_FILE))
    assert messages
    assert 'type="unfinished"' not in TS_FILE.read_text(encoding="utf-8")
    for context, message in messages:
        source = message.findtext("source") or ""
        assert context, f"message {source!r} has no context"
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, (context, source)
        for text in _translations(message):
            assert text.strip(), f"{context}: {source!r} is not translated"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(set(PLACEHOLDER.findall(source))), (
                f"{context}: {source!r} -> {text!r} changes the placeholders"
            )


def test_keyboard_hints_are_kept() -> None:
    hint = re.compile(r"\((?:F\d+|Enter|Esc)\)")
    for context, message in _messages(TS_FILE):
        source = message.findtext("source") or ""
        for text in _translations(message):
            assert hint.findall(text) == hint.findall(source), (context, source, text)


def test_ts_file_matches_the_sources(tmp_path: Path) -> None:
    """`scripts/update_translations.sh` would change nothing: no missing or stale strings."""
    ts_copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, ts_copy)
    subprocess.run(
        [
            str(BIN_DIR / "pyside6-lupdate"),
            "-no-obsolete",
            "-silent",
            *sorted(str(path) for path in UI_DIR.glob("*.py")),
            "-ts",
            str(ts_copy),
        ],
        check=True,
    )

    def keys(path: Path) -> set[Message]:
        return {(c, m.findtext("source") or "") for c, m in _messages(path)}

    assert keys(ts_copy) == keys(TS_FILE)
    assert 'type="unfinished"' not in ts_copy.read_text(encoding="utf-8")


def test_compiled_translation_translates(qapp: QApplication, tmp_path: Path) -> None:
    qm_file = _compile(tmp_path)
    translator = QTranslator()
    assert translator.load(str(qm_file))
    assert QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Zapłać (F12)"
        assert QCoreApplication.translate("PaymentDialog", "Change: %1") == "Reszta: %1"
        assert QCoreApplication.translate("AuditTableModel", "X report") == "Raport X"
        assert QCoreApplication.translate("ParkedSalesDialog", "%n line(s)", None, 5) == (
            "5 pozycji"
        )
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Pay (F12)"


def test_install_polish(qapp: QApplication, tmp_path: Path, restore_default_locale: None) -> None:
    _compile(tmp_path)
    translator = install_translation(qapp, "pl", tmp_path)
    assert translator is not None
    try:
        assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Zapłać (F12)"
        assert QLocale().language() is QLocale.Language.Polish
        assert QLocale().territory() is QLocale.Country.Poland
    finally:
        for installed in qapp.findChildren(QTranslator):  # ours and Qt's qtbase_pl
            QCoreApplication.removeTranslator(installed)
            installed.setParent(None)
    assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Pay (F12)"


def test_install_english_is_nothing(qapp: QApplication) -> None:
    assert install_translation(qapp, "en") is None
    assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Pay (F12)"


def test_missing_qm_falls_back_to_english(
    qapp: QApplication,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    restore_default_locale: None,
) -> None:
    with caplog.at_level(logging.WARNING, logger="pos_client.ui.translations"):
        assert install_translation(qapp, "pl", tmp_path) is None
    assert "pos_till_pl.qm" in caplog.text
    assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Pay (F12)"
