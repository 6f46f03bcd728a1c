"""Web-shop coupons at the central service (the real service on 127.0.0.1, SQLite and
PostgreSQL): keys and their rotation in the change feed, minting, revocations, checking a short
code online, reservations by online tills, and redemptions pushed by tills: two tills that
took the same single-use coupon offline both keep their sales, and one conflict is reported."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from sqlalchemy import Engine, String, func, select, update

from pos_client.domain.coupon_codes import redemption_payload
from pos_client.domain.money import Money
from sync.central.cli import main
from sync.central.database import read_session, write_transaction
from sync.central.models import CouponReservation, FeedChange, Sale, table
from sync.coupons.crockford import group
from sync.coupons.reasons import Refusal
from sync.coupons.signed import SignedCoupon, new_key_pair, read_signed_coupon, sign_coupon
from sync.coupons.verification import Refused, verify_signed_coupon
from sync.protocol import CouponCampaignData, Entity
from tests.sync.coupon_helpers import (
    admin_call,
    minted,
    of_entity,
    push_items,
    read_feed,
    trust_from_feed,
    webshop_campaign,
)

if TYPE_CHECKING:
    from tests.sync.conftest import CentralServer, Outbox


@pytest.fixture
def admin(central_server: CentralServer) -> Iterator[httpx.Client]:
    with central_server.client(central_server.admin_token) as client:
        yield client


def campaign_with_coupons(admin: httpx.Client, count: int, **changes: Any) -> list[dict[str, Any]]:
    admin_call(admin, "POST", "/coupon-keys")
    admin_call(admin, "PUT", "/coupon-campaigns/WIOSNA", webshop_campaign(**changes))
    coupons: list[dict[str, Any]] = minted(admin, "WIOSNA", count)
    return coupons


def verdict(changes: list[Any], code: str) -> Refusal | None:
    keys, revocations = trust_from_feed(changes)
    found = verify_signed_coupon(code, keys, revocations, datetime.now(UTC))
    return found.reason if isinstance(found, Refused) else None


def signed(code: str) -> SignedCoupon:
    coupon = read_signed_coupon(code)
    assert isinstance(coupon, SignedCoupon)
    return coupon


def sale_with_coupon(
    outbox: Outbox, code: str, till: str, sequence: int, reservation: uuid.UUID | None = None
) -> tuple[uuid.UUID, list[dict[str, Any]]]:
    """A sale of 120 zł at `till` of WAW01 that took the coupon, as its two outbox items."""
    sale = outbox.sale_payload([("P0000001", 48)], till=till, sequence=sequence)
    sale_id = uuid.UUID(sale["id"])
    redeemed = redemption_payload(
        signed(code), sale_id, "WAW01", till, Money(2000), datetime.now(UTC), reservation
    )
    return sale_id, [
        outbox.item("sale", sale, seq=2 * sequence - 1),
        outbox.item("coupon_redeemed", redeemed.model_dump(mode="json"), seq=2 * sequence),
    ]


def reserve(till: httpx.Client, code: str, reservation: uuid.UUID, ttl: int = 120) -> Any:
    response = till.post(
        "/v1/coupons/reservations", json={"id": str(reservation), "code": code, "ttl_seconds": ttl}
    )
    assert response.status_code == 200, response.text
    return response.json()


def check(till: httpx.Client, code: str) -> Any:
    response = till.post("/v1/coupons/check", json={"code": code})
    assert response.status_code == 200, response.text
    return response.json()


def conflicts(admin: httpx.Client) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = admin_call(admin, "GET", "/coupon-conflicts")
    return found


def test_keys_rotate_through_the_feed_and_coupons_of_the_old_key_stay_good(
    central_server: CentralServer, admin: httpx.Client
) -> None:
    first = campaign_with_coupons(admin, 2)
    second_key = admin_call(admin, "POST", "/coupon-keys")
    later = minted(admin, "WIOSNA", 1)
    with central_server.client() as till:
        changes, cursor = read_feed(till)
        published = {
            key: (data or {}).get("status")
            for key, data in of_entity(changes, Entity.COUPON_KEY).items()
        }
        accepted = [verdict(changes, coupon["code"]) for coupon in [*first, *later]]
        admin_call(admin, "POST", "/coupon-keys/1/revoked")
        after_revocation, _cursor = read_feed(till, cursor)

    assert second_key["key_id"] == 2
    assert published == {"1": "retired", "2": "active"}
    assert [signed(c["code"]).terms.key_id for c in [*first, *later]] == [1, 1, 2]
    assert accepted == [None, None, None]
    assert [(c.entity, c.key) for c in after_revocation] == [(Entity.COUPON_KEY, "1")]
    everything = changes + after_revocation
    assert verdict(everything, first[0]["code"]) is Refusal.REVOKED
    assert verdict(everything, later[0]["code"]) is None
    assert verdict([], later[0]["code"]) is Refusal.UNKNOWN_KEY


def test_minted_coupons_carry_the_campaign_and_revocations_reach_the_tills(
    central_server: CentralServer, admin: httpx.Client
) -> None:
    coupons = campaign_with_coupons(admin, 3)
    with central_server.client() as till:
        before, cursor = read_feed(till)
        admin_call(
            admin,
            "POST",
            "/coupon-campaigns/WIOSNA/revocations",
            {"serial": 2, "reason": "zgubiony"},
        )
        one_revoked, cursor = read_feed(till, cursor)
        admin_call(admin, "POST", "/coupon-campaigns/WIOSNA/revocations", {"reason": "koniec"})
        all_revoked, _cursor = read_feed(till, cursor)
    campaign_data = of_entity(before, Entity.COUPON_CAMPAIGN)["WIOSNA"]
    assert campaign_data is not None
    campaign = CouponCampaignData.model_validate(campaign_data)
    terms = signed(coupons[0]["code"]).terms

    assert [c["serial"] for c in coupons] == [1, 2, 3]
    assert len({c["short_code"] for c in coupons}) == 3
    assert (terms.campaign, terms.value, terms.min_basket) == (campaign.number, 2000, 10_000)
    assert campaign.valid_to is not None
    assert terms.expires_at == campaign.valid_to.replace(second=0, microsecond=0)
    assert (campaign.offline_max_discount, campaign.offline_max_hours) == (2000, 24)
    assert [(c.key) for c in one_revoked] == [f"{campaign.number}/2"]
    state = before + one_revoked
    assert [verdict(state, c["code"]) for c in coupons] == [None, Refusal.REVOKED, None]
    assert [(c.key) for c in all_revoked] == [str(campaign.number)]
    state += all_revoked
    assert [verdict(state, c["code"]) for c in coupons] == [Refusal.REVOKED] * 3


def test_minting_needs_a_key_and_a_running_web_shop_campaign(
    central_server: CentralServer, admin: httpx.Client
) -> None:
    admin_call(admin, "PUT", "/coupon-campaigns/WIOSNA", webshop_campaign())
    no_key = admin.post("/v1/admin/coupon-campaigns/WIOSNA/coupons", json={"count": 1})
    admin_call(admin, "POST", "/coupon-keys")
    admin_call(
        admin,
        "PUT",
        "/coupon-campaigns/PARAGON",
        webshop_campaign(kind="receipt", issue_min_total=100, valid_days=3),
    )
    receipt = admin.post("/v1/admin/coupon-campaigns/PARAGON/coupons", json={"count": 1})
    unknown = admin.post("/v1/admin/coupon-campaigns/NIE/coupons", json={"count": 1})
    too_many = admin.post("/v1/admin/coupon-campaigns/WIOSNA/coupons", json={"count": 10_001})
    no_end = admin.put("/v1/admin/coupon-campaigns/X", json=webshop_campaign(valid_to=None))

    assert (no_key.status_code, "no active coupon key" in no_key.text) == (409, True)
    assert (receipt.status_code, "not a web-shop campaign" in receipt.text) == (409, True)
    assert unknown.status_code == 404
    assert too_many.status_code == 422
    assert (no_end.status_code, "needs an end" in no_end.text) == (409, True)


def test_a_short_code_is_checked_online_and_gives_the_signed_coupon(
    central_server: CentralServer, admin: httpx.Client, outbox: Outbox
) -> None:
    coupon = campaign_with_coupons(admin, 1)[0]
    short = group(coupon["short_code"]).lower()
    mistyped = coupon["short_code"][:-1] + ("0" if coupon["short_code"][-1] != "0" else "1")
    with central_server.client() as till:
        valid = check(till, short)
        by_text = check(till, coupon["code"])
        wrong = check(till, mistyped)
        unknown = check(till, "0000-0000-000" + "0")
        _sale, items = sale_with_coupon(outbox, coupon["code"], "01", 1)
        assert push_items(till, items) == ["accepted", "accepted"]
        used = check(till, short)

    assert (valid["status"], valid["coupon"]) == ("valid", coupon["code"])
    assert by_text["status"] == "valid"
    assert (wrong["status"], wrong["reason"]) == ("refused", Refusal.TAMPERED)
    assert (unknown["status"], unknown["reason"]) == ("refused", Refusal.UNKNOWN_CODE)
    assert (used["status"], used["reason"]) == ("refused", Refusal.ALREADY_USED)


def test_an_online_till_reserves_a_single_use_coupon_and_its_sale_confirms_it(
    central_server: CentralServer, admin: httpx.Client, outbox: Outbox
) -> None:
    code = campaign_with_coupons(admin, 1)[0]["code"]
    first, second, third = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with (
        central_server.client() as till_a,
        central_server.client(central_server.enrol("WAW01", "02")) as till_b,
    ):
        held = reserve(till_a, code, first)
        again = reserve(till_a, code, first)
        taken = reserve(till_b, code, second)
        released = till_a.post(f"/v1/coupons/reservations/{first}/release").json()
        not_mine = till_b.post(f"/v1/coupons/reservations/{first}/release")
        held_by_b = reserve(till_b, code, second)
        sale_id, items = sale_with_coupon(outbox, code, "02", 1, reservation=second)
        pushed = push_items(till_b, items)
        too_late = reserve(till_a, code, third)

    assert (held["status"], held["coupon"]) == ("reserved", code)
    assert again == {**held, "server_time": again["server_time"]}
    assert (taken["status"], taken["reason"]) == ("refused", Refusal.ALREADY_USED)
    assert released["status"] == "released"
    assert not_mine.status_code == 404
    assert held_by_b["status"] == "reserved"
    assert pushed == ["accepted", "accepted"]
    assert (too_late["status"], too_late["reason"]) == ("refused", Refusal.ALREADY_USED)
    with read_session(central_server.engine) as session:
        row = session.get(CouponReservation, second)
        assert row is not None
        assert (row.status, row.sale_id) == ("confirmed", sale_id)


def test_a_reservation_runs_out_and_another_till_may_then_take_the_coupon(
    central_server: CentralServer, admin: httpx.Client
) -> None:
    code = campaign_with_coupons(admin, 1)[0]["code"]
    first, second = uuid.uuid4(), uuid.uuid4()
    with (
        central_server.client() as till_a,
        central_server.client(central_server.enrol("KRK01", "01")) as till_b,
    ):
        assert reserve(till_a, code, first, ttl=10)["status"] == "reserved"
        assert reserve(till_b, code, second)["status"] == "refused"
        ran_out(central_server.engine, first)
        later = reserve(till_a, code, first)
        taken = reserve(till_b, code, uuid.uuid4())

    assert later["status"] == "released"
    assert taken["status"] == "reserved"


def ran_out(engine: Engine, reservation: uuid.UUID) -> None:
    """Move the reservation's end to the past (as if its ten seconds had gone by)."""
    past = datetime.now(UTC) - timedelta(seconds=1)
    write_transaction(
        engine,
        lambda s: s.execute(
            update(CouponReservation)
            .where(CouponReservation.id == reservation)
            .values(expires_at=past)
        ),
    )


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("not a coupon at all", Refusal.MALFORMED),
        ("C1" + "0" * 140, Refusal.TAMPERED),
    ],
)
def test_a_reservation_of_what_is_no_coupon_is_refused(
    central_server: CentralServer, code: str, reason: Refusal
) -> None:
    with central_server.client() as till:
        answer = reserve(till, code, uuid.uuid4())
    assert (answer["status"], answer["reason"]) == ("refused", reason)


