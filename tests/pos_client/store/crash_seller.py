"""Child program of the crash-durability test: a till that sells until it is killed.

Run as a script with the repository root on PYTHONPATH:

    python crash_seller.py --database PATH --seed N --piece CODE ... --weighed CODE ...

It opens the database through the real stack (create_store_engine, upgrade, CatalogueRepository,
SalesRepository, CheckoutService), prints

    READY journal_mode=<mode> synchronous=<n> foreign_keys=<n>

once it is set up, then sells forever: 1-6 random items (pieces by barcode or SKU, weighed items
by weight label or picked from the catalogue with the grams entered), sometimes a basket discount,
paid by cash, card or a split. After `pay()` returns it prints and flushes one line:

    COMMITTED <sale uuid> <receipt number> <lines> <payments> <total grosze>

With `--migrate-only` it stops after READY (to kill a first start-up that runs the migrations).

With `--serve` (no --database, no --seed) it is a fork server, because importing the stack costs
about 0.4 s of CPU and the test kills hundreds of tills. It imports everything (Alembic too, with
--migrate-only), never opens a database itself, prints LOADED and answers commands on stdin, one a
line, fields separated by tabs:

    RUN <seed> <database> <output file>   fork a till as above, writing to the file (it appends);
                                          answer "FORKED <pid>"
    REAP <pid>                            wait for that till to end (the caller kills it);
                                          answer "EXIT <pid> <code>" (-9: killed by SIGKILL)

Each till is thus a new process that opens the database from scratch, as after a restart.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from sqlalchemy import Engine

from hardware.barcodes import VariableMeasureLayout, with_check_digit
from pos_client.domain.money import Money
from pos_client.domain.payment import Tender
from pos_client.domain.sale import SaleRecord
from pos_client.services.checkout import CheckoutService, TillIdentity, WeightNeeded
from pos_client.store.catalogue import CatalogueRepository
from pos_client.store.database import create_store_engine
from pos_client.store.migrate import upgrade
from pos_client.store.sales import SalesRepository

TILL = TillIdentity("WAW01", "01")
LAYOUT = VariableMeasureLayout()
MIN_GRAMS = 50
MAX_GRAMS = 3000


def weight_label(lookup_code: str, grams: int) -> str:
    """The in-store EAN-13 a scale prints: the item's digits, the weight in grams, a check digit."""
    item = lookup_code[: 2 + LAYOUT.item_digits]
    return with_check_digit(f"{item}{grams:0{LAYOUT.value_digits}d}")


def pragmas(engine: Engine) -> str:
    with engine.connect() as connection:
        values = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys")
        }
    return " ".join(f"{name}={value}" for name, value in values.items())


def scan_items(
    service: CheckoutService,
    catalogue: CatalogueRepository,
    rng: random.Random,
    pieces: Sequence[str],
    weighed: Sequence[str],
) -> None:
    for _ in range(rng.randint(1, 6)):
        if weighed and (not pieces or rng.random() < 0.3):
            lookup_code = rng.choice(weighed)
            grams = rng.randint(MIN_GRAMS, MAX_GRAMS)
            if rng.random() < 0.5:
                # Picked from the search list or a quick key: the till asks for the weight.
                entry = catalogue.by_barcode(lookup_code)
                if entry is None:
                    raise AssertionError(f"no product has the lookup code {lookup_code}")
                outcome = service.add(entry)
                if not isinstance(outcome, WeightNeeded):
                    raise AssertionError(f"{lookup_code} should ask for a weight: {outcome}")
                service.add_weighed(outcome.entry, grams)
            else:
                service.scan(weight_label(lookup_code, grams))
        else:
            service.scan(rng.choice(pieces))


