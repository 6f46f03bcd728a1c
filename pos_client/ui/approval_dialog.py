"""Asking for an approval: what is to be approved, the reason, and a manager's login and PIN.

When the logged-in user may do the action alone, only the reason is asked for; the approval is
then recorded as theirs. The dialog calls `ApprovalService.authorize`; a refusal (no reason, wrong
PIN, locked login, a cashier's PIN) is shown and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain.people import Permission
from pos_client.services.approvals import Approval, ApprovalError, ApprovalService
from pos_client.store.errors import StoreError
from pos_client.ui.keypad import NumericKeypad
from pos_client.ui.login_dialog import pin_field
from pos_client.ui.translations import error_text

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ApprovalDialog(QDialog):
    """After `exec()` returns Accepted, `approval` holds the recorded Approval."""

    def __init__(
        self,
        approvals: ApprovalService,
        permission: Permission,
        action: str,
        description: str,
        *,
        sale_id: str | None = None,
        details: Mapping[str, Any] | None = None,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Approval"))
        self.setModal(True)
        self._approvals = approvals
        self._permission = permission
        self._action = action
        self._sale_id = sale_id
        self._details = dict(details or {})
        self.approval: Approval | None = None
        self.needs_manager = approvals.needs_approval(permission)

        layout = QVBoxLayout(self)
        what = QLabel(description, self)
        what.setObjectName("approvalWhat")
        what.setWordWrap(True)
        layout.addWidget(what)
        hint = QLabel(
            self.tr("A manager approves this with their login and PIN.")
            if self.needs_manager
            else self.tr("You may do this yourself: give the reason."),
            self,
        )
        hint.setObjectName("approvalHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        form = QFormLayout()
        self.reason_input = QLineEdit(reason, self)
        self.reason_input.setObjectName("approvalReason")
        self.reason_input.setMaxLength(500)
        self.reason_input.setPlaceholderText(self.tr("Why (required)"))
        form.addRow(self.tr("Reason"), self.reason_input)
        layout.addLayout(form)

        self.manager_box = QGroupBox(self.tr("Manager"), self)
        self.manager_box.setObjectName("approvalManager")
        manager_layout = QVBoxLayout(self.manager_box)
        manager_form = QFormLayout()
        self.login_input = QLineEdit(self.manager_box)
        self.login_input.setObjectName("approvalLogin")
        self.login_input.setMaxLength(40)
        manager_form.addRow(self.tr("Login"), self.login_input)
        self.pin_input = pin_field(self.manager_box, "approvalPin")
        manager_form.addRow(self.tr("PIN"), self.pin_input)
        manager_layout.addLayout(manager_form)
        manager_layout.addWidget(NumericKeypad(self.pin_input, "approvalKeypad", self.manager_box))
        layout.addWidget(self.manager_box)
        self.manager_box.setVisible(self.needs_manager)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("approvalMessage")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("approvalCancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.ok_button = QPushButton(self.tr("Approve"), self)
        self.ok_button.setObjectName("approvalOk")
        self.ok_button.setAutoDefault(False)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)

        (self.login_input if reason and self.needs_manager else self.reason_input).setFocus()

    @classmethod
    def request(
        cls,
        approvals: ApprovalService,
        permission: Permission,
        action: str,
        description: str,
        *,
        sale_id: str | None = None,
        details: Mapping[str, Any] | None = None,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> Approval | None:
        """Show the dialog modally; the Approval, or None when it was cancelled."""
        dialog = cls(
            approvals,
            permission,
            action,
            description,
            sale_id=sale_id,
            details=details,
            reason=reason,
            parent=parent,
        )
        try:
            dialog.exec()
            return dialog.approval
        finally:
            dialog.deleteLater()

    def message(self) -> str:
        return self.message_label.text()

    def submit(self) -> None:
        try:
            approval = self._approvals.authorize(
                self._permission,
                self._action,
                self.reason_input.text(),
                sale_id=self._sale_id,
                details=self._details,
                manager_login=self.login_input.text() if self.needs_manager else None,
                manager_pin=self.pin_input.text() if self.needs_manager else None,
            )
        except (ApprovalError, StoreError) as error:
            self._refused(error_text(error))
            return
        self.approval = approval
        self.message_label.clear()
        self.accept()

    def _refused(self, message: str) -> None:
        self.message_label.setText(message)
        self.pin_input.clear()
        if not self.reason_input.text().strip():
            self.reason_input.setFocus()
        elif self.needs_manager and not self.login_input.text().strip():
            self.login_input.setFocus()
        elif self.needs_manager:
            self.pin_input.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter goes reason → login → PIN, and approves from the last field needed."""
        if event.key() not in _ENTER_KEYS:
            super().keyPressEvent(event)
            return
        event.accept()
        if self.needs_manager and self.focusWidget() is self.reason_input:
            self.login_input.setFocus()
        elif self.focusWidget() is self.login_input and not self.pin_input.text():
            self.pin_input.setFocus()
        else:
            self.submit()
