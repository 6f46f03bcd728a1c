"""Till settings: declared once with type, default, help and validation; read from a TOML file a
person can edit (and written back by the settings screen); the data directory can also be set by
the POS_DATA_DIR environment variable.

Each field of `Settings` is declared with `_setting(default, label, help, group, ...)`: its Python
annotation is its type (text, whole number, yes/no or folder), and the `Setting` in the field's
metadata holds everything else (label, help text, group, allowed values, range, extra check,
whether a restart is needed). `declarations()` gives them to the settings screen and the file
writer, so nothing about a setting is written down twice.

Labels, help texts and error messages are English templates marked for translation (see
`pos_client.domain.messages`): the settings screen shows them in the till's language, the file's
comments stay English.
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
import tempfile
import textwrap
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_type_hints
from urllib.parse import urlsplit

import platformdirs

from hardware.barcodes import MeasureKind, VariableMeasureLayout
from hardware.decoding import Engine
from hardware.escpos_render import CodePage, EscposSettings, PaperWidth
from hardware.printers import (
    Connection,
    CupsQueue,
    DevicePrinter,
    NetworkPrinter,
    PrinterConfig,
    SerialPrinter,
    parse_printer_address,
)
from hardware.serial_scanner import SerialScannerSettings
from hardware.wedge import ENTER, TAB, WedgeSettings
from pos_client.domain.messages import QT_TRANSLATE_NOOP, Argument, Message, Template, TillError

APP_NAME = "pos-till"
CONFIG_ENV = "POS_CONFIG"
DATA_DIR_ENV = "POS_DATA_DIR"


class ConfigError(TillError, ValueError):
    """A bad value in the config file, with the setting's name and what is expected.

    `setting` is the name of the setting at fault (None for a file that is not TOML at all), so
    the settings screen can show the message next to the right field.
    """

    def __init__(
        self, message: Template | Message, *args: Argument, setting: str | None = None
    ) -> None:
        super().__init__(message, *args)
        self.setting = setting


class Group(StrEnum):
    """Where a setting is shown on the settings screen (in this order)."""

    TILL = "Till"
    NETWORK = "Network"
    SCANNER = "Scanner and weighed items"
    PRINTER = "Printer"
    LANGUAGE = "Language and locking"


Check = Callable[[Any], Message | None]
"""An extra check of a value of the right type: None when fine, else the problem, read after
"<setting>: " ("expected two digits, like 01", "the range '29-20' runs backwards")."""


def _problem(template: Template, *args: Argument) -> Message:
    return Message(template, args)


@dataclass(frozen=True, slots=True)
class Setting:
    """What a setting's field declares besides its name, type and default."""

    label: Template
    help: Template
    group: Group
    choices: tuple[tuple[Any, Template], ...] = ()
    """Allowed values with a label each for the settings screen; empty for any value."""
    minimum: int | None = None
    maximum: int | None = None
    check: Check | None = None
    restart: bool = False
    """True when the running till only picks the change up after a restart."""


@dataclass(frozen=True, slots=True)
class Declaration:
    """One setting as declared: `Settings`' field name, type and default, and its `Setting`."""

    name: str
    kind: type
    """str, int, bool or Path."""
    default: Any
    setting: Setting

    @property
    def expected(self) -> Message:
        """What a good value looks like, for error messages and the file's comments."""
        if self.setting.choices:
            values = ", ".join(toml_value(value) for value, _ in self.setting.choices)
            return _problem(QT_TRANSLATE_NOOP("Config", "one of %1"), values)
        if self.kind is int and self.setting.minimum is not None:
            return _problem(
                QT_TRANSLATE_NOOP("Config", "a whole number from %1 to %2"),
                self.setting.minimum,
                self.setting.maximum if self.setting.maximum is not None else "",
            )
        return Message(_KIND_NAMES[self.kind])


_KIND_NAMES: dict[type, Template] = {
    str: QT_TRANSLATE_NOOP("Config", "text"),
    int: QT_TRANSLATE_NOOP("Config", "a whole number"),
    bool: QT_TRANSLATE_NOOP("Config", "true or false"),
    Path: QT_TRANSLATE_NOOP("Config", "a folder path"),
}

