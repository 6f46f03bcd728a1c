"""Promotions defined once at the central service (the real service on 127.0.0.1, SQLite and
PostgreSQL): the back office's API and CLI, the rules, the change feed the tills read, the web
shop's read, and a promotion from the feed applied by the till's engine."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine

from pos_client.domain.money import Money
from pos_client.domain.promotions import PricingLine, Promotion, price_basket
from pos_client.domain.quantity import Quantity
from sync.central.cli import main
from sync.protocol import Entity, PromotionData
from tests.sync.coupon_helpers import admin_call, of_entity, read_feed, webshop_client

if TYPE_CHECKING:
    from tests.sync.conftest import CentralServer


def promotion(**changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "name": "Mleko -10%",
        "kind": "percent_off",
        "scope": "sku",
        "target": "P0000001",
        "percent": 10,
        "valid_from": (now - timedelta(hours=1)).isoformat(),
    }
    return {**body, **changes}


def test_a_promotion_reaches_the_tills_feed_and_the_web_shop(
    central_server: CentralServer,
) -> None:
    ended = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    with central_server.client(central_server.admin_token) as admin:
        saved = admin_call(admin, "PUT", "/promotions/MLEKO", promotion())
        admin_call(
            admin,
            "PUT",
            "/promotions/STARA",
            promotion(valid_from="2026-01-01T00:00:00+00:00", valid_to=ended),
        )
        admin_call(
            admin,
            "PUT",
            "/promotions/KOSZYK",
            promotion(
                kind="amount_off",
                scope="basket",
                target=None,
                percent=None,
                amount=1500,
                min_basket=10_000,
                priority=5,
            ),
        )
        listed = admin_call(admin, "GET", "/promotions")
    with central_server.client() as till:
        changes, _cursor = read_feed(till)
    with webshop_client(central_server) as shop:
        response = shop.get("/v1/webshop/promotions")

    assert saved["code"] == "MLEKO"
    assert [p["code"] for p in listed] == ["KOSZYK", "MLEKO", "STARA"]
    published = of_entity(changes, Entity.PROMOTION)
    assert set(published) == {"MLEKO", "STARA", "KOSZYK"}
    assert PromotionData.model_validate(published["KOSZYK"]).amount == 1500
    assert response.status_code == 200
    assert [p["code"] for p in response.json()] == ["KOSZYK", "MLEKO"]


def test_the_till_applies_the_promotion_the_feed_carries(central_server: CentralServer) -> None:
    with central_server.client(central_server.admin_token) as admin:
        admin_call(admin, "PUT", "/promotions/MLEKO", promotion())
    with central_server.client() as till:
        changes, _cursor = read_feed(till)
    data = of_entity(changes, Entity.PROMOTION)["MLEKO"]
    assert data is not None
    received = Promotion.from_data(PromotionData.model_validate(data))
    line = PricingLine(uuid.uuid4(), "P0000001", None, Quantity.pieces(2), Money(455))

    pricing = price_basket([line], [received], datetime.now(UTC))

    assert [(d.name, d.amount) for d in pricing.lines[0].discounts] == [("Mleko -10%", Money(91))]


def test_a_changed_promotion_replaces_the_old_and_a_deleted_one_leaves_a_tombstone(
    central_server: CentralServer,
) -> None:
    with central_server.client() as till:
        _changes, cursor = read_feed(till)
        with central_server.client(central_server.admin_token) as admin:
            admin_call(admin, "PUT", "/promotions/MLEKO", promotion())
            admin_call(admin, "PUT", "/promotions/MLEKO", promotion(percent=15))
            after_put, cursor = read_feed(till, cursor)
            admin_call(admin, "DELETE", "/promotions/MLEKO", status=204)
            admin_call(admin, "DELETE", "/promotions/MLEKO", status=404)
        after_delete, _cursor = read_feed(till, cursor)

    assert [(c.entity, c.key, (c.data or {}).get("percent")) for c in after_put] == [
        (Entity.PROMOTION, "MLEKO", 15)
    ]
    assert [(c.entity, c.key, c.op) for c in after_delete] == [
        (Entity.PROMOTION, "MLEKO", "delete")
    ]


@pytest.mark.parametrize(
    ("changes", "status", "words"),
    [
        ({"scope": "basket"}, 409, "names a target"),
        ({"kind": "amount_off"}, 409, "needs an amount"),
        ({"kind": "buy_x_get_y", "buy": 2}, 409, "buy and get"),
        (
            {"kind": "buy_x_get_y", "scope": "basket", "target": None, "buy": 2, "get": 1},
            409,
            "for a SKU",
        ),
        ({"valid_to": "2020-01-01T00:00:00+00:00"}, 409, "before it starts"),
        ({"target": "P9999999"}, 404, "no product"),
        ({"scope": "category", "target": "Nie ma takiej"}, 404, "no category"),
        ({"percent": 101}, 422, "less than or equal"),
        ({"valid_from": "2026-01-01T00:00:00"}, 422, "timezone"),
    ],
)
def test_a_promotion_against_the_rules_is_refused(
    central_server: CentralServer, changes: dict[str, Any], status: int, words: str
) -> None:
    with central_server.client(central_server.admin_token) as admin:
        response = admin.put("/v1/admin/promotions/ZLA", json=promotion(**changes))
        listed = admin_call(admin, "GET", "/promotions")
    assert response.status_code == status
    assert words in response.text
    assert listed == []


def test_only_an_admin_defines_promotions_and_only_a_web_shop_reads_its_endpoint(
    central_server: CentralServer,
) -> None:
    with central_server.client() as till:
        assert till.put("/v1/admin/promotions/X", json=promotion()).status_code == 403
        assert till.get("/v1/webshop/promotions").status_code == 403
    with central_server.client("not-a-token") as stranger:
        assert stranger.get("/v1/webshop/promotions").status_code == 401
    with webshop_client(central_server) as shop:
        assert shop.get("/v1/admin/promotions").status_code == 401
        assert shop.get("/v1/changes").status_code == 401


def test_promotions_from_the_command_line(
    central_demo: Engine, central_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", central_db_url]
    put = [
        "put-promotion",
        *db,
        "--code",
        "NAPOJE",
        "--name",
        "Napoje 2+1",
        "--kind",
        "buy_x_get_y",
        "--scope",
        "sku",
        "--target",
        "P0000002",
        "--percent",
        "100",
        "--buy",
        "2",
        "--get",
        "1",
        "--min-basket",
        "10,50",
        "--from",
        "2026-03-01T08:00",
    ]
    assert main(put) == 0
    saved = PromotionData.model_validate_json(capsys.readouterr().out)
    assert main(["promotions", *db]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert main([*put[:-2], "--to", "2020-01-01T00:00+00:00"]) == 1
    refused = capsys.readouterr().err
    assert main(["delete-promotion", *db, "--code", "NAPOJE"]) == 0
    assert main(["delete-promotion", *db, "--code", "NAPOJE"]) == 1

    assert (saved.buy, saved.get, saved.min_basket) == (2, 1, 1050)
    assert saved.valid_from == datetime(2026, 3, 1, 8, 0).astimezone()
    assert [PromotionData.model_validate_json(line).code for line in listed] == ["NAPOJE"]
    assert "before it starts" in refused
