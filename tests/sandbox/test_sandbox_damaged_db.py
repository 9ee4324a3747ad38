"""A damaged sandbox.sqlite3 is never silently reseeded: quick_check runs at start, a damaged
file is kept as sandbox.sqlite3.damaged-TIMESTAMP, the account is seeded, and the caller (the
window, `ctct-desktop sandbox`) gets a sentence naming the kept file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ctct_desktop.sandbox.server import SandboxServer
from tests.sandbox.sandbox_helpers import client_for

REPO = Path(__file__).resolve().parents[2]
EXTRA = 800


def _grown_database(data: Path) -> Path:
    """A sandbox state with 1,320 contacts (the seed's 520 and 800 more), stopped cleanly."""
    with SandboxServer(data, reset=True):
        pass
    path = data / "sandbox.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executemany("INSERT INTO contacts(email, status, insert_time, last_update_time) "
                         "VALUES(?, 'Active', 'x', 'x')", [(f"grown{i}@example.com",) for i in range(EXTRA)])
    conn.close()
    return path


def _damaged_copies(data: Path) -> list[Path]:
    return sorted(data.glob("sandbox.sqlite3.damaged-*"))


@pytest.mark.parametrize("keep", [0, 100, 4096, "half"])
def test_a_truncated_database_is_set_aside_named_and_reseeded(tmp_path: Path, keep: int | str) -> None:
    data = tmp_path / "sb"
    path = _grown_database(data)
    size = path.stat().st_size // 2 if keep == "half" else int(keep)
    with open(path, "r+b") as handle:
        handle.truncate(size)
    with SandboxServer(data) as server, client_for(server) as client:
        kept = _damaged_copies(data)
        assert [p.stat().st_size for p in kept] == [size]
        assert server.start_notice is not None and str(kept[0]) in server.start_notice
        assert "damaged" in server.start_notice
        assert client.get("/contacts/520").status_code == 200  # seeded afresh
        assert client.get("/contacts/521").status_code == 404


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path: Path) -> None:
    data = tmp_path / "sb"
    data.mkdir()
    (data / "sandbox.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with SandboxServer(data) as server, client_for(server) as client:
        assert client.get("/contacts/1").status_code == 200
        assert server.start_notice and "not a database" in server.start_notice
    assert [p.read_bytes() for p in _damaged_copies(data)] == [b"this is not sqlite" * 100]


def test_a_sound_database_is_kept_without_a_notice(tmp_path: Path) -> None:
    data = tmp_path / "sb"
    _grown_database(data)
    with SandboxServer(data) as server, client_for(server) as client:
        assert server.start_notice is None
        assert client.get(f"/contacts/{520 + EXTRA}").status_code == 200
    assert _damaged_copies(data) == []


def test_the_cli_names_the_kept_file(tmp_path: Path) -> None:
    data = tmp_path / "sb"
    path = _grown_database(data)
    path.write_bytes(b"")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "ctct_desktop", "sandbox", "--port", "0", "--data", str(data)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not (data / "endpoint.json").exists():
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    kept = _damaged_copies(data)
    assert process.returncode == 0 and len(kept) == 1, err
    assert "damaged" in err and str(kept[0]) in err and "Traceback" not in err
    assert "Base URL" in out
