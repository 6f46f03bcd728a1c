"""Receipt printers chosen by configuration, and sending ESC/POS bytes to them.

A printer is one of: USB (vendor and product id, endpoints; needs pyusb), serial (port and
speed), network (host:port, raw TCP, usually 9100), a device or file path (/dev/usb/lp0 with
the kernel's usblp driver, or a file), a CUPS queue (raw; needs pycups or the `lp` command),
a dummy that accepts and discards (demos), or none (the receipt is only shown on screen).

`parse_printer_address` reads the one-line form kept in the till's settings:
    usb:04b8:0202            usb:0x04b8:0x0202:in=0x82:out=0x01
    serial:/dev/ttyUSB0      serial:/dev/ttyUSB0@19200
    tcp://192.168.1.50:9100  tcp://printer.local        (port 9100)
    file:/dev/usb/lp0        /dev/usb/lp0
    cups:TM-T20              dummy                       none

`send` opens the printer, asks for its paper status where the connection can answer (network,
USB, serial; python-escpos's own `paper_status()` reports "paper OK" when nothing answers, so
the raw reply is read here and no reply means "unknown", not "OK"), writes the bytes in one go
and closes. Every failure becomes a `PrinterError` with a `PrintFailure` kind and a message
for the cashier.
"""

from __future__ import annotations

import errno
import logging
import re
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hardware.escpos_render import EscposSettings
from hardware.escpos_setup import (
    LP,
    CupsPrinter,
    DeviceNotFoundError,
    Dummy,
    Escpos,
    File,
    Network,
    Serial,
    Usb,
)

log = logging.getLogger(__name__)

DLE_EOT_PAPER = b"\x10\x04\x04"
"""Transmit paper sensor status (DLE EOT 4)."""
PAPER_END_BITS = 0x60
"""Bits 5 and 6 of the DLE EOT 4 reply: roll paper end detected."""


@dataclass(frozen=True, slots=True)
class UsbPrinter:
    vendor_id: int
    product_id: int
    in_endpoint: int = 0x82
    out_endpoint: int = 0x01


@dataclass(frozen=True, slots=True)
class SerialPrinter:
    port: str
    baudrate: int = 9600


@dataclass(frozen=True, slots=True)
class NetworkPrinter:
    host: str
    port: int = 9100


@dataclass(frozen=True, slots=True)
class DevicePrinter:
    """A device node (/dev/usb/lp0) or a plain file the bytes are written to."""

    path: str


@dataclass(frozen=True, slots=True)
class CupsQueue:
    name: str


@dataclass(frozen=True, slots=True)
class DummyPrinter:
    """Accepts every job and keeps nothing: the till's flow without a printer."""


@dataclass(frozen=True, slots=True)
class NoPrinter:
    """No printer: receipts are shown as a preview picture."""


Connection = (
    UsbPrinter
    | SerialPrinter
    | NetworkPrinter
    | DevicePrinter
    | CupsQueue
    | DummyPrinter
    | NoPrinter
)


@dataclass(frozen=True, slots=True)
class PrinterConfig:
    connection: Connection = field(default_factory=NoPrinter)
    escpos: EscposSettings = field(default_factory=EscposSettings)
    io_timeout_s: float = 10.0
    """Longest wait for the printer to connect or take the data."""
    status_timeout_s: float = 1.0
    """Longest wait for the paper status reply (printers that never answer are common)."""
    check_status: bool = True
    """Ask for the paper status first where the connection can answer."""

    def __post_init__(self) -> None:
        if self.io_timeout_s <= 0 or self.status_timeout_s <= 0:
            raise ValueError("printer timeouts must be positive")


class PrintFailure(StrEnum):
    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    BUSY = "busy"
    TIMEOUT = "timeout"
    SETUP = "setup"
    """The configuration or the system is wrong (missing library, no permission, bad path)."""
    NO_PRINTER = "no_printer"
    FAILED = "failed"


_MESSAGES = {
    PrintFailure.OFFLINE: "The printer is not reachable: is it switched on and connected?",
    PrintFailure.PAPER_OUT: "The printer is out of paper: put in a new roll.",
    PrintFailure.BUSY: "The printer is busy with another program or job.",
    PrintFailure.TIMEOUT: "The printer did not take the receipt in time.",
    PrintFailure.SETUP: "The printer is not set up right: check its settings.",
    PrintFailure.NO_PRINTER: "No printer is configured: the receipt is shown on screen.",
    PrintFailure.FAILED: "Printing failed.",
}


def failure_message(failure: PrintFailure) -> str:
    """The cashier's message for a kind of failure (English; the UI translates by kind)."""
    return _MESSAGES[failure]


