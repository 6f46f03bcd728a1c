"""Screenshots of the real till for the README: the sale screen, a search and the payment dialog.

Makes a demo chain in a temporary data folder, starts the till's real main window on the current
display (meant for a virtual X screen: see scripts/screenshots.sh) and drives it like a cashier:
scans demo barcodes into the scan field, taps a quick key, searches by name, pays in cash. With
xdotool on an X display the keystrokes and taps are real X input events; otherwise (or with
--input qtest) they are Qt test events.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/take_screenshots.py \\
        --out docs/screenshots
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from hardware.barcodes import with_check_digit
from pos_client.bootstrap import Till, build_till, load_theme
from pos_client.config import Settings
from pos_client.demo.generator import generate_chain
from pos_client.domain.cash import CashCount
from pos_client.domain.money import Money
from pos_client.domain.quantity import Unit
from pos_client.ui.main_window import MainWindow
from pos_client.ui.payment_dialog import PaymentDialog
from pos_client.ui.translations import install_translation

WIDTH, HEIGHT = 1280, 800
DEMO_PRODUCTS = 2500
SETTLE_MS = 400
"""Time given to the window system to paint before a grab."""
TIMEOUT_MS = 10_000
SAME_SCREEN_LIMIT = 0.01
"""Share of differing sample cells below which the screen grab counts as the window grab."""

SCANNED_BY_NAME = (
    "Żółw czekoladowy 40 g",
    "Mleko łaciate 3,2% 1 l",
    "Chleb żytni na zakwasie 500 g",
    "Chleb żytni na zakwasie 500 g",  # a second scan: the same line, quantity 2
)
WEIGHED_LABEL = ("Kiełbasa śląska na wagę", 452)
"""A scale label: the in-store code of this product with the weight (grams) printed on it."""
QUICK_KEY = "Pączek z różą 100 g"
SEARCH_TEXT = "zolw"
OPENING_FLOAT = CashCount({10000: 2, 5000: 4, 2000: 5, 1000: 10})
"""The float counted into the drawer when the shift opens (600 zł): a sale needs an open shift."""


class ScreenshotError(RuntimeError):
    """The till did not do what the cashier asked, or the display does not show it."""


@dataclass(frozen=True, slots=True)
class Saved:
    path: Path
    width: int
    height: int
    size_bytes: int


# --- demo data --------------------------------------------------------------------------------


def make_demo_data(data_dir: Path, products: int) -> Settings:
    settings = Settings(data_dir=data_dir)
    summary = generate_chain(
        settings.database_path, products=products, images_dir=settings.images_dir
    )
    print(f"demo chain: {summary.products} products, {summary.quick_keys} quick keys", flush=True)
    return settings


def scan_codes(database: Path) -> list[str]:
    """Real barcodes of the demo catalogue, in the order the cashier scans them."""
    connection = sqlite3.connect(database)
    try:
        codes: list[str] = []
        for name in SCANNED_BY_NAME:
            row = connection.execute(
                "SELECT min(b.code) FROM barcodes b JOIN products p ON p.id = b.product_id "
                "WHERE p.name = ? AND b.code LIKE '590%'",
                (name,),
            ).fetchone()
            if row is None or row[0] is None:
                raise ScreenshotError(f"no EAN for {name!r} in the demo catalogue")
            codes.append(str(row[0]))
        # The longest product name of the catalogue: how the cart copes with it.
        row = connection.execute(
            "SELECT min(b.code) FROM barcodes b WHERE b.product_id = "
            "(SELECT id FROM products WHERE unit = 'piece' ORDER BY length(name) DESC, id LIMIT 1)"
        ).fetchone()
        if row is None or row[0] is None:
            raise ScreenshotError("no barcode for the longest product name")
        codes.append(str(row[0]))
        name, grams = WEIGHED_LABEL
        row = connection.execute(
            "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
            "WHERE p.name = ? AND b.code LIKE '2%'",
            (name,),
        ).fetchone()
        if row is None:
            raise ScreenshotError(f"no in-store code for {name!r} in the demo catalogue")
        in_store = str(row[0])  # prefix + item number + zero weight + check digit
        codes.append(with_check_digit(f"{in_store[:7]}{grams:05d}"))
        return codes
    finally:
        connection.close()


# --- the cashier's hands ----------------------------------------------------------------------


def wait_until(condition: Callable[[], bool], what: str, timeout_ms: int = TIMEOUT_MS) -> None:
    waited = 0
    while not condition():
        if waited >= timeout_ms:
            raise ScreenshotError(f"timed out after {timeout_ms} ms waiting for: {what}")
        QTest.qWait(20)
        waited += 20


class Cashier:
    """Keys and taps: real X input through xdotool, or Qt test events."""

    def __init__(self, use_xdotool: bool) -> None:
        self.use_xdotool = use_xdotool

    def _xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, timeout=30)

    def type_text(self, text: str) -> None:
        if self.use_xdotool:
            self._xdotool("type", "--delay", "25", "--", text)
        else:
            QTest.keyClicks(self._focus(), text)
        QTest.qWait(50)

    def key(self, xdotool_name: str, qt_key: Qt.Key) -> None:
        if self.use_xdotool:
            self._xdotool("key", "--clearmodifiers", xdotool_name)
        else:
            QTest.keyClick(self._focus(), qt_key)
        QTest.qWait(50)

    def tap(self, widget: QWidget) -> None:
        if not widget.isVisible() or not widget.isEnabled():
            raise ScreenshotError(f"cannot tap {widget.objectName()}: hidden or disabled")
        if self.use_xdotool:
            centre = widget.mapToGlobal(widget.rect().center())
            self._xdotool("mousemove", "--sync", str(centre.x()), str(centre.y()), "click", "1")
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        QTest.qWait(50)

    def park_pointer(self, point: QPoint) -> None:
        """Move the pointer to where it does not hover over a button in the pictures."""
        if self.use_xdotool:
            self._xdotool("mousemove", "--sync", str(point.x()), str(point.y()))

    @staticmethod
    def _focus() -> QWidget:
        widget = QApplication.focusWidget()
        if widget is None:
            raise ScreenshotError("no widget has the keyboard focus")
        return widget


# --- pictures ---------------------------------------------------------------------------------


def save(pixmap: QPixmap, path: Path) -> Saved:
    if pixmap.isNull() or not pixmap.save(str(path), "PNG"):
        raise ScreenshotError(f"could not save {path}")
    saved = Saved(path, pixmap.width(), pixmap.height(), path.stat().st_size)
    print(f"saved {path} ({saved.width}x{saved.height}, {saved.size_bytes} bytes)", flush=True)
    return saved


def grab(widget: QWidget, path: Path) -> Saved:
    QTest.qWait(SETTLE_MS)
    return save(widget.grab(), path)


def difference(first: QImage, second: QImage) -> float:
    """Share of cells of a coarse grid whose colours differ clearly (1.0 for other sizes)."""
    if first.size() != second.size():
        return 1.0
    cols, rows = 160, 100
    a = first.scaled(cols, rows, mode=Qt.TransformationMode.SmoothTransformation)
    b = second.scaled(cols, rows, mode=Qt.TransformationMode.SmoothTransformation)
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    differing = 0
    for y in range(rows):
        for x in range(cols):
            pa, pb = a.pixelColor(x, y), b.pixelColor(x, y)
            delta = (
                abs(pa.red() - pb.red()) + abs(pa.green() - pb.green()) + abs(pa.blue() - pb.blue())
            )
            differing += delta > 24
    return differing / (cols * rows)


def is_blank(image: QImage) -> bool:
    small = image.scaled(64, 40).convertToFormat(QImage.Format.Format_RGB32)
    first = small.pixel(0, 0)
    return all(small.pixel(x, y) == first for y in range(40) for x in range(64))


def grab_screen(window_shot: Path, out: Path) -> Saved | None:
    """The whole X screen, to prove that the real window is on it; kept when it adds something."""
    screen = QGuiApplication.primaryScreen()
    QTest.qWait(SETTLE_MS)
    shot = screen.grabWindow(0)
    if shot.isNull() or is_blank(shot.toImage()):
        raise ScreenshotError(
            f"the screen grab ({QGuiApplication.platformName()}) is empty: the window does not "
            "render on the display"
        )
    share = difference(shot.toImage(), QImage(str(window_shot)))
    print(f"screen grab vs window grab: {share:.1%} of the picture differs", flush=True)
    if share < SAME_SCREEN_LIMIT:
        return None
    return save(shot, out / "main-screen.png")


# --- the sale ---------------------------------------------------------------------------------


def scan(cashier: Cashier, window: MainWindow, till: Till, code: str) -> None:
    before = window.cart_model.rowCount(), till.checkout.cart.item_count()
    if QApplication.focusWidget() is not window.scan_input:
        raise ScreenshotError("the scan field does not have the keyboard focus")
    cashier.type_text(code)
    cashier.key("Return", Qt.Key.Key_Return)

    def added() -> bool:
        after = window.cart_model.rowCount(), till.checkout.cart.item_count()
        return after != before or window.message.property("kind") == "error"

    wait_until(added, f"the till to add {code}")
    if window.message.property("kind") == "error":
        raise ScreenshotError(f"scanning {code} failed: {window.message.text()}")
    print(f"scanned {code}: {window.message.text()}", flush=True)


def tap_quick_key(cashier: Cashier, window: MainWindow, till: Till, name: str) -> None:
    entries = till.lookup.quick_keys()
    pairs = zip(entries, window.quick_keys.buttons, strict=True)
    found = next(((entry, button) for entry, button in pairs if entry.name == name), None)
    if found is None:
        raise ScreenshotError(f"no quick key for {name!r}")
    entry, button = found
    if entry.unit is not Unit.PIECE:
        raise ScreenshotError(f"{name} is weighed: it would ask for a weight")
    rows = window.cart_model.rowCount()
    cashier.tap(button)
    wait_until(lambda: window.cart_model.rowCount() > rows, f"quick key {name}")
    print(f"tapped {button.objectName()}: {window.message.text()}", flush=True)


def cash_to_type(total: Money) -> Money:
    """What the customer hands over: the next 50 zł above the total."""
    step = 5000
    return Money((total.grosze // step + 1) * step)


def pay_in_cash(cashier: Cashier, window: MainWindow, till: Till, out: Path) -> list[Saved]:
    """Tap Pay; inside the modal dialog type the cash, photograph it, commit, photograph the
    change, then tap Next customer."""
    saved: list[Saved] = []
    errors: list[BaseException] = []
    finished: list[bool] = []

    def dialog() -> PaymentDialog | None:
        widget = QApplication.activeModalWidget()
        return widget if isinstance(widget, PaymentDialog) else None

    def inside(attempts: int = 0) -> None:
        payment = dialog()
        if payment is None or not payment.isVisible():
            if attempts > TIMEOUT_MS // 20:
                errors.append(ScreenshotError("the payment dialog did not open"))
                finished.append(True)
            else:
                QTimer.singleShot(20, lambda: inside(attempts + 1))
            return
        try:
            act(payment)
        except BaseException as error:  # reported after the dialog is closed
            errors.append(error)
            traceback.print_exc()
            payment.done(0)
        finally:
            finished.append(True)

    def act(payment: PaymentDialog) -> None:
        QTest.qWait(SETTLE_MS)
        if QApplication.focusWidget() is not payment.amount_input:
            raise ScreenshotError(
                "the amount field of the payment dialog does not have the keyboard focus "
                f"(focus: {QApplication.focusWidget()!r})"
            )
        cash = cash_to_type(till.checkout.cart.total())
        cashier.type_text(str(cash.grosze // 100))  # what a cashier types: "100"
        wait_until(lambda: payment.amount_input.text() != "", "the typed amount")
        saved.append(grab(payment, out / "payment.png"))
        cashier.tap(payment.cash_button)
        wait_until(lambda: payment.sale is not None, "the sale to be saved")
        saved.append(grab(payment, out / "payment-done.png"))
        print(f"paid: {payment.change_label.text()}, {payment.receipt_label.text()}", flush=True)
        cashier.tap(payment.done_button)

    QTimer.singleShot(0, inside)
    cashier.tap(window.pay_button)  # with QTest the click runs the modal dialog in here
    wait_until(lambda: bool(finished) and dialog() is None, "the payment dialog to close")
    if errors:
        raise ScreenshotError(f"payment failed: {errors[0]}") from errors[0]
    return saved


def take(out: Path, data_dir: Path, use_xdotool: bool) -> list[Saved]:
    settings = make_demo_data(data_dir, DEMO_PRODUCTS)
    codes = scan_codes(settings.database_path)
    till = build_till(settings)
    till.shifts.open_shift(OPENING_FLOAT)
    window = MainWindow(till)
    window.resize(WIDTH, HEIGHT)
    window.move(0, 0)
    window.show()
    wait_until(window.isVisible, "the main window to show")
    window.activateWindow()
    wait_until(window.isActiveWindow, "the main window to become active")
    QTest.qWait(SETTLE_MS)
    geometry = window.frameGeometry()
    print(
        f"platform {QGuiApplication.platformName()}, screen "
        f"{QGuiApplication.primaryScreen().size().toTuple()}, window at "
        f"{geometry.x()},{geometry.y()} {geometry.width()}x{geometry.height()}",
        flush=True,
    )
    cashier = Cashier(use_xdotool)
    cashier.park_pointer(window.store_label.mapToGlobal(QPoint(4, 4)))

    saved: list[Saved] = []
    for code in codes:
        scan(cashier, window, till, code)
    tap_quick_key(cashier, window, till, QUICK_KEY)
    cashier.park_pointer(window.store_label.mapToGlobal(QPoint(4, 4)))
    main = grab(window, out / "main.png")
    saved.append(main)
    screen = grab_screen(main.path, out)
    if screen is not None:
        saved.append(screen)

    cashier.key("F2", Qt.Key.Key_F2)
    wait_until(lambda: QApplication.focusWidget() is window.search_input, "F2 to focus search")
    cashier.type_text(SEARCH_TEXT)
    wait_until(lambda: window.results_model.rowCount() > 0, f"results for {SEARCH_TEXT!r}")
    print(f"search {SEARCH_TEXT!r}: {window.results_model.rowCount()} result(s)", flush=True)
    saved.append(grab(window, out / "search.png"))
    cashier.key("Escape", Qt.Key.Key_Escape)
    wait_until(lambda: QApplication.focusWidget() is window.scan_input, "Esc back to scanning")

    saved.extend(pay_in_cash(cashier, window, till, out))
    wait_until(lambda: till.checkout.cart.is_empty(), "an empty cart after the sale")
    print(f"after the sale: {window.message.text()}", flush=True)
    window.close()
    till.engine.dispose()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument(
        "--input",
        choices=("auto", "xdotool", "qtest"),
        default="auto",
        help="real X input through xdotool (auto: when on xcb and xdotool is installed)",
    )
    parser.add_argument("--keep-data", action="store_true", help="keep the demo data folder")
    args = parser.parse_args(argv)

    app = QApplication(sys.argv[:1])
    app.setApplicationName("pos-till")
    app.setStyleSheet(load_theme())
    install_translation(app, "pl")  # the till speaks Polish by default (parented to app)
    platform = QGuiApplication.platformName()
    if platform != "xcb":
        print(f"warning: Qt platform {platform!r}, not xcb: not a real X window", file=sys.stderr)
    has_xdotool = shutil.which("xdotool") is not None and platform == "xcb"
    if args.input == "xdotool" and not has_xdotool:
        parser.error("--input xdotool needs the xdotool command and the xcb platform")
    use_xdotool = has_xdotool if args.input == "auto" else args.input == "xdotool"
    print(f"input: {'xdotool (real X events)' if use_xdotool else 'Qt test events'}", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="pos-till-screenshots-"))
    try:
        saved = take(args.out, data_dir, use_xdotool)
    except ScreenshotError as error:
        print(f"take_screenshots: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep_data:
            print(f"demo data kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    print(f"{len(saved)} screenshot(s) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
