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

from pos_client.config import ConfigError, validate_value
from pos_client.domain.messages import QT_TRANSLATE_NOOP
from pos_client.domain.money import Money
from pos_client.domain.payment import PaymentError
from pos_client.domain.people import Permission
from pos_client.services.approvals import ApprovalError, describe
from pos_client.services.checkout import SaleError
from pos_client.ui.translations import error_text, install_translation
from tests.pos_client.ui.conftest import TS_FILE, compile_polish

UPDATE_SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "update_translations.sh"
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


def _keys(path: Path) -> set[Message]:
    return {(c, m.findtext("source") or "") for c, m in _messages(path)}


def test_ts_file_matches_the_sources(tmp_path: Path) -> None:
    """`scripts/update_translations.sh` would change nothing: no missing or stale strings."""
    ts_copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, ts_copy)
    subprocess.run([str(UPDATE_SCRIPT), str(ts_copy)], check=True)

    assert _keys(ts_copy) == _keys(TS_FILE)
    assert 'type="unfinished"' not in ts_copy.read_text(encoding="utf-8")


def test_messages_below_the_ui_are_collected() -> None:
    """The script also reads the QT_TRANSLATE_NOOP marks of the domain, the services, the
    store and the config, so their messages are translated too."""
    keys = _keys(TS_FILE)
    for expected in (
        ("Cart", "a price cannot be negative"),
        ("Payment", "still to pay: %1"),
        ("Checkout", "Nothing was scanned."),
        ("Shifts", "Give a reason for the cash movement."),
        ("Returns", "Give the reason for the return."),
        ("Approvals", "a price override"),
        ("Auth", "Enter your PIN."),
        ("StoreErrors", "The till's database failed: %1. The sale is kept on screen."),
        ("Users", "The login %1 is taken: choose another."),
        ("Config", "Lock after idle seconds"),
    ):
        assert expected in keys


def test_compiled_translation_translates(qapp: QApplication, tmp_path: Path) -> None:
    qm_file = compile_polish(tmp_path)
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
    compile_polish(tmp_path)
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


def test_install_english_is_nothing_to_load(
    qapp: QApplication, restore_default_locale: None
) -> None:
    assert install_translation(qapp, "en") is None
    assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Pay (F12)"
    assert QLocale().language() is QLocale.Language.English


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


def test_a_service_error_is_shown_in_polish_with_polish_money(polish_ui: None) -> None:
    error = SaleError(
        PaymentError(QT_TRANSLATE_NOOP("Payment", "still to pay: %1"), Money(123456)).message
    )

    assert error_text(error) == "Pozostało do zapłaty: 1\u00a0234,56\u00a0zł"
    assert str(error) == "still to pay: 1\u00a0234,56\u00a0zł"  # the log stays English


def test_nested_messages_are_translated_too(polish_ui: None) -> None:
    with pytest.raises(ApprovalError) as raised:
        raise ApprovalError(
            QT_TRANSLATE_NOOP("Approvals", "Give the reason for %1."),
            describe(Permission.PRICE_OVERRIDE),
        )

    assert error_text(raised.value) == "Podaj powód (zmiana ceny)."


def test_config_errors_are_translated(polish_ui: None) -> None:
    with pytest.raises(ConfigError) as raised:
        validate_value("idle_lock_seconds", "5")

    assert error_text(raised.value) == (
        "idle_lock_seconds: oczekiwano: liczbę całkowitą od 30 do 3600, a jest 5"
    )


def test_english_errors_format_money_the_english_way(
    qapp: QApplication, restore_default_locale: None
) -> None:
    install_translation(qapp, "en")
    error = PaymentError(QT_TRANSLATE_NOOP("Payment", "still to pay: %1"), Money(123456))

    assert error_text(error) == "still to pay: PLN\u00a01,234.56"
    assert error_text(RuntimeError("not ours")) == "not ours"


def test_switching_languages_replaces_the_translators(
    qapp: QApplication, tmp_path: Path, restore_default_locale: None
) -> None:
    compile_polish(tmp_path)
    install_translation(qapp, "pl", tmp_path)
    install_translation(qapp, "pl", tmp_path)  # again: still one till translator
    assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Zapłać (F12)"
    assert len(qapp.findChildren(QTranslator, "posTillTranslator")) in (1, 2)  # + qtbase_pl

    assert install_translation(qapp, "en") is None
    assert qapp.findChildren(QTranslator, "posTillTranslator") == []

    assert QCoreApplication.translate("MainWindow", "Pay (F12)") == "Pay (F12)"
    assert QLocale().language() is QLocale.Language.English
