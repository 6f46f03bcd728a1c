"""The settings screen: a form generated from the declarations; refusals shown by each field with
nothing written; a good change saved to a file a person can read, which loads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos_client.config import Group, Settings, declarations, load_settings, save_settings
from pos_client.ui.settings_dialog import SettingsDialog


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "till.toml"


def open_dialog(qtbot: QtBot, settings: Settings, path: Path) -> SettingsDialog:
    dialog = SettingsDialog(settings, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def child(parent: QWidget, kind: type[QWidget], name: str) -> QWidget:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def line_edit(dialog: QDialog, name: str) -> QLineEdit:
    editor = child(dialog, QLineEdit, f"setting_{name}")
    assert isinstance(editor, QLineEdit)
    return editor


def type_into(qtbot: QtBot, dialog: QDialog, name: str, text: str) -> None:
    editor = line_edit(dialog, name)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, text)


def choose(dialog: QDialog, name: str, value: object) -> None:
    combo = child(dialog, QComboBox, f"setting_{name}")
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def tick(dialog: QDialog, name: str) -> None:
    box = child(dialog, QCheckBox, f"setting_{name}")
    assert isinstance(box, QCheckBox)
    box.click()


def click(qtbot: QtBot, dialog: QDialog, name: str) -> None:
    qtbot.mouseClick(child(dialog, QPushButton, name), Qt.MouseButton.LeftButton)


def error_text(dialog: QDialog, name: str) -> str | None:
    """The error shown by setting `name`, None when none is shown."""
    label = child(dialog, QLabel, f"settingError_{name}")
    assert isinstance(label, QLabel)
    return label.text() if label.isVisible() else None


def shown_errors(dialog: QDialog) -> dict[str, str]:
    return {
        each.name: text
        for each in declarations()
        if (text := error_text(dialog, each.name)) is not None
    }


def test_every_declared_setting_has_an_editor_with_its_help(
    qtbot: QtBot, settings: Settings, path: Path
) -> None:
    dialog = open_dialog(qtbot, settings, path)

    assert dialog.objectName() == "settingsDialog"
    for each in declarations():
        if each.setting.choices:
            kind: type[QWidget] = QComboBox
        elif each.kind is bool:
            kind = QCheckBox
        elif each.kind is int:
            kind = QSpinBox
        else:
            kind = QLineEdit
        editor = child(dialog, kind, f"setting_{each.name}")
        assert editor.toolTip() == each.setting.help.source
        assert editor.isVisibleTo(dialog)
        help_label = child(dialog, QLabel, f"settingHelp_{each.name}")
        assert isinstance(help_label, QLabel)
        assert help_label.text() == each.setting.help.source
        assert error_text(dialog, each.name) is None
        assert dialog.value_of(each.name) == getattr(settings, each.name) or (
            each.kind is Path and dialog.value_of(each.name) == str(settings.data_dir)
        )
    boxes = [child(dialog, QGroupBox, f"settingsGroup_{group.name.lower()}") for group in Group]
    assert [box.title() for box in boxes if isinstance(box, QGroupBox)] == [g.value for g in Group]


def test_editors_fit_the_declarations(qtbot: QtBot, settings: Settings, path: Path) -> None:
    dialog = open_dialog(qtbot, settings, path)

    idle = child(dialog, QSpinBox, "setting_idle_lock_seconds")
    assert isinstance(idle, QSpinBox)
    assert (idle.minimum(), idle.maximum(), idle.value()) == (30, 3600, 300)
    language = child(dialog, QComboBox, "setting_language")
    assert isinstance(language, QComboBox)
    assert [language.itemData(i) for i in range(language.count())] == ["pl", "en"]
    paper = child(dialog, QComboBox, "setting_printer_paper_mm")
    assert isinstance(paper, QComboBox)
    assert paper.currentData() == 80


def test_the_settings_needing_a_restart_are_marked(
    qtbot: QtBot, settings: Settings, path: Path
) -> None:
    dialog = open_dialog(qtbot, settings, path)
    note = child(dialog, QLabel, "settingsRestartNote")
    assert isinstance(note, QLabel)
    assert "*" in note.text()

    for each in declarations():
        label = child(dialog, QLabel, f"settingLabel_{each.name}")
        assert isinstance(label, QLabel)
        assert label.text().endswith(" *") is each.setting.restart, each.name
    language = child(dialog, QLabel, "settingLabel_language")
    assert isinstance(language, QLabel)
    assert language.text() == "Language"


def test_a_bad_central_url_is_shown_by_its_field_and_nothing_is_written(
    qtbot: QtBot, settings: Settings, path: Path
) -> None:
    dialog = open_dialog(qtbot, settings, path)

    type_into(qtbot, dialog, "central_url", "ftp://central.example.pl")
    type_into(qtbot, dialog, "store_code", "KRK02")
    click(qtbot, dialog, "settingsSave")

    errors = shown_errors(dialog)
    assert list(errors) == ["central_url"]
    assert "expected an address like http://host:port" in errors["central_url"]
    assert not path.exists()
    assert not path.parent.exists()
    assert dialog.saved is None
    assert dialog.isVisible()
    assert dialog.focusWidget() is line_edit(dialog, "central_url")


def test_a_bad_prefix_range_is_shown_and_the_old_file_is_kept(
    qtbot: QtBot, settings: Settings, path: Path
) -> None:
    save_settings(settings, path)
    before = path.read_bytes()
    dialog = open_dialog(qtbot, settings, path)

    type_into(qtbot, dialog, "weighed_prefixes", "29-20")
    type_into(qtbot, dialog, "central_url", "http://central:99999")
    click(qtbot, dialog, "settingsSave")

    errors = shown_errors(dialog)
    assert set(errors) == {"weighed_prefixes", "central_url"}
    assert "the range '29-20' runs backwards" in errors["weighed_prefixes"]
    assert "port is 1-65535" in errors["central_url"]
    assert path.read_bytes() == before
    assert dialog.saved is None
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_settings_wrong_together_are_shown_by_the_field_at_fault(
    qtbot: QtBot, settings: Settings, path: Path
) -> None:
    dialog = open_dialog(qtbot, settings, path)
    digits = child(dialog, QSpinBox, "setting_weighed_item_digits")
    assert isinstance(digits, QSpinBox)

    digits.setValue(4)
    tick(dialog, "weighed_price_verifier")
    click(qtbot, dialog, "settingsSave")

    errors = shown_errors(dialog)
    assert list(errors) == ["weighed_price_verifier"]
    assert "needs weighed_item_digits = 5" in errors["weighed_price_verifier"]
    assert not path.exists()


def test_a_good_change_is_saved_readable_and_loads_back(
    qtbot: QtBot, settings: Settings, path: Path
) -> None:
    dialog = open_dialog(qtbot, settings, path)

    type_into(qtbot, dialog, "central_url", "ftp://wrong")
    click(qtbot, dialog, "settingsSave")
    assert shown_errors(dialog).keys() == {"central_url"}

    type_into(qtbot, dialog, "central_url", "https://centrala.sklep.pl:8443")
    type_into(qtbot, dialog, "store_code", "KRK02")
    type_into(qtbot, dialog, "printer", "network:192.168.1.50:9100")
    idle = child(dialog, QSpinBox, "setting_idle_lock_seconds")
    assert isinstance(idle, QSpinBox)
    idle.setValue(600)
    choose(dialog, "language", "en")
    choose(dialog, "printer_paper_mm", 58)
    choose(dialog, "weighed_measure", "price_grosze")
    tick(dialog, "weighed_price_verifier")
    click(qtbot, dialog, "settingsSave")

    expected = Settings(
        data_dir=settings.data_dir,
        store_code="KRK02",
        central_url="https://centrala.sklep.pl:8443",
        printer="network:192.168.1.50:9100",
        idle_lock_seconds=600,
        language="en",
        printer_paper_mm=58,
        weighed_measure="price_grosze",
        weighed_price_verifier=True,
    )
    assert shown_errors(dialog) == {}
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved == expected
    assert load_settings(path, environ={}) == expected
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert 'store_code = "KRK02"' in lines
    assert "idle_lock_seconds = 600" in lines
    assert "weighed_price_verifier = true" in lines
    for each in declarations():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{each.name} = "))
        assert lines[index - 1].startswith("# ")
    assert "# Code of the store this till stands in" in text
    assert [p.name for p in path.parent.iterdir()] == ["till.toml"]


def test_cancel_writes_nothing(qtbot: QtBot, settings: Settings, path: Path) -> None:
    dialog = open_dialog(qtbot, settings, path)

    type_into(qtbot, dialog, "store_code", "KRK02")
    click(qtbot, dialog, "settingsCancel")

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.saved is None
    assert not path.exists()


def test_a_file_that_cannot_be_written_is_reported(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "a folder, not a file"
    folder.mkdir()
    dialog = open_dialog(qtbot, settings, folder)

    click(qtbot, dialog, "settingsSave")

    message = child(dialog, QLabel, "settingsSaveError")
    assert isinstance(message, QLabel)
    assert message.isVisible()
    assert str(folder) in message.text()
    assert dialog.saved is None
    assert dialog.isVisible()
    assert list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]
