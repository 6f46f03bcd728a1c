"""Helpers of the promotion and coupon tests of the central service (tests/sync/central): the
back office's calls through the admin API, the feed as a till reads it, a web shop's token,
and pushes of outbox items (`from tests.sync.coupon_helpers import ...`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx

from sync.central.database import write_transaction
from sync.central.webshop import issue_webshop_token
from sync.coupons.verification import Revocations, TrustedKey
from sync.protocol import (
    Change,
    ChangesPage,
    CouponKeyData,
    CouponRevocationData,
    Entity,
)

if TYPE_CHECKING:
    from tests.sync.conftest import CentralServer


def read_feed(client: httpx.Client, after: str = "0") -> tuple[list[Change], str]:
    """Every change after the cursor, and the cursor after them."""
    changes: list[Change] = []
    cursor = after
    while True:
        response = client.get("/v1/changes", params={"after": cursor})
        assert response.status_code == 200, response.text
        page = ChangesPage.model_validate_json(response.content)
        changes += page.changes
        cursor = page.next_cursor
        if not page.has_more:
            return changes, cursor


def of_entity(changes: Sequence[Change], entity: Entity) -> dict[str, dict[str, Any] | None]:
    """The newest data of each key of `entity` (None: deleted)."""
    return {change.key: change.data for change in changes if change.entity is entity}


def trust_from_feed(changes: Sequence[Change]) -> tuple[dict[int, TrustedKey], Revocations]:
    """The keys and revocations a till holds after reading `changes`."""
    keys = {}
    for data in of_entity(changes, Entity.COUPON_KEY).values():
        assert data is not None
        key = CouponKeyData.model_validate(data)
        keys[key.key_id] = TrustedKey(
            key.key_id, bytes.fromhex(key.public_key), key.status == "revoked"
        )
    campaigns: set[int] = set()
    serials: set[tuple[int, int]] = set()
    for data in of_entity(changes, Entity.COUPON_REVOCATION).values():
        assert data is not None
        revocation = CouponRevocationData.model_validate(data)
        if revocation.serial is None:
            campaigns.add(revocation.campaign)
        else:
            serials.add((revocation.campaign, revocation.serial))
    return keys, Revocations(frozenset(campaigns), frozenset(serials))


def admin_call(
    admin: httpx.Client, method: str, path: str, body: Any = None, status: int = 200
) -> Any:
    response = admin.request(method, f"/v1/admin{path}", json=body)
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def webshop_campaign(**changes: Any) -> dict[str, Any]:
    """A web-shop campaign's body: 20 zł off a basket of 100 zł, single use, a month long,
    taken offline up to 20 zł within a day of the last sync."""
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "name": "Wiosna -20 zł",
        "kind": "webshop",
        "value_kind": "amount",
        "value": 2000,
        "scope": "basket",
        "min_basket": 10_000,
        "single_use": True,
        "valid_from": (now - timedelta(days=1)).isoformat(),
        "valid_to": (now + timedelta(days=30)).isoformat(),
        "offline_max_discount": 2000,
        "offline_max_hours": 24,
    }
    return {**body, **changes}


def receipt_campaign(**changes: Any) -> dict[str, Any]:
    """A receipt campaign's body: a sale of at least 100 zł earns 10 % off online for 30
    days."""
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "name": "10% w sklepie internetowym",
        "kind": "receipt",
        "value_kind": "percent",
        "value": 10,
        "scope": "basket",
        "min_basket": 5000,
        "valid_from": (now - timedelta(days=1)).isoformat(),
        "issue_min_total": 10_000,
        "valid_days": 30,
    }
    return {**body, **changes}


def minted(admin: httpx.Client, campaign: str, count: int) -> list[dict[str, Any]]:
    """`count` new coupons of the campaign (serial, code, short_code)."""
    coupons: list[dict[str, Any]] = admin_call(
        admin, "POST", f"/coupon-campaigns/{campaign}/coupons", {"count": count}
    )
    return coupons


def webshop_client(server: CentralServer) -> httpx.Client:
    """A client of the service with a new web shop's token."""
    now = datetime.now(UTC)
    token = write_transaction(server.engine, lambda s: issue_webshop_token(s, "sklep", now))
    client: httpx.Client = server.client(token)
    return client


def push_items(client: httpx.Client, items: Sequence[dict[str, Any]]) -> list[str]:
    """Push outbox items; each one's status, in order."""
    body = {"till_clock": datetime.now(UTC).isoformat(), "items": list(items)}
    response = client.post("/v1/push", json=body)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return [result["status"] for result in results]
