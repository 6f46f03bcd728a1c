"""`pos-till` as a person starts it: the demo chain end to end in a child process, and the
enrolment command's refusals."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pos_client import app
from tests.sync.conftest import free_port


def _wait_for(check: str, path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and check in path.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.2)
    return False


def test_demo_runs_the_central_service_and_an_enrolled_syncing_till(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "POS_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("POS_CONFIG", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "pos_client", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        till_log = tmp_path / "logs" / "till.log"
        assert _wait_for("full catalogue sync complete", till_log, 120), (
            till_log.read_text() if till_log.exists() else "no till log"
        )
        health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
        assert health.status_code == 200
        refused = httpx.get(f"http://127.0.0.1:{port}/v1/stock/P0000001", timeout=5)
        assert refused.status_code == 401
    finally:
        child.send_signal(signal.SIGTERM)
        output, _ = child.communicate(timeout=60)
    text = output.decode()
    assert child.returncode == 0, text
    assert "Demo logins: kierownik / PIN 1234" in text
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
    with sqlite3.connect(tmp_path / "till.sqlite3") as till_db:
        (url,) = till_db.execute("SELECT central_url FROM sync_link").fetchone()
        synced = till_db.execute("SELECT COUNT(*) FROM synced_users").fetchone()[0]
    assert url == f"http://127.0.0.1:{port}"
    assert synced == 2
    with sqlite3.connect(tmp_path / "central.sqlite") as central_db:
        tills = central_db.execute("SELECT COUNT(*) FROM tills").fetchone()[0]
    assert tills == 1


def test_enrol_refuses_an_unreachable_central_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("POS_CONFIG", str(tmp_path / "till.toml"))
    monkeypatch.setattr("getpass.getpass", lambda _prompt: "a-till-token")
    port = free_port()
    assert app.main(["enrol", "--url", f"http://127.0.0.1:{port}"]) == 2
    assert "could not be asked" in capsys.readouterr().err
    with sqlite3.connect(tmp_path / "till.sqlite3") as till_db:
        assert till_db.execute("SELECT COUNT(*) FROM sync_link").fetchone()[0] == 0