class PrinterError(Exception):
    def __init__(self, failure: PrintFailure, detail: str) -> None:
        super().__init__(f"{failure_message(failure)} ({detail})")
        self.failure = failure
        self.detail = detail


# --- addresses -------------------------------------------------------------------------------

_USB = re.compile(
    r"^usb:(?P<vendor>(?:0x)?[0-9a-f]{1,4}):(?P<product>(?:0x)?[0-9a-f]{1,4})"
    r"(?::in=(?P<inep>(?:0x)?[0-9a-f]{1,2}))?(?::out=(?P<outep>(?:0x)?[0-9a-f]{1,2}))?$",
    re.IGNORECASE,
)
_SERIAL = re.compile(r"^serial:(?P<port>[^@]+)(?:@(?P<baud>\d+))?$")
_TCP = re.compile(r"^(?:tcp|network)://(?P<host>[^:/]+|\[[0-9a-f:]+\])(?::(?P<port>\d+))?/?$")


def _hex(text: str) -> int:
    return int(text, 16)


def parse_printer_address(text: str) -> Connection:
    """Read the one-line printer setting (see the module); ValueError names what is wrong."""
    address = text.strip()
    if address.lower() in ("", "none"):
        return NoPrinter()
    if address.lower() == "dummy":
        return DummyPrinter()
    if match := _USB.match(address):
        return UsbPrinter(
            _hex(match["vendor"]),
            _hex(match["product"]),
            _hex(match["inep"]) if match["inep"] else 0x82,
            _hex(match["outep"]) if match["outep"] else 0x01,
        )
    if match := _SERIAL.match(address):
        return SerialPrinter(match["port"], int(match["baud"] or 9600))
    if match := _TCP.match(address):
        port = int(match["port"] or 9100)
        if not 0 < port < 65536:
            raise ValueError(f"{port} is not a TCP port")
        return NetworkPrinter(match["host"].strip("[]"), port)
    if address.startswith("file:"):
        return DevicePrinter(address.removeprefix("file:"))
    if address.startswith("/"):
        return DevicePrinter(address)
    if address.startswith("cups:") and address[5:]:
        return CupsQueue(address[5:])
    raise ValueError(
        f"{text!r} is not a printer address: use usb:VID:PID, serial:PORT[@BAUD], "
        "tcp://HOST[:PORT], file:PATH, cups:QUEUE, dummy or none"
    )


def printer_address(connection: Connection) -> str:
    """The one-line form of a connection (parse_printer_address reads it back)."""
    if isinstance(connection, UsbPrinter):
        return (
            f"usb:{connection.vendor_id:04x}:{connection.product_id:04x}"
            f":in=0x{connection.in_endpoint:02x}:out=0x{connection.out_endpoint:02x}"
        )
    if isinstance(connection, SerialPrinter):
        return f"serial:{connection.port}@{connection.baudrate}"
    if isinstance(connection, NetworkPrinter):
        host = f"[{connection.host}]" if ":" in connection.host else connection.host
        return f"tcp://{host}:{connection.port}"
    if isinstance(connection, DevicePrinter):
        return f"file:{connection.path}"
    if isinstance(connection, CupsQueue):
        return f"cups:{connection.name}"
    if isinstance(connection, DummyPrinter):
        return "dummy"
    return "none"


# --- sending ---------------------------------------------------------------------------------


def _device(config: PrinterConfig) -> Escpos:
    connection = config.connection
    profile = config.escpos.profile
    timeout = config.io_timeout_s
    if isinstance(connection, UsbPrinter):
        if not Usb.is_usable():
            raise PrinterError(
                PrintFailure.SETUP,
                "USB printing needs pyusb; or use the usblp device path, e.g. /dev/usb/lp0",
            )
        return Usb(
            connection.vendor_id,
            connection.product_id,
            timeout=round(timeout * 1000),
            in_ep=connection.in_endpoint,
            out_ep=connection.out_endpoint,
            profile=profile,
        )
    if isinstance(connection, SerialPrinter):
        return Serial(connection.port, connection.baudrate, timeout=timeout, profile=profile)
    if isinstance(connection, NetworkPrinter):
        return Network(connection.host, connection.port, timeout=timeout, profile=profile)
    if isinstance(connection, DevicePrinter):
        return File(connection.path, profile=profile)
    if isinstance(connection, CupsQueue):
        if CupsPrinter.is_usable():
            return CupsPrinter(connection.name, profile=profile)
        if shutil.which("lp") is not None:
            return LP(connection.name, profile=profile)
        raise PrinterError(PrintFailure.SETUP, "CUPS printing needs pycups or the lp command")
    if isinstance(connection, DummyPrinter):
        return Dummy(profile=profile)
    raise PrinterError(PrintFailure.NO_PRINTER, "no printer configured")


