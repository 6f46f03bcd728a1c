"""`pos-central` commands of promotions and coupons (cli.py adds them and runs them).

Amounts are złoty as typed ("12.99", "12,99"); times are ISO 8601 ("2026-05-01T00:00+02:00"),
a time without a zone is this machine's local time. Minted coupons are printed as CSV
(serial, short code, signed code) to standard output.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from sqlalchemy.orm import Session

from sync.coupons.crockford import group
from sync.coupons.terms import Scope, ValueKind
from sync.protocol import PromotionData, PromotionKind

if TYPE_CHECKING:
    from sync.central.coupons import CampaignSpec

T = TypeVar("T")
Write = Callable[[Callable[[Session], T]], T]
"""Runs a unit of work in one write transaction on the command's database."""

COUPON_COMMANDS = frozenset(
    {
        "issue-webshop-token",
        "put-promotion",
        "delete-promotion",
        "promotions",
        "new-coupon-key",
        "retire-coupon-key",
        "revoke-coupon-key",
        "coupon-keys",
        "put-campaign",
        "campaigns",
        "mint-coupons",
        "revoke-coupons",
        "coupon-conflicts",
    }
)


def parse_time(text: str) -> datetime:
    """An ISO 8601 time; without a zone, this machine's local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a time: {text!r} (e.g. 2026-05-01T08:00)") from error
    return moment if moment.tzinfo is not None else moment.astimezone()


def add_coupon_commands(
    command: Callable[[str, str], argparse.ArgumentParser], gross: Callable[[str], int]
) -> None:
    """Add the commands to the parser (`command(name, help)` makes one with --db)."""
    webshop = command("issue-webshop-token", "issue a token for the /v1/webshop endpoints")
    webshop.add_argument("--name", default="webshop")

    promotion = command("put-promotion", "create or replace a promotion (published to tills)")
    promotion.add_argument("--code", required=True)
    promotion.add_argument("--name", required=True, help="printed on the receipt")
    promotion.add_argument("--kind", choices=[k.value for k in PromotionKind], required=True)
    promotion.add_argument("--scope", choices=[s.value for s in Scope], required=True)
    promotion.add_argument("--target", help="the SKU or category (not for the basket)")
    promotion.add_argument("--percent", type=int)
    promotion.add_argument("--amount", type=gross, help="złoty off (amount_off)")
    promotion.add_argument("--buy", type=int)
    promotion.add_argument("--get", type=int)
    promotion.add_argument("--min-basket", type=gross, default=0, help="złoty")
    promotion.add_argument("--priority", type=int, default=0, help="higher goes first")
    promotion.add_argument("--from", dest="valid_from", type=parse_time, help="default now")
    promotion.add_argument("--to", dest="valid_to", type=parse_time, help="default open")
    command("delete-promotion", "remove a promotion").add_argument("--code", required=True)
    command("promotions", "list the promotions (JSON lines)")

    command("new-coupon-key", "make a new coupon signing key (the active one is retired)")
    for name, help_text in (
        ("retire-coupon-key", "a key signs no more coupons (its coupons stay good)"),
        ("revoke-coupon-key", "a key's coupons are refused everywhere"),
    ):
        command(name, help_text).add_argument("--id", type=int, required=True)
    command("coupon-keys", "list the coupon keys")

    campaign = command("put-campaign", "create or replace a coupon campaign (published)")
    campaign.add_argument("--code", required=True)
    campaign.add_argument("--name", required=True)
    campaign.add_argument("--kind", choices=("webshop", "receipt"), required=True)
    value = campaign.add_mutually_exclusive_group(required=True)
    value.add_argument("--percent", type=int)
    value.add_argument("--amount", type=gross, help="złoty")
    campaign.add_argument("--scope", choices=[s.value for s in Scope], default="basket")
    campaign.add_argument("--ref", help="the category or SKU of the scope")
    campaign.add_argument("--min-basket", type=gross, default=0, help="złoty")
    campaign.add_argument("--multi-use", action="store_true", help="default: single use")
    campaign.add_argument("--from", dest="valid_from", type=parse_time, help="default now")
    campaign.add_argument("--to", dest="valid_to", type=parse_time, help="web shop: coupons expire")
    campaign.add_argument("--offline-max-discount", type=gross, default=0, help="złoty")
    campaign.add_argument("--offline-max-hours", type=int, default=0)
    campaign.add_argument("--issue-min-total", type=gross, help="receipt: złoty a sale reaches")
    campaign.add_argument("--valid-days", type=int, help="receipt: days a code is good")
    command("campaigns", "list the coupon campaigns (JSON lines)")

    mint = command("mint-coupons", "mint coupons of a web-shop campaign, printed as CSV")
    mint.add_argument("--campaign", required=True)
    mint.add_argument("--count", type=int, required=True)
    revoke = command("revoke-coupons", "revoke a campaign, or one coupon of it (--serial)")
    revoke.add_argument("--campaign", required=True)
    revoke.add_argument("--serial", type=int)
    revoke.add_argument("--reason", required=True)
    conflicts = command("coupon-conflicts", "list coupon conflicts (double redemptions, ...)")
    conflicts.add_argument("--limit", type=int, default=100)


def _promotion(args: argparse.Namespace, now: datetime) -> PromotionData:
    return PromotionData(
        code=args.code,
        name=args.name,
        kind=PromotionKind(args.kind),
        scope=Scope(args.scope),
        target=args.target,
        percent=args.percent,
        amount=args.amount,
        buy=args.buy,
        get=args.get,
        min_basket=args.min_basket,
        priority=args.priority,
        valid_from=args.valid_from or now,
        valid_to=args.valid_to,
    )


def _campaign(args: argparse.Namespace, now: datetime) -> CampaignSpec:
    from sync.central.coupons import CampaignSpec

    return CampaignSpec(
        code=args.code,
        name=args.name,
        kind=args.kind,
        value_kind=ValueKind.PERCENT if args.percent is not None else ValueKind.AMOUNT,
        value=args.percent if args.percent is not None else args.amount,
        scope=Scope(args.scope),
        scope_ref=args.ref,
        min_basket=args.min_basket,
        single_use=not args.multi_use,
        valid_from=args.valid_from or now,
        valid_to=args.valid_to,
        offline_max_discount=args.offline_max_discount,
        offline_max_hours=args.offline_max_hours,
        issue_min_total=args.issue_min_total,
        valid_days=args.valid_days,
    )


def run_coupon_command(args: argparse.Namespace, now: datetime, write: Write[Any]) -> int:
    """Run one of COUPON_COMMANDS; the exit code."""
    from sync.central import coupon_redemptions, coupons, promotions, webshop

    command = args.command
    if command == "issue-webshop-token":
        print(write(lambda s: webshop.issue_webshop_token(s, args.name, now)))
    elif command == "put-promotion":
        data = _promotion(args, now)
        print(write(lambda s: promotions.put_promotion(s, data, now)).model_dump_json())
    elif command == "delete-promotion":
        write(lambda s: promotions.delete_promotion(s, args.code))
        print(f"promotion {args.code} deleted")
    elif command == "promotions":
        for promotion in write(promotions.promotions):
            print(promotion.model_dump_json())
    elif command == "new-coupon-key":
        print(write(lambda s: coupons.new_key(s, now)).model_dump_json())
    elif command in ("retire-coupon-key", "revoke-coupon-key"):
        status: Literal["retired", "revoked"] = (
            "retired" if command == "retire-coupon-key" else "revoked"
        )
        print(write(lambda s: coupons.set_key_status(s, args.id, status)).model_dump_json())
    elif command == "coupon-keys":
        for key in write(coupons.keys):
            print(key.model_dump_json())
    elif command == "put-campaign":
        spec = _campaign(args, now)
        print(write(lambda s: coupons.put_campaign(s, spec)).model_dump_json())
    elif command == "campaigns":
        for campaign in write(coupons.campaigns):
            print(campaign.model_dump_json())
    elif command == "mint-coupons":
        minted = write(lambda s: coupons.mint(s, args.campaign, args.count, now))
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["serial", "short_code", "code"])
        for coupon in minted:
            out.writerow([coupon.serial, group(coupon.short_code), coupon.code])
    elif command == "revoke-coupons":
        revoked = write(lambda s: coupons.revoke(s, args.campaign, args.serial, args.reason, now))
        print(revoked.model_dump_json())
    else:
        rows = write(lambda s: coupon_redemptions.coupon_conflicts(s, args.limit))
        if not rows:
            print("no coupon conflicts")
        for row in rows:
            print(
                f"{row.detected_at.isoformat()}\t{row.kind}\t{row.coupon}\t"
                f"{row.store_code}/{row.till_id}\tsale {row.sale_id}\t{row.reason}"
            )
    return 0
