"""Tokens and limits of the live service (SQLite and PostgreSQL): only /health without a
token, 401 for a missing, unknown or revoked token, 403 for the wrong kind of token, a till's
items for another store refused, 413 for a body over the limit, and no token in the logs."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import Engine, select

from sync.central.auth import enrol_till, issue_admin_token, revoke_till, token_hash
from sync.central.database import read_session, write_transaction
from sync.central.models import Till
from sync.protocol import MAX_REQUEST_BYTES

if TYPE_CHECKING:
    from tests.sync.conftest import CentralProcess, CentralServer, Outbox

PROTECTED = [
    ("POST", "/v1/push"),
    ("GET", "/v1/changes"),
    ("GET", "/v1/stock/P0000001"),
    ("GET", "/openapi.json"),
    ("GET", "/v1/admin/reports/negative-stock"),
    ("GET", "/v1/admin/conflicts"),
    ("PUT", "/v1/admin/products/X1"),
    ("POST", "/v1/admin/stock-movements"),
]


def push_body(outbox: Outbox, store: str = "WAW01") -> dict[str, Any]:
    return {
        "till_clock": datetime.now(UTC).isoformat(),
        "items": [outbox.item("sale", outbox.sale_payload([("P0000001", 1)], store=store))],
    }


def test_only_health_answers_without_a_token(central_server: CentralServer) -> None:
    with httpx.Client(base_url=central_server.url) as anonymous:
        health = anonymous.get("/health")
        refused = {path: anonymous.request(method, path, json={}) for method, path in PROTECTED}
        docs = anonymous.get("/docs")

    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    for path, response in refused.items():
        assert response.status_code == 401, path
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert docs.status_code == 404


def test_an_unknown_or_malformed_token_is_401(central_server: CentralServer) -> None:
    for header in ("Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer", central_server.till_token):
        with httpx.Client(base_url=central_server.url, headers={"Authorization": header}) as c:
            assert c.get("/v1/changes").status_code == 401, header


def test_a_revoked_till_is_401_and_enrolling_again_issues_a_new_token(
    central_server: CentralServer,
) -> None:
    engine = central_server.engine
    with central_server.client() as till:
        assert till.get("/v1/changes", params={"limit": 1}).status_code == 200
        now = datetime.now(UTC)
        assert write_transaction(engine, lambda s: revoke_till(s, "WAW01", "01", now))
        assert till.get("/v1/changes", params={"limit": 1}).status_code == 401
    assert not write_transaction(engine, lambda s: revoke_till(s, "WAW01", "01", now))

    fresh = write_transaction(engine, lambda s: enrol_till(s, "WAW01", "01", now))
    with central_server.client() as old, central_server.client(fresh) as new:
        assert old.get("/v1/changes", params={"limit": 1}).status_code == 401
        assert new.get("/v1/changes", params={"limit": 1}).status_code == 200


def test_only_the_hash_of_a_token_is_stored(central_server: CentralServer) -> None:
    with read_session(central_server.engine) as session:
        stored = session.execute(select(Till.token_hash)).scalars().all()
    assert stored == [token_hash(central_server.till_token)]
    assert central_server.till_token not in stored


def test_a_till_token_cannot_use_the_admin_endpoints_nor_an_admin_push(
    central_server: CentralServer, outbox: Outbox
) -> None:
    with central_server.client() as till:
        as_till = till.get("/v1/admin/reports/negative-stock")
    with central_server.client(central_server.admin_token) as admin:
        as_admin = admin.post("/v1/push", json=push_body(outbox))
        reads = admin.get("/v1/stock/P0000001")

    assert as_till.status_code == 403
    assert as_admin.status_code == 403
    assert reads.status_code == 200


def test_a_till_writes_only_for_its_own_store(
    central_server: CentralServer, outbox: Outbox
) -> None:
    with central_server.client() as till:
        answer = till.post("/v1/push", json=push_body(outbox, store="GDA01"))

    assert answer.status_code == 200
    (result,) = answer.json()["results"]
    assert result["status"] == "rejected"
    assert "GDA01" in result["reason"]


def test_a_body_over_the_limit_is_413_before_it_is_read(central_server: CentralServer) -> None:
    with central_server.client() as till:
        declared = till.post(
            "/v1/push",
            content=b"x" * (MAX_REQUEST_BYTES + 1),
            headers={"Content-Type": "application/json"},
        )

        def chunks() -> Any:
            piece = b" " * 65536
            for _ in range(MAX_REQUEST_BYTES // len(piece) + 2):
                yield piece

        streamed = till.post(
            "/v1/push", content=chunks(), headers={"Content-Type": "application/json"}
        )

    assert declared.status_code == 413
    assert streamed.status_code == 413
    assert "larger than" in streamed.json()["detail"]


def test_a_lying_content_length_is_400(central_server: CentralServer) -> None:
    port = int(central_server.url.rsplit(":", 1)[1])
    request = (
        "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {central_server.till_token}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1e9\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request.encode())
        answer = connection.recv(4096).decode(errors="replace")
    assert answer.split()[1] == "400"


def test_no_token_reaches_the_log(
    central_demo: Engine,
    central_db_url: str,
    central_process: Callable[..., CentralProcess],
    outbox: Outbox,
    tmp_path: Path,
) -> None:
    now = datetime.now(UTC)
    token = write_transaction(central_demo, lambda s: enrol_till(s, "WAW01", "07", now))
    revoked = write_transaction(central_demo, lambda s: enrol_till(s, "WAW01", "08", now))
    write_transaction(central_demo, lambda s: revoke_till(s, "WAW01", "08", now))
    server = central_process(central_db_url, log_level="debug")
    wrong = f"wrong-{uuid.uuid4().hex}"
    for secret in (token, revoked, wrong):
        with httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {secret}"}, timeout=30
        ) as client:
            client.post("/v1/push", json=push_body(outbox))
            client.post("/v1/push", json=push_body(outbox, store="KRK01"))
            client.get("/v1/changes", params={"after": "x"})
            client.get("/v1/stock/P0000001")
    server.stop()

    assert server.log is not None
    log = server.log.read_text(errors="replace")
    assert "rejected" in log
    assert "GET /v1/changes" in log
    for secret in (token, revoked, wrong):
        assert secret not in log


def test_tokens_are_long_random_and_distinct(central_server: CentralServer) -> None:
    now = datetime.now(UTC)
    tills = [central_server.enrol("KRK01", f"{n:02d}") for n in range(5)]
    admins = [
        write_transaction(central_server.engine, lambda s: issue_admin_token(s, "x", now))
        for _ in range(3)
    ]
    tokens = {*tills, *admins, central_server.till_token, central_server.admin_token}
    assert len(tokens) == 10
    assert all(len(token) >= 43 for token in tokens)
