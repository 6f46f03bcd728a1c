"""`pos-central`: the central service's command line.

Every command takes `--db URL` (a SQLite file path or URL, or postgresql://...; default
$POS_CENTRAL_DB or central.sqlite3 in the user's data folder) and brings the database to the
newest schema first. Tokens are printed once, to standard output, and never stored in clear.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.central.coupon_cli import COUPON_COMMANDS, add_coupon_commands, run_coupon_command
from sync.central.database import (
    create_central_engine,
    default_database_url,
    read_session,
    write_transaction,
)

T = TypeVar("T")

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_GROSS = re.compile(r"(\d{1,9})(?:[.,](\d{1,2}))?")


def parse_gross(text: str) -> int:
    """Złoty as typed ("12.99", "12,99", "12") in grosze."""
    match = _GROSS.fullmatch(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"not an amount in złoty: {text!r} (e.g. 12.99)")
    whole, fraction = match.groups()
    return int(whole) * 100 + int((fraction or "0").ljust(2, "0"))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pos-central", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", default=None, help="database URL or SQLite file")
        return sub

    serve = command("serve", "migrate the database and run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--ssl-certfile", help="PEM certificate (chain): serve HTTPS")
    serve.add_argument("--ssl-keyfile", help="PEM private key of the certificate")
    serve.add_argument("--log-level", default="warning")
    command("migrate", "bring the database to the newest schema")
    demo = command("demo", "load the demo chain into an empty database")
    demo.add_argument("--products", type=int, default=2500)
    demo.add_argument("--seed", type=int, default=2026)
    enrol = command(
        "enrol-till", "issue a till's token (printed once; enrolling again replaces it)"
    )
    enrol.add_argument("--store", required=True)
    enrol.add_argument("--till", required=True)
    revoke = command("revoke-till", "revoke a till's token")
    revoke.add_argument("--store", required=True)
    revoke.add_argument("--till", required=True)
    admin = command("issue-admin-token", "issue a token for the /v1/admin endpoints")
    admin.add_argument("--name", default="admin")
    price = command("set-price", "set a product's gross price from a day on")
    price.add_argument("--sku", required=True)
    price.add_argument("--gross", type=parse_gross, required=True, help="złoty, e.g. 12.99")
    price.add_argument("--from", dest="valid_from", type=date.fromisoformat, help="default today")
    price.add_argument("--to", dest="valid_to", type=date.fromisoformat, help="default open")
    for name, help_text in (
        ("delivery", "goods received in a store (pieces, or grams for weighed products)"),
        ("adjust", "a signed stock correction in a store"),
        ("reserve", "hold goods for a customer (negative: release)"),
    ):
        movement = command(name, help_text)
        movement.add_argument("--store", required=True)
        movement.add_argument("--sku", required=True)
        movement.add_argument("--qty", type=int, required=True)
        movement.add_argument("--note")
    move = command("transfer", "goods moved from one store to another")
    move.add_argument("--from-store", required=True)
    move.add_argument("--to-store", required=True)
    move.add_argument("--sku", required=True)
    move.add_argument("--qty", type=int, required=True)
    move.add_argument("--note")
    command("negative-stock", "list stores and products with less than nothing on hand")
    user = command("add-user", "add or replace a user of the tills (published to them)")
    user.add_argument("--login", required=True)
    user.add_argument("--name", required=True)
    user.add_argument("--role", choices=("cashier", "manager"), required=True)
    user.add_argument("--pin", required=True, help="4 to 8 digits")
    user.add_argument("--stores", help="comma-separated store codes (default: every store)")
    purge = command("purge-feed", "drop delete-changes older than N days (older cursors get 410)")
    purge.add_argument("--older-than-days", type=int, required=True)
    add_coupon_commands(command, parse_gross)
    return parser


def _open(url: str | None) -> Engine:
    from sync.central.migrate import upgrade

    engine = create_central_engine(url or default_database_url())
    upgrade(engine)
    return engine


def _write(url: str | None, work: Callable[[Session], T]) -> T:
    engine = _open(url)
    try:
        return write_transaction(engine, work)
    finally:
        engine.dispose()


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.central.api import create_app

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    engine = _open(args.db)
    uvicorn.run(
        create_app(engine),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
    )
    return 0


def _demo(args: argparse.Namespace) -> int:
    from sync.central.demo import load_demo

    engine = _open(args.db)
    try:
        started = datetime.now(UTC)
        summary = load_demo(engine, products=args.products, seed=args.seed)
    finally:
        engine.dispose()
    seconds = (datetime.now(UTC) - started).total_seconds()
    print(f"{summary} in {seconds:.1f} s")
    return 0


def _movement(args: argparse.Namespace, now: datetime) -> Callable[[Session], object]:
    from sync.central.movements import adjust, deliver, reserve, transfer

    if args.command == "transfer":
        return lambda s: transfer(
            s, args.from_store, args.to_store, args.sku, args.qty, now, args.note
        )
    record = {"delivery": deliver, "adjust": adjust, "reserve": reserve}[args.command]
    return lambda s: record(s, args.store, args.sku, args.qty, now, args.note)


def _add_user(args: argparse.Namespace) -> Callable[[Session], object]:
    from sync.central.catalogue import UserSpec, put_user
    from sync.central.models import Store
    from sync.central.pins import hash_pin

    pin = hash_pin(args.pin)

    def work(session: Session) -> object:
        codes = (
            [code.strip() for code in args.stores.split(",") if code.strip()]
            if args.stores
            else list(session.execute(select(Store.code).order_by(Store.code)).scalars())
        )
        return put_user(
            session,
            UserSpec(
                login=args.login,
                display_name=args.name,
                role=args.role,
                pin_hash=pin.hash,
                pin_salt=pin.salt,
                active=True,
                store_codes=codes,
            ),
        )

    return work


def _negative_stock(args: argparse.Namespace) -> int:
    from sync.central.ledger import negative_stock

    engine = _open(args.db)
    try:
        with read_session(engine) as session:
            rows = negative_stock(session)
    finally:
        engine.dispose()
    if not rows:
        print("no negative stock")
    for row in rows:
        print(
            f"{row.store_code}\t{row.sku}\t{row.on_hand}\t{row.name}\t"
            f"(last movement {row.updated_at.isoformat()})"
        )
    return 0


def _run(args: argparse.Namespace) -> int:
    from sync.central import auth, catalogue, feed

    now = datetime.now(UTC)
    if args.command in COUPON_COMMANDS:
        return run_coupon_command(args, now, lambda work: _write(args.db, work))
    if args.command == "serve":
        return _serve(args)
    if args.command == "migrate":
        _open(args.db).dispose()
        print("the database is at the newest schema")
    elif args.command == "demo":
        return _demo(args)
    elif args.command == "enrol-till":
        token = _write(args.db, lambda s: auth.enrol_till(s, args.store, args.till, now))
        print(token)
        print(
            f"Till {args.store}/{args.till} enrolled; the token above is shown only now.",
            file=sys.stderr,
        )
    elif args.command == "revoke-till":
        if not _write(args.db, lambda s: auth.revoke_till(s, args.store, args.till, now)):
            print(f"no enrolled till {args.store}/{args.till}", file=sys.stderr)
            return 1
        print(f"till {args.store}/{args.till} revoked")
    elif args.command == "issue-admin-token":
        print(_write(args.db, lambda s: auth.issue_admin_token(s, args.name, now)))
    elif args.command == "set-price":
        valid_from = args.valid_from or now.date()
        data = _write(
            args.db,
            lambda s: catalogue.set_price(s, args.sku, args.gross, valid_from, args.valid_to),
        )
        print(data.model_dump_json(indent=2))
    elif args.command in ("delivery", "adjust", "reserve", "transfer"):
        _write(args.db, _movement(args, now))
        print(f"{args.command} of {args.qty} x {args.sku} recorded")
    elif args.command == "negative-stock":
        return _negative_stock(args)
    elif args.command == "add-user":
        _write(args.db, _add_user(args))
        print(f"user {args.login} saved")
    elif args.command == "purge-feed":
        purged = _write(
            args.db,
            lambda s: feed.purge_tombstones(s, timedelta(days=args.older_than_days), now),
        )
        print(f"{purged} delete-changes purged")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from sync.central.catalogue import CatalogueError
    from sync.central.demo import DemoExistsError

    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (CatalogueError, DemoExistsError, ValueError) as error:
        print(f"pos-central {args.command}: {error}", file=sys.stderr)
        return 1
