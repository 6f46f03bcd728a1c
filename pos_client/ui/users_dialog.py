"""The manager's screen of the till's users: who they are, add one, set a new PIN, deactivate or
reactivate (never delete). `actor` is the manager responsible for the changes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.messages import TillError
from pos_client.domain.people import DISPLAY_NAME_MAX_LENGTH, LOGIN_MAX_LENGTH, Role, StaffMember
from pos_client.services.user_admin import UserAdminService
from pos_client.store.users import UserAccount
from pos_client.ui.formatting import date_time
from pos_client.ui.login_dialog import pin_field
from pos_client.ui.message_label import show_message
from pos_client.ui.translations import error_text

COLUMN_LOGIN, COLUMN_NAME, COLUMN_ROLE, COLUMN_STATE = range(4)


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setMinimumHeight(56)
    button.setAutoDefault(False)
    return button


class UsersDialog(QDialog):
    def __init__(
        self, admin: UserAdminService, actor: StaffMember, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Users"))
        self.setModal(True)
        self.resize(860, 560)
        self._admin = admin
        self._actor = actor
        self.accounts: list[UserAccount] = []

        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("State")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.add_button = _button(self.tr("Add user"), "addUserButton", self)
        self.add_button.clicked.connect(self.add_user)
        self.pin_button = _button(self.tr("Set a new PIN"), "changePinButton", self)
        self.pin_button.clicked.connect(self.change_pin)
        self.deactivate_button = _button(self.tr("Deactivate"), "deactivateUserButton", self)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.reactivate_button = _button(self.tr("Reactivate"), "reactivateUserButton", self)
        self.reactivate_button.clicked.connect(self.reactivate)
        close = _button(self.tr("Close"), "usersClose", self)
        close.clicked.connect(self.accept)
        for button in (
            self.add_button,
            self.pin_button,
            self.deactivate_button,
            self.reactivate_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        """Read the users again, selecting the one with id `select` (else the first)."""
        try:
            self.accounts = self._admin.users()
        except TillError as error:
            self._show(error_text(error), "error")
            self.accounts = []
        now = datetime.now(UTC)
        roles = {Role.MANAGER: self.tr("Manager"), Role.CASHIER: self.tr("Cashier")}
        self.table.setRowCount(len(self.accounts))
        for row, account in enumerate(self.accounts):
            member = account.member
            if not account.active:
                state = self.tr("Deactivated")
            elif account.is_locked(now) and account.locked_until is not None:
                state = self.tr("Locked until %1").replace("%1", date_time(account.locked_until))
            else:
                state = self.tr("Active")
            for column, text in (
                (COLUMN_LOGIN, member.login),
                (COLUMN_NAME, member.display_name),
                (COLUMN_ROLE, roles[member.role]),
                (COLUMN_STATE, state),
            ):
                item = QTableWidgetItem(text)
                if not account.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        ids = [account.member.id for account in self.accounts]
        if self.accounts:
            self.table.selectRow(ids.index(select) if select in ids else 0)
        self._update_buttons()

    def selected(self) -> UserAccount | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def select_login(self, login: str) -> None:
        for row, account in enumerate(self.accounts):
            if account.member.login == login:
                self.table.selectRow(row)
                return
        raise LookupError(login)

    def _update_buttons(self) -> None:
        account = self.selected()
        self.pin_button.setEnabled(account is not None and account.active)
        self.deactivate_button.setEnabled(
            account is not None and account.active and account.member.id != self._actor.id
        )
        self.reactivate_button.setEnabled(account is not None and not account.active)

    def _show(self, text: str, kind: str) -> None:
        show_message(self.message, text, kind)

    def add_user(self) -> None:
        dialog = UserFormDialog(self._admin, self._actor, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.member is not None:
            self.refresh(select=dialog.member.id)
            self._show(self.tr("User %1 added.").replace("%1", dialog.member.display_name), "info")
        dialog.deleteLater()

    def change_pin(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = UserFormDialog(self._admin, self._actor, account.member, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select=account.member.id)
            self._show(
                self.tr("New PIN set for %1.").replace("%1", account.member.display_name), "info"
            )
        dialog.deleteLater()

    def deactivate(self) -> None:
        account = self.selected()
        if account is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Deactivate"),
            self.tr(
                "Deactivate %1? They can no longer log in or approve; their sales and "
                "entries in the audit log stay."
            ).replace("%1", account.member.display_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("deactivateUserBox")
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._admin.deactivate(self._actor, account.member.id)
        except TillError as error:
            self._show(error_text(error), "error")
            return
        self.refresh(select=account.member.id)
        self._show(self.tr("%1 is deactivated.").replace("%1", account.member.display_name), "info")

    def reactivate(self) -> None:
        account = self.selected()
        if account is None:
            return
        try:
            self._admin.reactivate(self._actor, account.member.id)
        except TillError as error:
            self._show(error_text(error), "error")
            return
        self.refresh(select=account.member.id)
        self._show(
            self.tr("%1 is active again.").replace("%1", account.member.display_name), "info"
        )


class UserFormDialog(QDialog):
    """Add a user (`member` None: login, name, role and the PIN twice) or set a new PIN for
    `member` (the PIN twice). After Accepted, `member` is the user added or changed."""

    def __init__(
        self,
        admin: UserAdminService,
        actor: StaffMember,
        member: StaffMember | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._admin = admin
        self._actor = actor
        self.member = member
        adding = member is None
        self.setObjectName("addUserDialog" if adding else "changePinDialog")
        self.setWindowTitle(
            self.tr("Add user")
            if member is None
            else self.tr("New PIN for %1").replace("%1", member.display_name)
        )
        form = QFormLayout()
        self.login_input = QLineEdit(self)
        self.login_input.setObjectName("userLogin")
        self.login_input.setMaxLength(LOGIN_MAX_LENGTH)
        self.name_input = QLineEdit(self)
        self.name_input.setObjectName("userName")
        self.name_input.setMaxLength(DISPLAY_NAME_MAX_LENGTH)
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("userRole")
        self.role_combo.addItem(self.tr("Cashier"), Role.CASHIER.value)
        self.role_combo.addItem(self.tr("Manager"), Role.MANAGER.value)
        if adding:
            form.addRow(self.tr("Login"), self.login_input)
            form.addRow(self.tr("Name"), self.name_input)
            form.addRow(self.tr("Role"), self.role_combo)
        else:
            for unused in (self.login_input, self.name_input, self.role_combo):
                unused.hide()
        self.pin_input = pin_field(self, "userPin")
        self.pin_again_input = pin_field(self, "userPinAgain")
        form.addRow(self.tr("PIN (4 to 8 digits)"), self.pin_input)
        form.addRow(self.tr("PIN again"), self.pin_again_input)
        self.message = QLabel(self)
        self.message.setObjectName("userFormMessage")
        self.message.setWordWrap(True)
        save = _button(self.tr("Save"), "userFormSave", self)
        save.clicked.connect(self.save)
        cancel = _button(self.tr("Cancel"), "userFormCancel", self)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout.addLayout(buttons)
        (self.login_input if adding else self.pin_input).setFocus()

    def save(self) -> None:
        try:
            if self.member is None:
                self.member = self._admin.add_user(
                    self._actor,
                    self.login_input.text(),
                    self.name_input.text(),
                    Role(self.role_combo.currentData()),  # Qt hands the enum back as its text
                    self.pin_input.text(),
                    self.pin_again_input.text(),
                )
            else:
                self._admin.change_pin(
                    self._actor, self.member.id, self.pin_input.text(), self.pin_again_input.text()
                )
        except TillError as error:
            show_message(self.message, error_text(error))
            self.pin_input.clear()
            self.pin_again_input.clear()
            return
        self.accept()