def tenders(total: Money, rng: random.Random) -> list[tuple[Tender, Money]]:
    kind = rng.choice(("cash", "card", "split"))
    if kind == "card" or (kind == "split" and total.grosze < 2):
        return [(Tender.CARD, total)]
    if kind == "cash":
        exact = rng.random() < 0.3
        rounded_up = -(-total.grosze // 1000) * 1000  # to the next 10 zł
        return [(Tender.CASH, total if exact else Money(rounded_up + rng.choice((0, 5000))))]
    on_card = Money(rng.randint(1, total.grosze - 1))
    rest = total - on_card
    return [(Tender.CARD, on_card), (Tender.CASH, rest + Money(rng.choice((0, 0, 50, 1000))))]


def sell_one(
    service: CheckoutService,
    catalogue: CatalogueRepository,
    rng: random.Random,
    pieces: Sequence[str],
    weighed: Sequence[str],
) -> SaleRecord:
    scan_items(service, catalogue, rng, pieces, weighed)
    total = service.cart.total()
    if total.grosze >= 10 and rng.random() < 0.15:
        service.cart.set_basket_discount(Money(rng.randint(1, total.grosze // 5)))
    return service.pay(tenders(service.cart.total(), rng))


def run_till(
    database: Path,
    seed: int,
    pieces: Sequence[str],
    weighed: Sequence[str],
    migrate_only: bool,
    out: TextIO,
) -> NoReturn:
    rng = random.Random(seed)
    engine = create_store_engine(database)
    upgrade(engine)
    catalogue = CatalogueRepository(engine)
    service = CheckoutService(catalogue, SalesRepository(engine), TILL, LAYOUT)
    out.write(f"READY {pragmas(engine)}\n")
    out.flush()
    if migrate_only or not (pieces or weighed):
        while True:
            time.sleep(60)
    while True:
        sale = sell_one(service, catalogue, rng, pieces, weighed)
        out.write(
            f"COMMITTED {sale.sale_id} {sale.receipt_number} {len(sale.lines)} "
            f"{len(sale.payments)} {sale.total.grosze}\n"
        )
        out.flush()


def fork_till(arguments: argparse.Namespace, seed: int, database: Path, output: Path) -> int:
    sys.stdout.flush()
    pid = os.fork()
    if pid:
        return pid
    # The till: never return into the server's loop, whatever happens.
    try:
        fd = os.open(output, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        out = open(1, "w", encoding="utf-8", buffering=1, closefd=False)  # noqa: SIM115
        sys.stdout = sys.stderr = out
        run_till(database, seed, arguments.piece, arguments.weighed, arguments.migrate_only, out)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(1)


def serve(arguments: argparse.Namespace) -> int:
    if arguments.migrate_only:
        # upgrade() imports Alembic only when the database is behind: import it before forking.
        import alembic.command
        import alembic.script  # noqa: F401
    print("LOADED", flush=True)
    for command in sys.stdin:
        match command.rstrip("\n").split("\t"):
            case ["RUN", seed, database, output]:
                pid = fork_till(arguments, int(seed), Path(database), Path(output))
                print(f"FORKED {pid}", flush=True)
            case ["REAP", pid]:
                _, status = os.waitpid(int(pid), 0)
                print(f"EXIT {pid} {os.waitstatus_to_exitcode(status)}", flush=True)
            case _:
                print(f"ERROR unknown command {command!r}", flush=True)
    return 0


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database", type=Path)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--piece", action="append", default=[], help="barcode or SKU of a piece")
    parser.add_argument("--weighed", action="append", default=[], help="lookup code, kg item")
    parser.add_argument("--serve", action="store_true", help="be a fork server of tills")
    parser.add_argument("--migrate-only", action="store_true", help="stop after READY")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    arguments = parse_arguments(argv)
    if arguments.serve:
        return serve(arguments)
    if arguments.database is None or arguments.seed is None:
        raise SystemExit("--database and --seed are needed (or --serve)")
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    run_till(
        arguments.database,
        arguments.seed,
        arguments.piece,
        arguments.weighed,
        arguments.migrate_only,
        sys.stdout,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
