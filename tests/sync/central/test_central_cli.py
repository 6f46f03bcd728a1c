"""`pos-central` commands on a real database (SQLite and PostgreSQL), run in-process."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from pos_client.domain.pin import PinHash, verify_pin
from sync.central.auth import AdminCaller, TillCaller, find_caller
from sync.central.catalogue import product_data
from sync.central.cli import main, parse_gross
from sync.central.database import create_central_engine, read_session
from sync.central.models import FeedChange, Product, User
from sync.central.stock import stock_answer


@pytest.fixture
def demo_db(central_db_url: str) -> Iterator[tuple[str, Engine]]:
    assert main(["demo", "--db", central_db_url, "--products", "60"]) == 0
    engine = create_central_engine(central_db_url)
    yield central_db_url, engine
    engine.dispose()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def on_hand(engine: Engine, sku: str) -> dict[str, tuple[int, int]]:
    with read_session(engine) as session:
        answer = stock_answer(session, sku, datetime.now(UTC))
    assert answer is not None
    return {entry.store_code: (entry.on_hand, entry.reserved) for entry in answer.stores}


def test_migrate_then_demo_once(central_db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "migrate", "--db", central_db_url)[0] == 0
    code, out, _err = run(capsys, "demo", "--db", central_db_url, "--products", "40")
    again, _out, err = run(capsys, "demo", "--db", central_db_url, "--products", "40")

    assert code == 0
    assert "products=40" in out
    assert again == 1
    assert "catalogue already" in err


def test_enrol_and_revoke_a_till(
    demo_db: tuple[str, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine = demo_db
    code, out, err = run(capsys, "enrol-till", "--db", url, "--store", "KRK01", "--till", "03")
    token = out.strip()
    with read_session(engine) as session:
        caller = find_caller(session, token)

    assert code == 0
    assert "shown only now" in err
    assert isinstance(caller, TillCaller)
    assert (caller.store_code, caller.till_id) == ("KRK01", "03")

    assert run(capsys, "revoke-till", "--db", url, "--store", "KRK01", "--till", "03")[0] == 0
    with read_session(engine) as session:
        assert find_caller(session, token) is None
    code, _out, err = run(capsys, "revoke-till", "--db", url, "--store", "KRK01", "--till", "03")
    assert code == 1
    assert "no enrolled till" in err
    code, _out, err = run(capsys, "enrol-till", "--db", url, "--store", "NOPE1", "--till", "01")
    assert code == 1
    assert "no store 'NOPE1'" in err


def test_issue_an_admin_token(
    demo_db: tuple[str, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine = demo_db
    code, out, _err = run(capsys, "issue-admin-token", "--db", url, "--name", "biuro")
    with read_session(engine) as session:
        caller = find_caller(session, out.strip())
    assert code == 0
    assert isinstance(caller, AdminCaller)
    assert caller.name == "biuro"


def test_set_a_price_from_a_day(
    demo_db: tuple[str, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine = demo_db
    code, out, _err = run(
        capsys, "set-price", "--db", url, "--sku", "P0000002", "--gross", "12,99",
        "--from", "2026-07-01",
    )  # fmt: skip
    with read_session(engine) as session:
        product_id = session.execute(
            select(Product.id).where(Product.sku == "P0000002")
        ).scalar_one()
        (data,) = product_data(session, [product_id])
        published = session.execute(
            select(FeedChange.data).where(FeedChange.key == "P0000002")
        ).scalar_one()

    assert code == 0
    assert '"gross": 1299' in out
    assert (data.prices[-1].gross, data.prices[-1].valid_from) == (1299, "2026-07-01")
    assert published is not None
    assert '"gross":1299' in published


def test_stock_commands_and_the_negative_stock_report(
    demo_db: tuple[str, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine = demo_db
    start = on_hand(engine, "P0000003")
    waw = start["WAW01"][0]
    commands = [
        ["delivery", "--store", "WAW01", "--sku", "P0000003", "--qty", "5"],
        ["adjust", "--store", "WAW01", "--sku", "P0000003", "--qty", str(-(waw + 5 + 2))],
        ["reserve", "--store", "KRK01", "--sku", "P0000003", "--qty", "2"],
        ["transfer", "--from-store", "GDA01", "--to-store", "WRO01", "--sku", "P0000003",
         "--qty", "1", "--note", "do Wrocławia"],
    ]  # fmt: skip
    codes = [run(capsys, command[0], "--db", url, *command[1:])[0] for command in commands]
    end = on_hand(engine, "P0000003")
    _code, report, _err = run(capsys, "negative-stock", "--db", url)

    assert codes == [0, 0, 0, 0]
    assert end["WAW01"] == (-2, 0)
    assert end["KRK01"] == (start["KRK01"][0], 2)
    assert end["GDA01"][0] == start["GDA01"][0] - 1
    assert end["WRO01"][0] == start["WRO01"][0] + 1
    assert report.startswith("WAW01\tP0000003\t-2\t")
    code, _out, err = run(capsys, "delivery", "--db", url, "--store", "WAW01", "--sku",
                          "P0000003", "--qty", "0")  # fmt: skip
    assert code == 1
    assert "more than zero" in err


def test_add_a_user_whose_pin_the_till_verifies(
    demo_db: tuple[str, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine = demo_db
    code, _out, _err = run(
        capsys, "add-user", "--db", url, "--login", "ania", "--name", "Anna Nowak",
        "--role", "cashier", "--pin", "4321", "--stores", "WAW01,KRK01",
    )  # fmt: skip
    with read_session(engine) as session:
        user = session.execute(select(User).where(User.login == "ania")).scalar_one()
        published = session.execute(
            select(FeedChange.data).where(FeedChange.key == "ania")
        ).scalar_one()

    assert code == 0
    assert verify_pin("4321", PinHash(user.pin_hash, user.pin_salt))
    assert not verify_pin("1234", PinHash(user.pin_hash, user.pin_salt))
    assert published is not None
    assert '"store_codes":["KRK01","WAW01"]' in published
    bad, _out, err = run(
        capsys, "add-user", "--db", url, "--login", "x", "--name", "X", "--role", "cashier",
        "--pin", "12",
    )  # fmt: skip
    assert bad == 1
    assert "4 to 8 digits" in err


def test_purge_the_feed(demo_db: tuple[str, Engine], capsys: pytest.CaptureFixture[str]) -> None:
    url, _engine = demo_db
    code, out, _err = run(capsys, "purge-feed", "--db", url, "--older-than-days", "0")
    assert code == 0
    assert out.strip() == "0 delete-changes purged"


@pytest.mark.parametrize(
    ("typed", "grosze"), [("12.99", 1299), ("12,5", 1250), ("7", 700), (" 0,01 ", 1)]
)
def test_amounts_in_zloty(typed: str, grosze: int) -> None:
    assert parse_gross(typed) == grosze


@pytest.mark.parametrize("typed", ["", "12,999", "-1", "1e3", "12 zł"])
def test_amounts_that_are_not_zloty(typed: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_gross(typed)
