"""A serial scanner configured for the till, on a real pseudo-terminal pair: its codes reach the
sale on the GUI thread, its state shows in the header, and unplugging and plugging it back in
(a new pty behind the same path, as udev's by-id links do) is seen by the cashier."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from hardware.serial_scanner import ScannerStatus, SerialScannerSettings
from pos_client.ui.main_window import MainWindow
from pos_client.ui.serial_scanner_link import SerialScannerLink
from tests.hardware.test_serial_scanner import Pty
from tests.pos_client.ui.conftest import TillMaker, ean
from tests.pos_client.ui.test_printing_at_the_till import open_window

WAIT_MS = 10_000


@pytest.fixture
def ptys() -> Iterator[list[Pty]]:
    made: list[Pty] = []
    yield made
    for pty in made:
        pty.unplug()


def test_codes_reach_the_sale_and_unplugging_shows(
    qtbot: QtBot, make_till: TillMaker, tmp_path: Path, ptys: list[Pty]
) -> None:
    ptys.append(Pty())
    link = tmp_path / "scanner"
    link.symlink_to(ptys[0].slave_name)
    window: MainWindow = open_window(qtbot, make_till(serial_scanner_port=str(link)))
    label = window.scanner_label
    qtbot.waitUntil(lambda: label.text() == f"Scanner on {link}: ready", timeout=WAIT_MS)
    window.search_input.setFocus()

    ptys[0].send(ean("P001").encode() + b"\r\n")

    qtbot.waitUntil(lambda: window.cart_model.rowCount() == 1, timeout=WAIT_MS)
    assert window.cart_model.index(0, 0).data() == "Żółw czekoladowy 40 g"
    assert window.search_input.text() == ""

    ptys[0].unplug()
    qtbot.waitUntil(lambda: "unplugged" in label.text(), timeout=WAIT_MS)
    assert label.text() == f"Scanner on {link} is unplugged: plug it in again"

    ptys.append(Pty())
    link.unlink()
    link.symlink_to(ptys[1].slave_name)
    qtbot.waitUntil(lambda: label.text().endswith("ready"), timeout=WAIT_MS)
    ptys[1].send(ean("P002").encode() + b"\r")

    qtbot.waitUntil(lambda: window.cart_model.rowCount() == 2, timeout=WAIT_MS)
    window.close()
    assert window.serial_scanner is not None
    assert not [t for t in threading.enumerate() if t.name.startswith("serial-scanner")]


def test_codes_and_statuses_are_delivered_on_the_gui_thread(qtbot: QtBot, ptys: list[Pty]) -> None:
    ptys.append(Pty())
    owner = QObject()
    link = SerialScannerLink(SerialScannerSettings(ptys[0].slave_name, retry_s=0.05), owner)
    threads: list[bool] = []
    codes: list[str] = []
    statuses: list[ScannerStatus] = []

    def on_code(code: str) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        codes.append(code)

    def on_status(status: object) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        assert isinstance(status, ScannerStatus)
        statuses.append(status)

    link.code.connect(on_code)
    link.status_changed.connect(on_status)
    link.start()
    try:
        qtbot.waitUntil(lambda: bool(statuses) and statuses[-1].connected, timeout=WAIT_MS)
        ptys[0].send(b"]C1\x1d0105901234123457\r\n")  # the GS1 separator stays
        qtbot.waitUntil(lambda: bool(codes), timeout=WAIT_MS)
    finally:
        link.stop()

    assert codes == ["]C1\x1d0105901234123457"]
    assert threads
    assert all(threads)
    assert link.status is not None
    assert link.status.connected