T = TypeVar("T")


def _setting(
    default: T,
    label: Template,
    help_text: Template,
    group: Group,
    *,
    choices: tuple[tuple[Any, Template], ...] = (),
    minimum: int | None = None,
    maximum: int | None = None,
    check: Check | None = None,
    restart: bool = False,
) -> T:
    meta = Setting(label, help_text, group, choices, minimum, maximum, check, restart)
    return field(default=default, metadata={"setting": meta})


# ---------------------------------------------------------------------------------------------
# Checks of single values
# ---------------------------------------------------------------------------------------------

_IN_STORE_PREFIXES = frozenset({"02", "04", *(f"{n}" for n in range(20, 30))})
"""GS1 restricted-circulation prefixes of a GTIN-13; any other prefix is a manufacturer's."""
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_CODE = re.compile(r"[A-Za-z0-9]{1,16}")
_TILL_ID = re.compile(r"[0-9]{2}")
_BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)


def _prefix_problem(part: str) -> Message | None:
    low, _, high = part.partition("-")
    if not (
        low.isascii()
        and low.isdigit()
        and len(low) == 2
        and (not high or (high.isascii() and high.isdigit() and len(high) == 2))
    ):
        return _problem(
            QT_TRANSLATE_NOOP("Config", "%1 is not a prefix like 21 or a range 20-29"), repr(part)
        )
    if high and int(high) < int(low):
        return _problem(QT_TRANSLATE_NOOP("Config", "the range %1 runs backwards"), repr(part))
    outside = sorted(
        f"{n:02d}"
        for n in range(int(low), int(high or low) + 1)
        if f"{n:02d}" not in _IN_STORE_PREFIXES
    )
    if outside:
        return _problem(
            QT_TRANSLATE_NOOP(
                "Config",
                "%1 in %2 is not an in-store prefix (02, 04 or 20-29): other prefixes are "
                "manufacturers' barcodes",
            ),
            ", ".join(outside),
            repr(part),
        )
    return None


def parse_prefixes(text: str) -> frozenset[str]:
    """'20-29' or '21,22,28' -> the two-digit prefixes (in-store ones only: 02, 04, 20-29)."""
    prefixes: set[str] = set()
    for part in text.replace(" ", "").split(","):
        problem = _prefix_problem(part)
        if problem is not None:
            raise ConfigError(_NAMED, "weighed_prefixes", problem, setting="weighed_prefixes")
        low, _, high = part.partition("-")
        prefixes.update(f"{n:02d}" for n in range(int(low), int(high or low) + 1))
    return frozenset(prefixes)


def _check_prefixes(text: str) -> Message | None:
    for part in text.replace(" ", "").split(","):
        problem = _prefix_problem(part)
        if problem is not None:
            return problem
    return None


