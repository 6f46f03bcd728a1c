"""The fault proxy between a real httpx client and a real uvicorn server on 127.0.0.1: every
fault as the client sees it, and what the server did meanwhile."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from tests.sync.fault_proxy import Action, Fault, FaultProxy, RandomFaults, RequestInfo

CHUNKS = [b"first part;", b"second part;", b"last part"]


@dataclass
class Upstream:
    """A uvicorn server whose app records every request body it has fully processed."""

    port: int
    received: list[bytes] = field(default_factory=list)


def recording_app(upstream: Upstream) -> FastAPI:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        body = await request.body()
        upstream.received.append(body)
        assert request.client is not None
        return {"length": len(body), "proxy_port": request.client.port}

    @app.post("/chunks")
    async def chunks(request: Request) -> StreamingResponse:
        upstream.received.append(await request.body())

        async def parts() -> AsyncIterator[bytes]:
            for part in CHUNKS:
                yield part

        return StreamingResponse(parts(), media_type="text/plain")

    return app


@contextmanager
def running_uvicorn() -> Iterator[Upstream]:
    upstream = Upstream(port=0)
    config = uvicorn.Config(
        recording_app(upstream),
        host="127.0.0.1",
        port=0,
        http="h11",
        ws="none",
        lifespan="off",
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="upstream-uvicorn")
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive(), "uvicorn did not start"
            assert time.monotonic() < deadline, "uvicorn did not start in 10 s"
            time.sleep(0.01)
        upstream.port = server.servers[0].sockets[0].getsockname()[1]
        yield upstream
    finally:
        server.should_exit = True
        thread.join()


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    with running_uvicorn() as server:
        yield server


@pytest.fixture
def proxy(upstream: Upstream) -> Iterator[FaultProxy]:
    with FaultProxy(upstream.port) as running:
        yield running


@pytest.fixture
def client(proxy: FaultProxy) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=proxy.url, timeout=5) as http:
        yield http


def test_pass_through_forwards_the_request_and_the_answer(
    proxy: FaultProxy, client: httpx.Client, upstream: Upstream
) -> None:
    response = client.post("/echo", content=b"sale 1")

    assert response.status_code == 200
    assert response.json()["length"] == len(b"sale 1")
    assert upstream.received == [b"sale 1"]
    [event] = proxy.events
    assert event.action == Action(Fault.PASS)
    assert event.upstream_status == 200
    assert event.request == RequestInfo(connection=0, number=0, method="POST", target="/echo")
    assert proxy.counts == {Fault.PASS: 1}


def test_keep_alive_meets_the_script_request_by_request(
    proxy: FaultProxy, client: httpx.Client, upstream: Upstream
) -> None:
    proxy.script(
        Fault.PASS,
        Action(Fault.HTTP_503, retry_after=3),
        Fault.HTTP_500,
        Fault.PASS,
    )

    responses = [client.post("/echo", content=f"sale {n}".encode()) for n in range(5)]

    assert [response.status_code for response in responses] == [200, 503, 500, 200, 200]
    assert responses[1].headers["Retry-After"] == "3"
    assert "Retry-After" not in responses[2].headers
    assert upstream.received == [b"sale 0", b"sale 3", b"sale 4"]
    assert proxy.connections == 1
    assert [(event.request.connection, event.request.number) for event in proxy.events] == [
        (0, n) for n in range(5)
    ]
    # The proxy kept its own connection to the server open too.
    assert len({responses[n].json()["proxy_port"] for n in (0, 3, 4)}) == 1
    assert proxy.counts == {Fault.PASS: 3, Fault.HTTP_503: 1, Fault.HTTP_500: 1}


def test_connection_close_is_honoured(
    proxy: FaultProxy, client: httpx.Client, upstream: Upstream
) -> None:
    proxy.script(Fault.PASS, Fault.HTTP_503)
    closing = {"Connection": "close"}

    answered = client.post("/echo", content=b"a", headers=closing)
    refused = client.post("/echo", content=b"b", headers=closing)
    again = client.post("/echo", content=b"c")

    assert [answered.status_code, refused.status_code, again.status_code] == [200, 503, 200]
    assert refused.headers["Connection"] == "close"
    assert upstream.received == [b"a", b"c"]
    assert proxy.connections == 3


def test_reset_is_a_connection_error_and_the_server_never_hears(
    proxy: FaultProxy, client: httpx.Client, upstream: Upstream
) -> None:
    proxy.script(Fault.RESET)

    with pytest.raises(httpx.ReadError):
        client.post("/echo", content=b"lost")
    answered = client.post("/echo", content=b"retried")

    assert answered.status_code == 200
    assert upstream.received == [b"retried"]
    assert [event.action.fault for event in proxy.events] == [Fault.RESET, Fault.PASS]
    assert proxy.events[0].upstream_status is None
    assert proxy.connections == 2


def test_hang_reads_the_request_and_never_answers(proxy: FaultProxy, upstream: Upstream) -> None:
    proxy.set_mode(Fault.HANG)

    with (
        httpx.Client(base_url=proxy.url, timeout=0.2) as impatient,
        pytest.raises(httpx.ReadTimeout),
    ):
        impatient.post("/echo", content=b"waiting")

    [event] = proxy.wait_for_events(1)
    assert event.action.fault is Fault.HANG
    assert event.upstream_status is None
    assert upstream.received == []


def test_a_dropped_answer_was_committed_by_the_server(
    proxy: FaultProxy, client: httpx.Client, upstream: Upstream
) -> None:
    proxy.script(Fault.DROP_RESPONSE, Fault.DROP_RESPONSE)

    with pytest.raises(httpx.ReadError):
        client.post("/echo", content=b"sale 7")
    with pytest.raises(httpx.ReadError):
        client.post("/chunks", content=b"sale 8")

    assert upstream.received == [b"sale 7", b"sale 8"]
    assert [(event.action.fault, event.upstream_status) for event in proxy.events] == [
        (Fault.DROP_RESPONSE, 200),
        (Fault.DROP_RESPONSE, 200),
    ]
    assert client.post("/echo", content=b"sale 7").status_code == 200


def test_chunked_requests_and_answers_keep_the_connection(
    proxy: FaultProxy, client: httpx.Client, upstream: Upstream
) -> None:
    bodies = []
    for n in range(3):
        response = client.post("/chunks", content=iter([b"sale ", str(n).encode()]))
        assert response.headers["Transfer-Encoding"] == "chunked"
        bodies.append(response.content)

    assert bodies == [b"".join(CHUNKS)] * 3
    assert upstream.received == [b"sale 0", b"sale 1", b"sale 2"]
    assert proxy.connections == 1


def test_delay_holds_the_server_answer_back(
    proxy: FaultProxy, client: httpx.Client, upstream: Upstream
) -> None:
    proxy.script(Action(Fault.DELAY, delay_ms=300), Action(Fault.DELAY, delay_ms=5000))

    started = time.monotonic()
    late = client.post("/echo", content=b"late")
    waited = time.monotonic() - started
    with pytest.raises(httpx.ReadTimeout):
        client.post("/echo", content=b"too late", timeout=0.2)

    assert late.status_code == 200
    assert waited >= 0.3
    # The server answered the second one; the client gave up before hearing it.
    assert upstream.received == [b"late", b"too late"]
    assert [event.upstream_status for event in proxy.wait_for_events(2)] == [200, 200]


def test_cut_upstream_leaves_the_server_a_partial_request(
    proxy: FaultProxy, client: httpx.Client, upstream: Upstream
) -> None:
    proxy.script(Fault.CUT_UPSTREAM)

    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/echo", content=b"x" * 10_000)
    answered = client.post("/echo", content=b"after the cut")

    assert answered.status_code == 200
    assert upstream.received == [b"after the cut"]
    assert proxy.events[0].action.fault is Fault.CUT_UPSTREAM


def test_a_mode_can_plan_per_connection(proxy: FaultProxy, upstream: Upstream) -> None:
    def first_connection_refused(request: RequestInfo) -> Fault:
        return Fault.HTTP_503 if request.connection == 0 else Fault.PASS

    proxy.set_mode(first_connection_refused)

    with (
        httpx.Client(base_url=proxy.url, timeout=5) as first,
        httpx.Client(base_url=proxy.url, timeout=5) as second,
    ):
        statuses = [
            (first.post("/echo", content=b"1").status_code, second.post("/echo").status_code)
            for _ in range(3)
        ]

    assert statuses == [(503, 200)] * 3
    assert len(upstream.received) == 3


def outcomes(upstream: Upstream, seed: int, requests: int) -> tuple[list[str], FaultProxy]:
    """What one client sees through a fresh proxy in random mode, request by request."""
    mode = RandomFaults(
        seed,
        {
            Fault.RESET: 0.15,
            Fault.DROP_RESPONSE: 0.15,
            Action(Fault.HTTP_503, retry_after=0): 0.15,
            Fault.CUT_UPSTREAM: 0.15,
        },
    )
    seen = []
    with (
        FaultProxy(upstream.port, mode=mode) as proxy,
        httpx.Client(base_url=proxy.url, timeout=5) as client,
    ):
        for n in range(requests):
            try:
                seen.append(str(client.post("/echo", content=f"{seed}/{n}".encode()).status_code))
            except httpx.TransportError as error:
                seen.append(type(error).__name__)
    return seen, proxy


def test_random_mode_is_reproducible_from_its_seed(upstream: Upstream) -> None:
    first, proxy = outcomes(upstream, seed=42, requests=40)
    again, _ = outcomes(upstream, seed=42, requests=40)
    other, _ = outcomes(upstream, seed=43, requests=40)

    assert first == again
    assert first != other
    as_seen = {
        Fault.PASS: "200",
        Fault.HTTP_503: "503",
        Fault.RESET: "ReadError",
        Fault.DROP_RESPONSE: "ReadError",
        Fault.CUT_UPSTREAM: "RemoteProtocolError",
    }
    faults = [event.action.fault for event in proxy.events]
    assert [as_seen[fault] for fault in faults] == first
    assert set(faults) == set(as_seen)
    assert proxy.counts == {fault: faults.count(fault) for fault in as_seen}
    processed = [body for body in upstream.received if body.startswith(b"42/")]
    # Twice: the same seed ran twice.
    assert len(processed) == 2 * (proxy.counts[Fault.PASS] + proxy.counts[Fault.DROP_RESPONSE])


def test_random_faults_checks_its_probabilities() -> None:
    with pytest.raises(ValueError, match="negative"):
        RandomFaults(1, {Fault.RESET: -0.1})
    with pytest.raises(ValueError, match="more than 1"):
        RandomFaults(1, {Fault.RESET: 0.6, Fault.HANG: 0.5})


def test_actions_check_their_parameters() -> None:
    with pytest.raises(ValueError, match="delay_ms"):
        Action(Fault.DELAY)
    with pytest.raises(ValueError, match="delay_ms"):
        Action(Fault.PASS, delay_ms=10)
    with pytest.raises(ValueError, match="retry_after"):
        Action(Fault.RESET, retry_after=1)
    with pytest.raises(ValueError, match="retry_after"):
        Action(Fault.HTTP_503, retry_after=-1)


def test_an_unreachable_server_is_a_reset_until_the_upstream_moves(upstream: Upstream) -> None:
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        nobody = placeholder.getsockname()[1]

    with (
        FaultProxy(nobody) as proxy,
        httpx.Client(base_url=proxy.url, timeout=5) as client,
    ):
        with pytest.raises(httpx.ReadError):
            client.post("/echo", content=b"nobody there")
        proxy.set_upstream(upstream.port)
        answered = client.post("/echo", content=b"moved")

    assert answered.status_code == 200
    assert [event.upstream_status for event in proxy.events] == [None, 200]
    assert upstream.received == [b"moved"]


class _UnframedAnswer(socketserver.StreamRequestHandler):
    """An HTTP/1.1 server answering without a length: the body ends when it closes."""

    def handle(self) -> None:
        while self.rfile.readline() not in (b"\r\n", b""):
            pass
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")


def test_an_answer_ending_with_the_connection_is_forwarded_whole() -> None:
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), _UnframedAnswer) as server:
        serving = threading.Thread(target=server.serve_forever, name="unframed-server")
        serving.start()
        try:
            with (
                FaultProxy(server.server_address[1]) as proxy,
                httpx.Client(base_url=proxy.url, timeout=5) as client,
            ):
                bodies = [client.get("/").content for _ in range(2)]
        finally:
            server.shutdown()
            serving.join()

    assert bodies == [b"until the end"] * 2
    assert proxy.connections == 2


def test_stop_resets_open_connections_and_ends_every_thread(upstream: Upstream) -> None:
    proxy = FaultProxy(upstream.port, mode=Fault.HANG)
    with proxy, socket.create_connection(("127.0.0.1", proxy.port)) as raw:
        raw.sendall(b"GET /echo HTTP/1.1\r\nHost: test\r\n\r\n")
        proxy.wait_for_events(1)
        proxy.stop()
        with pytest.raises(ConnectionResetError):
            raw.recv(1)

    assert not [thread for thread in threading.enumerate() if thread.name.startswith("fault-")]
    with pytest.raises(RuntimeError, match="not running"):
        _ = proxy.url
