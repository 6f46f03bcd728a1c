"""`pos-till`: start the till, or the demo chain, or generate demo data."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from pos_client.config import (
    CONFIG_ENV,
    DATA_DIR_ENV,
    ConfigError,
    Settings,
    default_config_path,
    load_settings,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTimer

log = logging.getLogger(__name__)

DEMO_PRODUCTS = 2500
DEMO_LOGINS = "Demo logins: kierownik / PIN 1234 (manager), kasjer / PIN 1111 (cashier)."
NO_USERS = (
    "This till has no users yet. Add a manager first:\n"
    "  pos-till add-user --login kierownik --name 'Anna Nowak' --role manager"
)
NO_DISPLAY_HELP = """\
No display was found (DISPLAY and WAYLAND_DISPLAY are not set).
Run the till on a desktop, or:
  xvfb-run -a ./scripts/demo.sh              # a virtual screen (Debian package xvfb)
  QT_QPA_PLATFORM=offscreen ./scripts/demo.sh  # no screen at all (for checks)"""


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_till(settings: Settings, config_path: Path | None, demo: bool = False) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pos_client.bootstrap import build_till, load_theme
    from pos_client.logging_setup import install_exception_hook
    from pos_client.services.auth import ensure_first_manager
    from pos_client.store.errors import StoreError
    from pos_client.ui.main_window import MainWindow
    from pos_client.ui.translations import install_translation

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("pos-till")
    app.setStyleSheet(load_theme())
    translator = install_translation(app, settings.language)  # kept alive while the till runs

    def show_error(summary: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error", summary)
        box.setObjectName("errorDialog")
        box.setInformativeText(
            f"The till keeps running; details are in {settings.log_dir / 'till.log'}."
        )
        box.exec()

    install_exception_hook(show_error)
    waker = _quit_on_sigterm(app)
    try:
        # The demo users are made before the sync worker starts bringing the chain's users.
        till = build_till(settings, start_sync=False)
        if demo and ensure_first_manager(till.users):
            print(DEMO_LOGINS, flush=True)
        has_users = till.users.count() > 0
        till.sync.start()
    except StoreError as error:
        log.exception("cannot open the store")
        show_error(str(error))
        return 1
    if not has_users:
        show_error(NO_USERS)
        return 1
    window = MainWindow(till, config_path)
    # Fill the screen by geometry: a kiosk till has no window manager to maximise or focus it.
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    window.activateWindow()
    log.info("till ready: %s", settings.database_path)
    QTimer.singleShot(0, window.operations.start_session)  # inside the event loop: a
    status = app.exec()  # SIGTERM's exit() then ends the login dialog's loop too
    waker.stop()
    till.sync.close()
    if translator is not None:
        app.removeTranslator(translator)
    return status


def _quit_on_sigterm(app: QCoreApplication) -> QTimer:
    """Close cleanly on SIGTERM (a service stop, a shutdown) so that the demo's central service
    is stopped too. Python sees the signal only when it runs: a timer wakes it twice a second."""
    from PySide6.QtCore import QTimer

    def stop(_signum: int, _frame: object) -> None:
        log.info("SIGTERM: closing the till")
        app.exit(0)  # not quit(): Qt 6 lets a window (the login) refuse to close

    signal.signal(signal.SIGTERM, stop)
    waker = QTimer(app)
    waker.timeout.connect(lambda: None)
    waker.start(500)
    return waker


def _central(*args: str) -> list[str]:
    return [sys.executable, "-m", "sync.central", *args]


def _start_central(central_db: Path, port: int, log_file: Path) -> subprocess.Popen[bytes]:
    with log_file.open("ab") as log_output:
        central = subprocess.Popen(
            _central("serve", "--db", str(central_db), "--port", str(port)),
            stdout=log_output,
            stderr=log_output,
        )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=0.5).status_code == 200:
                return central
        except httpx.TransportError:
            time.sleep(0.1)
    central.terminate()
    raise RuntimeError(f"the central service did not start on port {port}")


