"""`pos-central serve --ssl-certfile --ssl-keyfile`: HTTPS end to end with a certificate from a
test CA (trustme); a client that does not trust the CA, or speaks plain HTTP, gets nothing."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import trustme
from sqlalchemy import Engine

from sync.central.auth import enrol_till
from sync.central.database import write_transaction

if TYPE_CHECKING:
    from tests.sync.conftest import CentralProcess, Outbox


def test_the_service_speaks_https_with_the_given_certificate(
    central_demo: Engine,
    central_db_url: str,
    central_process: Callable[..., CentralProcess],
    outbox: Outbox,
    tmp_path: Path,
) -> None:
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    certfile, keyfile = tmp_path / "cert.pem", tmp_path / "key.pem"
    certificate.private_key_and_cert_chain_pem.write_to_path(str(certfile))
    certificate.private_key_pem.write_to_path(str(keyfile))
    trusted = ssl.create_default_context()
    authority.configure_trust(trusted)
    now = datetime.now(UTC)
    token = write_transaction(central_demo, lambda s: enrol_till(s, "WAW01", "01", now))

    server = central_process(central_db_url, tls=(certfile, keyfile), verify=trusted)

    assert server.url.startswith("https://127.0.0.1:")
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.url, verify=trusted, headers=headers) as client:
        health = client.get("/health")
        pushed = client.post(
            "/v1/push",
            json=outbox.push_body([outbox.item("sale", outbox.sale_payload([("P0000001", 1)]))]),
        )
    assert health.status_code == 200
    assert pushed.json()["results"][0]["status"] == "accepted"
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(f"{server.url}/health", verify=ssl.create_default_context())
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"http://127.0.0.1:{server.port}/health")
