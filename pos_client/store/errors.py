"""Store failures translated into messages a cashier can act on. Nothing is lost by them."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

from pos_client.domain.messages import QT_TRANSLATE_NOOP, TillError


class StoreError(TillError, RuntimeError):
    """The local database refused a write or a read; the message is meant for the till screen."""


class StoreBusyError(StoreError):
    pass


class StoreFullError(StoreError):
    pass


class StoreReadOnlyError(StoreError):
    pass


def translate(error: DBAPIError | sqlite3.Error) -> StoreError:
    """Map SQLite's error to a StoreError with a clear message (the cause is kept for the log)."""
    original = error.orig if isinstance(error, DBAPIError) else error
    text = str(original).lower()
    result: StoreError
    if "locked" in text or "busy" in text:
        result = StoreBusyError(
            QT_TRANSLATE_NOOP(
                "StoreErrors",
                "The till's database is busy (another program holds it). Try again in a "
                "moment; the sale is kept on screen.",
            )
        )
    elif "disk is full" in text or "database or disk is full" in text:
        result = StoreFullError(
            QT_TRANSLATE_NOOP(
                "StoreErrors",
                "The till's disk is full, so the sale could not be saved. It is kept on "
                "screen: call the manager to free space, then try again.",
            )
        )
    elif "readonly" in text or "read-only" in text:
        result = StoreReadOnlyError(
            QT_TRANSLATE_NOOP(
                "StoreErrors",
                "The till's database is read-only, so the sale could not be saved. It is kept "
                "on screen: call the manager.",
            )
        )
    else:
        result = StoreError(
            QT_TRANSLATE_NOOP(
                "StoreErrors", "The till's database failed: %1. The sale is kept on screen."
            ),
            str(original),
        )
    result.__cause__ = error
    return result