def test_two_tills_offline_take_the_same_single_use_coupon_both_sales_stand_one_conflict(
    central_server: CentralServer,
    admin: httpx.Client,
    outbox: Outbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = campaign_with_coupons(admin, 1)[0]["code"]
    first_sale, first_items = sale_with_coupon(outbox, code, "01", 1)
    second_sale, second_items = sale_with_coupon(outbox, code, "02", 1)
    with (
        central_server.client() as till_a,
        central_server.client(central_server.enrol("WAW01", "02")) as till_b,
    ):
        first = push_items(till_a, first_items)
        second = push_items(till_b, second_items)
        again = push_items(till_b, second_items)
    found = conflicts(admin)
    with read_session(central_server.engine) as session:
        sales = session.execute(select(func.count()).select_from(Sale)).scalar_one()
    assert main(["coupon-conflicts", "--db", central_server.db_url]) == 0
    printed = capsys.readouterr().out

    assert first == second == ["accepted", "accepted"]
    assert again == ["duplicate", "duplicate"]
    assert sales == 2
    assert [(c["kind"], c["till_id"], c["sale_id"], c["earlier_sale_id"]) for c in found] == [
        ("double_redemption", "02", str(second_sale), str(first_sale))
    ]
    assert "double_redemption" in printed
    assert str(second_sale) in printed


def test_a_multi_use_coupon_is_taken_by_many_sales_without_a_conflict(
    central_server: CentralServer, admin: httpx.Client, outbox: Outbox
) -> None:
    code = campaign_with_coupons(admin, 1, single_use=False)[0]["code"]
    with central_server.client() as till:
        for sequence in (1, 2, 3):
            _sale, items = sale_with_coupon(outbox, code, "01", sequence)
            assert push_items(till, items) == ["accepted", "accepted"]
        answer = reserve(till, code, uuid.uuid4())
    assert conflicts(admin) == []
    assert answer["status"] == "reserved"


def test_a_redeemed_coupon_the_central_keys_refuse_is_reported_and_garbage_is_rejected(
    central_server: CentralServer, admin: httpx.Client, outbox: Outbox
) -> None:
    genuine = signed(campaign_with_coupons(admin, 1)[0]["code"])
    other_private, _ = new_key_pair()
    forged = sign_coupon(genuine.terms, other_private)
    sale_id, items = sale_with_coupon(outbox, forged, "01", 1)
    garbage = dict(items[1], id=str(uuid.uuid4()))
    garbage["payload"] = {**items[1]["payload"], "id": str(uuid.uuid4()), "coupon": "XYZ"}
    with central_server.client() as till:
        pushed = push_items(till, items)
        rejected = till.post(
            "/v1/push",
            json={"till_clock": datetime.now(UTC).isoformat(), "items": [garbage]},
        ).json()["results"][0]

    assert pushed == ["accepted", "accepted"]
    assert [(c["kind"], c["sale_id"]) for c in conflicts(admin)] == [
        ("coupon_not_valid", str(sale_id))
    ]
    assert "forged" in conflicts(admin)[0]["reason"]
    assert rejected["status"] == "rejected"
    assert "not a signed coupon (malformed)" in rejected["reason"]


def test_coupons_from_the_command_line(
    central_demo: Engine, central_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", central_db_url]
    end = (datetime.now(UTC) + timedelta(days=10)).isoformat()

    assert main(["new-coupon-key", *db]) == 0
    assert (
        main(
            [
                "put-campaign",
                *db,
                "--code",
                "JESIEN",
                "--name",
                "Jesień",
                "--kind",
                "webshop",
                "--percent",
                "15",
                "--scope",
                "category",
                "--ref",
                "Nabiał",
                "--to",
                end,
                "--offline-max-discount",
                "30",
                "--offline-max-hours",
                "48",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["mint-coupons", *db, "--campaign", "JESIEN", "--count", "4"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (
        main(["revoke-coupons", *db, "--campaign", "JESIEN", "--serial", "3", "--reason", "x"]) == 0
    )
    assert (
        main(["revoke-coupons", *db, "--campaign", "JESIEN", "--serial", "9", "--reason", "x"]) == 1
    )
    assert main(["coupon-keys", *db]) == 0
    assert main(["campaigns", *db]) == 0
    listing = capsys.readouterr()

    assert [row["serial"] for row in rows] == ["1", "2", "3", "4"]
    terms = signed(rows[0]["code"]).terms
    assert (terms.value, terms.scope_ref, terms.single_use) == (15, "Nabiał", True)
    assert all(len(row["short_code"]) == 14 for row in rows)
    assert "no coupon 9" in listing.err
    assert '"status":"active"' in listing.out
    assert '"offline_max_discount":3000' in listing.out


def test_every_entity_name_fits_the_feeds_column() -> None:
    column = table(FeedChange).c.entity.type
    assert isinstance(column, String)
    width = column.length
    assert width is not None
    assert all(len(entity.value) <= width for entity in Entity)
