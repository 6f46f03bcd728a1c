"""POST /v1/push against the real service (uvicorn) on SQLite and PostgreSQL: accepted,
duplicate, conflict and rejected items, the stock ledger and its projection, and the answer
given only after the commit."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import OperationalError

from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.quantity import Quantity
from pos_client.domain.returns import RefundRecord, ReturnLineRecord, ReturnRecord
from pos_client.domain.sale import PaymentRecord, SaleLineRecord, SaleRecord
from pos_client.domain.vat import VatClass
from sync.central.database import read_session

if TYPE_CHECKING:
    from tests.sync.conftest import CentralServer, Outbox

from sync.central.models import (
    CashMovement,
    Conflict,
    Product,
    ReceivedEvent,
    Return,
    Sale,
    SaleLine,
    SalePayment,
    ShiftEvent,
    StockLevel,
    StockMovement,
    Store,
)


@pytest.fixture
def client(central_server: CentralServer) -> Iterator[httpx.Client]:
    with central_server.client() as client:
        yield client


def push(client: httpx.Client, *items: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(
        "/v1/push", json={"till_clock": datetime.now(UTC).isoformat(), "items": items}
    )
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    assert [result["id"] for result in results] == [entry["id"] for entry in items]
    return results


def statuses(results: list[dict[str, Any]]) -> list[str]:
    return [result["status"] for result in results]


def on_hand(engine: Engine, store: str, sku: str) -> int:
    with read_session(engine) as session:
        found = session.execute(
            select(StockLevel.on_hand)
            .join(Store, Store.id == StockLevel.store_id)
            .join(Product, Product.id == StockLevel.product_id)
            .where(Store.code == store, Product.sku == sku)
        ).scalar()
    return int(found or 0)


def assert_projection_matches_ledger(engine: Engine) -> None:
    with read_session(engine) as session:
        ledger = {
            (store, product): (int(quantity), int(reserved))
            for store, product, quantity, reserved in session.execute(
                select(
                    StockMovement.store_id,
                    StockMovement.product_id,
                    func.sum(StockMovement.quantity),
                    func.sum(StockMovement.reserved),
                ).group_by(StockMovement.store_id, StockMovement.product_id)
            )
        }
        levels = {
            (store, product): (on_hand, reserved)
            for store, product, on_hand, reserved in session.execute(
                select(
                    StockLevel.store_id,
                    StockLevel.product_id,
                    StockLevel.on_hand,
                    StockLevel.reserved,
                )
            )
        }
    assert levels == ledger


def count(engine: Engine, model: Any) -> int:
    with read_session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_sale_is_accepted_with_its_lines_payments_and_stock_movements(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    engine = central_server.engine
    before = on_hand(engine, "WAW01", "P0000001"), on_hand(engine, "WAW01", "P0000002")
    payload = outbox.sale_payload([("P0000001", 3), ("P0000002", 1)])

    results = push(client, outbox.item("sale", payload))

    assert statuses(results) == ["accepted"]
    assert results[0]["reason"] is None
    assert on_hand(engine, "WAW01", "P0000001") == before[0] - 3
    assert on_hand(engine, "WAW01", "P0000002") == before[1] - 1
    with read_session(engine) as session:
        sale = session.get(Sale, uuid.UUID(payload["id"]))
        assert sale is not None
        assert sale.total == 1000
        assert sale.receipt_number == "WAW01-01-000001"
        assert sale.created_at == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
        lines = session.execute(select(SaleLine).where(SaleLine.sale_id == sale.id)).scalars()
        assert sorted((line.sku, line.quantity) for line in lines) == [
            ("P0000001", 3),
            ("P0000002", 1),
        ]
        movements = session.execute(
            select(StockMovement.kind, StockMovement.quantity).where(
                StockMovement.source_id == sale.id
            )
        ).all()
        assert sorted(movements) == [("sale", -3), ("sale", -1)]
        event_row = session.execute(select(ReceivedEvent)).scalar_one()
        assert event_row.status == "accepted"
        assert event_row.till_created_at == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
        assert abs((event_row.received_at - datetime.now(UTC)).total_seconds()) < 60
    assert count(engine, SalePayment) == 1
    assert_projection_matches_ledger(engine)


def test_the_same_batch_again_is_all_duplicates_and_changes_nothing(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    items = [
        outbox.item("sale", outbox.sale_payload([("P0000003", 2)], sequence=n), seq=n)
        for n in (1, 2, 3)
    ]
    assert statuses(push(client, *items)) == ["accepted"] * 3
    stock = on_hand(central_server.engine, "WAW01", "P0000003")

    assert statuses(push(client, *items)) == ["duplicate"] * 3

    assert on_hand(central_server.engine, "WAW01", "P0000003") == stock
    assert count(central_server.engine, Sale) == 3
    assert count(central_server.engine, ReceivedEvent) == 3


def test_the_same_event_id_with_another_payload_is_a_recorded_conflict(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    event_id = uuid.uuid4()
    first = outbox.sale_payload([("P0000004", 1)])
    push(client, outbox.item("sale", first, event_id=event_id))
    stock = on_hand(central_server.engine, "WAW01", "P0000004")
    changed = {**first, "total": 1, "subtotal": 1}

    results = push(client, outbox.item("sale", changed, event_id=event_id))

    assert statuses(results) == ["conflict"]
    assert "another payload" in results[0]["reason"]
    assert on_hand(central_server.engine, "WAW01", "P0000004") == stock
    with read_session(central_server.engine) as session:
        conflict = session.execute(select(Conflict)).scalar_one()
        assert conflict.event_id == event_id
        assert '"total":1' in conflict.incoming_payload
    assert statuses(push(client, outbox.item("sale", changed, event_id=event_id))) == ["conflict"]
    assert count(central_server.engine, Conflict) == 1


def test_a_sale_sent_again_under_another_event_id_counts_once(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    payload = outbox.sale_payload([("P0000005", 4)])
    push(client, outbox.item("sale", payload))
    stock = on_hand(central_server.engine, "WAW01", "P0000005")

    same = push(client, outbox.item("sale", payload))
    different = push(client, outbox.item("sale", {**payload, "total": 7}))

    assert statuses(same) == ["duplicate"]
    assert statuses(different) == ["conflict"]
    assert "sale" in different[0]["reason"]
    assert on_hand(central_server.engine, "WAW01", "P0000005") == stock
    assert count(central_server.engine, Sale) == 1
    assert statuses(push(client, outbox.item("sale", {**payload, "total": 7}))) == ["conflict"]


def test_duplicates_inside_one_batch(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    sale = outbox.item("sale", outbox.sale_payload([("P0000006", 1)]))
    same_sale_other_event = {**sale, "id": str(uuid.uuid4())}

    results = push(client, sale, sale, same_sale_other_event)

    assert statuses(results) == ["accepted", "duplicate", "duplicate"]
    assert count(central_server.engine, Sale) == 1
    assert count(central_server.engine, ReceivedEvent) == 2


def test_rejected_items_never_block_the_rest_of_the_batch(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    good = outbox.item("sale", outbox.sale_payload([("P0000007", 1)]))
    unknown_kind = outbox.item("gift_card_sold", {"id": str(uuid.uuid4())})
    invalid = outbox.item("sale", {"id": str(uuid.uuid4()), "lines": "no"})
    other_store = outbox.item("sale", outbox.sale_payload([("P0000007", 1)], store="KRK01"))
    huge = outbox.item("sale", outbox.sale_payload([("P0000007", 2**70)]))

    results = push(client, unknown_kind, good, invalid, other_store, huge)

    assert statuses(results) == [
        "rejected",
        "accepted",
        "rejected",
        "rejected",
        "rejected",
    ]
    reasons = [result["reason"] for result in results]
    assert "unknown kind 'gift_card_sold'" in reasons[0]
    assert "invalid sale payload" in reasons[2]
    assert "KRK01" in reasons[3]
    assert "own store" in reasons[3]
    assert "out of range" in reasons[4]
    assert count(central_server.engine, Sale) == 1
    assert count(central_server.engine, ReceivedEvent) == 1


def test_a_till_with_a_wrong_clock_still_gets_its_sales_counted(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    dead_battery = {**outbox.sale_payload([("P0000012", 1)]), "created_at": "1970-01-01T00:03:00"}
    event_item = {**outbox.item("sale", dead_battery), "created_at": "0001-01-01T00:00:00+05:00"}
    body = {"till_clock": "1970-01-01T00:05:00+00:00", "items": [event_item]}

    response = client.post("/v1/push", json=body)

    assert response.status_code == 200
    assert statuses(response.json()["results"]) == ["accepted"]
    with read_session(central_server.engine) as session:
        sale = session.execute(select(Sale)).scalar_one()
        received = session.execute(select(ReceivedEvent)).scalar_one()
    assert sale.created_at == datetime(1970, 1, 1, 0, 3, tzinfo=UTC)
    assert received.till_clock == datetime(1970, 1, 1, 0, 5, tzinfo=UTC)
    assert received.till_created_at.year == 1
    assert abs((received.received_at - datetime.now(UTC)).total_seconds()) < 60


def test_an_unknown_sku_is_kept_on_a_placeholder_that_a_later_product_takes_over(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    results = push(client, outbox.item("sale", outbox.sale_payload([("LOCAL-42", 2)])))

    assert statuses(results) == ["accepted"]
    engine = central_server.engine
    assert on_hand(engine, "WAW01", "LOCAL-42") == -2
    with read_session(engine) as session:
        placeholder = session.execute(select(Product).where(Product.sku == "LOCAL-42")).scalar_one()
        assert placeholder.placeholder
        assert not placeholder.active
    with central_server.client(central_server.admin_token) as admin:
        feed = admin.get("/v1/changes", params={"after": 0}).json()
        assert "LOCAL-42" not in {change["key"] for change in feed["changes"]}
        defined = admin.put(
            "/v1/admin/products/LOCAL-42",
            json={"name": "Sok lokalny", "vat_class": "A", "prices": []},
        )
        assert defined.status_code == 200, defined.text
        assert defined.json()["id"] == str(placeholder.id)
        later = admin.get("/v1/changes", params={"after": feed["next_cursor"]}).json()
    assert [change["key"] for change in later["changes"]] == ["LOCAL-42"]
    assert on_hand(engine, "WAW01", "LOCAL-42") == -2


def test_returned_goods_go_back_to_stock(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    sale = outbox.sale_payload([("P0000008", 5)])
    push(client, outbox.item("sale", sale))
    after_sale = on_hand(central_server.engine, "WAW01", "P0000008")

    results = push(
        client,
        outbox.item(
            "return", outbox.return_payload([("P0000008", 2)], sale_id=uuid.UUID(sale["id"]))
        ),
    )

    assert statuses(results) == ["accepted"]
    assert on_hand(central_server.engine, "WAW01", "P0000008") == after_sale + 2
    with read_session(central_server.engine) as session:
        back = session.execute(select(Return)).scalar_one()
        assert back.sale_id == uuid.UUID(sale["id"])
        assert back.total == 500
    assert_projection_matches_ledger(central_server.engine)


def test_shift_events_and_cash_movements_are_stored_once(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    shift = uuid.uuid4()
    items = [
        outbox.item("shift_opened", outbox.shift_opened_payload(shift), seq=1),
        outbox.item("cash_movement", outbox.cash_movement_payload(shift), seq=2),
        outbox.item("shift_closed", outbox.shift_closed_payload(shift), seq=3),
    ]

    assert statuses(push(client, *items)) == ["accepted"] * 3
    assert statuses(push(client, *items)) == ["duplicate"] * 3

    with read_session(central_server.engine) as session:
        events = session.execute(select(ShiftEvent).order_by(ShiftEvent.kind)).scalars().all()
        assert [(e.kind, e.shift_id, e.cash) for e in events] == [
            ("shift_closed", shift, 25000),
            ("shift_opened", shift, 20000),
        ]
        movement = session.execute(select(CashMovement)).scalar_one()
        assert (movement.kind, movement.amount, movement.shift_id) == ("out", 5000, shift)
        store = session.execute(select(Store).where(Store.id == movement.store_id)).scalar_one()
        assert store.code == "WAW01"


def test_records_made_by_the_tills_domain_are_accepted(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    at = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
    line = SaleLineRecord(
        line_id=uuid.uuid4(),
        product_id=1,
        sku="P0000009",
        name="Produkt",
        barcode="5901234123457",
        vat_class=VatClass.A,
        quantity=Quantity.pieces(2),
        unit_price=Money(300),
        line_discount=Money(0),
        basket_discount=Money(0),
        total=Money(600),
    )
    sale = SaleRecord(
        sale_id=uuid.uuid4(),
        store_code="WAW01",
        till_id="01",
        created_at=at,
        lines=(line,),
        payments=(PaymentRecord(uuid.uuid4(), Tender.CARD, Money(600), Money(600)),),
        subtotal=Money(600),
        discount=Money(0),
        total=Money(600),
        change=Money(0),
        sequence=7,
    )
    back = ReturnRecord(
        return_id=uuid.uuid4(),
        store_code="WAW01",
        till_id="01",
        sale_id=sale.sale_id,
        created_at=at,
        lines=(
            ReturnLineRecord(
                uuid.uuid4(),
                line.line_id,
                1,
                "P0000009",
                "Produkt",
                VatClass.A,
                Quantity.pieces(1),
                Money(300),
            ),
        ),
        payments=(RefundRecord(uuid.uuid4(), Tender.CARD, Money(300)),),
        reason="wada",
        sequence=1,
    )
    stock = on_hand(central_server.engine, "WAW01", "P0000009")

    results = push(
        client,
        outbox.item("sale", sale.to_json(), seq=1),
        outbox.item("return", back.to_json(), seq=2),
    )

    assert statuses(results) == ["accepted", "accepted"]
    assert on_hand(central_server.engine, "WAW01", "P0000009") == stock - 1


def test_the_answer_comes_only_after_the_commit(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    engine = central_server.engine
    failures = iter([True])

    def fail_first_commit(_connection: object) -> None:
        if next(failures, False):
            raise OperationalError("COMMIT", {}, Exception("disk I/O error (injected)"))

    payload = outbox.sale_payload([("P0000010", 1)])
    event.listen(engine, "commit", fail_first_commit)
    try:
        failed = client.post("/v1/push", json=outbox.push_body([outbox.item("sale", payload)]))
        assert failed.status_code == 503
        assert failed.headers["Retry-After"] == "2"
        assert count(engine, Sale) == 0
        assert count(engine, ReceivedEvent) == 0

        retried = push(client, outbox.item("sale", payload))
    finally:
        event.remove(engine, "commit", fail_first_commit)

    assert statuses(retried) == ["accepted"]
    assert count(engine, Sale) == 1


def test_negative_stock_is_allowed_and_reported(
    central_server: CentralServer, client: httpx.Client, outbox: Outbox
) -> None:
    stock = on_hand(central_server.engine, "WAW01", "P0000011")
    push(client, outbox.item("sale", outbox.sale_payload([("P0000011", stock + 3)])))

    assert on_hand(central_server.engine, "WAW01", "P0000011") == -3
    with central_server.client(central_server.admin_token) as admin:
        report = admin.get("/v1/admin/reports/negative-stock")
    assert report.status_code == 200
    assert [(row["store_code"], row["sku"], row["on_hand"]) for row in report.json()] == [
        ("WAW01", "P0000011", -3)
    ]


def test_the_same_sales_pushed_at_once_by_retrying_tills_count_once(
    central_server: CentralServer, outbox: Outbox
) -> None:
    engine = central_server.engine
    krakow = central_server.enrol("KRK01", "02")
    waw_batches = [
        [
            outbox.item("sale", outbox.sale_payload([("P0000020", 1), ("P0000021", 2)]))
            for _ in range(40)
        ]
        for _ in range(3)
    ]
    krk_batch = [
        outbox.item("sale", outbox.sale_payload([("P0000020", 3)], store="KRK01", till="02"))
        for _ in range(40)
    ]
    before = on_hand(engine, "WAW01", "P0000020"), on_hand(engine, "KRK01", "P0000020")
    answers: list[tuple[int, list[dict[str, Any]]]] = []
    lock = threading.Lock()

    def send(token: str, batches: list[list[dict[str, Any]]]) -> None:
        with central_server.client(token) as client:
            for batch in batches:
                body = {"till_clock": datetime.now(UTC).isoformat(), "items": batch}
                response = client.post("/v1/push", json=body)
                results = response.json()["results"] if response.status_code == 200 else []
                with lock:
                    answers.append((response.status_code, results))

    threads = [
        threading.Thread(target=send, args=(central_server.till_token, waw_batches))
        for _ in range(4)
    ] + [threading.Thread(target=send, args=(krakow, [krk_batch])) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert {status for status, _results in answers} == {200}
    accepted: dict[str, int] = {}
    for _status, results in answers:
        for result in results:
            assert result["status"] in {"accepted", "duplicate"}
            if result["status"] == "accepted":
                accepted[result["id"]] = accepted.get(result["id"], 0) + 1
    assert len(accepted) == 3 * 40 + 40
    assert set(accepted.values()) == {1}
    assert count(engine, Sale) == 160
    assert on_hand(engine, "WAW01", "P0000020") == before[0] - 120
    assert on_hand(engine, "KRK01", "P0000020") == before[1] - 120
    assert_projection_matches_ledger(engine)
