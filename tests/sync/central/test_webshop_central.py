"""The web shop's API and receipt coupons (the real service on 127.0.0.1, SQLite and
PostgreSQL): a till's issuer key, a code issued offline for a sale and registered through the
outbox, then validated and redeemed once by the web shop; refused before its sale synced,
after the sale was returned, and when forged, tampered, expired or under the minimum. End to
end: the sale's printed receipt (ESC/POS bytes) decoded, its QR code read, the code redeemed."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from sqlalchemy import select

from hardware.decoding import ZxingDecoder
from hardware.escpos_render import render_escpos
from hardware.symbology import Symbology
from pos_client.domain.cart import Cart, ProductSnapshot
from pos_client.domain.coupon_codes import (
    ReceiptCoupon,
    issue_receipt_coupon,
    receipt_campaign_for,
)
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender, settle
from pos_client.domain.quantity import Quantity, Unit
from pos_client.domain.sale import sale_from_cart
from pos_client.domain.vat import VatClass
from pos_client.services.receipt_printing import ReceiptBranding, WebShopCoupon, sale_receipt
from sync.central.database import read_session
from sync.central.models import CentralSecret
from sync.coupons.crockford import ALPHABET
from sync.coupons.reasons import Refusal
from sync.coupons.receipt_codes import IssuerKey, derive_issuer_key, issue_receipt_code
from sync.protocol import CouponCampaignData, IssuerAnswer
from tests.hardware.escpos_decoder import decode_escpos
from tests.sync.coupon_helpers import (
    admin_call,
    minted,
    push_items,
    receipt_campaign,
    webshop_campaign,
    webshop_client,
)

if TYPE_CHECKING:
    from tests.sync.conftest import CentralServer, Outbox


@pytest.fixture
def campaign(central_server: CentralServer) -> CouponCampaignData:
    with central_server.client(central_server.admin_token) as admin:
        data = admin_call(admin, "PUT", "/coupon-campaigns/PARAGON", receipt_campaign())
    return CouponCampaignData.model_validate(data)


@pytest.fixture
def shop(central_server: CentralServer) -> Iterator[httpx.Client]:
    with webshop_client(central_server) as client:
        yield client


def issuer_of(till: httpx.Client, new: bool = False) -> IssuerAnswer:
    response = till.request("POST" if new else "GET", "/v1/till/coupon-issuer")
    assert response.status_code == 200, response.text
    return IssuerAnswer.model_validate_json(response.content)


def key_of(answer: IssuerAnswer) -> IssuerKey:
    return IssuerKey(answer.issuer, bytes.fromhex(answer.key))


def sold(
    outbox: Outbox,
    till: httpx.Client,
    campaign: CouponCampaignData,
    sequence: int,
    *,
    when: datetime | None = None,
) -> tuple[dict[str, Any], ReceiptCoupon]:
    """A sale of 120 zł at WAW01/01 and its receipt coupon, made offline (nothing pushed)."""
    sale = outbox.sale_payload([("P0000001", 48)], sequence=sequence)
    coupon = issue_receipt_coupon(
        key_of(issuer_of(till)),
        campaign,
        uuid.UUID(sale["id"]),
        "WAW01",
        "01",
        sequence,
        when or datetime.now(UTC),
    )
    return sale, coupon


def issued_item(outbox: Outbox, coupon: ReceiptCoupon, seq: int) -> dict[str, Any]:
    payload = coupon.event.model_dump(mode="json")
    return outbox.item("coupon_issued", payload, seq=seq, aggregate_id=payload["sale_id"])


def ask(shop: httpx.Client, action: str, code: str, **more: Any) -> dict[str, Any]:
    response = shop.post(f"/v1/webshop/receipt-coupons/{action}", json={"code": code, **more})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def status(answer: dict[str, Any]) -> tuple[str, str | None]:
    return answer["status"], answer["reason"]


def test_a_till_gets_its_own_issuer_key_and_a_new_one_when_it_asks(
    central_server: CentralServer,
) -> None:
    with (
        central_server.client() as till,
        central_server.client(central_server.enrol("KRK01", "07")) as other,
    ):
        first = issuer_of(till)
        again = issuer_of(till)
        renewed = issuer_of(till, new=True)
        after = issuer_of(till)
        others = issuer_of(other)
    with central_server.client(central_server.admin_token) as admin:
        refused = admin.get("/v1/till/coupon-issuer")
    with read_session(central_server.engine) as session:
        secret = bytes.fromhex(session.execute(select(CentralSecret.value)).scalar_one())

    assert again == first
    assert (first.store_code, first.till_id) == ("WAW01", "01")
    assert renewed.issuer != first.issuer
    assert after == renewed
    assert others.issuer not in (first.issuer, renewed.issuer)
    assert len({first.key, renewed.key, others.key}) == 3
    assert bytes.fromhex(first.key) == derive_issuer_key(secret, first.issuer, "WAW01", "01")
    assert refused.status_code == 403


def test_a_receipt_coupon_is_good_once_and_only_after_its_sale_synced(
    central_server: CentralServer,
    campaign: CouponCampaignData,
    shop: httpx.Client,
    outbox: Outbox,
) -> None:
    with central_server.client() as till:
        sale, coupon = sold(outbox, till, campaign, 1)
        not_yet = ask(shop, "validate", coupon.code)
        assert push_items(till, [issued_item(outbox, coupon, 2)]) == ["accepted"]
        sale_missing = ask(shop, "redeem", coupon.printed, order_id="WEB-1")
        assert push_items(till, [outbox.item("sale", sale, seq=1)]) == ["accepted"]
        valid = ask(shop, "validate", coupon.printed.lower())
        redeemed = ask(shop, "redeem", coupon.code, order_id="WEB-1")
        repeated = ask(shop, "redeem", coupon.code, order_id="WEB-1")
        second = ask(shop, "redeem", coupon.code, order_id="WEB-2")
        afterwards = ask(shop, "validate", coupon.code)

    assert status(not_yet) == ("refused", Refusal.SALE_NOT_SYNCED)
    assert status(sale_missing) == ("refused", Refusal.SALE_NOT_SYNCED)
    assert status(valid) == ("valid", None)
    assert (valid["campaign"], valid["value_kind"], valid["value"]) == ("PARAGON", "percent", 10)
    assert (valid["scope"], valid["min_basket"]) == ("basket", 5000)
    assert datetime.fromisoformat(valid["expires_at"]) == coupon.event.expires_at
    assert status(redeemed) == ("redeemed", None)
    assert redeemed["order_id"] == "WEB-1"
    assert repeated == redeemed
    assert status(second) == ("refused", Refusal.ALREADY_USED)
    assert second["order_id"] is None
    assert status(afterwards) == ("refused", Refusal.ALREADY_USED)


def test_two_orders_racing_for_one_code_get_it_once(
    central_server: CentralServer,
    campaign: CouponCampaignData,
    shop: httpx.Client,
    outbox: Outbox,
) -> None:
    with central_server.client() as till:
        sale, coupon = sold(outbox, till, campaign, 1)
        items = [outbox.item("sale", sale, seq=1), issued_item(outbox, coupon, 2)]
        assert push_items(till, items) == ["accepted", "accepted"]
    answers: list[dict[str, Any]] = []

    def redeem(order: str) -> None:
        with webshop_client(central_server) as own:
            answers.append(ask(own, "redeem", coupon.code, order_id=order))

    threads = [threading.Thread(target=redeem, args=(f"WEB-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answer["status"] for answer in answers) == [
        "redeemed",
        "refused",
        "refused",
        "refused",
    ]


def test_the_qr_code_printed_on_the_receipt_is_redeemed_once_in_the_web_shop(
    central_server: CentralServer, campaign: CouponCampaignData, shop: httpx.Client
) -> None:
    cart = Cart()
    cart.add(
        ProductSnapshot(1, "P0000001", "Kawa ziarnista 1 kg", Money(6000), VatClass.A, Unit.PIECE),
        Quantity.pieces(2),
    )
    now = datetime.now(UTC)
    sale = sale_from_cart(
        cart, settle(cart.total(), [(Tender.CARD, cart.total())]), "WAW01", "01", now
    ).numbered(1)
    with central_server.client() as till:
        earned = receipt_campaign_for([campaign], sale.total, now)
        assert earned == campaign
        coupon = issue_receipt_coupon(
            key_of(issuer_of(till)), earned, sale.sale_id, "WAW01", "01", 1, now
        )
        printed = render_escpos(
            sale_receipt(
                sale,
                ReceiptBranding(),
                coupon=WebShopCoupon(coupon.code, coupon.description, None, coupon.valid_until),
            )
        )
        pushed = push_items(
            till,
            [
                {
                    "id": str(uuid.uuid4()),
                    "kind": "sale",
                    "aggregate_id": str(sale.sale_id),
                    "seq": 1,
                    "created_at": now.isoformat(),
                    "payload": sale.to_json(),
                },
                {
                    "id": str(uuid.uuid4()),
                    "kind": "coupon_issued",
                    "aggregate_id": str(sale.sale_id),
                    "seq": 2,
                    "created_at": now.isoformat(),
                    "payload": coupon.event.model_dump(mode="json"),
                },
            ],
        )
    printout = decode_escpos(printed)
    read = [
        code.text
        for picture in printout.rasters()
        for code in ZxingDecoder().decode(picture)
        if code.symbology is Symbology.QR
    ]

    assert pushed == ["accepted", "accepted"]
    # The receipt prints the code as its QR code holds it (canonical, not in groups).
    assert any(line.strip() == coupon.code for line in printout.lines())
    assert read == [coupon.code]
    assert status(ask(shop, "redeem", read[0], order_id="WEB-7")) == ("redeemed", None)
    assert status(ask(shop, "redeem", read[0], order_id="WEB-8")) == (
        "refused",
        Refusal.ALREADY_USED,
    )


def test_a_returned_sale_takes_its_coupon_back_unless_enough_was_kept(
    central_server: CentralServer,
    campaign: CouponCampaignData,
    shop: httpx.Client,
    outbox: Outbox,
) -> None:
    with central_server.client() as till:
        kept_sale, kept = sold(outbox, till, campaign, 1)
        returned_sale, returned = sold(outbox, till, campaign, 2)
        small_return = outbox.return_payload([("P0000001", 4)], sale_id=uuid.UUID(kept_sale["id"]))
        full_return = outbox.return_payload(
            [("P0000001", 48)], sale_id=uuid.UUID(returned_sale["id"])
        )
        items = [
            outbox.item("sale", kept_sale, seq=1),
            issued_item(outbox, kept, 2),
            outbox.item("sale", returned_sale, seq=3),
            issued_item(outbox, returned, 4),
        ]
        assert push_items(till, items) == ["accepted"] * 4
        before = ask(shop, "validate", returned.code)
        returns = [
            outbox.item("return", small_return, seq=5),
            outbox.item("return", full_return, seq=6),
        ]
        assert push_items(till, returns) == ["accepted", "accepted"]

    assert status(before) == ("valid", None)
    # 120.00 - 10.00 = 110.00 still reaches the 100.00 the campaign asks for.
    assert status(ask(shop, "validate", kept.code)) == ("valid", None)
    assert status(ask(shop, "redeem", returned.code, order_id="W")) == (
        "refused",
        Refusal.SALE_RETURNED,
    )


def test_forged_tampered_expired_and_small_baskets_are_refused(
    central_server: CentralServer,
    campaign: CouponCampaignData,
    shop: httpx.Client,
    outbox: Outbox,
) -> None:
    with central_server.client() as till:
        issuer = key_of(issuer_of(till))
        sale, coupon = sold(outbox, till, campaign, 1)
        old_sale, old = sold(outbox, till, campaign, 2, when=datetime.now(UTC) - timedelta(days=31))
        items = [
            outbox.item("sale", sale, seq=1),
            issued_item(outbox, coupon, 2),
            outbox.item("sale", old_sale, seq=3),
            issued_item(outbox, old, 4),
        ]
        assert push_items(till, items) == ["accepted"] * 4
    wrong_key = issue_receipt_code(IssuerKey(issuer.issuer, bytes(32)), 1)
    no_such_issuer = issue_receipt_code(IssuerKey(999_999, issuer.key), 1)
    position = 10
    mistyped = (
        coupon.code[:position]
        + ALPHABET[(ALPHABET.index(coupon.code[position]) + 1) % 32]
        + coupon.code[position + 1 :]
    )

    assert status(ask(shop, "validate", wrong_key)) == ("refused", Refusal.FORGED)
    assert status(ask(shop, "validate", no_such_issuer)) == ("refused", Refusal.FORGED)
    assert status(ask(shop, "validate", mistyped)) == ("refused", Refusal.TAMPERED)
    assert status(ask(shop, "validate", "hello")) == ("refused", Refusal.MALFORMED)
    assert status(ask(shop, "validate", old.code)) == ("refused", Refusal.EXPIRED)
    small = ask(shop, "redeem", coupon.code, order_id="W", basket_total=4999)
    assert status(small) == ("refused", Refusal.MINIMUM_NOT_REACHED)
    assert status(ask(shop, "redeem", coupon.code, order_id="W", basket_total=5000)) == (
        "redeemed",
        None,
    )


def test_a_code_not_made_with_the_pushing_tills_key_is_reported_and_one_code_twice_conflicts(
    central_server: CentralServer,
    campaign: CouponCampaignData,
    outbox: Outbox,
) -> None:
    with central_server.client() as till:
        sale, coupon = sold(outbox, till, campaign, 1)
        foreign = issue_receipt_coupon(
            IssuerKey(77, bytes(32)),
            campaign,
            uuid.UUID(sale["id"]),
            "WAW01",
            "01",
            9,
            datetime.now(UTC),
        )
        twice = coupon.event.model_copy(update={"sale_id": uuid.uuid4()})
        twice_item = outbox.item(
            "coupon_issued", twice.model_dump(mode="json"), seq=4, aggregate_id=str(twice.sale_id)
        )
        pushed = push_items(
            till,
            [
                outbox.item("sale", sale, seq=1),
                issued_item(outbox, coupon, 2),
                issued_item(outbox, foreign, 3),
                twice_item,
            ],
        )
        garbage = issued_item(outbox, coupon, 5)
        garbage["payload"] = {**garbage["payload"], "code": coupon.printed}
        rejected = push_items(till, [garbage])
    with central_server.client(central_server.admin_token) as admin:
        reported = admin_call(admin, "GET", "/coupon-conflicts")

    assert pushed == ["accepted", "accepted", "accepted", "conflict"]
    assert [(c["kind"], c["coupon"]) for c in reported] == [
        ("receipt_code_not_valid", foreign.code)
    ]
    assert rejected == ["rejected"]


def test_the_web_shop_mints_coupons_of_a_web_shop_campaign(
    central_server: CentralServer, shop: httpx.Client
) -> None:
    with central_server.client(central_server.admin_token) as admin:
        admin_call(admin, "POST", "/coupon-keys")
        admin_call(admin, "PUT", "/coupon-campaigns/WIOSNA", webshop_campaign())
        from_admin = minted(admin, "WIOSNA", 1)
    response = shop.post("/v1/webshop/campaigns/WIOSNA/coupons", json={"count": 2})
    unknown = shop.post("/v1/webshop/campaigns/NIE/coupons", json={"count": 2})

    assert response.status_code == 200, response.text
    assert [coupon["serial"] for coupon in response.json()] == [2, 3]
    assert from_admin[0]["serial"] == 1
    assert unknown.status_code == 404


def test_only_a_web_shops_token_opens_the_web_shop_api(central_server: CentralServer) -> None:
    path = "/v1/webshop/receipt-coupons/validate"
    answers = {}
    for who, token in (
        ("till", central_server.till_token),
        ("admin", central_server.admin_token),
        ("unknown", "x" * 43),
    ):
        with central_server.client(token) as client:
            answers[who] = client.post(path, json={"code": "X"}).status_code
    answers["none"] = httpx.post(f"{central_server.url}{path}", json={"code": "X"}).status_code

    assert answers == {"till": 403, "admin": 403, "unknown": 401, "none": 401}
