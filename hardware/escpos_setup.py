"""python-escpos, imported with its side effects contained. Import escpos through this module.

python-escpos 3.1 does three things a till must not let it do:
- `escpos.capabilities` calls `logging.basicConfig()` when imported, which puts a stderr handler
  on the application's root logger (and it parses its profile database again on every start
  unless ESCPOS_CAPABILITIES_PICKLE_DIR names a lasting folder for its cache; it still makes an
  empty temporary folder each time);
- `Escpos.barcode()`, `image()` and `_dpi()` `print()` to stdout ("Using hardware barcode
  renderer", ...);
- the printer classes log through the root logger's module functions (`logging.info(...)`),
  which call `basicConfig()` again whenever the root logger has no handler.

Here the handler added at import is removed again, the cache goes to the user's cache folder,
and the library's `print` and `logging` names are pointed at the "escpos" logger, where the
till's own logging set-up decides what to do with them.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import platformdirs

_CACHE = Path(platformdirs.user_cache_dir("pos-till")) / "escpos"
_CACHE.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(_CACHE))

_root = logging.getLogger()
_handlers_before = list(_root.handlers)

import escpos.capabilities  # noqa: E402  (the cache folder must be set first)
import escpos.constants  # noqa: E402
import escpos.escpos  # noqa: E402
import escpos.exceptions  # noqa: E402
import escpos.printer  # noqa: E402
import escpos.printer.cups  # noqa: E402
import escpos.printer.file  # noqa: E402
import escpos.printer.lp  # noqa: E402
import escpos.printer.network  # noqa: E402
import escpos.printer.serial  # noqa: E402
import escpos.printer.usb  # noqa: E402
import escpos.printer.win32raw  # noqa: E402

for _handler in list(_root.handlers):
    if _handler not in _handlers_before:
        _root.removeHandler(_handler)

library_log = logging.getLogger("escpos")


def _print_to_log(*values: object, **_options: Any) -> None:
    library_log.debug(" ".join(str(value) for value in values))


class _LibraryLogging:
    """Stands in for the `logging` module inside python-escpos's printer modules."""

    def __getattr__(self, name: str) -> Any:
        return getattr(library_log, name)


escpos.escpos.print = _print_to_log
for _module in (
    escpos.printer.cups,
    escpos.printer.file,
    escpos.printer.lp,
    escpos.printer.network,
    escpos.printer.serial,
    escpos.printer.usb,
    escpos.printer.win32raw,
):
    _module.logging = _LibraryLogging()

Escpos = escpos.escpos.Escpos
Dummy = escpos.printer.Dummy
File = escpos.printer.File
Network = escpos.printer.Network
Serial = escpos.printer.Serial
Usb = escpos.printer.Usb
CupsPrinter = escpos.printer.CupsPrinter
LP = escpos.printer.LP
EscposError = escpos.exceptions.Error
DeviceNotFoundError = escpos.exceptions.DeviceNotFoundError
get_profile = escpos.capabilities.get_profile
QR_ECLEVEL_M: int = escpos.constants.QR_ECLEVEL_M

__all__ = [
    "LP",
    "QR_ECLEVEL_M",
    "CupsPrinter",
    "DeviceNotFoundError",
    "Dummy",
    "Escpos",
    "EscposError",
    "File",
    "Network",
    "Serial",
    "Usb",
    "get_profile",
    "library_log",
]
