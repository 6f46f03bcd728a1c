"""A network receipt printer on 127.0.0.1 for the tests: a real TCP server that answers the
paper status request (DLE EOT 4) like an ESC/POS printer, or stays silent, and keeps what each
connection sent."""

from __future__ import annotations

import queue
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DLE_EOT_PAPER = b"\x10\x04\x04"
PAPER_OK = b"\x12"
PAPER_OUT = b"\x72"


class TcpPrinter:
    def __init__(self, paper_reply: bytes | None = PAPER_OK, *, reads: bool = True) -> None:
        """`paper_reply`: what the sensor answers (None: no answer); `reads`: False for a
        printer that accepts the connection and then takes no data (paused, jammed)."""
        self.paper_reply = paper_reply
        self.reads = reads
        self.jobs: queue.Queue[bytes] = queue.Queue()
        self.status_requests = 0
        self._server = socket.create_server(("127.0.0.1", 0))
        if not reads:
            self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.port = self._server.getsockname()[1]
        self._stopping = threading.Event()
        self._connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            self._connections.append(connection)
            if self.reads:
                self._handle(connection)

    def _handle(self, connection: socket.socket) -> None:
        received = bytearray()
        with connection:
            while chunk := connection.recv(65536):
                received += chunk
                while received.startswith(DLE_EOT_PAPER):
                    del received[: len(DLE_EOT_PAPER)]
                    self.status_requests += 1
                    if self.paper_reply is not None:
                        connection.sendall(self.paper_reply)
        self.jobs.put(bytes(received))

    def next_job(self, timeout: float = 10.0) -> bytes:
        return self.jobs.get(timeout=timeout)

    def close(self) -> None:
        self._stopping.set()
        self._server.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self._server.close()
        for connection in self._connections:
            connection.close()
        self._thread.join(5)


@contextmanager
def tcp_printer(
    paper_reply: bytes | None = PAPER_OK, *, reads: bool = True
) -> Iterator[TcpPrinter]:
    printer = TcpPrinter(paper_reply, reads=reads)
    try:
        yield printer
    finally:
        printer.close()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
