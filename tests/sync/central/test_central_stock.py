"""GET /v1/stock/{sku} and the admin stock movements (delivery, adjustment, transfer,
reservation), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import func, select

from sync.central.database import read_session
from sync.central.models import StockMovement
from sync.protocol import StockAnswer

if TYPE_CHECKING:
    from tests.sync.conftest import CentralServer, Outbox


def stock(client: httpx.Client, sku: str) -> StockAnswer:
    response = client.get(f"/v1/stock/{sku}")
    assert response.status_code == 200, response.text
    return StockAnswer.model_validate_json(response.content)


def by_store(answer: StockAnswer) -> dict[str, tuple[int, int]]:
    return {entry.store_code: (entry.on_hand, entry.reserved) for entry in answer.stores}


def move(admin: httpx.Client, **body: Any) -> httpx.Response:
    return admin.post("/v1/admin/stock-movements", json=body)


def test_one_product_in_every_store_with_address_and_hours(
    central_server: CentralServer,
) -> None:
    with central_server.client() as client:
        answer = stock(client, "P0000001")

    assert answer.sku == "P0000001"
    assert answer.name == "Bułka kajzerka 60 g"
    assert answer.unit == "piece"
    assert abs((answer.as_of - datetime.now(UTC)).total_seconds()) < 60
    assert [entry.store_code for entry in answer.stores] == ["GDA01", "KRK01", "WAW01", "WRO01"]
    warsaw = answer.stores[2]
    assert warsaw.name == "Sklep Warszawa Mokotów"
    assert warsaw.address == "ul. Puławska 182, 02-670 Warszawa"
    assert warsaw.opening_hours.startswith("pn-pt")
    for entry in answer.stores:
        assert entry.on_hand >= 0
        assert entry.reserved == 0


def test_a_product_nothing_ever_moved_is_zero_everywhere_with_no_time(
    central_server: CentralServer,
) -> None:
    with central_server.client(central_server.admin_token) as admin:
        made = admin.put(
            "/v1/admin/products/NEW-2",
            json={"name": "Ser kozi", "vat_class": "C", "unit": "kg"},
        )
        assert made.status_code == 200, made.text
        answer = stock(admin, "NEW-2")

    assert answer.unit == "kg"
    assert {(e.on_hand, e.reserved, e.updated_at) for e in answer.stores} == {(0, 0, None)}


def test_an_unknown_sku_is_404(central_server: CentralServer) -> None:
    with central_server.client() as client:
        response = client.get("/v1/stock/NOPE-1")
    assert response.status_code == 404
    assert "NOPE-1" in response.json()["detail"]


def test_deliveries_adjustments_transfers_and_reservations_move_the_figures(
    central_server: CentralServer,
) -> None:
    with central_server.client(central_server.admin_token) as admin:
        start = by_store(stock(admin, "P0000002"))
        answers = [
            move(admin, kind="delivery", store_code="WAW01", sku="P0000002", quantity=10),
            move(admin, kind="adjustment", store_code="KRK01", sku="P0000002", quantity=-2),
            move(
                admin,
                kind="transfer",
                store_code="WAW01",
                to_store_code="GDA01",
                sku="P0000002",
                quantity=4,
                note="brak na półce",
            ),
            move(admin, kind="reservation", store_code="WRO01", sku="P0000002", quantity=3),
        ]
        end = stock(admin, "P0000002")

    assert [answer.status_code for answer in answers] == [200] * 4
    assert by_store(end) == {
        "WAW01": (start["WAW01"][0] + 10 - 4, 0),
        "KRK01": (start["KRK01"][0] - 2, 0),
        "GDA01": (start["GDA01"][0] + 4, 0),
        "WRO01": (start["WRO01"][0], 3),
    }
    last = answers[-1].json()
    assert StockAnswer.model_validate(last["stock"]).stores[3].reserved == 3
    with read_session(central_server.engine) as session:
        transfer_rows = session.execute(
            select(func.count()).select_from(StockMovement).where(StockMovement.kind == "transfer")
        ).scalar_one()
    assert transfer_rows == 2


def test_movements_that_break_a_rule_are_refused(central_server: CentralServer) -> None:
    with central_server.client(central_server.admin_token) as admin:
        answers = {
            "zero delivery": move(
                admin, kind="delivery", store_code="WAW01", sku="P0000002", quantity=0
            ),
            "negative delivery": move(
                admin, kind="delivery", store_code="WAW01", sku="P0000002", quantity=-1
            ),
            "transfer to itself": move(
                admin,
                kind="transfer",
                store_code="WAW01",
                to_store_code="WAW01",
                sku="P0000002",
                quantity=1,
            ),
            "transfer without a target": move(
                admin, kind="transfer", store_code="WAW01", sku="P0000002", quantity=1
            ),
            "unknown store": move(
                admin, kind="delivery", store_code="XXX99", sku="P0000002", quantity=1
            ),
            "unknown product": move(
                admin, kind="delivery", store_code="WAW01", sku="NOPE", quantity=1
            ),
        }
    assert {name: answer.status_code for name, answer in answers.items()} == {
        "zero delivery": 409,
        "negative delivery": 409,
        "transfer to itself": 409,
        "transfer without a target": 409,
        "unknown store": 404,
        "unknown product": 404,
    }


def test_sales_at_two_stores_show_in_the_answer(
    central_server: CentralServer, outbox: Outbox
) -> None:
    krakow = central_server.enrol("KRK01", "01")
    with central_server.client() as warsaw_till, central_server.client(krakow) as krakow_till:
        before = by_store(stock(warsaw_till, "P0000005"))
        for till, store in ((warsaw_till, "WAW01"), (krakow_till, "KRK01")):
            body = {
                "till_clock": datetime.now(UTC).isoformat(),
                "items": [
                    outbox.item(
                        "sale", outbox.sale_payload([("P0000005", 2)], store=store, till="01")
                    )
                ],
            }
            assert till.post("/v1/push", json=body).json()["results"][0]["status"] == "accepted"
        after = stock(krakow_till, "P0000005")

    figures = by_store(after)
    assert figures["WAW01"][0] == before["WAW01"][0] - 2
    assert figures["KRK01"][0] == before["KRK01"][0] - 2
    assert figures["GDA01"] == before["GDA01"]
    moved = {entry.store_code: entry.updated_at for entry in after.stores}
    for store in ("WAW01", "KRK01"):
        when = moved[store]
        assert when is not None
        assert abs((when - datetime.now(UTC)).total_seconds()) < 60
