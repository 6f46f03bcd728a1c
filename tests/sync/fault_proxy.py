"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1 for the sync integration tests.

The proxy sits between a real client (the till's httpx) and a real server (uvicorn) and decides,
request by request, what the client gets: the server's answer, a reset connection, silence, the
answer thrown away after the server committed, a late answer, an injected 500/503, or a request
cut off half-way to the server. Tests in this folder import it as ``import fault_proxy``.

    with FaultProxy(server_port) as proxy:
        client = httpx.Client(base_url=proxy.url)
        proxy.script(Fault.DROP_RESPONSE, Action(Fault.HTTP_503, retry_after=0))
        ...                                    # the next two requests meet those faults
        proxy.set_mode(RandomFaults(seed=1, probabilities={Fault.RESET: 0.1}))
        ...                                    # every later request: 10 % reset, else passed
        assert proxy.counts[Fault.RESET] == ...

Each request is read whole from the client before its action is chosen, so a kept-alive
connection can meet a different fault on every request. Scripted actions come first, in the
order requests arrive; after them the mode decides (a fixed action, or any function of the
request such as `RandomFaults` or a per-connection plan). Messages are framed with
Content-Length, chunked transfer coding, or (answers only) the end of the connection; TLS,
protocol upgrades and `Expect: 100-continue` are not supported.
"""

from __future__ import annotations

import random
import select
import socket
import struct
import threading
from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Self, TypeAlias

MAX_HEAD_BYTES = 64 * 1024
JOIN_SECONDS = 5.0
_CRLF = b"\r\n"
_HEAD_END = b"\r\n\r\n"
_REASONS = {500: "Internal Server Error", 503: "Service Unavailable"}


class Fault(StrEnum):
    """What happens to one request, as the client sees it."""

    PASS = "pass"
    """Forwarded; the server's answer is sent back."""
    RESET = "reset"
    """Not forwarded; the client's connection is reset (RST: SO_LINGER 0)."""
    HANG = "hang"
    """Not forwarded and never answered: the client waits for its own timeout."""
    DROP_RESPONSE = "drop_response"
    """Forwarded and answered by the server, then the client's connection is reset instead."""
    DELAY = "delay"
    """Forwarded; the server's answer is held back `delay_ms` before it is sent on."""
    HTTP_500 = "http_500"
    """Not forwarded; answered 500 Internal Server Error (and `Retry-After` if given)."""
    HTTP_503 = "http_503"
    """Not forwarded; answered 503 Service Unavailable (and `Retry-After` if given)."""
    CUT_UPSTREAM = "cut_upstream"
    """Half the request reaches the server, then both connections are closed (no answer)."""


@dataclass(frozen=True)
class Action:
    """A fault with its parameters: `delay_ms` for DELAY (required), `retry_after` (seconds,
    optional) for HTTP_500 and HTTP_503."""

    fault: Fault
    delay_ms: int = 0
    retry_after: int | None = None

    def __post_init__(self) -> None:
        if (self.fault is Fault.DELAY) != (self.delay_ms > 0):
            raise ValueError("delay_ms must be positive for DELAY and zero for any other fault")
        if self.retry_after is not None and (
            self.fault not in (Fault.HTTP_500, Fault.HTTP_503) or self.retry_after < 0
        ):
            raise ValueError("retry_after is a number of seconds >= 0 for HTTP_500 or HTTP_503")


@dataclass(frozen=True)
class RequestInfo:
    """The request an action is chosen for."""

    connection: int
    """The client connection, numbered from 0 in the order the proxy accepted them."""
    number: int
    """The request's place on its connection, from 0 (keep-alive carries several)."""
    method: str
    target: str


@dataclass(frozen=True)
class Event:
    """What the proxy did with one request."""

    request: RequestInfo
    action: Action
    upstream_status: int | None
    """The server's final status, or None when the server was not asked or did not answer."""


Chooser: TypeAlias = Callable[[RequestInfo], Action | Fault]
"""A mode computed per request; called with the proxy's lock held, in arrival order."""
Mode: TypeAlias = Action | Fault | Chooser


class RandomFaults:
    """A mode drawing each request's action from a seeded generator: `probabilities` maps an
    action to its chance (they add up to at most 1, the rest is PASS). The same seed and the same
    order of requests give the same actions."""

    def __init__(self, seed: int, probabilities: Mapping[Action | Fault, float]) -> None:
        if any(chance < 0 for chance in probabilities.values()):
            raise ValueError("a probability cannot be negative")
        if sum(probabilities.values()) > 1 + 1e-9:
            raise ValueError("the probabilities add up to more than 1")
        self._random = random.Random(seed)
        self._actions = [(_as_action(action), chance) for action, chance in probabilities.items()]

    def __call__(self, _request: RequestInfo) -> Action:
        draw = self._random.random()
        for action, chance in self._actions:
            if draw < chance:
                return action
            draw -= chance
        return Action(Fault.PASS)


class FaultProxy:
    """Listens on 127.0.0.1 (`port`, 0 for a free one) and forwards to the upstream server,
    applying the script, then the mode, to every request. A context manager: start on enter,
    stop on exit (all threads joined, all sockets closed)."""

    def __init__(
        self,
        upstream_port: int,
        upstream_host: str = "127.0.0.1",
        *,
        port: int = 0,
        mode: Mode = Fault.PASS,
        connect_timeout: float = 5.0,
    ) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._requested_port = port
        self._mode = mode
        self._connect_timeout = connect_timeout
        self._script: deque[Action] = deque()
        self._events: list[Event] = []
        self._counts: Counter[Fault] = Counter()
        self._connections = 0
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._handlers: set[threading.Thread] = set()
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._stop_signal: tuple[socket.socket, socket.socket] | None = None

    # ---- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        if self._listener is not None:
            raise RuntimeError("the proxy is already running")
        listener = socket.create_server(("127.0.0.1", self._requested_port), backlog=128)
        self._listener = listener
        self._stop_signal = socket.socketpair()
        self._acceptor = threading.Thread(
            target=self._accept_loop,
            args=(listener, self._stop_signal[0]),
            name="fault-proxy-accept",
        )
        self._acceptor.start()

    def stop(self) -> None:
        """Reset every open connection and wait for every thread; no-op when not running."""
        if self._listener is None or self._stop_signal is None or self._acceptor is None:
            return
        self._stop_signal[1].send(b"x")  # wakes every thread: each waits on the signal too
        self._acceptor.join(JOIN_SECONDS)
        with self._lock:
            handlers = list(self._handlers)
        for handler in handlers:
            handler.join(JOIN_SECONDS)
        alive = [thread.name for thread in [self._acceptor, *handlers] if thread.is_alive()]
        self._listener.close()
        for end in self._stop_signal:
            end.close()
        self._listener = self._acceptor = self._stop_signal = None
        if alive:
            raise RuntimeError(f"fault proxy threads did not stop: {alive}")

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("the proxy is not running")
        port: int = self._listener.getsockname()[1]
        return port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- control ------------------------------------------------------------------------

    def set_mode(self, mode: Mode) -> None:
        """What every request gets once the script is used up: a fixed action or fault, or a
        function of the request (`RandomFaults`, a per-connection plan...)."""
        with self._lock:
            self._mode = mode

    def script(self, *actions: Action | Fault) -> None:
        """Queue actions for the next requests, one each, in the order the requests arrive."""
        with self._lock:
            self._script.extend(_as_action(action) for action in actions)

    def set_upstream(self, port: int, host: str = "127.0.0.1") -> None:
        """Send later requests to another server (e.g. one restarted on a new port)."""
        with self._lock:
            self._upstream = (host, port)

    @property
    def events(self) -> tuple[Event, ...]:
        """Every request handled so far, in the order the proxy finished choosing and starting
        each action (for one client sending one request at a time: the order it sent them)."""
        with self._lock:
            return tuple(self._events)

    @property
    def counts(self) -> Counter[Fault]:
        """How many requests met each fault."""
        with self._lock:
            return Counter(self._counts)

    @property
    def connections(self) -> int:
        """How many client connections were accepted."""
        with self._lock:
            return self._connections

    def wait_for_events(self, count: int, timeout: float = JOIN_SECONDS) -> tuple[Event, ...]:
        """Block until `count` requests have been handled; TimeoutError if they are not."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._events) >= count, timeout):
                raise TimeoutError(f"{len(self._events)} of {count} requests after {timeout} s")
            return tuple(self._events)

    # ---- internals ----------------------------------------------------------------------

    def _accept_loop(self, listener: socket.socket, stop: socket.socket) -> None:
        while True:
            readable, _, _ = select.select([listener, stop], [], [])
            if stop in readable:
                return
            try:
                client, _ = listener.accept()
            except OSError:  # the client gave up before it was accepted
                continue
            with self._lock:
                number = self._connections
                self._connections += 1
                handler = threading.Thread(
                    target=self._serve,
                    args=(client, number, stop),
                    name=f"fault-proxy-connection-{number}",
                )
                self._handlers.add(handler)
            handler.start()

    def _choose(self, request: RequestInfo) -> Action:
        with self._lock:
            if self._script:
                return self._script.popleft()
            mode = self._mode
            return _as_action(mode if isinstance(mode, Action | Fault) else mode(request))

    def _record(self, request: RequestInfo, action: Action, upstream_status: int | None) -> None:
        with self._changed:
            self._events.append(Event(request, action, upstream_status))
            self._counts[action.fault] += 1
            self._changed.notify_all()

    def _serve(self, sock: socket.socket, connection: int, stop: socket.socket) -> None:
        client = _Peer(sock, stop)
        upstream: _Upstream | None = None
        try:
            number = 0
            while (request := _read_request(client)) is not None:
                info = RequestInfo(connection, number, request.method, request.target)
                action = self._choose(info)
                with self._lock:
                    address = self._upstream
                if upstream is not None and (upstream.address != address or upstream.dropped()):
                    upstream.peer.close()
                    upstream = None
                if upstream is None and _needs_upstream(action.fault):
                    upstream = self._connect(address, stop)
                if not self._apply(action, info, request, client, upstream):
                    return
                if upstream is not None and upstream.closed:
                    upstream.peer.close()
                    upstream = None
                number += 1
        except (_StoppingError, _ProtocolError, OSError):
            client.reset()
        finally:
            if upstream is not None:
                upstream.peer.close()
            client.close()
            with self._lock:
                self._handlers.discard(threading.current_thread())

    def _apply(
        self,
        action: Action,
        info: RequestInfo,
        request: _Request,
        client: _Peer,
        upstream: _Upstream | None,
    ) -> bool:
        """Carry out one request's action; True when the client's connection stays open."""
        fault = action.fault
        if fault is Fault.RESET:
            self._record(info, action, None)
            client.reset()
            return False
        if fault is Fault.HANG:
            self._record(info, action, None)
            client.discard_until_closed()
            return False
        if fault in (Fault.HTTP_500, Fault.HTTP_503):
            self._record(info, action, None)
            client.send(_error_response(action, close=request.close))
            return not request.close
        if fault is Fault.CUT_UPSTREAM:
            if upstream is not None:
                upstream.peer.send(request.raw[: max(1, len(request.raw) // 2)])
            self._record(info, action, None)
            return False
        if upstream is None:  # the server cannot be reached: the client sees a reset
            self._record(info, action, None)
            client.reset()
            return False
        try:
            upstream.peer.send(request.raw)
            response = _read_response(upstream.peer, request.method)
        except (_ProtocolError, OSError):
            self._record(info, action, None)
            client.reset()
            return False
        upstream.closed = response.close or response.until_eof
        self._record(info, action, response.status)
        if fault is Fault.DROP_RESPONSE:
            client.reset()
            return False
        if fault is Fault.DELAY:
            client.sleep(action.delay_ms / 1000)
        client.send(response.raw)
        return not (request.close or response.close or response.until_eof)

    def _connect(self, address: tuple[str, int], stop: socket.socket) -> _Upstream | None:
        try:
            sock = socket.create_connection(address, timeout=self._connect_timeout)
        except OSError:
            return None
        return _Upstream(_Peer(sock, stop), address)


def _as_action(action: Action | Fault) -> Action:
    return action if isinstance(action, Action) else Action(action)


def _needs_upstream(fault: Fault) -> bool:
    return fault in (Fault.PASS, Fault.DROP_RESPONSE, Fault.DELAY, Fault.CUT_UPSTREAM)


def _error_response(action: Action, *, close: bool) -> bytes:
    status = 500 if action.fault is Fault.HTTP_500 else 503
    body = b'{"detail":"injected by the fault proxy"}'
    headers = [
        f"HTTP/1.1 {status} {_REASONS[status]}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
    ]
    if action.retry_after is not None:
        headers.append(f"Retry-After: {action.retry_after}")
    if close:
        headers.append("Connection: close")
    return "\r\n".join(headers).encode("ascii") + _HEAD_END + body


class _StoppingError(Exception):
    """The proxy is stopping."""


class _ProtocolError(Exception):
    """A peer sent something that is not HTTP/1.1, or closed in the middle of a message."""


class _Peer:
    """One end of a proxied connection: buffered reads, and waits that give up
    (`_StoppingError`) as soon as the proxy's stop signal is readable."""

    def __init__(self, sock: socket.socket, stop: socket.socket) -> None:
        sock.setblocking(False)
        self._sock = sock
        self._stop = stop
        self._buffer = bytearray()

    def _fill(self) -> bool:
        """Read what has arrived; False at the end of the stream."""
        readable, _, _ = select.select([self._sock, self._stop], [], [])
        if self._stop in readable:
            raise _StoppingError
        try:
            data = self._sock.recv(65536)
        except BlockingIOError:
            return True
        self._buffer += data
        return bool(data)

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            stopping, _, _ = select.select([self._stop], [self._sock], [])
            if stopping:
                raise _StoppingError
            try:
                view = view[self._sock.send(view) :]
            except BlockingIOError:
                continue

    def sleep(self, seconds: float) -> None:
        stopping, _, _ = select.select([self._stop], [], [], seconds)
        if stopping:
            raise _StoppingError

    def idle_input(self) -> bool:
        """Something (data or the end of the stream) arrived although nothing was asked."""
        readable, _, _ = select.select([self._sock], [], [], 0)
        return bool(readable)

    def reset(self) -> None:
        """Close with RST instead of FIN: a zero linger drops the connection at once."""
        if self._sock.fileno() >= 0:
            self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self._sock.close()

    def close(self) -> None:
        self._sock.close()

    def _take(self, size: int) -> bytes:
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def head(self) -> bytes | None:
        """The next message's head up to its blank line; None on a clean end before it."""
        while (end := self._buffer.find(_HEAD_END)) < 0:
            if len(self._buffer) > MAX_HEAD_BYTES:
                raise _ProtocolError("message head too long")
            if not self._fill():
                if self._buffer:
                    raise _ProtocolError("connection closed inside a message head")
                return None
        return self._take(end + len(_HEAD_END))

    def line(self) -> bytes:
        while (end := self._buffer.find(_CRLF)) < 0:
            if len(self._buffer) > MAX_HEAD_BYTES:
                raise _ProtocolError("line too long")
            if not self._fill():
                raise _ProtocolError("connection closed inside a chunked body")
        return self._take(end + len(_CRLF))

    def exactly(self, size: int) -> bytes:
        while len(self._buffer) < size:
            if not self._fill():
                raise _ProtocolError("connection closed inside a message body")
        return self._take(size)

    def until_closed(self) -> bytes:
        while self._fill():
            pass
        return self._take(len(self._buffer))

    def discard_until_closed(self) -> None:
        while self._fill():
            self._buffer.clear()


@dataclass
class _Upstream:
    peer: _Peer
    address: tuple[str, int]
    closed: bool = False
    """The server ends this connection after the last answer."""

    def dropped(self) -> bool:
        """The server closed this idle connection (or sent something unasked)."""
        return self.peer.idle_input()


@dataclass(frozen=True)
class _Request:
    raw: bytes
    method: str
    target: str
    close: bool
    """The client ends the connection after this request."""


@dataclass(frozen=True)
class _Response:
    raw: bytes
    status: int
    close: bool
    """The server ends the connection after this answer (`Connection: close`)."""
    until_eof: bool
    """An answer without length whose body ends with the connection."""


def _parse_head(head: bytes) -> tuple[list[str], dict[str, str]]:
    start, *fields = head[: -len(_HEAD_END)].decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for field in fields:
        name, colon, value = field.partition(":")
        if not colon:
            raise _ProtocolError(f"malformed header line {field!r}")
        key = name.strip().lower()
        headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    return start.split(" ", 2), headers


def _is_chunked(headers: dict[str, str]) -> bool:
    codings = headers.get("transfer-encoding", "")
    return codings.replace(" ", "").lower().split(",")[-1] == "chunked"


def _content_length(headers: dict[str, str]) -> int | None:
    value = headers.get("content-length")
    if value is None:
        return None
    if not value.isdigit():
        raise _ProtocolError(f"bad Content-Length {value!r}")
    return int(value)


def _wants_close(headers: dict[str, str]) -> bool:
    return "close" in headers.get("connection", "").replace(" ", "").lower().split(",")


def _read_chunked(reader: _Peer) -> bytes:
    parts: list[bytes] = []
    while True:
        size_line = reader.line()
        parts.append(size_line)
        try:
            size = int(size_line.split(b";")[0].strip(), 16)
        except ValueError as error:
            raise _ProtocolError(f"bad chunk size {size_line!r}") from error
        if size == 0:
            break
        parts.append(reader.exactly(size + len(_CRLF)))
    while (trailer := reader.line()) != _CRLF:
        parts.append(trailer)
    parts.append(_CRLF)
    return b"".join(parts)


def _read_request(reader: _Peer) -> _Request | None:
    head = reader.head()
    if head is None:
        return None
    start, headers = _parse_head(head)
    if len(start) != 3 or not start[2].startswith("HTTP/1."):
        raise _ProtocolError(f"not an HTTP/1.x request line: {start!r}")
    method, target, version = start
    if _is_chunked(headers):
        body = _read_chunked(reader)
    else:
        body = reader.exactly(_content_length(headers) or 0)
    close = _wants_close(headers) or version == "HTTP/1.0"
    return _Request(head + body, method, target, close)


def _read_response(reader: _Peer, method: str) -> _Response:
    """The server's answer to one request, with any 1xx interim answers before it."""
    interim = b""
    while True:
        head = reader.head()
        if head is None:
            raise _ProtocolError("the server closed the connection without answering")
        start, headers = _parse_head(head)
        try:
            status = int(start[1])
        except (IndexError, ValueError) as error:
            raise _ProtocolError(f"not an HTTP status line: {start!r}") from error
        if 100 <= status < 200:
            interim += head
            continue
        until_eof = False
        if method == "HEAD" or status in (204, 304):
            body = b""
        elif _is_chunked(headers):
            body = _read_chunked(reader)
        elif (length := _content_length(headers)) is not None:
            body = reader.exactly(length)
        else:
            body = reader.until_closed()
            until_eof = True
        close = _wants_close(headers) or start[0] == "HTTP/1.0"
        return _Response(interim + head + body, status, close, until_eof)
