"""Logs to a rotating file in the data directory, and an exception hook that never lets the
till die silently."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "till.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    return path


def install_exception_hook(show: Callable[[str], None]) -> None:
    """Log every uncaught exception and show it to the person at the till; keep running."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        logging.getLogger("pos_client").critical("unexpected error", exc_info=(kind, value, tb))
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        summary = "".join(traceback.format_exception_only(kind, value)).strip()
        try:
            show(summary)
        except Exception:  # the dialog itself failed: the log above still has everything
            logging.getLogger("pos_client").exception("could not show the error dialog")

    sys.excepthook = hook
