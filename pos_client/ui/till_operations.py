"""Everything beyond scanning and paying, reached from the sale screen's menu: shifts and cash,
X/Z reports (shown and printed), parked sales, returns (their receipts printed), receipts from
history, a code read from a picture, discounts with approval, the drawer, stock in other
stores, the sync with the central service (quarantined rows, catalogue sync, enrolment), the
audit log, settings, locking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from hardware.decoding import DecodedCode, decode_file, make_decoder
from pos_client.config import DECODER_ENGINES
from pos_client.domain.audit import ApprovalAction
from pos_client.domain.cart import CartLine
from pos_client.domain.money import Money
from pos_client.domain.people import Permission, StaffMember
from pos_client.domain.returns import ReturnRecord
from pos_client.domain.shift_report import ShiftReport, report_title
from pos_client.services.checkout import SaleError
from pos_client.services.parking import ParkingError
from pos_client.services.returns import ReturnError
from pos_client.services.shifts import ShiftError
from pos_client.services.user_admin import UserAdminService
from pos_client.store.errors import StoreError
from pos_client.ui.approval_dialog import ApprovalDialog
from pos_client.ui.audit_view import AuditDialog
from pos_client.ui.blind_return_dialog import BlindReturnDialog
from pos_client.ui.enrolment_dialog import EnrolmentDialog
from pos_client.ui.formatting import money
from pos_client.ui.full_sync_dialog import FullSyncDialog
from pos_client.ui.login_dialog import IdleLock, LoginDialog
from pos_client.ui.number_dialog import NumberDialog
from pos_client.ui.parked_dialog import ParkedSalesDialog
from pos_client.ui.print_control import PrintControl
from pos_client.ui.quarantine_dialog import QuarantineDialog
from pos_client.ui.reprint_dialog import ReprintDialog
from pos_client.ui.return_dialog import ReturnDialog
from pos_client.ui.settings_dialog import SettingsDialog
from pos_client.ui.shift_dialogs import (
    CashMovementDialog,
    CloseShiftDialog,
    OpenShiftDialog,
    ReportDialog,
    ZReportsDialog,
)
from pos_client.ui.stock_lookup_dialog import StockLookupDialog
from pos_client.ui.thread_handoff import Handoff
from pos_client.ui.translations import (
    TRANSLATIONS_DIR,
    current_language,
    error_text,
    install_translation,
)
from pos_client.ui.users_dialog import UsersDialog

if TYPE_CHECKING:
    from pos_client.bootstrap import Till

PICTURE_FILTER = QT_TRANSLATE_NOOP(
    "TillOperations", "Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)"
)


class TillOperations(QObject):
    """Runs each operation as a dialog over `window`; reports through `message` and
    `cart_replaced` so the sale screen can show the outcome."""

    message = Signal(str, str)
    """(text, kind): kind is "info" or "error"."""
    cart_replaced = Signal()
    """The checkout's cart object was swapped (parked, resumed) or its discounts changed."""
    code_read = Signal(str)
    """A code read from a picture, for the sale as if it was scanned."""

    def __init__(
        self,
        till: Till,
        window: QWidget,
        config_path: Path | None,
        run: Callable[[QDialog], int],
        selected_line: Callable[[], CartLine | None],
        printer: PrintControl,
        translations_dir: Path = TRANSLATIONS_DIR,
    ) -> None:
        super().__init__(window)
        self._translations_dir = translations_dir
        self.setObjectName("tillOperations")
        self._till = till
        self._window = window
        self._config_path = config_path
        self._run = run
        self._selected_line = selected_line
        self.printer = printer
        self._pictures = Handoff(self._picture_read, self)
        self.reading_picture = False
        """A picture is being decoded (a second one waits for it)."""
        self._user_admin = UserAdminService(till.users)
        self._settings = till.settings
        """The settings as last saved (the language and the idle lock apply at once)."""
        self._menu_texts: list[tuple[QAction, str]] = []
        self._full_sync_dialog: FullSyncDialog | None = None
        self.idle_lock = IdleLock(till.settings.idle_lock_seconds, self)
        self.idle_lock.locked.connect(self.lock)

    @property
    def user(self) -> StaffMember | None:
        return self._till.auth.current

    def _user_id(self) -> str | None:
        return None if self.user is None else self.user.id

    def _info(self, text: str) -> None:
        self.message.emit(text, "info")

    def _error(self, text: str) -> None:
        self.message.emit(text, "error")

    def build_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName("operationsMenu")
        # PySide's QT_TRANSLATE_NOOP is typed as returning object: it returns the source text.
        entries: tuple[tuple[str, object, Callable[[], None]] | None, ...] = (
            ("openShiftAction", QT_TRANSLATE_NOOP("TillOperations", "Open shift"), self.open_shift),
            (
                "cashInAction",
                QT_TRANSLATE_NOOP("TillOperations", "Cash in"),
                lambda: self.cash_movement(cash_out=False),
            ),
            (
                "cashOutAction",
                QT_TRANSLATE_NOOP("TillOperations", "Cash out"),
                lambda: self.cash_movement(cash_out=True),
            ),
            ("xReportAction", QT_TRANSLATE_NOOP("TillOperations", "X report"), self.x_report),
            (
                "closeShiftAction",
                QT_TRANSLATE_NOOP("TillOperations", "Close shift (Z report)"),
                self.close_shift,
            ),
            ("zReportsAction", QT_TRANSLATE_NOOP("TillOperations", "Z reports"), self.z_reports),
            (
                "reprintAction",
                QT_TRANSLATE_NOOP("TillOperations", "Receipts from history (print again)"),
                self.reprint,
            ),
            None,
            ("parkAction", QT_TRANSLATE_NOOP("TillOperations", "Park sale (F7)"), self.park),
            ("parkedAction", QT_TRANSLATE_NOOP("TillOperations", "Parked sales (F8)"), self.parked),
            ("returnAction", QT_TRANSLATE_NOOP("TillOperations", "Return (F10)"), self.sale_return),
            (
                "blindReturnAction",
                QT_TRANSLATE_NOOP("TillOperations", "Return without a receipt"),
                self.blind_return,
            ),
            (
                "pictureCodeAction",
                QT_TRANSLATE_NOOP("TillOperations", "Read a code from a picture"),
                self.read_picture,
            ),
            (
                "stockLookupAction",
                QT_TRANSLATE_NOOP("TillOperations", "Stock in other stores (F4)"),
                self.stock_lookup,
            ),
            (
                "voidPaidSaleAction",
                QT_TRANSLATE_NOOP("TillOperations", "Void the last paid sale"),
                self.void_paid_sale,
            ),
            (
                "priceOverrideAction",
                QT_TRANSLATE_NOOP("TillOperations", "Change the line's price"),
                self.override_price,
            ),
            (
                "lineDiscountAction",
                QT_TRANSLATE_NOOP("TillOperations", "Discount on the line"),
                self.line_discount,
            ),
            (
                "basketDiscountAction",
                QT_TRANSLATE_NOOP("TillOperations", "Discount on the sale"),
                self.basket_discount,
            ),
            None,
            (
                "openDrawerAction",
                QT_TRANSLATE_NOOP("TillOperations", "Open the drawer"),
                self.open_drawer,
            ),
            (
                "syncQueueAction",
                QT_TRANSLATE_NOOP("TillOperations", "Sync: quarantined rows"),
                self.sync_queue,
            ),
            (
                "fullSyncAction",
                QT_TRANSLATE_NOOP("TillOperations", "Sync: catalogue"),
                self.full_sync,
            ),
            (
                "enrolmentAction",
                QT_TRANSLATE_NOOP("TillOperations", "Sync: central service and enrolment"),
                self.enrolment,
            ),
            None,
            ("auditAction", QT_TRANSLATE_NOOP("TillOperations", "Audit log"), self.audit_log),
            ("usersAction", QT_TRANSLATE_NOOP("TillOperations", "Users"), self.manage_users),
            ("settingsAction", QT_TRANSLATE_NOOP("TillOperations", "Settings"), self.settings),
            (
                "lockAction",
                QT_TRANSLATE_NOOP("TillOperations", "Lock / change cashier"),
                self.lock,
            ),
        )
        self._menu_texts = []
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            name, source, slot = entry
            action = menu.addAction(str(source))
            action.setObjectName(name)
            action.triggered.connect(slot)
            self._menu_texts.append((action, str(source)))
        self.retranslate_menu()
        return menu

    def retranslate_menu(self) -> None:
        """The menu's entries in the current language."""
        for action, source in self._menu_texts:
            action.setText(self.tr(source))

    # --- people -------------------------------------------------------------------------------

    def login(self) -> StaffMember | None:
        """The non-cancellable login (also the lock screen); binds the cashier to the sales."""
        dialog = LoginDialog(self._till.auth, self._window)
        self._run(dialog)
        member = dialog.member
        self._till.checkout.cashier_id = None if member is None else member.id
        if member is not None:
            self.idle_lock.start()
            self._info(self.tr("Logged in: %1").replace("%1", member.display_name))
        return member

    def start_session(self) -> None:
        """At start-up: log in, then make sure a shift is open (a sale needs one)."""
        if self.login() is not None:
            self.ensure_shift()

    def lock(self) -> None:
        self.idle_lock.stop()
        self._till.auth.logout()
        self.login()

    def _allowed(self, permission: Permission, action: str, description: str) -> bool:
        """True when the current user may, or a manager approved it (audited either way)."""
        approval = ApprovalDialog.request(
            self._till.approvals, permission, action, description, parent=self._window
        )
        return approval is not None

    # --- shifts and cash ----------------------------------------------------------------------

    def open_shift(self) -> None:
        if self._till.shifts.current_shift() is not None:
            self._error(self.tr("A shift is already open on this till."))
            return
        dialog = OpenShiftDialog(self._till.shifts, self._user_id(), self._window)
        if self._run(dialog) == QDialog.DialogCode.Accepted:
            self._info(self.tr("Shift open. Happy selling!"))

    def ensure_shift(self) -> None:
        """After login: a sale needs an open shift, so offer to open one."""
        if self._till.shifts.current_shift() is None:
            self.open_shift()

    def cash_movement(self, cash_out: bool) -> None:
        if not self._guard_shift():
            return
        dialog = CashMovementDialog(self._till.shifts, self._user_id(), cash_out, self._window)
        if self._run(dialog) == QDialog.DialogCode.Accepted:
            self._info(self.tr("Cash movement saved."))

    def x_report(self) -> None:
        if not self._guard_shift():
            return
        try:
            report = self._till.shifts.x_report(self._user_id())
        except (ShiftError, StoreError) as error:
            self._error(error_text(error))
            return
        self._run(
            ReportDialog(
                report, self._till.store, parent=self._window, print_report=self._report_printer()
            )
        )

    def _report_printer(self) -> Callable[[ShiftReport], None] | None:
        """Prints a report through the receipt printer; None when there is none (the report is
        on the screen already)."""
        if not self.printer.has_printer:
            return None

        def print_report(report: ShiftReport) -> None:
            self.printer.print(self._till.printing.report(report), report_title(report))
            self._info(self.tr("%1 sent to the printer.").replace("%1", report_title(report)))

        return print_report

    def close_shift(self) -> None:
        if not self._guard_shift():
            return
        if not self._till.checkout.cart.is_empty():
            self._error(self.tr("Finish or park the current sale before closing the shift."))
            return
        if not self._allowed(
            Permission.CLOSE_SHIFT, ApprovalAction.CLOSE_SHIFT, self.tr("Close the shift")
        ):
            return
        dialog = CloseShiftDialog(self._till.shifts, self._user_id(), self._window)
        if self._run(dialog) == QDialog.DialogCode.Accepted and dialog.report is not None:
            self._run(
                ReportDialog(
                    dialog.report,
                    self._till.store,
                    parent=self._window,
                    print_report=self._report_printer(),
                )
            )

    def z_reports(self) -> None:
        self._run(
            ZReportsDialog(
                self._till.shifts,
                self._till.store,
                parent=self._window,
                print_report=self._report_printer(),
            )
        )

    def _guard_shift(self) -> bool:
        try:
            open_now = self._till.shifts.current_shift() is not None
        except StoreError as error:
            self._error(error_text(error))
            return False
        if not open_now:
            self._error(self.tr("No shift is open: open one first (menu, Open shift)."))
        return open_now

    # --- parked sales, returns, discounts -----------------------------------------------------

    def park(self) -> None:
        try:
            self._till.parking.park_current(cashier_id=self._user_id())
        except (ParkingError, StoreError) as error:
            self._error(error_text(error))
            return
        self.cart_replaced.emit()
        self._info(self.tr("Sale parked. Resume it with F8."))

    def parked(self) -> None:
        dialog = ParkedSalesDialog(self._till.parking, self._window)
        if self._run(dialog) == QDialog.DialogCode.Accepted and dialog.resumed is not None:
            self.cart_replaced.emit()
            self._info(self.tr("Parked sale resumed."))

    def sale_return(self) -> None:
        shift = self._till.shifts.current_shift()
        dialog = ReturnDialog(
            self._till.returns,
            self._user_id(),
            None if shift is None else shift.shift_id,
            self._window,
        )
        if self._run(dialog) == QDialog.DialogCode.Accepted and dialog.sale_return is not None:
            self._info(
                self.tr("Return %1 saved.").replace("%1", dialog.sale_return.return_number or "")
            )
            self.print_return(dialog.sale_return)

    def blind_return(self) -> None:
        """A return without a receipt; the dialog asks a manager to approve it. The money
        leaves the drawer (or goes to a card), so an open shift is needed to count it."""
        if not self._guard_shift():
            return
        shift = self._till.shifts.current_shift()
        dialog = BlindReturnDialog(
            self._till.returns,
            self._till.lookup,
            self._till.approvals,
            self._user_id(),
            None if shift is None else shift.shift_id,
            self._window,
        )
        if self._run(dialog) == QDialog.DialogCode.Accepted and dialog.sale_return is not None:
            self._info(
                self.tr("Return %1 saved.").replace("%1", dialog.sale_return.return_number or "")
            )
            self.print_return(dialog.sale_return)

    def void_paid_sale(self) -> None:
        """Take back this till's last sale whole (a manager's decision): a full return of what
        remains of it, refunded to its tenders, so the shift's figures stay true."""
        try:
            sale = self._till.checkout.last_sale()
            remaining = (
                {}
                if sale is None
                else {
                    item.line.line_id: item.remaining
                    for item in self._till.returns.returnable_lines(sale)
                    if item.remaining
                }
            )
        except StoreError as error:
            self._error(error_text(error))
            return
        if sale is None or not remaining:
            self._error(self.tr("There is no paid sale left to void on this till."))
            return
        approval = ApprovalDialog.request(
            self._till.approvals,
            Permission.VOID_PAID_SALE,
            ApprovalAction.VOID_PAID_SALE,
            self.tr("Void sale %1 (%2)")
            .replace("%1", sale.receipt_number or "")
            .replace("%2", money(sale.total)),
            sale_id=str(sale.sale_id),
            parent=self._window,
        )
        if approval is None:
            return
        shift = self._till.shifts.current_shift()
        try:
            voided = self._till.returns.create_return(
                sale,
                remaining,
                approval.reason,
                self._user_id(),
                None if shift is None else shift.shift_id,
                approved_by=approval.approved_by.id,
            )
        except (ReturnError, StoreError) as error:
            self._error(error_text(error))
            return
        self._info(
            self.tr("Sale %1 voided: refund %2 (return %3).")
            .replace("%1", sale.receipt_number or "")
            .replace("%2", money(voided.total))
            .replace("%3", voided.return_number or "")
        )
        self.print_return(voided)

    def print_return(self, sale_return: ReturnRecord) -> None:
        """The return's document (signatures; the drawer opens for a cash refund)."""
        self.printer.print(
            self._till.printing.sale_return(sale_return),
            self.tr("Return %1").replace("%1", sale_return.return_number or ""),
        )

    def reprint(self) -> None:
        """Any receipt from history, shown and printed again as a copy."""
        self._run(ReprintDialog(self._till.history, self.printer, self._window))

    def read_picture(self) -> None:
        """A code in a picture file (a coupon e-mailed or photographed) goes to the sale as if
        it was scanned; the picture is decoded on a thread of its own."""
        if self.reading_picture:
            self._info(self.tr("Still reading the last picture."))
            return
        dialog = QFileDialog(self._window, self.tr("Read a code from a picture"))
        dialog.setObjectName("pictureFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr(str(PICTURE_FILTER)))
        if self._run(dialog) != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return
        path = Path(dialog.selectedFiles()[0])
        decoder = make_decoder(DECODER_ENGINES[self._settings.decoder_engine], thorough=True)
        self.reading_picture = True
        self._info(self.tr("Reading %1 ...").replace("%1", path.name))
        self._pictures.run(lambda: (path, decode_file(path, decoder)), "picture-decoder")

    def _picture_read(self, outcome: object) -> None:
        self.reading_picture = False
        if isinstance(outcome, Exception):
            self._error(self.tr("The picture could not be read: %1").replace("%1", str(outcome)))
            return
        assert isinstance(outcome, tuple)
        path, codes = outcome
        assert isinstance(path, Path)
        assert isinstance(codes, list)
        if not codes:
            self._error(
                self.tr(
                    "No barcode or QR code was found in %1. Try a sharper picture, taken "
                    "straight on, with the whole code in it."
                ).replace("%1", path.name)
            )
            return
        first = codes[0]
        assert isinstance(first, DecodedCode)
        if len(codes) > 1:
            self._info(
                self.tr("%1 codes in the picture: the first one is used.").replace(
                    "%1", str(len(codes))
                )
            )
        self.code_read.emit(first.scanner_text())

    def _ask_amount(self, title: str, prompt: str) -> Money | None:
        dialog = NumberDialog(title, prompt, "", self._window)
        if self._run(dialog) != QDialog.DialogCode.Accepted:
            return None
        try:
            return Money.parse(dialog.value())
        except ValueError:
            self._error(self.tr("%1 is not an amount of money.").replace("%1", dialog.value()))
            return None

    def line_discount(self) -> None:
        line = self._selected_line()
        if line is None:
            self._error(self.tr("Select a line first."))
            return
        amount = self._ask_amount(
            self.tr("Discount"), self.tr("Discount on %1 in zł:").replace("%1", line.product.name)
        )
        if amount is None or not self._allowed(
            Permission.MANUAL_DISCOUNT,
            ApprovalAction.LINE_DISCOUNT,
            self.tr("Discount of %1 on %2")
            .replace("%1", money(amount))
            .replace("%2", line.product.name),
        ):
            return
        try:
            self._till.checkout.set_line_discount(line.line_id, amount)
        except SaleError as error:
            self._error(error_text(error))
            return
        self.cart_replaced.emit()

    def override_price(self) -> None:
        line = self._selected_line()
        if line is None:
            self._error(self.tr("Select a line first."))
            return
        price = self._ask_amount(
            self.tr("Price"),
            self.tr("New unit price of %1 in zł:").replace("%1", line.product.name),
        )
        if price is None or not self._allowed(
            Permission.PRICE_OVERRIDE,
            ApprovalAction.PRICE_OVERRIDE,
            self.tr("Price of %1: %2 instead of %3")
            .replace("%1", line.product.name)
            .replace("%2", money(price))
            .replace("%3", money(line.product.unit_price)),
        ):
            return
        try:
            self._till.checkout.override_price(line.line_id, price)
        except SaleError as error:
            self._error(error_text(error))
            return
        self.cart_replaced.emit()

    def open_drawer(self) -> None:
        """Approved and audited, then the printer kicks the drawer open."""
        if not self._allowed(
            Permission.OPEN_DRAWER, ApprovalAction.OPEN_DRAWER, self.tr("Open the drawer")
        ):
            return
        if not self.printer.has_printer:
            self._error(
                self.tr(
                    "Approved and recorded, but no printer is set up: the drawer opens through "
                    "the printer. Open it with its key."
                )
            )
            return
        self.printer.print(self._till.printing.drawer(), self.tr("Opening the drawer"))
        self._info(self.tr("Approved and recorded: the drawer opens."))

    def basket_discount(self) -> None:
        if self._till.checkout.cart.is_empty():
            self._error(self.tr("The sale is empty: scan something first."))
            return
        amount = self._ask_amount(self.tr("Discount"), self.tr("Discount on the whole sale in zł:"))
        if amount is None or not self._allowed(
            Permission.MANUAL_DISCOUNT,
            ApprovalAction.BASKET_DISCOUNT,
            self.tr("Discount of %1 on the sale").replace("%1", money(amount)),
        ):
            return
        try:
            self._till.checkout.set_basket_discount(amount)
        except SaleError as error:
            self._error(error_text(error))
            return
        self.cart_replaced.emit()

    # --- stock and sync -----------------------------------------------------------------------

    def stock_lookup(self) -> None:
        """Stock in every store, for everyone; asks at once about the selected line's product
        (the one just scanned), and any other can be scanned or found."""
        dialog = StockLookupDialog(
            self._till.sync, self._till.lookup, self._till.settings.store_code, self._window
        )
        line = self._selected_line()
        if line is not None:
            dialog.ask(line.product.sku, line.product.name)
        self._run(dialog)

    def _manager_or_approved(self, permission: Permission, action: str, description: str) -> bool:
        """A manager logged in goes ahead; anyone else needs a manager's approval (audited)."""
        user = self.user
        if user is not None and user.can(permission):
            return True
        return self._allowed(permission, action, description)

    def sync_queue(self) -> None:
        """The quarantined rows (sending them again is approved and audited in the window)."""
        if self._manager_or_approved(
            Permission.SETTINGS,
            ApprovalAction.SYNC_QUEUE,
            self.tr("Look at the quarantined sync rows"),
        ):
            self._run(QuarantineDialog(self._till.sync, self._till.approvals, self._window))

    def full_sync(self) -> None:
        if self._manager_or_approved(
            Permission.SETTINGS,
            ApprovalAction.FULL_SYNC,
            self.tr("Pause, resume or restart the catalogue sync"),
        ):
            self.show_full_sync()

    def show_full_sync(self) -> None:
        """The catalogue sync window, not modal (selling goes on); one at a time."""
        if self._full_sync_dialog is None:
            self._full_sync_dialog = FullSyncDialog(self._till.sync, self._window)
        if self._full_sync_dialog.isVisible():
            self._full_sync_dialog.raise_()  # open already, perhaps under the sale screen
        self._full_sync_dialog.show()
        self._full_sync_dialog.activateWindow()

    def enrolment(self) -> None:
        """Enrol the till with the central service, or forget it: always approved with a
        reason (it decides where the till's sales go)."""
        if not self._allowed(
            Permission.SETTINGS,
            ApprovalAction.SYNC_ENROLMENT,
            self.tr("Enrol the till with the central service"),
        ):
            return
        settings = self._settings
        dialog = EnrolmentDialog(
            self._till.sync,
            settings.store_code,
            settings.till_id,
            settings.central_url,
            self._window,
        )
        self._run(dialog)
        if dialog.enrolled:
            self._info(self.tr("Enrolled: the till syncs with the central service."))

    # --- managers -----------------------------------------------------------------------------

    def audit_log(self) -> None:
        may_view = self.user is not None and self.user.can(Permission.VIEW_AUDIT)
        if not may_view and not self._allowed(
            Permission.VIEW_AUDIT, ApprovalAction.VIEW_AUDIT, self.tr("View the audit log")
        ):
            return
        self._run(AuditDialog(self._till.audit, self._window))

    def manage_users(self) -> None:
        """The users screen. A manager logged in uses it as themself; for a cashier, a manager
        approves with their PIN and the changes are then made in that manager's name."""
        user = self.user
        if user is not None and user.can(Permission.MANAGE_USERS):
            actor = user
        else:
            approval = ApprovalDialog.request(
                self._till.approvals,
                Permission.MANAGE_USERS,
                ApprovalAction.MANAGE_USERS,
                self.tr("Manage the users"),
                parent=self._window,
            )
            if approval is None:
                return
            actor = approval.approved_by
        self._run(UsersDialog(self._user_admin, actor, self._window))

    def settings(self) -> None:
        if self._config_path is None:
            self._error(self.tr("This till has no settings file to write."))
            return
        if not self._allowed(
            Permission.SETTINGS, ApprovalAction.SETTINGS, self.tr("Change the settings")
        ):
            return
        dialog = SettingsDialog(self._settings, self._config_path, self._window)
        if self._run(dialog) != QDialog.DialogCode.Accepted or dialog.saved is None:
            return
        saved = self._settings = dialog.saved
        if saved.language != current_language():
            app = QCoreApplication.instance()
            assert app is not None
            install_translation(app, saved.language, self._translations_dir)  # windows follow
        self.idle_lock.set_idle_seconds(saved.idle_lock_seconds)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Settings"),
            self.tr(
                "Settings saved. The language and the idle lock apply now; those marked * "
                "after the till is restarted."
            ),
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("settingsSavedBox")
        self._run(box)
