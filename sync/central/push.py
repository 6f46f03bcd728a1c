"""Taking in a till's batch of outbox rows: one transaction, one answer per item.

Per item, in the batch's order:
- `rejected`: unknown kind, a payload its kind does not accept, or a store other than the
  till's (the item names the reason; nothing is stored, the rest of the batch goes on);
- `duplicate`: the event id was taken in before with the same payload, or another event
  carried the same document (sale, return, shift event, cash movement) with the same payload;
- `conflict`: the same event id or document id with a different payload: recorded in the
  `conflicts` table and logged, never applied;
- `accepted`: stored with its document rows and stock movements.

The payload hash covers the kind, the aggregate id and the payload (canonical JSON). A sale
line whose SKU the catalogue lacks still counts: its stock movement goes to a placeholder
product made for that SKU (never published; defining the SKU later takes it over).

Everything runs in `database.write_transaction`; the answer is made only after the commit.
Between our reads and our inserts a concurrent request (PostgreSQL) may store the same event or
document; the insert then skips it, the counts differ, and the whole batch runs again, when the
other request's rows are visible and the items come out as duplicates.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.central.auth import TillCaller
from sync.central.bulk import insert_new_rows
from sync.central.database import ConcurrentWriteError, insert_ignoring_duplicates
from sync.central.events import (
    HANDLERS,
    Accepted,
    Context,
    EventHandler,
    Parsed,
    PayloadError,
    SoldItem,
    canonical_json,
    check_storable,
    utc,
)
from sync.central.ledger import Movement, record
from sync.central.models import Conflict, Product, ReceivedEvent, table
from sync.protocol import ItemResult, ItemStatus, OutboxItem, PushRequest

log = logging.getLogger(__name__)

_IN_CHUNK = 1000
ACCEPTED = "accepted"
DUPLICATE = "duplicate"
CONFLICT = "conflict"


@dataclass(slots=True)
class _Candidate:
    position: int
    item: OutboxItem
    handler: EventHandler
    parsed: Parsed
    payload_hash: str
    payload_json: str
    created_at: datetime


@dataclass(slots=True)
class _Outcome:
    results: list[ItemResult | None]
    new_events: list[tuple[_Candidate, str]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def payload_hash(kind: str, aggregate_id: uuid.UUID, payload_json: str) -> str:
    digest = hashlib.sha256(f"{kind}\n{aggregate_id}\n".encode())
    digest.update(payload_json.encode())
    return digest.hexdigest()


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start : start + _IN_CHUNK]


def _read(caller: TillCaller, position: int, item: OutboxItem) -> _Candidate | ItemResult:
    handler = HANDLERS.get(item.kind)
    if handler is None:
        return ItemResult(
            id=item.id, status=ItemStatus.REJECTED, reason=f"unknown kind {item.kind!r}"
        )
    try:
        check_storable([item.seq])
        parsed = handler.parse(item.payload)
    except PayloadError as error:
        return ItemResult(id=item.id, status=ItemStatus.REJECTED, reason=str(error))
    if parsed.store_code is not None and parsed.store_code != caller.store_code:
        return ItemResult(
            id=item.id,
            status=ItemStatus.REJECTED,
            reason=(
                f"store {parsed.store_code!r} is not this till's store ({caller.store_code}): "
                "a till writes only for its own store"
            ),
        )
    payload_json = canonical_json(item.payload)
    return _Candidate(
        position,
        item,
        handler,
        parsed,
        payload_hash(item.kind, item.aggregate_id, payload_json),
        payload_json,
        utc(item.created_at),
    )


def _stored_events(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str]]:
    found: dict[uuid.UUID, tuple[str, str]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(ReceivedEvent.id, ReceivedEvent.payload_hash, ReceivedEvent.status).where(
                ReceivedEvent.id.in_(chunk)
            )
        )
        found.update((event_id, (digest, status)) for event_id, digest, status in rows)
    return found


def _stored_documents(
    session: Session, candidates: list[_Candidate]
) -> dict[tuple[str, uuid.UUID], str]:
    ids_by_kind: dict[str, list[uuid.UUID]] = {}
    for candidate in candidates:
        ids_by_kind.setdefault(candidate.item.kind, []).append(candidate.parsed.document_id)
    found: dict[tuple[str, uuid.UUID], str] = {}
    for kind, ids in ids_by_kind.items():
        for chunk in _chunks(ids):
            stored = HANDLERS[kind].existing(session, chunk)
            found.update(((kind, document_id), digest) for document_id, digest in stored.items())
    return found


def _conflict_row(
    caller: TillCaller, candidate: _Candidate, existing_hash: str, reason: str, now: datetime
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "event_id": candidate.item.id,
        "kind": candidate.item.kind,
        "document_id": str(candidate.parsed.document_id),
        "store_id": caller.store_id,
        "till_pk": caller.till_pk,
        "reason": reason,
        "existing_hash": existing_hash,
        "incoming_hash": candidate.payload_hash,
        "incoming_payload": candidate.payload_json,
        "detected_at": now,
    }


def _classify(
    session: Session, caller: TillCaller, request: PushRequest, now: datetime
) -> _Outcome:
    outcome = _Outcome(results=[None] * len(request.items))
    candidates: list[_Candidate] = []
    for position, item in enumerate(request.items):
        read = _read(caller, position, item)
        if isinstance(read, ItemResult):
            outcome.results[position] = read
        else:
            candidates.append(read)
    events = _stored_events(session, [candidate.item.id for candidate in candidates])
    documents = _stored_documents(session, candidates)
    for candidate in candidates:
        item = candidate.item
        document = (item.kind, candidate.parsed.document_id)
        known = events.get(item.id)
        if known is not None:
            digest, status = known
            if digest != candidate.payload_hash:
                reason = f"event {item.id} was received before with another payload"
                outcome.conflicts.append(_conflict_row(caller, candidate, digest, reason, now))
                outcome.results[candidate.position] = ItemResult(
                    id=item.id, status=ItemStatus.CONFLICT, reason=reason
                )
            elif status == CONFLICT:
                outcome.results[candidate.position] = ItemResult(
                    id=item.id,
                    status=ItemStatus.CONFLICT,
                    reason=f"event {item.id} conflicted with a {item.kind} received before",
                )
            else:
                outcome.results[candidate.position] = ItemResult(
                    id=item.id, status=ItemStatus.DUPLICATE
                )
            continue
        stored_hash = documents.get(document)
        if stored_hash is None:
            status = ACCEPTED
            documents[document] = candidate.payload_hash
            outcome.results[candidate.position] = ItemResult(id=item.id, status=ItemStatus.ACCEPTED)
        elif stored_hash == candidate.payload_hash:
            status = DUPLICATE
            outcome.results[candidate.position] = ItemResult(
                id=item.id, status=ItemStatus.DUPLICATE
            )
        else:
            status = CONFLICT
            reason = (
                f"{item.kind} {candidate.parsed.document_id} was received before "
                "with another payload"
            )
            outcome.conflicts.append(_conflict_row(caller, candidate, stored_hash, reason, now))
            outcome.results[candidate.position] = ItemResult(
                id=item.id, status=ItemStatus.CONFLICT, reason=reason
            )
        events[item.id] = (candidate.payload_hash, status)
        outcome.new_events.append((candidate, status))
    return outcome


def _product_ids(session: Session, items: Collection[SoldItem]) -> dict[str, uuid.UUID]:
    """Product id by SKU; placeholder products are made for SKUs the catalogue lacks."""
    by_sku = {item.sku: item for item in items}
    skus = sorted(by_sku)
    found: dict[str, uuid.UUID] = {}
    for chunk in _chunks(skus):
        found.update(
            (sku, product_id)
            for sku, product_id in session.execute(
                select(Product.sku, Product.id).where(Product.sku.in_(chunk))
            )
        )
    missing = [by_sku[sku] for sku in skus if sku not in found]
    if missing:
        session.execute(
            insert_ignoring_duplicates(session, table(Product)),
            [
                {
                    "id": uuid.uuid4(),
                    "sku": item.sku,
                    "name": item.name,
                    "category_id": None,
                    "vat_class": item.vat_class,
                    "unit": item.unit,
                    "active": False,
                    "placeholder": True,
                }
                for item in missing
            ],
        )
        for chunk in _chunks([item.sku for item in missing]):
            found.update(
                (sku, product_id)
                for sku, product_id in session.execute(
                    select(Product.sku, Product.id).where(Product.sku.in_(chunk))
                )
            )
        log.warning("placeholder products made for unknown SKUs: %s", [i.sku for i in missing])
    return found


def ingest(
    session: Session, caller: TillCaller, request: PushRequest, now: datetime
) -> list[ItemResult]:
    """Store the batch in the caller's transaction and return the answer for each item."""
    till_clock = utc(request.till_clock)
    outcome = _classify(session, caller, request, now)
    if outcome.new_events:
        events = [
            {
                "id": candidate.item.id,
                "kind": candidate.item.kind,
                "aggregate_id": candidate.item.aggregate_id,
                "till_seq": candidate.item.seq,
                "store_id": caller.store_id,
                "till_pk": caller.till_pk,
                "payload_hash": candidate.payload_hash,
                "payload": candidate.payload_json,
                "status": status,
                "received_at": now,
                "till_created_at": candidate.created_at,
                "till_clock": till_clock,
            }
            for candidate, status in outcome.new_events
        ]
        if insert_new_rows(session, table(ReceivedEvent), events, "id") != len(events):
            raise ConcurrentWriteError("an event of this batch was stored meanwhile")
    accepted = [candidate for candidate, status in outcome.new_events if status == ACCEPTED]
    products = _product_ids(session, [item for c in accepted for item in c.parsed.items])
    context = Context(caller.store_id, now, products)
    by_kind: dict[str, list[Accepted]] = {}
    for candidate in accepted:
        by_kind.setdefault(candidate.item.kind, []).append(
            Accepted(candidate.item.id, candidate.payload_hash, candidate.parsed)
        )
    movements: list[Movement] = []
    for kind, documents in by_kind.items():
        handler = HANDLERS[kind]
        if handler.store(session, documents, context) != len(documents):
            raise ConcurrentWriteError(f"a {kind} of this batch was stored meanwhile")
        for document in documents:
            movements += handler.movements(document, context)
    record(session, movements, now)
    if outcome.conflicts:
        session.execute(insert_ignoring_duplicates(session, table(Conflict)), outcome.conflicts)
        for conflict in outcome.conflicts:
            log.warning(
                "conflict from till %s/%s: %s",
                caller.store_code,
                caller.till_id,
                conflict["reason"],
            )
    results = [result for result in outcome.results if result is not None]
    for result in results:
        if result.status is ItemStatus.REJECTED:
            log.warning(
                "rejected from till %s/%s: event %s: %s",
                caller.store_code,
                caller.till_id,
                result.id,
                result.reason,
            )
    return results
