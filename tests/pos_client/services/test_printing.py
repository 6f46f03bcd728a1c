"""The till's printing on real sales in a real database: receipts, copies, returns, reports and
drawer kicks go through the print queue to a file, a TCP printer emulator or nowhere, are read
back byte by byte, and the last printed receipt is remembered beside the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from hardware.barcodes import VariableMeasureLayout
from hardware.escpos_render import EscposSettings, PaperWidth
from hardware.printers import (
    Connection,
    DevicePrinter,
    NetworkPrinter,
    NoPrinter,
    PrinterConfig,
    PrintFailure,
)
from hardware.receipt_document import OpenDrawer
from pos_client.domain.cart import CartLine
from pos_client.domain.cash import CashCount
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.people import Role
from pos_client.domain.pin import ScryptCost
from pos_client.domain.receipt_text import StoreHeader
from pos_client.domain.sale import SaleRecord
from pos_client.services.checkout import CheckoutService, TillIdentity
from pos_client.services.printing import MARKER_FILE, ReceiptMarker, TillPrinting
from pos_client.services.receipt_printing import COPY, ReceiptBranding
from pos_client.services.returns import ReturnService
from pos_client.services.shifts import ShiftService
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.returns import ReturnRepository
from pos_client.store.sales import SalesRepository
from pos_client.store.shifts import ShiftRepository
from pos_client.store.users import UserRepository
from tests.conftest import ZOLW_EAN
from tests.hardware.escpos_decoder import (
    BarcodeCommand,
    DrawerKick,
    Printout,
    code128_text,
    decode_escpos,
)
from tests.hardware.printer_emulator import PAPER_OUT, closed_port, tcp_printer

TILL = TillIdentity("WAW01", "01")
STORE = StoreHeader("Sklep Łódź Bałuty", "ul. Zgierska 1, 91-001 Łódź", "725-000-00-00")
FAST = ScryptCost(n=16, r=1, p=1)
WAIT_S = 20


class Shop:
    """A checkout, returns and a shift on one database, with a cashier at the till."""

    def __init__(self, engine: Engine, data_dir: Path) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.users = UserRepository(engine, pin_cost=FAST)
        self.cashier = self.users.add("ania", "Anna Kowalska", Role.CASHIER, "1111")
        self.shifts = ShiftService(ShiftRepository(engine), TILL.till_id)
        self.shifts.open_shift(CashCount({10000: 1}), self.cashier.id)
        self.sales = SalesRepository(engine)
        self.checkout = CheckoutService(
            CatalogueRepository(engine),
            self.sales,
            TILL,
            VariableMeasureLayout(),
            shifts=self.shifts,
        )
        self.checkout.cashier_id = self.cashier.id
        self.returns = ReturnService(self.sales, ReturnRepository(engine), TILL)

    def sell(self, tender: Tender = Tender.CASH) -> SaleRecord:
        assert isinstance(self.checkout.scan(ZOLW_EAN), CartLine)
        return self.checkout.pay([(tender, self.checkout.cart.total())])

    def printing(self, connection: Connection, **escpos: object) -> TillPrinting:
        config = PrinterConfig(
            connection,
            EscposSettings(**escpos),  # type: ignore[arg-type]
            io_timeout_s=2,
            status_timeout_s=0.5,
        )
        marker = ReceiptMarker(self.data_dir / MARKER_FILE)
        return TillPrinting(config, ReceiptBranding(store=STORE), self.users, marker)


@pytest.fixture
def shop(store_engine: Engine, catalogue_with_products: dict[str, int], tmp_path: Path) -> Shop:
    return Shop(store_engine, tmp_path / "data")


@pytest.fixture
def paper(shop: Shop, tmp_path: Path) -> Iterator[tuple[TillPrinting, Path]]:
    """Printing to a file standing for the printer's device node."""
    device = tmp_path / "lp0"
    printing = shop.printing(DevicePrinter(str(device)), paper=PaperWidth.MM58)
    yield printing, device
    printing.close()


def printed(device: Path) -> Printout:
    return decode_escpos(device.read_bytes())


def test_a_cash_sale_prints_with_the_cashier_its_number_and_a_drawer_kick(
    shop: Shop, paper: tuple[TillPrinting, Path]
) -> None:
    printing, device = paper
    sale = shop.sell()

    result = printing.submit(printing.sale(sale)).result(WAIT_S)

    assert result.ok
    printout = printed(device)
    assert printout.of_type(DrawerKick)
    lines = [line.strip() for line in printout.lines()]
    assert "Sklep Łódź Bałuty" in lines
    assert "NIP 725-000-00-00" in lines
    assert "Żółw czekoladowy 40 g" in lines
    assert "Kasa 01, kasjer: Anna Kowalska" in lines
    (barcode,) = printout.of_type(BarcodeCommand)
    assert code128_text(barcode.data) == sale.receipt_number == "WAW01-01-000001"
    assert printing.marker.read() == sale.receipt_number


