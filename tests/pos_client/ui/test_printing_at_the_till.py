"""Printing on the real sale screen: receipts after a sale, a failure that waits with Retry while
the sale stays saved, the preview without a printer, copies from history, the drawer, an X
report, the receipt offered at start-up and a code read from a picture. Printers are a file
(a device node) and a TCP printer emulator on 127.0.0.1; the bytes are read back."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hardware.code_images import code_image
from hardware.decoding import ZxingDecoder
from hardware.symbology import Symbology
from pos_client.bootstrap import Till
from pos_client.domain.payment import Tender
from pos_client.domain.sale import SaleRecord
from pos_client.services.receipt_printing import COPY
from pos_client.ui.main_window import MainWindow
from pos_client.ui.payment_dialog import PaymentDialog
from pos_client.ui.reprint_dialog import ReprintDialog
from pos_client.ui.shift_dialogs import ReportDialog
from tests.hardware.escpos_decoder import (
    BarcodeCommand,
    DrawerKick,
    Printout,
    code128_text,
    decode_escpos,
)
from tests.hardware.printer_emulator import PAPER_OK, PAPER_OUT, tcp_printer
from tests.pos_client.ui.conftest import TillMaker, ean, pillow_of
from tests.pos_client.ui.test_main_window import scan, when_dialog_opens
from tests.pos_client.ui.test_till_operations import (
    log_in_cashier_with_a_manager,
    manager_approves,
)
from tests.pos_client.ui.test_wedge_filter import Keyboard, focus

WAIT_MS = 10_000


def open_window(qtbot: QtBot, till: Till) -> MainWindow:
    window = MainWindow(till)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def pay_cash(qtbot: QtBot, window: MainWindow) -> None:
    def exact_cash(dialog: QWidget) -> None:
        assert isinstance(dialog, PaymentDialog)
        qtbot.mouseClick(dialog.findChild(QPushButton, "cashButton"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "doneButton"), Qt.MouseButton.LeftButton)

    when_dialog_opens(qtbot, "paymentDialog", exact_cash)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F12)


def sell_quietly(till: Till, sku: str = "P001") -> SaleRecord:
    """A sale committed without the screen (so nothing is printed for it)."""
    till.checkout.scan(ean(sku))
    return till.checkout.pay([(Tender.CARD, till.checkout.cart.total())])


def printed(qtbot: QtBot, device: Path) -> Printout:
    qtbot.waitUntil(lambda: device.exists() and device.stat().st_size > 0, timeout=WAIT_MS)
    return decode_escpos(device.read_bytes())


def trigger(window: MainWindow, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None
    action.trigger()


def test_a_cash_sale_prints_its_receipt_and_kicks_the_drawer(
    qtbot: QtBot, make_till: TillMaker, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    till = make_till(printer=f"file:{device}")
    window = open_window(qtbot, till)
    scan(qtbot, window, ean("P001"))

    pay_cash(qtbot, window)

    printout = printed(qtbot, device)
    assert printout.of_type(DrawerKick)
    (barcode,) = printout.of_type(BarcodeCommand)
    assert code128_text(barcode.data) == "WAW01-01-000001"
    assert "Żółw czekoladowy 40 g" in printout.lines()
    qtbot.waitUntil(lambda: till.printing.marker.read() == "WAW01-01-000001", timeout=WAIT_MS)
    assert not window.printer.bar.isVisible()


def test_out_of_paper_waits_with_retry_while_selling_goes_on(
    qtbot: QtBot, make_till: TillMaker
) -> None:
    with tcp_printer(PAPER_OUT) as emulator:
        till = make_till(printer=f"tcp://127.0.0.1:{emulator.port}")
        window = open_window(qtbot, till)
        scan(qtbot, window, ean("P002"))
        pay_cash(qtbot, window)

        bar = window.printer.bar
        qtbot.waitUntil(bar.isVisible, timeout=WAIT_MS)
        assert "Receipt WAW01-01-000001 was not printed" in bar.text.text()
        assert "out of paper" in bar.text.text()
        assert bar.retry_button.text() == "Retry"
        sale = till.checkout.last_sale()
        assert sale is not None
        assert sale.receipt_number == "WAW01-01-000001"
        scan(qtbot, window, ean("P001"))  # the next customer is served meanwhile
        assert window.cart_model.rowCount() == 1

        emulator.paper_reply = PAPER_OK  # a new roll
        qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)

        qtbot.waitUntil(lambda: not bar.isVisible(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "Printed: Receipt WAW01-01-000001" in window.message.text())
        jobs = [emulator.next_job() for _ in range(2)]
    receipt = decode_escpos(jobs[-1])
    (barcode,) = receipt.of_type(BarcodeCommand)
    assert code128_text(barcode.data) == "WAW01-01-000001"
    assert receipt.of_type(DrawerKick), "the drawer opens when the receipt finally prints"


def test_without_a_printer_the_receipt_is_shown_after_the_sale(
    qtbot: QtBot, make_till: TillMaker
) -> None:
    till = make_till()
    window = open_window(qtbot, till)
    scan(qtbot, window, ean("P001"))

    pay_cash(qtbot, window)

    assert window.product_pages.currentWidget() is window.receipt_page
    assert window.receipt_page_title.text() == "Receipt WAW01-01-000001"
    image = window.receipt_page_preview.image
    assert image is not None
    codes = {(code.symbology, code.text) for code in ZxingDecoder().decode(pillow_of(image))}
    assert codes == {(Symbology.CODE128, "WAW01-01-000001")}
    assert till.printing.marker.read() == "WAW01-01-000001"
    assert not window.printer.bar.isVisible()

    scan(qtbot, window, ean("P002"))  # the next sale brings the quick keys back
    assert window.product_pages.currentWidget() is window.quick_keys


def test_a_copy_from_history_found_by_scanning_its_number(
    qtbot: QtBot, make_till: TillMaker, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    till = make_till(printer=f"file:{device}")
    first = sell_quietly(till, "P001")
    sell_quietly(till, "P002")
    window = open_window(qtbot, till)
    listed: list[int] = []

    def scan_and_print(dialog: QWidget) -> None:
        assert isinstance(dialog, ReprintDialog)
        listed.append(dialog.recent.count())
        focus(qtbot, dialog.number_input)
        Keyboard().scan(first.receipt_number or "")
        qtbot.waitUntil(lambda: dialog.receipt == first, timeout=WAIT_MS)
        assert dialog.preview.image is not None
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: device.exists() and device.stat().st_size > 0, timeout=WAIT_MS)
        dialog.accept()

    when_dialog_opens(qtbot, "reprintDialog", scan_and_print)
    trigger(window, "reprintAction")

    assert listed == [2]
    printout = printed(qtbot, device)
    assert COPY in [line.strip() for line in printout.lines()]
    assert not printout.of_type(DrawerKick)
    (barcode,) = printout.of_type(BarcodeCommand)
    assert code128_text(barcode.data) == first.receipt_number


def test_the_drawer_opens_after_a_managers_approval(
    qtbot: QtBot, make_till: TillMaker, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    till = make_till(printer=f"file:{device}")
    log_in_cashier_with_a_manager(till)
    window = open_window(qtbot, till)
    refused: list[str] = []

    when_dialog_opens(qtbot, "approvalDialog", manager_approves(qtbot, "change for a 200", refused))
    trigger(window, "openDrawerAction")

    assert refused == []
    printout = printed(qtbot, device)
    assert printout.of_type(DrawerKick)
    assert not printout.lines()


def test_an_x_report_prints_through_the_same_engine(
    qtbot: QtBot, make_till: TillMaker, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    till = make_till(printer=f"file:{device}", printer_paper_mm=58)
    sell_quietly(till)
    window = open_window(qtbot, till)

    def print_it(dialog: QWidget) -> None:
        assert isinstance(dialog, ReportDialog)
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        dialog.accept()

    when_dialog_opens(qtbot, "reportDialog", print_it)
    trigger(window, "xReportAction")

    lines = printed(qtbot, device).lines()
    assert "RAPORT X" in [line.strip() for line in lines]
    assert max(map(len, lines)) <= 32


def test_reports_have_no_print_button_without_a_printer(qtbot: QtBot, make_till: TillMaker) -> None:
    window = open_window(qtbot, make_till())
    visible: list[bool] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ReportDialog)
        visible.append(dialog.print_button.isVisible())
        dialog.accept()

    when_dialog_opens(qtbot, "reportDialog", look)
    trigger(window, "xReportAction")

    assert visible == [False]


def test_a_receipt_that_never_printed_is_offered_at_start_up(
    qtbot: QtBot, make_till: TillMaker, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    till = make_till(printer=f"file:{device}")
    printed_one = sell_quietly(till, "P001")
    till.printing.marker.write(printed_one.receipt_number or "")
    owed = sell_quietly(till, "P002")  # the till stopped before this receipt printed

    window = open_window(qtbot, make_till(printer=f"file:{device}"))  # the till starts again

    bar = window.printer.bar
    qtbot.waitUntil(bar.isVisible, timeout=WAIT_MS)
    assert bar.text.text() == "Receipt WAW01-01-000002 was saved but never printed."
    assert bar.retry_button.text() == "Print"
    qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    (barcode,) = printed(qtbot, device).of_type(BarcodeCommand)
    assert code128_text(barcode.data) == owed.receipt_number
    qtbot.waitUntil(lambda: till.printing.marker.read() == owed.receipt_number, timeout=WAIT_MS)
    assert not bar.isVisible()


def read_picture(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(path))
        dialog.accept()

    when_dialog_opens(qtbot, "pictureFileDialog", choose)
    trigger(window, "pictureCodeAction")


def test_a_code_read_from_a_picture_goes_to_the_sale(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    picture = code_image(ean("P002"), Symbology.EAN13, 3).rotate(12, expand=True, fillcolor=255)
    path = tmp_path / "zdjęcie kuponu.png"
    picture.save(path)

    read_picture(qtbot, window, path)

    qtbot.waitUntil(lambda: window.cart_model.rowCount() == 1, timeout=WAIT_MS)
    assert window.cart_model.index(0, 0).data() == "Mleko łaciate 3,2% 1 l"


def test_a_picture_without_a_code_says_so(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    Image.new("L", (320, 240), 200).save(path)

    read_picture(qtbot, window, path)

    qtbot.waitUntil(lambda: "No barcode or QR code" in window.message.text(), timeout=WAIT_MS)
    assert "blank.png" in window.message.text()
    assert window.cart_model.rowCount() == 0
    assert not window.operations.reading_picture


def test_a_voided_paid_sale_prints_its_return_document(
    qtbot: QtBot, make_till: TillMaker, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    till = make_till(printer=f"file:{device}")
    log_in_cashier_with_a_manager(till)
    sale = sell_quietly(till, "P003")
    window = open_window(qtbot, till)
    refused: list[str] = []

    when_dialog_opens(qtbot, "approvalDialog", manager_approves(qtbot, "wrong item", refused))
    trigger(window, "voidPaidSaleAction")

    assert refused == []
    printout = printed(qtbot, device)
    lines = [line.strip() for line in printout.lines()]
    assert "ZWROT TOWARU" in lines
    assert f"Doparagonu{sale.receipt_number}" in [line.replace(" ", "") for line in lines]
    assert not printout.of_type(DrawerKick), "the card is refunded: the drawer stays shut"
    (barcode,) = printout.of_type(BarcodeCommand)
    assert code128_text(barcode.data) == "WAW01-01-R000001"