def _valid_host(host: str) -> bool:
    """A DNS name, an IPv4 address, or an IPv6 address (without its brackets)."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        labels = host.rstrip(".").split(".")
        return len(host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)
    return True


def _valid_port(text: str) -> bool:
    return text.isascii() and text.isdigit() and 1 <= int(text) <= 65535


def _check_url(url: str) -> Message | None:
    expected = _problem(
        QT_TRANSLATE_NOOP("Config", "expected an address like http://host:port or https://host")
    )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _problem(QT_TRANSLATE_NOOP("Config", "%1 (the port is 1-65535)"), expected)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.password is not None
        or parts.path
        or parts.query
        or parts.fragment
        or "?" in url
        or "#" in url
        or not _valid_host(parts.hostname)
        or (port is not None and port == 0)
        or parts.netloc.endswith(":")
    ):
        return expected
    return None


def _check_code(text: str) -> Message | None:
    if _CODE.fullmatch(text):
        return None
    return _problem(QT_TRANSLATE_NOOP("Config", "expected 1 to 16 letters or digits, like WAW01"))


def _check_till_id(text: str) -> Message | None:
    if _TILL_ID.fullmatch(text):
        return None
    return _problem(QT_TRANSLATE_NOOP("Config", "expected two digits, like 01"))


PRINTER_FORMS = (
    QT_TRANSLATE_NOOP("Config", "none (receipts are shown on the screen)"),
    QT_TRANSLATE_NOOP("Config", "dummy (takes every receipt and prints nothing)"),
    QT_TRANSLATE_NOOP(
        "Config", "tcp://HOST[:PORT] (a network printer, like tcp://192.168.1.50:9100)"
    ),
    QT_TRANSLATE_NOOP("Config", "usb:VENDOR:PRODUCT (hex ids, like usb:04b8:0202)"),
    QT_TRANSLATE_NOOP(
        "Config", "serial:DEVICE[@BAUD] (like serial:/dev/ttyUSB0@19200 or serial:COM3)"
    ),
    QT_TRANSLATE_NOOP("Config", "file:PATH (a device or a file, like file:/dev/usb/lp0)"),
    QT_TRANSLATE_NOOP("Config", "cups:QUEUE"),
)
_LEGACY_NETWORK = re.compile(r"network:(?!//)(?P<rest>.+)")
_LEGACY_SERIAL = re.compile(r"serial:(?P<port>[^@]+):(?P<baud>[0-9]+)")


def printer_connection(text: str) -> Connection:
    """The printer setting as a connection (`hardware.printers.parse_printer_address` forms;
    the forms of earlier versions, network:HOST[:PORT] and serial:DEVICE:BAUD, still work).
    ValueError when it is none of them."""
    address = text.strip()
    if legacy := _LEGACY_NETWORK.fullmatch(address):
        address = f"tcp://{legacy['rest']}"
    elif legacy := _LEGACY_SERIAL.fullmatch(address):
        address = f"serial:{legacy['port']}@{legacy['baud']}"
    connection = parse_printer_address(address)
    if isinstance(connection, NetworkPrinter) and not _valid_host(connection.host):
        raise ValueError(f"{connection.host!r} is not a host name or address")
    if isinstance(connection, DevicePrinter) and not connection.path.strip():
        raise ValueError("file: needs a path")
    if isinstance(connection, CupsQueue) and re.search(r"[\s/#\\]", connection.name):
        raise ValueError(f"{connection.name!r} is not a CUPS queue name")
    if isinstance(connection, SerialPrinter) and connection.baudrate not in _BAUD_RATES:
        raise _SerialSpeedError(connection.baudrate)
    return connection


class _SerialSpeedError(ValueError):
    """A serial printer at a speed no serial port runs at."""


def _check_printer(text: str) -> Message | None:
    try:
        printer_connection(text)
    except _SerialSpeedError:
        return _problem(
            QT_TRANSLATE_NOOP("Config", "expected a serial speed of %1 after the device"),
            ", ".join(map(str, _BAUD_RATES)),
        )
    except ValueError:
        return _problem(
            QT_TRANSLATE_NOOP("Config", "expected one of %1; %2; %3; %4; %5; %6; %7"),
            *(Message(form) for form in PRINTER_FORMS),
        )
    return None


def _check_profile(name: str) -> Message | None:
    try:
        if not name:
            raise ValueError("python-escpos takes an empty name for its default profile")
        EscposSettings(profile=name)
    except ValueError:
        return _problem(
            QT_TRANSLATE_NOOP(
                "Config",
                "expected a printer profile python-escpos knows, like default, TM-T88V, "
                "TM-T20II or POS-5890",
            )
        )
    return None


def _check_scanner_prefix(text: str) -> Message | None:
    if len(text) <= 8 and text.isprintable() and not any(c.isspace() for c in text):
        return None
    return _problem(
        QT_TRANSLATE_NOOP(
            "Config", "expected up to 8 characters without spaces, like # (or nothing)"
        )
    )


def _check_serial_port(text: str) -> Message | None:
    if not text or (text.isprintable() and text == text.strip()):
        return None
    return _problem(QT_TRANSLATE_NOOP("Config", "expected a port like /dev/ttyACM0 or COM3"))


def _check_baud(speed: int) -> Message | None:
    if speed in _BAUD_RATES:
        return None
    return _problem(
        QT_TRANSLATE_NOOP("Config", "expected a serial speed of %1"),
        ", ".join(map(str, _BAUD_RATES)),
    )


# ---------------------------------------------------------------------------------------------
# The settings
# ---------------------------------------------------------------------------------------------

_DEFAULT_DATA_DIR = Path(platformdirs.user_data_dir(APP_NAME))


@dataclass(frozen=True, slots=True)
class Settings:
    """The till's settings. Every value is checked when the object is made (ConfigError)."""

    data_dir: Path = _setting(
        _DEFAULT_DATA_DIR,
        QT_TRANSLATE_NOOP("Config", "Data folder"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Folder of the till's database, logs and images (overridden by POS_DATA_DIR).",
        ),
        Group.TILL,
        restart=True,
    )
    store_code: str = _setting(
        "WAW01",
        QT_TRANSLATE_NOOP("Config", "Store code"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Code of the store this till stands in, as the central service knows it.",
        ),
        Group.TILL,
        check=_check_code,
        restart=True,
    )
    till_id: str = _setting(
        "01",
        QT_TRANSLATE_NOOP("Config", "Till number"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Number of this till within the store (two digits); it is part of every receipt "
            "number.",
        ),
        Group.TILL,
        check=_check_till_id,
        restart=True,
    )
    central_url: str = _setting(
        "http://127.0.0.1:8765",
        QT_TRANSLATE_NOOP("Config", "Central service address"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Address of the central stock service: http(s)://host[:port], no path.",
        ),
        Group.NETWORK,
        check=_check_url,
        restart=True,
    )
    scanner_suffix: str = _setting(
        "enter",
        QT_TRANSLATE_NOOP("Config", "Scanner ends a code with"),
        QT_TRANSLATE_NOOP(
            "Config",
            "The key the barcode scanner sends after each code. Program the scanner for a US "
            "keyboard layout (fine with 'Polish (programmers)'); a QWERTZ layout swaps Y and Z "
            "and moves '-' and '/'.",
        ),
        Group.SCANNER,
        choices=(
            ("enter", QT_TRANSLATE_NOOP("Config", "Enter")),
            ("tab", QT_TRANSLATE_NOOP("Config", "Tab")),
            ("none", QT_TRANSLATE_NOOP("Config", "Nothing (the code ends when the keys stop)")),
        ),
        restart=True,
    )
    scanner_min_length: int = _setting(
        8,
        QT_TRANSLATE_NOOP("Config", "Shortest scanned code"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Fewest characters a fast burst of keys needs to count as a scan; shorter bursts "
            "are taken as typing. EAN-8, the shortest product barcode, has 8.",
        ),
        Group.SCANNER,
        minimum=4,
        maximum=64,
        restart=True,
    )
    scanner_prefix: str = _setting(
        "",
        QT_TRANSLATE_NOOP("Config", "Scanner starts a code with"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Characters the barcode scanner is programmed to send before each code (e.g. #), "
            "or nothing. With a prefix, keys typed by hand reach the fields at once; without "
            "one, each key waits a moment (unnoticeable) in case it starts a scan.",
        ),
        Group.SCANNER,
        check=_check_scanner_prefix,
        restart=True,
    )
    scanner_max_gap_ms: int = _setting(
        40,
        QT_TRANSLATE_NOOP("Config", "Longest pause within a scan (ms)"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Milliseconds allowed between two characters of one scan. Scanners send a "
            "character every 0-10 ms, people type one every 80-200 ms: keep it below 80.",
        ),
        Group.SCANNER,
        minimum=10,
        maximum=80,
        restart=True,
    )
    serial_scanner_port: str = _setting(
        "",
        QT_TRANSLATE_NOOP("Config", "Serial scanner port"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Port of a serial or USB-COM scanner, e.g. /dev/serial/by-id/... (stays the same "
            "when it is plugged in again), /dev/ttyACM0 or COM3; empty when there is none. "
            "A serial scanner keeps the GS1 separator that keyboard scanners drop.",
        ),
        Group.SCANNER,
        check=_check_serial_port,
        restart=True,
    )
    serial_scanner_speed: int = _setting(
        9600,
        QT_TRANSLATE_NOOP("Config", "Serial scanner speed"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Speed of the serial scanner in baud, as programmed in the scanner "
            "(USB-COM scanners ignore it).",
        ),
        Group.SCANNER,
        minimum=1200,
        maximum=115200,
        check=_check_baud,
        restart=True,
    )
    decoder_engine: str = _setting(
        "zxing",
        QT_TRANSLATE_NOOP("Config", "Reading codes from pictures"),
        QT_TRANSLATE_NOOP(
            "Config",
            "The library that reads codes from pictures: zxing-cpp reads more codes and "
            "DataMatrix; zbar is the other choice; both tries zxing-cpp, then zbar.",
        ),
        Group.SCANNER,
        choices=(
            ("zxing", QT_TRANSLATE_NOOP("Config", "zxing-cpp")),
            ("zbar", QT_TRANSLATE_NOOP("Config", "zbar")),
            ("both", QT_TRANSLATE_NOOP("Config", "zxing-cpp, then zbar")),
        ),
        restart=True,
    )
    weighed_prefixes: str = _setting(
        "20-29",
        QT_TRANSLATE_NOOP("Config", "In-store code prefixes"),
        QT_TRANSLATE_NOOP(
            "Config",
            "In-store barcode prefixes for weighed items, e.g. '20-29' or '21,22' "
            "(02, 04 and 20-29 only: other prefixes are manufacturers' barcodes).",
        ),
        Group.SCANNER,
        check=_check_prefixes,
        restart=True,
    )
    weighed_item_digits: int = _setting(
        5,
        QT_TRANSLATE_NOOP("Config", "Item number digits"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Digits of the item number in an in-store barcode; the weight or price gets the "
            "rest of the 13 digits (after the 2-digit prefix and before the check digit).",
        ),
        Group.SCANNER,
        minimum=3,
        maximum=6,
        restart=True,
    )
    weighed_measure: str = _setting(
        MeasureKind.WEIGHT_GRAMS.value,
        QT_TRANSLATE_NOOP("Config", "In-store codes carry"),
        QT_TRANSLATE_NOOP(
            "Config",
            "What the number at the end of an in-store barcode is: the weight in grams or the "
            "price in grosze, as the store's scales print it.",
        ),
        Group.SCANNER,
        choices=(
            (MeasureKind.WEIGHT_GRAMS.value, QT_TRANSLATE_NOOP("Config", "Weight in grams")),
            (MeasureKind.PRICE_GROSZE.value, QT_TRANSLATE_NOOP("Config", "Price in grosze")),
        ),
        restart=True,
    )
    weighed_price_verifier: bool = _setting(
        False,
        QT_TRANSLATE_NOOP("Config", "Price check digit"),
        QT_TRANSLATE_NOOP(
            "Config",
            "In-store barcodes carry a check digit for the weight or price (GS1 price verifier); "
            "it needs 5 item number digits, leaving 4 for the weight or price.",
        ),
        Group.SCANNER,
        restart=True,
    )
    printer: str = _setting(
        "none",
        QT_TRANSLATE_NOOP("Config", "Receipt printer"),
        QT_TRANSLATE_NOOP(
            "Config",
            "How the receipt printer is connected: tcp://192.168.1.50:9100 (network), "
            "usb:04b8:0202 (USB vendor and product id), serial:/dev/ttyUSB0@19200, "
            "file:/dev/usb/lp0 (a device), cups:QUEUE, dummy (prints nothing) or none "
            "(each receipt is shown on the screen).",
        ),
        Group.PRINTER,
        check=_check_printer,
        restart=True,
    )
    printer_profile: str = _setting(
        "default",
        QT_TRANSLATE_NOOP("Config", "Printer model"),
        QT_TRANSLATE_NOOP(
            "Config",
            "The printer's capability profile in python-escpos (TM-T88V, TM-T20II, "
            "POS-5890, ...): it knows the paper's width and the code page numbers. "
            "'default' suits most Epson-compatible printers.",
        ),
        Group.PRINTER,
        check=_check_profile,
        restart=True,
    )
    printer_paper_mm: int = _setting(
        80,
        QT_TRANSLATE_NOOP("Config", "Paper width"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Width of the receipt paper roll in millimetres.",
        ),
        Group.PRINTER,
        choices=(
            (58, QT_TRANSLATE_NOOP("Config", "58 mm")),
            (80, QT_TRANSLATE_NOOP("Config", "80 mm")),
        ),
        restart=True,
    )
    printer_codepage: str = _setting(
        "cp852",
        QT_TRANSLATE_NOOP("Config", "Printer code page"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Code page for Polish letters on the printer; pick the one its self-test page lists.",
        ),
        Group.PRINTER,
        choices=(
            ("cp852", QT_TRANSLATE_NOOP("Config", "CP852 (Latin 2)")),
            ("wpc1250", QT_TRANSLATE_NOOP("Config", "WPC1250 (Windows 1250)")),
        ),
        restart=True,
    )
    language: str = _setting(
        "pl",
        QT_TRANSLATE_NOOP("Config", "Language"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Language of the till's screens, money and dates. Saved on the settings screen it "
            "applies at once; edited in this file, at the next start. Printed receipts and "
            "reports stay in Polish.",
        ),
        Group.LANGUAGE,
        choices=(
            ("pl", QT_TRANSLATE_NOOP("Config", "Polski")),
            ("en", QT_TRANSLATE_NOOP("Config", "English")),
        ),
    )
    idle_lock_seconds: int = _setting(
        300,
        QT_TRANSLATE_NOOP("Config", "Lock after idle seconds"),
        QT_TRANSLATE_NOOP(
            "Config",
            "Seconds without a touch, key or scan after which the till locks and asks for a PIN.",
        ),
        Group.LANGUAGE,
        minimum=30,
        maximum=3600,
    )

    def __post_init__(self) -> None:
        for declared in declarations():
            _check_typed(declared, getattr(self, declared.name))
        if self.weighed_price_verifier and self.weighed_item_digits != 5:
            raise ConfigError(
                _NAMED,
                "weighed_price_verifier",
                _problem(
                    QT_TRANSLATE_NOOP(
                        "Config",
                        "a price check digit needs weighed_item_digits = 5 (the weight or "
                        "price then has 4 digits), not %1",
                    ),
                    self.weighed_item_digits,
                ),
                setting="weighed_price_verifier",
            )

    @property
    def database_path(self) -> Path:
        return self.data_dir / "till.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def images_dir(self) -> Path:
        return self.data_dir / "images"


@cache
def declarations() -> tuple[Declaration, ...]:
    """Every setting, in the order of `Settings`' fields (the order of the file and the screen)."""
    hints = get_type_hints(Settings)
    found = []
    for each in fields(Settings):
        kind = hints[each.name]
        if kind not in _KIND_NAMES or not isinstance(each.default, kind):
            raise TypeError(f"{each.name}: a setting is text, int, bool or Path with a default")
        found.append(Declaration(each.name, kind, each.default, each.metadata["setting"]))
    return tuple(found)


@cache
def _by_name() -> Mapping[str, Declaration]:
    return {declared.name: declared for declared in declarations()}


def declaration(name: str) -> Declaration:
    try:
        return _by_name()[name]
    except KeyError:
        raise ConfigError(_unknown(name), setting=name) from None


def _unknown(name: str) -> Message:
    return _problem(
        QT_TRANSLATE_NOOP("Config", "unknown setting %1; known: %2"),
        repr(name),
        str(sorted(_by_name())),
    )


def setting_help() -> dict[str, str]:
    """Each setting's help text in English (the file's comments)."""
    return {declared.name: declared.setting.help.source for declared in declarations()}


def restart_settings() -> tuple[str, ...]:
    """Names of the settings the running till picks up only after a restart."""
    return tuple(declared.name for declared in declarations() if declared.setting.restart)


# ---------------------------------------------------------------------------------------------
# Checking values
# ---------------------------------------------------------------------------------------------


_NAMED = QT_TRANSLATE_NOOP("Config", "%1: %2")
"""A problem after the name of the setting (or of the file) it is about."""


def _expected(what: Message | Template) -> Message:
    return _problem(
        QT_TRANSLATE_NOOP("Config", "expected %1"),
        what if isinstance(what, Message) else Message(what),
    )


def _refuse(declared: Declaration, value: Any, problem: Message | None = None) -> ConfigError:
    """The error for a bad value: `<name>: <problem>, got <value>`, where the problem is
    `expected <what the setting takes>` unless told."""
    shown = str(value) if isinstance(value, Path) else value
    return ConfigError(
        QT_TRANSLATE_NOOP("Config", "%1: %2, got %3"),
        declared.name,
        problem or _expected(declared.expected),
        repr(shown),
        setting=declared.name,
    )


def _has_kind(declared: Declaration, value: Any) -> bool:
    if declared.kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, declared.kind)


def _check_typed(declared: Declaration, value: Any) -> Any:
    """A value of the right Python type against the declaration's rules; returns it."""
    if not _has_kind(declared, value):
        raise _refuse(declared, value, _expected(_KIND_NAMES[declared.kind]))
    meta = declared.setting
    if meta.choices and value not in [choice for choice, _ in meta.choices]:
        raise _refuse(declared, value)
    if meta.minimum is not None and value < meta.minimum:
        raise _refuse(declared, value)
    if meta.maximum is not None and value > meta.maximum:
        raise _refuse(declared, value)
    text = str(value) if declared.kind in (str, Path) else ""
    if declared.kind is Path and (not text.strip() or "\x00" in text):
        raise _refuse(declared, value)
    if not _utf8(text):
        raise _refuse(
            declared,
            value,
            _problem(
                QT_TRANSLATE_NOOP("Config", "expected %1 that UTF-8 can hold"),
                Message(_KIND_NAMES[declared.kind]),
            ),
        )
    if meta.check is not None:
        problem = meta.check(value)
        if problem is not None:
            raise _refuse(declared, value, problem)
    return value


def _utf8(text: str) -> bool:
    """False for lone surrogates (a file name in a foreign encoding): UTF-8 cannot hold them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_TRUE = frozenset({"true", "yes", "on", "1", "tak"})
_FALSE = frozenset({"false", "no", "off", "0", "nie"})
_WHOLE = re.compile(r"[+-]?[0-9]+")


def _from_text(declared: Declaration, text: str) -> Any:
    """What a person typed (surrounding spaces ignored) -> a value of the declared type."""
    text = text.strip()
    if declared.kind is str:
        return text
    if declared.kind is Path:
        if not text:
            raise _refuse(declared, text)
        return Path(text).expanduser()
    if declared.kind is bool:
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise _refuse(declared, text, _expected(_KIND_NAMES[bool]))
    if not _WHOLE.fullmatch(text):
        raise _refuse(declared, text)
    return int(text)


def _from_toml(declared: Declaration, value: Any) -> Any:
    """A value read from the TOML file -> a checked value of the declared type."""
    if declared.kind is Path:
        if not isinstance(value, str) or not value.strip():
            raise _refuse(declared, value)
        value = Path(value).expanduser()
    return _check_typed(declared, value)


def validate_value(name: str, value: Any) -> Any:
    """Check one setting's new value: text as typed in the settings screen ("300", "tak",
    "/srv/till") or a value of the setting's type. Returns the value of the setting's type;
    raises ConfigError naming the setting and what it expects."""
    declared = declaration(name)
    if isinstance(value, str) and declared.kind is not str:
        value = _from_text(declared, value)
    elif isinstance(value, str):
        value = value.strip()
    return _check_typed(declared, value)


def settings_with(settings: Settings, **changes: Any) -> Settings:
    """A copy of `settings` with some values changed (text or typed, as `validate_value`)."""
    checked = {name: validate_value(name, value) for name, value in changes.items()}
    return replace(settings, **checked)


# ---------------------------------------------------------------------------------------------
# Reading and writing the file
# ---------------------------------------------------------------------------------------------


def default_config_path() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or platformdirs.user_config_path(APP_NAME) / "till.toml")


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults, then the config file (if it exists), then the environment."""
    environ = dict(os.environ) if environ is None else environ
    path = path or default_config_path()
    values: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(
                QT_TRANSLATE_NOOP("Config", "%1: not a valid TOML file: %2"), str(path), str(error)
            ) from error
        for name, value in raw.items():
            if name not in _by_name():
                raise ConfigError(_NAMED, str(path), _unknown(name), setting=name)
            try:
                values[name] = _from_toml(_by_name()[name], value)
            except ConfigError as error:
                raise ConfigError(_NAMED, str(path), error.message, setting=error.setting) from None
    if environ.get(DATA_DIR_ENV):
        values["data_dir"] = Path(environ[DATA_DIR_ENV]).expanduser()
    try:
        return Settings(**values)
    except ConfigError as error:
        raise ConfigError(_NAMED, str(path), error.message, setting=error.setting) from None


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped; anything else
    (Polish letters included) as it is, to be written as UTF-8."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Path):
        return toml_string(str(value))
    if isinstance(value, str):
        return toml_string(value)
    raise TypeError(f"no TOML form for {value!r}")


