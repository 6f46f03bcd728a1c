"""The till's HTTP client through httpx.MockTransport: the request it sends, the answers it
accepts, and a typed error (never a crash) for every failure a server or network can cause."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from sync.client import (
    BadAnswerError,
    BusyError,
    CentralClient,
    FeedGoneError,
    ForbiddenError,
    NotFoundError,
    OfflineError,
    RequestRefusedError,
    ServerFailedError,
    SyncError,
    TimedOutError,
    TokenRefusedError,
    TooLargeError,
)
from sync.protocol import MAX_REQUEST_BYTES, ItemStatus, OutboxItem

TOKEN = "till-secret-token-0123456789"
NOW = datetime(2025, 3, 14, 9, 0, 0, tzinfo=UTC)
SERVER_TIME = "2025-03-14T09:00:01+00:00"

Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler, **options: object) -> CentralClient:
    return CentralClient(
        "http://central.test:8765/",
        TOKEN,
        transport=httpx.MockTransport(handler),
        now=lambda: NOW,
        **options,  # type: ignore[arg-type]
    )


def item(seq: int = 1, payload: dict[str, object] | None = None) -> OutboxItem:
    return OutboxItem(
        id=uuid.uuid4(),
        kind="sale",
        aggregate_id=uuid.uuid4(),
        seq=seq,
        created_at=NOW,
        payload=payload if payload is not None else {"total": 499},
    )


def page_json(**changes: object) -> dict[str, object]:
    return {
        "changes": [],
        "next_cursor": "7",
        "has_more": False,
        "remaining": 0,
        "server_time": SERVER_TIME,
        **changes,
    }


def test_push_sends_the_items_with_the_token_and_reads_the_per_item_answer() -> None:
    seen: list[httpx.Request] = []
    items = [item(1), item(2)]

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = json.loads(request.content)
        return httpx.Response(
            200,
            json={
                "results": [
                    {"id": body["items"][0]["id"], "status": "accepted"},
                    {"id": body["items"][1]["id"], "status": "rejected", "reason": "no store"},
                ],
                "server_time": SERVER_TIME,
            },
        )

    with client(handler) as central:
        answer = central.push(items, NOW)
    assert [(r.id, r.status, r.reason) for r in answer.results] == [
        (items[0].id, ItemStatus.ACCEPTED, None),
        (items[1].id, ItemStatus.REJECTED, "no store"),
    ]
    request = seen[0]
    assert request.method == "POST"
    assert request.url == "http://central.test:8765/v1/push"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    body = json.loads(request.content)
    assert body["till_clock"] == "2025-03-14T09:00:00Z"
    assert [i["seq"] for i in body["items"]] == [1, 2]


def test_changes_asks_after_the_cursor_and_health_goes_without_the_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/health":
            return httpx.Response(
                200, json={"status": "ok", "server_time": SERVER_TIME, "version": "1"}
            )
        return httpx.Response(200, json=page_json())

    with client(handler) as central:
        page = central.changes("41", limit=100)
        health = central.health()
    assert page.next_cursor == "7"
    assert health.server_time == datetime(2025, 3, 14, 9, 0, 1, tzinfo=UTC)
    assert seen[0].url.params == httpx.QueryParams({"after": "41", "limit": "100"})
    assert "authorization" not in seen[1].headers


def test_a_sku_is_quoted_into_the_stock_path() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.raw_path.decode())
        return httpx.Response(
            200,
            json={"sku": "A/B 1", "name": "x", "unit": "piece", "as_of": SERVER_TIME, "stores": []},
        )

    with client(handler) as central:
        assert central.stock("A/B 1").sku == "A/B 1"
    assert paths == ["/v1/stock/A%2FB%201"]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, TokenRefusedError),
        (403, ForbiddenError),
        (404, NotFoundError),
        (410, FeedGoneError),
        (413, TooLargeError),
        (422, RequestRefusedError),
        (400, RequestRefusedError),
        (429, BusyError),
        (503, BusyError),
        (500, ServerFailedError),
        (502, ServerFailedError),
        (302, BadAnswerError),
        (204, BadAnswerError),
    ],
)
def test_each_status_has_its_error(status: int, error: type[SyncError]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"detail": "told so"})

    with client(handler) as central, pytest.raises(error) as raised:
        central.changes("0")
    assert raised.value.status == status
    assert f"{status}" in str(raised.value)


def test_retry_after_comes_with_the_error_in_seconds_or_as_a_date() -> None:
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": "17"}),
            httpx.Response(503, headers={"Retry-After": "Fri, 14 Mar 2025 09:02:00 GMT"}),
            httpx.Response(500, headers={"Retry-After": "yesterday-ish"}),
        ]
    )
    with client(lambda request: next(answers)) as central:
        retry_afters = []
        for _ in range(3):
            with pytest.raises(SyncError) as raised:
                central.changes("0")
            retry_afters.append(raised.value.retry_after)
    assert retry_afters == [17.0, 120.0, None]


def test_a_long_or_structured_error_detail_is_shortened_to_one_line() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(422, json={"detail": [{"loc": ["body"], "msg": "x\n" * 500}]})

    with client(handler) as central, pytest.raises(RequestRefusedError) as raised:
        central.changes("0")
    message = str(raised.value)
    assert "\n" not in message
    assert len(message) < 400


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<html>502 Bad Gateway</html>", "not a valid ChangesPage"),
        (b'{"changes": [], "next_cursor": 5}', "next_cursor"),
        (
            b'{"changes": "all", "next_cursor": "1", "has_more": false, "remaining": 0,'
            b' "server_time": "2025-01-01T00:00:00Z"}',
            "changes",
        ),
        (b"", "not a valid ChangesPage"),
        (b"\xff\xfe\x00garbage", "not a valid ChangesPage"),
        (b"[]", "not a valid ChangesPage"),
    ],
)
def test_nonsense_answers_are_bad_answers(content: bytes, expected: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=content)

    with client(handler) as central, pytest.raises(BadAnswerError, match=expected):
        central.changes("0")


def test_an_answer_too_big_to_be_true_is_refused_while_reading() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"[" + b"0," * 10_000 + b"0]")

    with (
        client(handler, max_answer_bytes=1000) as central,
        pytest.raises(BadAnswerError, match="over"),
    ):
        central.changes("0")


def test_a_broken_compressed_answer_is_a_bad_answer() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"not gzip", headers={"content-encoding": "gzip"})

    with client(handler) as central, pytest.raises(BadAnswerError, match="decoded"):
        central.changes("0")


def test_network_failures_are_offline_or_timed_out() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def reset(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed connection", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with client(refused) as central, pytest.raises(OfflineError, match="refused"):
        central.push([item()], NOW)
    with client(reset) as central, pytest.raises(OfflineError):
        central.push([item()], NOW)
    with client(slow) as central, pytest.raises(TimedOutError, match="ReadTimeout"):
        central.push([item()], NOW)


def test_a_request_over_the_size_limit_is_not_even_sent() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    big = item(payload={"text": "x" * MAX_REQUEST_BYTES})
    with client(handler) as central, pytest.raises(TooLargeError, match="over the limit"):
        central.push([big], NOW)
    assert sent == []


def test_the_token_is_in_no_repr_and_no_error_message() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"detail": "unknown token"})

    with client(handler) as central:
        assert TOKEN not in repr(central)
        with pytest.raises(TokenRefusedError) as raised:
            central.push([item()], NOW)
    assert TOKEN not in str(raised.value)
    assert TOKEN not in repr(raised.value)