def test_a_card_sale_opens_no_drawer_and_a_copy_is_marked_and_keeps_the_marker(
    shop: Shop, paper: tuple[TillPrinting, Path]
) -> None:
    printing, device = paper
    first = shop.sell(Tender.CARD)
    assert printing.submit(printing.sale(first)).result(WAIT_S).ok
    assert not printed(device).of_type(DrawerKick)
    second = shop.sell()
    assert printing.submit(printing.sale(second)).result(WAIT_S).ok

    copy = printing.sale(first, copy=True)
    assert printing.submit(copy).result(WAIT_S).ok

    assert not copy.document.opens_drawer
    printout = printed(device)
    assert not printout.of_type(DrawerKick)
    assert COPY in [line.strip() for line in printout.lines()]
    assert printing.marker.read() == second.receipt_number


def test_a_return_prints_with_its_number_and_a_cash_refund_opens_the_drawer(
    shop: Shop, paper: tuple[TillPrinting, Path]
) -> None:
    printing, device = paper
    sale = shop.sell()
    (line,) = sale.lines
    shift = shop.shifts.require_shift()
    sale_return = shop.returns.create_return(
        sale, {line.line_id: 1}, "za słodki", shop.cashier.id, shift.shift_id
    )

    assert printing.submit(printing.sale_return(sale_return)).result(WAIT_S).ok

    printout = printed(device)
    assert printout.of_type(DrawerKick)
    lines = [line.strip() for line in printout.lines()]
    assert "ZWROT TOWARU" in lines
    assert "Powód: za słodki" in lines
    (barcode,) = printout.of_type(BarcodeCommand)
    assert code128_text(barcode.data) == sale_return.return_number == "WAW01-01-R000001"


def test_an_x_report_prints_for_the_paper_with_the_cashier_by_name(
    shop: Shop, paper: tuple[TillPrinting, Path]
) -> None:
    printing, device = paper
    shop.sell()
    report = shop.shifts.x_report(shop.cashier.id)

    assert printing.submit(printing.report(report)).result(WAIT_S).ok

    lines = printed(device).lines()
    assert printing.columns == 32
    assert max(len(line) for line in lines) <= 32
    assert any("Anna Kowalska" in line for line in lines)
    assert "RAPORT X" in [line.strip() for line in lines]


def test_the_drawer_alone(paper: tuple[TillPrinting, Path]) -> None:
    printing, device = paper

    assert printing.drawer().document.blocks == (OpenDrawer(),)
    assert printing.submit(printing.drawer()).result(WAIT_S).ok
    assert printed(device).of_type(DrawerKick)


def test_out_of_paper_and_offline_are_results_and_the_receipt_stays_owed(shop: Shop) -> None:
    sale = shop.sell()
    with tcp_printer(PAPER_OUT) as emulator:
        printing = shop.printing(NetworkPrinter("127.0.0.1", emulator.port))
        printing.marker.write("WAW01-01-000000")
        try:
            result = printing.submit(printing.sale(sale)).result(WAIT_S)
        finally:
            printing.close()
    offline = shop.printing(NetworkPrinter("127.0.0.1", closed_port()))
    try:
        unreachable = offline.submit(offline.sale(sale)).result(WAIT_S)
    finally:
        offline.close()

    assert (result.failure, result.can_retry) == (PrintFailure.PAPER_OUT, True)
    assert unreachable.failure is PrintFailure.OFFLINE
    assert printing.not_given(shop.checkout.last_sale()) == sale


def test_the_receipt_owed_after_a_restart(shop: Shop, paper: tuple[TillPrinting, Path]) -> None:
    printing, device = paper
    assert printing.not_given(None) is None
    first = shop.sell()
    assert printing.not_given(first) is None, "the first look notes the last sale as given"
    assert printing.marker.read() == first.receipt_number

    second = shop.sell()  # the till stops before the receipt prints
    again = shop.printing(DevicePrinter(str(device)))

    assert again.not_given(shop.checkout.last_sale()) == second
    assert again.submit(again.sale(second)).result(WAIT_S).ok
    assert again.not_given(shop.checkout.last_sale()) is None
    again.close()


def test_without_a_printer_nothing_is_queued_and_the_shown_receipt_counts(shop: Shop) -> None:
    printing = shop.printing(NoPrinter())
    sale = shop.sell()

    assert not printing.has_printer
    assert printing.not_given(sale) is None
    assert printing.submit(printing.sale(sale)).result(WAIT_S).failure is PrintFailure.NO_PRINTER
    printing.given(sale)
    assert printing.marker.read() == sale.receipt_number
    picture = printing.preview(printing.sale(sale))
    assert picture.width == 576 + 2 * 16
    printing.close()


def test_the_marker_is_replaced_whole(tmp_path: Path) -> None:
    marker = ReceiptMarker(tmp_path / "deep" / MARKER_FILE)
    assert marker.read() is None

    marker.write("WAW01-01-000007")
    marker.write("WAW01-01-000008")

    assert marker.read() == "WAW01-01-000008"
    assert [path.name for path in marker.path.parent.iterdir()] == [MARKER_FILE]


def test_totals_in_the_printout_match_the_sale(
    shop: Shop, paper: tuple[TillPrinting, Path]
) -> None:
    printing, device = paper
    sale = shop.sell()

    assert printing.submit(printing.sale(sale)).result(WAIT_S).ok

    (total,) = [line for line in printed(device).lines() if line.startswith("SUMA PLN")]
    assert total.endswith(sale.total.plain())
    assert sale.total == Money(499)
