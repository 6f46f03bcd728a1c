"""The rotating log file and the exception hook that keeps the till running."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_client.logging_setup import configure_logging, install_exception_hook


@pytest.fixture
def restore_logging_and_hook() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level, hook = list(root.handlers), root.level, sys.excepthook
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
            root.removeHandler(handler)
    root.setLevel(level)
    sys.excepthook = hook


def test_unexpected_error_is_logged_and_shown(
    tmp_path: Path, restore_logging_and_hook: None
) -> None:
    log_file = configure_logging(tmp_path / "logs")
    shown: list[str] = []
    install_exception_hook(shown.append)

    try:
        raise ZeroDivisionError("division by zero in the till")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())

    assert shown == ["ZeroDivisionError: division by zero in the till"]
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "unexpected error" in text
    assert "Traceback" in text


def test_a_failing_dialog_does_not_kill_the_hook(
    tmp_path: Path, restore_logging_and_hook: None
) -> None:
    log_file = configure_logging(tmp_path / "logs")

    def broken_dialog(summary: str) -> None:
        raise RuntimeError("no screen")

    install_exception_hook(broken_dialog)
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())

    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "could not show the error dialog" in log_file.read_text(encoding="utf-8")
