"""The manager's settings screen: one row per declared setting, written back to the config file.

The form is generated from `pos_client.config.declarations()`: a label, an editor chosen by the
setting's type (a combo box when it has a fixed list of values, a check box for yes/no, a spin
box for whole numbers, a line edit for text and folders), the help text as a tooltip and as a grey
line under the editor, and a red line for the error. Save checks every field with
`validate_value`, then the settings as a whole; nothing is written while any field is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_client.config import (
    ConfigError,
    Declaration,
    Group,
    Settings,
    declarations,
    save_settings,
    validate_value,
)
from pos_client.ui.translations import error_text, translated

_HELP_STYLE = "color: #57606a; font-size: 13px;"
_ERROR_STYLE = "color: #a40e26; font-weight: bold;"
_SPIN_LIMIT = 1_000_000
_TOUCH_HEIGHT = 44
"""Smallest height of an editor, for a finger on a touchscreen."""


class SettingsDialog(QDialog):
    """Edits `settings` and saves them to `path`.

    After `exec()` returns Accepted, `saved` holds the settings written to the file (None until
    then). The running till does not change by itself: the caller decides what to apply now.
    """

    def __init__(self, settings: Settings, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Till settings"))
        self.setModal(True)
        self.resize(720, 760)
        self._path = path
        self.saved: Settings | None = None
        self.editors: dict[str, QWidget] = {}
        """The editor of each setting, by the setting's name."""
        self._errors: dict[str, QLabel] = {}

        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Settings marked * take effect after the till is restarted."), self)
        note.setObjectName("settingsRestartNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        where = QLabel(self.tr("Saved in %1").replace("%1", str(path)), self)
        where.setObjectName("settingsPath")
        where.setWordWrap(True)
        where.setStyleSheet(_HELP_STYLE)
        layout.addWidget(where)

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("settingsScroll")
        self._scroll.setWidgetResizable(True)
        content = QWidget(self._scroll)
        content.setObjectName("settingsContent")
        column = QVBoxLayout(content)
        titles = self._group_titles()
        for group in Group:
            box = QGroupBox(titles[group], content)
            box.setObjectName(f"settingsGroup_{group.name.lower()}")
            form = QFormLayout(box)
            for declared in declarations():
                if declared.setting.group is group:
                    self._add_row(form, box, declared, getattr(settings, declared.name))
            column.addWidget(box)
        column.addStretch(1)
        self._scroll.setWidget(content)
        layout.addWidget(self._scroll, 1)

        self._save_error = QLabel(self)
        self._save_error.setObjectName("settingsSaveError")
        self._save_error.setWordWrap(True)
        self._save_error.setStyleSheet(_ERROR_STYLE)
        self._save_error.hide()
        layout.addWidget(self._save_error)

        buttons = QDialogButtonBox(self)
        buttons.setObjectName("settingsButtons")
        save = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("settingsSave")
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("settingsCancel")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _group_titles(self) -> dict[Group, str]:
        return {
            Group.TILL: self.tr("Till"),
            Group.NETWORK: self.tr("Network"),
            Group.SCANNER: self.tr("Scanner and weighed items"),
            Group.PRINTER: self.tr("Printer"),
            Group.LANGUAGE: self.tr("Language and locking"),
        }

    def _add_row(self, form: QFormLayout, box: QWidget, declared: Declaration, value: Any) -> None:
        name = declared.name
        help_text = translated(declared.setting.help)
        cell = QWidget(box)
        cell.setObjectName(f"settingCell_{name}")
        rows = QVBoxLayout(cell)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)

        editor = self._editor(cell, declared, value)
        editor.setObjectName(f"setting_{name}")
        editor.setMinimumHeight(_TOUCH_HEIGHT)
        editor.setToolTip(help_text)
        rows.addWidget(editor)
        help_label = QLabel(help_text, cell)
        help_label.setObjectName(f"settingHelp_{name}")
        help_label.setWordWrap(True)
        help_label.setStyleSheet(_HELP_STYLE)
        rows.addWidget(help_label)
        error = QLabel(cell)
        error.setObjectName(f"settingError_{name}")
        error.setWordWrap(True)
        error.setStyleSheet(_ERROR_STYLE)
        error.hide()
        rows.addWidget(error)

        text = translated(declared.setting.label) + (" *" if declared.setting.restart else "")
        label = QLabel(text, box)
        label.setObjectName(f"settingLabel_{name}")
        label.setToolTip(help_text)
        label.setBuddy(editor)
        form.addRow(label, cell)
        self.editors[name] = editor
        self._errors[name] = error

    def _editor(self, parent: QWidget, declared: Declaration, value: Any) -> QWidget:
        if declared.setting.choices:
            combo = QComboBox(parent)
            for choice, label in declared.setting.choices:
                combo.addItem(translated(label), choice)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            return combo
        if declared.kind is bool:
            check = QCheckBox(self.tr("On"), parent)
            check.setChecked(bool(value))
            return check
        if declared.kind is int:
            spin = QSpinBox(parent)
            low, high = declared.setting.minimum, declared.setting.maximum
            spin.setRange(
                -_SPIN_LIMIT if low is None else low, _SPIN_LIMIT if high is None else high
            )
            spin.setValue(int(value))
            return spin
        return QLineEdit(str(value), parent)

    def value_of(self, name: str) -> Any:
        """What the editor of setting `name` holds now (not yet checked)."""
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def _show_error(self, name: str | None, message: str) -> None:
        label = self._errors.get(name or "")
        if label is None:
            self._save_error.setText(message)
            self._save_error.show()
            return
        label.setText(message.removeprefix(f"{name}: "))
        label.show()

    def _save(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        self._save_error.hide()
        values: dict[str, Any] = {}
        wrong: list[str] = []
        for declared in declarations():
            try:
                values[declared.name] = validate_value(declared.name, self.value_of(declared.name))
            except ConfigError as error:
                self._show_error(declared.name, error_text(error))
                wrong.append(declared.name)
        settings: Settings | None = None
        if not wrong:
            try:
                settings = Settings(**values)
            except ConfigError as error:
                self._show_error(error.setting, error_text(error))
                if error.setting in self.editors:
                    wrong.append(str(error.setting))
        if settings is None:
            if wrong:
                first = self.editors[wrong[0]]
                self._scroll.ensureWidgetVisible(first)
                first.setFocus()
            return
        try:
            save_settings(settings, self._path)
        except OSError as error:
            self._show_error(
                None,
                self.tr("Could not save the settings to %1: %2")
                .replace("%1", str(self._path))
                .replace("%2", error.strerror or str(error)),
            )
            return
        self.saved = settings
        self.accept()
