"""Recording returns on a real SQLite file: whole or not at all, numbered without gaps per till,
with the outbox row (and the audit entry when approved) in the same transaction."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.returns import (
    RefundRecord,
    ReturnLineRecord,
    ReturnRecord,
    plan_return,
    return_from_plan,
)
from pos_client.domain.sale import SaleRecord, sale_from_cart
from pos_client.domain.vat import VatClass
from pos_client.store.database import create_store_engine
from pos_client.store.errors import StoreBusyError, StoreError
from pos_client.store.models import Shift
from pos_client.store.returns import ReturnConflictError, ReturnRepository, return_counter
from pos_client.store.sales import SalesRepository

NOW = datetime(2025, 3, 14, 9, 26, 53, 123456, tzinfo=UTC)
ZOLW = ProductSnapshot(1, "CZK-040", "Żółw czekoladowy 40 g", Money(499), VatClass.A, Unit.PIECE)
TOMATOES = ProductSnapshot(3, "WAR-POM", "Pomidory", Money(1299), VatClass.C, Unit.KILOGRAM)

TABLES = ("returns", "return_lines", "return_payments", "outbox", "audit_log")


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


@pytest.fixture
def returns(store_engine: Engine) -> ReturnRepository:
    return ReturnRepository(store_engine)


@pytest.fixture
def sale(store_engine: Engine) -> SaleRecord:
    """3 Żółw + 1,250 kg tomatoes, paid 10 zł by card and the rest in cash; recorded."""
    cart = Cart()
    cart.add(ZOLW, Quantity.pieces(3))
    cart.add(TOMATOES, Quantity.grams(1250))
    total = cart.total()
    tenders = [(Tender.CARD, Money(1000)), (Tender.CASH, total - Money(1000))]
    draft = sale_from_cart(cart, settle(total, tenders), "WAW01", "01", NOW)
    return SalesRepository(store_engine).record(draft)


def draft_return(
    sale: SaleRecord,
    quantities: dict[uuid.UUID, int],
    returns: ReturnRepository,
    till_id: str = "01",
    approved_by: str | None = None,
    minutes: int = 1,
) -> ReturnRecord:
    plan = plan_return(
        sale,
        returns.returned_quantities(sale.sale_id),
        quantities,
        returns.refunded_by_tender(sale.sale_id).get(Tender.CARD, Money(0)),
    )
    return return_from_plan(
        plan,
        sale,
        store_code="WAW01",
        till_id=till_id,
        reason="uszkodzony",
        now=NOW + timedelta(minutes=minutes),
        cashier_id="cashier-1",
        approved_by=approved_by,
        shift_id=None,
    )


def test_record_writes_the_return_its_lines_refunds_and_outbox_row(
    store_engine: Engine, returns: ReturnRepository, sale: SaleRecord
) -> None:
    zolw, tomatoes = sale.lines
    recorded = returns.record(draft_return(sale, {zolw.line_id: 1, tomatoes.line_id: 250}, returns))
    assert recorded.return_number == "WAW01-01-R000001"
    assert counts(store_engine) == {
        "returns": 1,
        "return_lines": 2,
        "return_payments": 1,
        "outbox": 2,  # the sale's and the return's
        "audit_log": 0,
    }
    with store_engine.connect() as connection:
        row = connection.execute(
            text("SELECT return_number, sale_id, total, reason, cashier_id FROM returns")
        ).one()
        lines = connection.execute(
            text("SELECT sale_line_id, unit, quantity, total FROM return_lines ORDER BY position")
        ).all()
        outbox = connection.execute(
            text("SELECT kind, aggregate_id, payload FROM outbox ORDER BY seq DESC LIMIT 1")
        ).one()
    assert tuple(row) == (
        "WAW01-01-R000001",
        str(sale.sale_id),
        recorded.total.grosze,
        "uszkodzony",
        "cashier-1",
    )
    assert [tuple(line) for line in lines] == [
        (str(zolw.line_id), "piece", 1, 499),
        (str(tomatoes.line_id), "kg", 250, 325),
    ]
    assert outbox.kind == "return"
    assert outbox.aggregate_id == str(recorded.return_id)
    payload = json.loads(outbox.payload)
    assert payload == json.loads(json.dumps(recorded.to_json()))
    assert payload["sale_receipt_number"] == "WAW01-01-000001"
    assert [(line["sku"], line["quantity"]) for line in payload["lines"]] == [
        ("CZK-040", 1),
        ("WAR-POM", 250),
    ]
    assert recorded.payments[0].tender is Tender.CARD  # card first


def test_return_numbers_are_gap_free_per_till(
    store_engine: Engine, returns: ReturnRepository, sale: SaleRecord
) -> None:
    zolw = sale.lines[0]
    numbers = [
        returns.record(draft_return(sale, {zolw.line_id: 1}, returns, till_id=till)).return_number
        for till in ("01", "02", "01")
    ]
    assert numbers == ["WAW01-01-R000001", "WAW01-02-R000001", "WAW01-01-R000002"]
    with store_engine.connect() as connection:
        rows = connection.execute(text("SELECT name, value FROM counters")).all()
    counters = {str(name): int(value) for name, value in rows}
    assert counters[return_counter("01")] == 2
    assert counters["receipt:01"] == 1  # the sales' own sequence is separate


def test_returned_quantities_and_refunds_add_up_over_returns(
    returns: ReturnRepository, sale: SaleRecord
) -> None:
    zolw, tomatoes = sale.lines
    assert returns.returned_quantities(sale.sale_id) == {}
    assert returns.refunded_by_tender(sale.sale_id) == {}
    first = returns.record(draft_return(sale, {zolw.line_id: 2}, returns))
    second = returns.record(
        draft_return(sale, {zolw.line_id: 1, tomatoes.line_id: 1250}, returns, minutes=2)
    )
    assert returns.returned_quantities(sale.sale_id) == {zolw.line_id: 3, tomatoes.line_id: 1250}
    refunded = returns.refunded_by_tender(sale.sale_id)
    assert refunded == {Tender.CARD: Money(1000), Tender.CASH: sale.total - Money(1000)}
    assert first.total + second.total == sale.total
    assert returns.for_sale(sale.sale_id) == [first, second]
    assert returns.for_sale(uuid.uuid4()) == []


def test_by_number_reads_the_return_back_whole(returns: ReturnRepository, sale: SaleRecord) -> None:
    recorded = returns.record(
        draft_return(sale, {sale.lines[0].line_id: 3, sale.lines[1].line_id: 5}, returns)
    )
    assert returns.by_number("WAW01-01-R000001") == recorded
    assert returns.by_number("WAW01-01-R000002") is None


def blind_return(approved_by: str | None = "manager-1", till_id: str = "01") -> ReturnRecord:
    return ReturnRecord(
        return_id=uuid.uuid4(),
        store_code="WAW01",
        till_id=till_id,
        sale_id=None,
        created_at=NOW,
        lines=(
            ReturnLineRecord(
                uuid.uuid4(), None, 1, "CZK-040", "Żółw", VatClass.A, Quantity.pieces(2), Money(998)
            ),
        ),
        payments=(RefundRecord(uuid.uuid4(), Tender.CASH, Money(998)),),
        reason="bez paragonu",
        cashier_id="cashier-1",
        approved_by=approved_by,
    )


def test_an_approved_return_is_audited_in_the_same_transaction(
    store_engine: Engine, returns: ReturnRepository
) -> None:
    recorded = returns.record(blind_return())
    assert returns.by_number(recorded.return_number or "") == recorded
    with store_engine.connect() as connection:
        audit = connection.execute(
            text("SELECT action, user_id, approved_by, sale_id, reason, details FROM audit_log")
        ).one()
    assert (audit.action, audit.user_id, audit.approved_by, audit.sale_id, audit.reason) == (
        "return",
        "cashier-1",
        "manager-1",
        None,
        "bez paragonu",
    )
    assert json.loads(audit.details) == {
        "return_id": str(recorded.return_id),
        "return_number": "WAW01-01-R000001",
        "total": 998,
        "without_receipt": True,
    }


def test_the_shift_is_kept(store_engine: Engine, returns: ReturnRepository) -> None:
    with Session(store_engine) as session, session.begin():
        session.add(
            Shift(
                id="shift-1",
                till_id="01",
                number=1,
                opened_at=NOW.isoformat(),
                opened_by=None,
                opening_float=0,
                opening_count="{}",
            )
        )
    recorded = returns.record(replace(blind_return(), shift_id="shift-1"))
    assert returns.by_number(recorded.return_number or "") == recorded
    assert recorded.shift_id == "shift-1"


def test_more_than_remains_is_refused_inside_the_transaction(
    store_engine: Engine, returns: ReturnRepository, sale: SaleRecord
) -> None:
    zolw = sale.lines[0]
    # Two returns planned from the same state: the second must not go through.
    first = draft_return(sale, {zolw.line_id: 2}, returns)
    second = draft_return(sale, {zolw.line_id: 2}, returns)
    returns.record(first)
    before = counts(store_engine)
    with pytest.raises(ReturnConflictError, match="returned meanwhile"):
        returns.record(second)
    assert counts(store_engine) == before
    third = returns.record(draft_return(sale, {zolw.line_id: 1}, returns))
    assert third.return_number == "WAW01-01-R000002"  # the refused one used no number


def test_a_line_of_another_sale_is_refused(returns: ReturnRepository, sale: SaleRecord) -> None:
    draft = draft_return(sale, {sale.lines[0].line_id: 1}, returns)
    foreign = replace(draft, lines=(replace(draft.lines[0], sale_line_id=uuid.uuid4()),))
    with pytest.raises(ReturnConflictError, match="not on the receipt"):
        returns.record(foreign)


def test_a_return_is_written_whole_or_not_at_all(
    store_engine: Engine, returns: ReturnRepository
) -> None:
    draft = blind_return()
    broken = replace(draft, lines=(draft.lines[0], draft.lines[0]))  # one line id twice
    with pytest.raises(StoreError):
        returns.record(broken)
    assert counts(store_engine) == dict.fromkeys(TABLES, 0)
    assert returns.record(draft).sequence == 1


def test_a_numbered_return_is_not_recorded_again(returns: ReturnRepository) -> None:
    recorded = returns.record(blind_return())
    with pytest.raises(ValueError, match="numbered already"):
        returns.record(recorded)


@pytest.fixture
def impatient_engine(store_engine: Engine, store_path: Path) -> Iterator[Engine]:
    engine = create_store_engine(store_path)

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=50")

    event.listen(engine, "connect", on_connect)
    yield engine
    engine.dispose()


def test_a_locked_database_is_busy_and_nothing_is_written(
    store_engine: Engine, store_path: Path, impatient_engine: Engine
) -> None:
    returns = ReturnRepository(impatient_engine)
    holder = sqlite3.connect(store_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusyError, match="busy"):
            returns.record(blind_return())
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert counts(store_engine) == dict.fromkeys(TABLES, 0)
    assert returns.record(blind_return()).return_number == "WAW01-01-R000001"
