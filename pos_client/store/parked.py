"""Parked sales: carts put aside in SQLite (so they survive a restart) and taken back whole.

Taking a parked sale reads and deletes its row in one IMMEDIATE transaction, so a parked sale is
resumed once at most, even with two windows (or a double click) asking for it at once.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, literal_column, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from pos_client.domain.cart_codec import CartCodecError, cart_from_json
from pos_client.domain.messages import QT_TRANSLATE_NOOP, Message
from pos_client.domain.money import Money
from pos_client.store.database import write_session
from pos_client.store.errors import StoreError, translate
from pos_client.store.models import ParkedSale

LABEL_LENGTH = 80


class ParkedSaleGoneError(LookupError):
    """The parked sale is no longer there (resumed already, here or in another window)."""


class ParkedSaleDamagedError(StoreError):
    """The parked row cannot be read back as a cart; it is kept for the manager to look at."""


@dataclass(frozen=True, slots=True)
class ParkedSummary:
    """A parked sale as the list shows it."""

    parked_id: str
    label: str
    parked_at: datetime
    total: Money
    line_count: int
    cashier_id: str | None


def _json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


class ParkedSaleRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def park(
        self, payload: dict[str, Any], label: str, cashier_id: str | None, at: datetime
    ) -> str:
        """Store a cart's JSON (see `domain.cart_codec`); returns the parked sale's id."""
        parked_id = str(uuid.uuid4())
        with write_session(self._engine) as session:
            session.add(
                ParkedSale(
                    id=parked_id,
                    parked_at=at.isoformat(),
                    cashier_id=cashier_id,
                    label=label[:LABEL_LENGTH],
                    payload=_json(payload),
                )
            )
        return parked_id

    def list(self) -> builtins.list[ParkedSummary]:
        """Every parked sale, the newest first."""
        statement = select(ParkedSale).order_by(
            ParkedSale.parked_at.desc(), literal_column("rowid").desc()
        )
        try:
            with Session(self._engine) as session:
                return [_summary(row) for row in session.scalars(statement)]
        except (DBAPIError, sqlite3.Error) as error:
            raise translate(error) from error

    def take(self, parked_id: str) -> dict[str, Any]:
        """The parked cart's JSON, its row deleted in the same transaction (resuming removes it).

        Raises ParkedSaleGoneError when it was taken already, ParkedSaleDamagedError (row kept)
        when the payload is not a cart, StoreError when the database fails (row kept).
        """
        with write_session(self._engine) as session:
            row = session.get(ParkedSale, parked_id)
            if row is None:
                raise ParkedSaleGoneError(parked_id)
            payload = _payload(row)
            _check_cart(payload)  # raises before the delete: a damaged row stays
            session.delete(row)
        return payload


def _payload(row: ParkedSale) -> dict[str, Any]:
    try:
        payload = json.loads(row.payload)
    except ValueError as error:
        raise ParkedSaleDamagedError(_damaged(row)) from error
    if not isinstance(payload, dict):
        raise ParkedSaleDamagedError(_damaged(row))
    return payload


def _check_cart(payload: dict[str, Any]) -> None:
    try:
        cart_from_json(payload)
    except CartCodecError as error:
        raise ParkedSaleDamagedError(
            QT_TRANSLATE_NOOP(
                "StoreErrors",
                "The parked sale cannot be read back (%1). It is kept: call the manager.",
            ),
            Message.untranslated(str(error)),
        ) from error


def _damaged(row: ParkedSale) -> Message:
    return Message(
        QT_TRANSLATE_NOOP(
            "StoreErrors", "The parked sale “%1” cannot be read back. It is kept: call the manager."
        ),
        (row.label,),
    )


def _summary(row: ParkedSale) -> ParkedSummary:
    try:
        cart = cart_from_json(_payload(row))
        total, line_count = cart.total(), len(cart.lines)
    except (ParkedSaleDamagedError, CartCodecError):
        total, line_count = Money(0), 0  # still listed, so the manager can see it is there
    return ParkedSummary(
        parked_id=row.id,
        label=row.label,
        parked_at=datetime.fromisoformat(row.parked_at),
        total=total,
        line_count=line_count,
        cashier_id=row.cashier_id,
    )