def can_read_status(connection: Connection) -> bool:
    """Whether the printer can answer a status request over this connection (files, device
    nodes and CUPS queues only take data)."""
    return isinstance(connection, UsbPrinter | SerialPrinter | NetworkPrinter)


def _paper_reply(printer: Escpos, config: PrinterConfig) -> bytes:
    """The raw DLE EOT 4 reply, or b"" when the printer does not answer in time."""
    device: Any = printer.device
    if isinstance(device, socket.socket):
        device.settimeout(config.status_timeout_s)
        try:
            device.sendall(DLE_EOT_PAPER)
            return device.recv(16)
        except TimeoutError:
            return b""
        finally:
            device.settimeout(config.io_timeout_s)
    if hasattr(device, "reset_input_buffer"):  # a pyserial port
        device.reset_input_buffer()
        device.timeout = config.status_timeout_s
        try:
            device.write(DLE_EOT_PAPER)
            return bytes(device.read(1))  # the reply is one byte: do not wait for more
        finally:
            device.timeout = config.io_timeout_s
    printer._raw(DLE_EOT_PAPER)
    return bytes(printer._read())


def check_paper(printer: Escpos, config: PrinterConfig) -> bool | None:
    """True: paper; False: paper out; None: the printer did not say."""
    reply = _paper_reply(printer, config)
    if not reply:
        return None
    return reply[0] & PAPER_END_BITS != PAPER_END_BITS


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def classify(error: BaseException) -> PrinterError:
    """What kind of failure an exception from a printer connection is."""
    if isinstance(error, PrinterError):
        return error
    detail = " / ".join(str(cause).strip() or type(cause).__name__ for cause in _causes(error))
    for cause in _causes(error):
        number = getattr(cause, "errno", None)
        if number is None and cause.args and isinstance(cause.args[0], int):
            number = cause.args[0]  # termios.error carries (errno, text) without .errno
        text = str(cause).lower()
        if isinstance(cause, TimeoutError) or number in (errno.ETIMEDOUT, errno.EAGAIN):
            return PrinterError(PrintFailure.TIMEOUT, detail)
        if number == errno.EBUSY or "resource busy" in text or "exclusively lock" in text:
            return PrinterError(PrintFailure.BUSY, detail)
        if "device disconnected" in text:  # pyserial: the port vanished while reading
            return PrinterError(PrintFailure.OFFLINE, detail)
        if number in (errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR):
            return PrinterError(PrintFailure.SETUP, detail)
        if number in (
            errno.ENOENT,
            errno.ENODEV,
            errno.ENXIO,
            errno.EIO,
            errno.ECONNREFUSED,
            errno.ECONNRESET,
            errno.EPIPE,
            errno.EHOSTUNREACH,
            errno.ENETUNREACH,
        ):
            return PrinterError(PrintFailure.OFFLINE, detail)
    if isinstance(error, DeviceNotFoundError | ConnectionError):
        return PrinterError(PrintFailure.OFFLINE, detail)
    return PrinterError(PrintFailure.FAILED, detail)


def send(config: PrinterConfig, data: bytes) -> None:
    """Print `data` (ESC/POS bytes) on the configured printer, or raise PrinterError."""
    printer = _device(config)
    try:
        _open(printer, config)
        checks = config.check_status and can_read_status(config.connection)
        if checks and check_paper(printer, config) is False:
            raise PrinterError(PrintFailure.PAPER_OUT, "the paper sensor reports no paper")
        printer._raw(data)
        if isinstance(printer, File):
            printer.flush()
    except Exception as error:
        raise classify(error) from error
    finally:
        _close(printer)


def _open(printer: Escpos, config: PrinterConfig) -> None:
    connection = config.connection
    if isinstance(connection, NetworkPrinter):
        # python-escpos's Network.open() drops the socket unclosed when the connection is
        # refused, and speaks IPv4 only; this connects to IPv4 and IPv6 hosts and closes.
        printer.device = socket.create_connection(
            (connection.host, connection.port), timeout=config.io_timeout_s
        )
        return
    printer.open()


def _close(printer: Escpos) -> None:
    try:
        printer.close()
    except Exception:  # closing a broken connection fails too; the first error is the one
        log.debug("closing the printer connection failed", exc_info=True)
        device = printer.device
        try:
            if device:
                device.close()
        except Exception:
            log.debug("closing the printer's port failed too", exc_info=True)
        printer.device = False  # or python-escpos tries again, and fails, when collected
