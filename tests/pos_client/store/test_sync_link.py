"""The till's link to the central service in its one-row table, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from pos_client.store.sync_link import SyncLinkRepository

AT = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


def test_enrolment_is_kept_replaced_and_forgotten(store_engine: Engine) -> None:
    link = SyncLinkRepository(store_engine)
    assert link.get() is None
    link.enrol("https://central:8765", "first-token", AT)
    link.enrol("https://central2:8765", "second-token", AT + timedelta(days=1))
    enrolment = link.get()
    assert enrolment is not None
    assert (enrolment.central_url, enrolment.token) == ("https://central2:8765", "second-token")
    assert enrolment.enrolled_at == AT + timedelta(days=1)
    assert "second-token" not in repr(enrolment)
    link.forget()
    assert link.get() is None


def test_a_refusal_and_a_success_count_only_for_the_current_token(store_engine: Engine) -> None:
    link = SyncLinkRepository(store_engine)
    link.enrol("https://central:8765", "old", AT)
    link.succeeded("old", AT + timedelta(minutes=1))
    link.refused("old", AT + timedelta(minutes=2))
    enrolment = link.get()
    assert enrolment is not None
    assert enrolment.refused_at == AT + timedelta(minutes=2)
    assert enrolment.last_success_at == AT + timedelta(minutes=1)

    link.enrol("https://central:8765", "new", AT + timedelta(minutes=3))
    link.refused("old", AT + timedelta(minutes=4))  # a late answer to the old token
    link.succeeded("new", AT + timedelta(minutes=5))
    enrolment = link.get()
    assert enrolment is not None
    assert enrolment.refused_at is None
    assert enrolment.last_success_at == AT + timedelta(minutes=5)
