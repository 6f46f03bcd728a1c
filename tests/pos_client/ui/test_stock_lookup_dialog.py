"""Stock in the other stores on a real till against the real central service: a scanned product
answered live (this store first, then the most to take, with addresses and opening hours, on
hand and reserved as the central ledger has them), the same answer marked NOT LIVE with its age
when the central service has stopped, and the refusals (never asked while offline, a product
the central service does not know, a weighed product in kilograms)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from pos_client.bootstrap import Till
from pos_client.services.sync_service import StockLookup, SyncService
from pos_client.ui.stock_lookup_dialog import (
    COLUMN_ADDRESS,
    COLUMN_AVAILABLE,
    COLUMN_HOURS,
    COLUMN_ON_HAND,
    COLUMN_RESERVED,
    COLUMN_STORE,
    StockLookupDialog,
)
from sync.central.database import read_session, write_transaction
from sync.central.models import Product, StockLevel, Store
from sync.central.movements import deliver, reserve
from tests.pos_client.ui import central_for_screens as screens
from tests.pos_client.ui.central_for_screens import STORE, WAIT_MS, go_online, new_token

central_db_url = screens.central_db_url
central_engine = screens.central_engine
central_demo = screens.central_demo
central_server = screens.central_server
central_process = screens.central_process
sync = screens.sync

SKU = "P0000001"


def make_dialog(qtbot: QtBot, till: Till, sync: SyncService) -> StockLookupDialog:
    dialog = StockLookupDialog(sync, till.lookup, STORE)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def central_stock(engine: Engine, sku: str) -> dict[str, tuple[int, int, str, str]]:
    """(on hand, reserved, address, opening hours) by store code, read from the central
    tables (a store where the product never moved has none)."""
    with read_session(engine) as session:
        stores = session.execute(
            select(Store.id, Store.code, Store.address, Store.opening_hours)
        ).all()
        levels = {
            level.store_id: (level.on_hand, level.reserved)
            for level in session.scalars(select(StockLevel).join(Product).where(Product.sku == sku))
        }
    return {
        code: (*levels.get(store_id, (0, 0)), address, hours)
        for store_id, code, address, hours in stores
    }


def shown(dialog: StockLookupDialog) -> list[list[str]]:
    table = dialog.table
    rows = []
    for row in range(table.rowCount()):
        cells = [table.item(row, column) for column in range(table.columnCount())]
        rows.append([cell.text() if cell is not None else "" for cell in cells])
    return rows


def answer_to(qtbot: QtBot, dialog: StockLookupDialog, ask: Callable[[], None]) -> StockLookup:
    """What the dialog shows after `ask()` (a scan, a click): waits for the central answer."""

    def current() -> StockLookup | None:
        return dialog.answer

    dialog.answer = None
    ask()
    qtbot.waitUntil(lambda: current() is not None, timeout=WAIT_MS)
    answer = current()
    assert answer is not None
    return answer


def scan(qtbot: QtBot, dialog: StockLookupDialog, code: str) -> None:
    qtbot.keyClicks(dialog.search_input, code)
    qtbot.keyClick(dialog.search_input, Qt.Key.Key_Return)


def test_live_answer_then_the_cached_one_marked_not_live_when_the_central_service_stops(
    qtbot: QtBot,
    till: Till,
    sync: SyncService,
    central_demo: Engine,
    central_db_url: str,
    central_process: screens.CentralProcessFactory,
) -> None:
    now = datetime.now(UTC)
    write_transaction(central_demo, lambda s: deliver(s, "GDA01", SKU, 5000, now, "test"))
    write_transaction(central_demo, lambda s: reserve(s, "KRK01", SKU, 3, now, "customer"))
    server = central_process(central_db_url)
    go_online(qtbot, sync, server.url, new_token(central_demo))
    (entry,) = till.lookup.search(SKU)
    assert entry.barcode is not None
    dialog = make_dialog(qtbot, till, sync)

    barcode = entry.barcode
    assert answer_to(qtbot, dialog, lambda: scan(qtbot, dialog, barcode)).live

    expected = central_stock(central_demo, SKU)
    rows = shown(dialog)
    assert len(rows) == len(expected) == 4
    assert rows[0][COLUMN_STORE].endswith(f"({STORE}) · this store")
    assert rows[1][COLUMN_STORE].endswith("(GDA01)")  # the most to take
    available = [int(row[COLUMN_AVAILABLE]) for row in rows[1:]]
    assert available == sorted(available, reverse=True)
    for row in rows:
        code = row[COLUMN_STORE].split("(")[-1].split(")")[0]
        on_hand, reserved, address, hours = expected[code]
        assert row[COLUMN_ON_HAND] == str(on_hand)
        assert row[COLUMN_RESERVED] == str(reserved)
        assert row[COLUMN_AVAILABLE] == str(on_hand - reserved)
        assert (row[COLUMN_ADDRESS], row[COLUMN_HOURS]) == (address, hours)
    assert expected["KRK01"][1] == 3
    own, other_store = dialog.table.item(0, COLUMN_STORE), dialog.table.item(1, COLUMN_STORE)
    assert own is not None
    assert own.font().bold()
    assert other_store is not None
    assert not other_store.font().bold()
    assert dialog.product_label.text() == f"{entry.name} · {SKU}"
    assert dialog.freshness_label.text().startswith("Live: as the central service knew it at ")
    assert dialog.freshness_label.property("live") == "true"
    assert dialog.search_input.text() == ""  # ready for the next scan

    server.stop()
    cached = answer_to(
        qtbot, dialog, lambda: qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    )
    assert not cached.live
    assert shown(dialog) == rows
    freshness = dialog.freshness_label.text()
    assert freshness.startswith("NOT LIVE: the central service cannot be asked now.")
    assert "(less than a minute ago)" in freshness
    assert dialog.freshness_label.property("live") == "false"
    assert dialog.freshness_label.toolTip()  # why it could not be asked

    (other,) = till.lookup.search("P0000002")
    scan(qtbot, dialog, "P0000002")
    qtbot.waitUntil(lambda: "No stock figures" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.message.text().startswith(f"No stock figures for {other.name} (P0000002)")
    assert dialog.table.rowCount() == 0
    assert dialog.freshness_label.isHidden()


def test_a_product_the_central_service_does_not_know_and_a_till_not_enrolled(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    dialog = make_dialog(qtbot, till, sync)
    dialog.search_input.setText("Żółw")  # QTest types ASCII only
    qtbot.keyClick(dialog.search_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "No stock figures" in dialog.message.text(), timeout=WAIT_MS)
    assert "not enrolled" in dialog.message.toolTip()

    sync.enrol(central_server.url, central_server.till_token)  # the catalogue is the till's own
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "does not know" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.message.text() == (
        "The central service does not know Żółw czekoladowy 40 g (P001)."
    )
    assert dialog.answer is None


def test_nothing_matches_what_was_typed(qtbot: QtBot, till: Till, sync: SyncService) -> None:
    dialog = make_dialog(qtbot, till, sync)
    scan(qtbot, dialog, "qqqq")
    assert dialog.message.text() == "No product matches qqqq."
    assert dialog.results_view.isHidden()


def test_a_weighed_product_is_shown_in_kilograms(
    qtbot: QtBot, till: Till, sync: SyncService, central_server: screens.CentralServer
) -> None:
    with read_session(central_server.engine) as session:
        sku, name = session.execute(
            select(Product.sku, Product.name).where(Product.unit == "kg").limit(1)
        ).one()
    now = datetime.now(UTC)
    write_transaction(central_server.engine, lambda s: deliver(s, STORE, sku, 12_345, now, "test"))
    sync.enrol(central_server.url, central_server.till_token)
    dialog = make_dialog(qtbot, till, sync)

    answer_to(qtbot, dialog, lambda: dialog.ask(sku, name))

    on_hand, reserved, _address, _hours = central_stock(central_server.engine, sku)[STORE]
    grams = on_hand - reserved
    assert on_hand >= 12_345
    row = shown(dialog)[0]
    assert row[COLUMN_AVAILABLE] == f"{grams // 1000},{grams % 1000:03d} kg"