FILE_HEADER = (
    "# Till settings. One `name = value` per line; text goes in double quotes.\n"
    "# The settings screen rewrites this whole file, these comments included. A wrong value\n"
    "# stops the till at start-up with a message naming the setting.\n"
)


def settings_toml(settings: Settings) -> str:
    """The text of a config file holding `settings`, each under its help text."""
    blocks = [FILE_HEADER]
    group: Group | None = None
    for declared in declarations():
        lines = []
        if declared.setting.group is not group:
            group = declared.setting.group
            lines.append(f"# ----- {group.value} -----")
        comment = declared.setting.help.source
        if declared.setting.choices or declared.kind in (int, bool):
            comment += f" Expected: {declared.expected.english()}."
        lines.extend(
            textwrap.wrap(
                comment,
                98,
                initial_indent="# ",
                subsequent_indent="# ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        lines.append(f"{declared.name} = {toml_value(getattr(settings, declared.name))}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def save_settings(settings: Settings, path: Path) -> None:
    """Write `settings` to `path` so that a power cut leaves the old file or the new one, never
    half of one: a temporary file in the same folder, flushed to disk, then renamed over it."""
    data = settings_toml(settings).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder for this)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def variable_measure_layout(settings: Settings) -> VariableMeasureLayout:
    """The store's in-store barcode layout from the weighed_* settings."""
    return VariableMeasureLayout(
        prefixes=parse_prefixes(settings.weighed_prefixes),
        item_digits=settings.weighed_item_digits,
        value_digits=10 - settings.weighed_item_digits - int(settings.weighed_price_verifier),
        kind=MeasureKind(settings.weighed_measure),
        price_verifier=settings.weighed_price_verifier,
    )


CODE_PAGES = {"cp852": CodePage.CP852, "wpc1250": CodePage.CP1250}
"""The printer_codepage setting's values and the printer's code pages."""
DECODER_ENGINES = {"zxing": Engine.ZXING, "zbar": Engine.ZBAR, "both": Engine.ZXING_THEN_ZBAR}
"""The decoder_engine setting's values and the decoders of `hardware.decoding`."""
_SUFFIXES = {"enter": (ENTER,), "tab": (TAB,), "none": ()}
_HOLD_BEYOND_GAP_MS = 20
"""A held key waits this much longer than the longest gap within a scan."""


def printer_config(settings: Settings) -> PrinterConfig:
    """The receipt printer from the printer_* settings."""
    return PrinterConfig(
        printer_connection(settings.printer),
        EscposSettings(
            profile=settings.printer_profile,
            paper=PaperWidth(settings.printer_paper_mm),
            code_page=CODE_PAGES[settings.printer_codepage],
        ),
    )


def wedge_settings(settings: Settings) -> WedgeSettings:
    """How a keyboard-wedge scanner's codes are told from typing, from the scanner_* settings."""
    return WedgeSettings(
        suffixes=_SUFFIXES[settings.scanner_suffix],
        prefix=settings.scanner_prefix,
        min_length=settings.scanner_min_length,
        max_gap_ms=settings.scanner_max_gap_ms,
        hold_ms=max(60, settings.scanner_max_gap_ms + _HOLD_BEYOND_GAP_MS),
    )


def serial_scanner_settings(settings: Settings) -> SerialScannerSettings | None:
    """The serial scanner, or None when no port is set."""
    if not settings.serial_scanner_port:
        return None
    return SerialScannerSettings(settings.serial_scanner_port, settings.serial_scanner_speed)
