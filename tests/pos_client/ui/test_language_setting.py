"""Settings that apply to the running till at once: the language (texts, money, dates and the
services' messages follow without a restart) and the idle lock time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos_client.bootstrap import Till
from pos_client.config import load_settings
from pos_client.ui.main_window import MainWindow
from pos_client.ui.translations import install_translation
from tests.pos_client.ui.conftest import compile_polish, ean
from tests.pos_client.ui.test_main_window import scan, when_dialog_opens
from tests.pos_client.ui.test_till_operations import (
    log_in_cashier_with_a_manager,
    manager_approves,
)


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    folder = tmp_path / "translations"
    folder.mkdir()
    compile_polish(folder)
    return folder


@pytest.fixture
def english_till(qapp: QApplication) -> Iterator[None]:
    """The till starts in English (as `language = "en"` would); English again afterwards."""
    install_translation(qapp, "en")
    yield
    install_translation(qapp, "en")


@pytest.fixture
def window_with_settings(
    qtbot: QtBot, till: Till, tmp_path: Path, translations: Path, english_till: None
) -> MainWindow:
    main = MainWindow(till, tmp_path / "till.toml", translations)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def change_settings(qtbot: QtBot, window: MainWindow, **values: str | int) -> list[str]:
    """Through the menu: a manager approves, the settings screen saves `values` (a choice or a
    whole number each), the confirmation is closed. Returns the approval's refusals."""
    refused: list[str] = []

    def edit(dialog: QWidget) -> None:
        for name, value in values.items():
            combo = dialog.findChild(QComboBox, f"setting_{name}")
            if combo is not None:
                combo.setCurrentIndex(combo.findData(value))
            else:
                spin = dialog.findChild(QSpinBox, f"setting_{name}")
                assert spin is not None
                spin.setValue(int(value))
        qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.accept()

    when_dialog_opens(qtbot, "approvalDialog", manager_approves(qtbot, "new settings", refused))
    when_dialog_opens(qtbot, "settingsDialog", edit)
    when_dialog_opens(qtbot, "settingsSavedBox", close)
    action = window.menu_button.menu().findChild(QAction, "settingsAction")
    assert action is not None
    action.trigger()
    return refused


def test_switching_to_polish_and_back_without_a_restart(
    qtbot: QtBot, window_with_settings: MainWindow, till: Till, tmp_path: Path
) -> None:
    window = window_with_settings
    log_in_cashier_with_a_manager(till)
    scan(qtbot, window, ean("P001"))
    assert window.pay_button.text() == "Pay (F12)"
    assert window.total_label.text() == "Total: PLN\u00a03.49"

    assert change_settings(qtbot, window, language="pl") == []
    qtbot.waitUntil(lambda: window.pay_button.text() == "Zapłać (F12)", timeout=3000)

    assert load_settings(tmp_path / "till.toml", environ={}).language == "pl"
    assert window.total_label.text() == "Suma: 3,49\u00a0zł"
    assert window.cart_model.index(0, 4).data() == "3,49\u00a0zł"
    assert window.cart_model.headerData(1, Qt.Orientation.Horizontal) == "Ilość"
    assert window.shortcut_bar.text().startswith("F2 Szukaj")
    menu = window.menu_button.menu()
    open_shift = menu.findChild(QAction, "openShiftAction")
    assert open_shift is not None
    assert open_shift.text() == "Otwórz zmianę"
    assert "." in window.clock_label.text()  # 23.11.2026 14:05

    scan(qtbot, window, "5901234123457")  # a valid EAN no product has
    assert window.message.text() == (
        "Nieznany kod kreskowy 5901234123457: nie ma go żaden towar. Odłóż towar na bok."
    )

    assert change_settings(qtbot, window, language="en") == []
    qtbot.waitUntil(lambda: window.pay_button.text() == "Pay (F12)", timeout=3000)
    assert window.total_label.text() == "Total: PLN\u00a03.49"
    assert open_shift.text() == "Open shift"


def test_a_service_error_in_the_polish_ui(
    qtbot: QtBot, polish_ui: None, window: MainWindow
) -> None:
    """The till started in Polish: refusals of the services read in Polish."""
    assert window.pay_button.text() == "Zapłać (F12)"

    qtbot.keyClick(window.scan_input, Qt.Key.Key_F7)
    assert window.message.text() == "Nie ma czego zaparkować: paragon jest pusty."
    scan(qtbot, window, "12345")
    assert window.message.text() == "Kod kreskowy towaru ma 8, 12, 13 lub 14 cyfr, a nie 5"


def test_the_idle_lock_time_applies_at_once(
    qtbot: QtBot, window_with_settings: MainWindow, till: Till, tmp_path: Path
) -> None:
    window = window_with_settings
    log_in_cashier_with_a_manager(till)
    window.operations.idle_lock.start()

    assert change_settings(qtbot, window, idle_lock_seconds=45) == []

    assert window.operations.idle_lock.idle_seconds == 45
    assert window.operations.idle_lock.is_running()
    assert load_settings(tmp_path / "till.toml", environ={}).idle_lock_seconds == 45