def _enrol_demo_till(settings: Settings, central_db: Path, url: str, again: bool) -> None:
    """Enrol the demo till with the demo central service as a chain's back office would with
    `pos-central enrol-till`: once (the token stays in the till's database), or `again` when
    the central database is new or refused the token."""
    from pos_client.bootstrap import open_store
    from pos_client.services.sync_service import SyncService

    sync = SyncService(open_store(settings.database_path), settings.store_code)
    try:
        enrolled = sync.enrolment()
        if (
            not again
            and enrolled is not None
            and enrolled.central_url == url
            and enrolled.refused_at is None
        ):
            return
        token = subprocess.run(
            _central(
                "enrol-till",
                "--db",
                str(central_db),
                "--store",
                settings.store_code,
                "--till",
                settings.till_id,
            ),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        sync.enrol(url, token)
    finally:
        sync.close()


def run_demo(settings: Settings, port: int) -> int:
    """Demo chain: the central service loaded with the demo chain on first run, the till made
    from the same chain (with its quick-key pictures) and enrolled with it, then the till."""
    from pos_client.demo.generator import generate_chain
    from pos_client.store.catalogue import CatalogueRepository
    from pos_client.store.database import create_store_engine

    if not _has_display():
        print(NO_DISPLAY_HELP, file=sys.stderr)
        return 2
    central_db = settings.data_dir / "central.sqlite"
    new_central = not central_db.exists()
    if new_central:
        print(f"Loading the demo chain into the central service ({central_db}) ...", flush=True)
        subprocess.run(
            _central("demo", "--db", str(central_db), "--products", str(DEMO_PRODUCTS)),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not CatalogueRepository(create_store_engine(settings.database_path)).has_products():
        print(f"Making the demo till in {settings.data_dir} ...", flush=True)
        generate_chain(
            settings.database_path, products=DEMO_PRODUCTS, images_dir=settings.images_dir
        )
    central_log = settings.log_dir / "central.log"
    central = _start_central(central_db, port, central_log)
    url = f"http://127.0.0.1:{port}"
    print(f"Central service on {url} (pid {central.pid}, log {central_log})", flush=True)
    try:
        _enrol_demo_till(settings, central_db, url, again=new_central)
        return run_till(settings, default_config_path(), demo=True)
    finally:
        central.terminate()
        central.wait(timeout=10)


def enrol(settings: Settings, url: str) -> int:
    """Keep the central service's address and this till's token (asked for, never echoed)."""
    from pos_client.bootstrap import open_store
    from pos_client.services.sync_service import EnrolmentError, SyncService
    from pos_client.store.errors import StoreError

    token = getpass.getpass("Till token (from `pos-central enrol-till`): ")
    sync = SyncService(open_store(settings.database_path), settings.store_code)
    try:
        sync.enrol(url, token)
    except (EnrolmentError, StoreError) as error:
        print(f"pos-till: {error}", file=sys.stderr)
        return 2
    finally:
        sync.close()
    print(f"Enrolled with {url}: store {settings.store_code}, till {settings.till_id}.")
    return 0


def generate(db: Path, products: int, images_dir: Path | None) -> int:
    from pos_client.demo.generator import generate_chain

    started = time.perf_counter()
    summary = generate_chain(db, products=products, images_dir=images_dir)
    print(f"{summary} in {time.perf_counter() - started:.1f} s")
    return 0


def add_user(settings: Settings, login: str, name: str, role: str) -> int:
    from pos_client.bootstrap import open_store
    from pos_client.domain.people import Role
    from pos_client.domain.pin import PinError
    from pos_client.store.errors import StoreError
    from pos_client.store.users import UserRepository

    pin = getpass.getpass("PIN (4-8 digits): ")
    if pin != getpass.getpass("PIN again: "):
        print("pos-till: the two PINs differ; nothing was added", file=sys.stderr)
        return 2
    try:
        member = UserRepository(open_store(settings.database_path)).add(
            login, name, Role(role), pin
        )
    except (PinError, StoreError, ValueError) as error:
        print(f"pos-till: {error}", file=sys.stderr)
        return 2
    print(f"Added {member.display_name} ({member.login}, {member.role.value}).")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pos-till", description=__doc__)
    parser.add_argument("--config", type=Path, help="config file (default: the user config dir)")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="start the till (the default)")
    demo = commands.add_parser("demo", help="start the till on an embedded demo chain")
    demo.add_argument("--port", type=int, default=8765, help="port of the demo central service")
    user = commands.add_parser("add-user", help="add a cashier or a manager (asks for the PIN)")
    user.add_argument("--login", required=True)
    user.add_argument("--name", required=True)
    user.add_argument("--role", choices=("cashier", "manager"), default="cashier")
    enrol_cmd = commands.add_parser(
        "enrol", help="connect this till to the central service (asks for the till's token)"
    )
    enrol_cmd.add_argument("--url", required=True, help="e.g. https://central.example:8765")
    gen = commands.add_parser("generate-demo", help="write a demo chain into a database file")
    gen.add_argument("--db", type=Path, required=True)
    gen.add_argument("--products", type=int, default=DEMO_PRODUCTS)
    gen.add_argument("--images", type=Path, help="folder for quick-key images")
    args = parser.parse_args(argv)

    if args.command == "demo":
        # The demo keeps its data and its settings file apart from a real till's.
        demo_dir = Path(os.environ.get(DATA_DIR_ENV) or Settings().data_dir / "demo")
        os.environ[DATA_DIR_ENV] = str(demo_dir)
        os.environ.setdefault(CONFIG_ENV, str(demo_dir / "till.toml"))
    try:
        settings = load_settings(args.config)
    except ConfigError as error:
        print(f"pos-till: {error}", file=sys.stderr)
        return 2
    if args.command == "generate-demo":
        return generate(args.db, args.products, args.images)
    if args.command == "add-user":
        return add_user(settings, args.login, args.name, args.role)
    if args.command == "enrol":
        return enrol(settings, args.url)

    from pos_client.logging_setup import configure_logging

    configure_logging(settings.log_dir)
    if args.command == "demo":
        return run_demo(settings, args.port)
    if not _has_display():
        print(NO_DISPLAY_HELP.replace("./scripts/demo.sh", "pos-till"), file=sys.stderr)
        return 2
    return run_till(settings, args.config or default_config_path())
