"""A damaged, foreign or newer database never costs a traceback, and never silently costs data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ctct_desktop.store.history import History
from ctct_desktop.store.history_schema import SCHEMA_VERSION, current_version

from tests.store.test_history_builders import exchange


def _assert_works(history: History) -> None:
    entry_id = history.record(exchange(409))
    assert history.get(entry_id).entry.status == 409
    assert [e.id for e in history.search("409")] == [entry_id]


@pytest.mark.parametrize(
    "junk",
    [b"this is not a database at all" * 100, b"\x00" * 8192, b"SQLite format 3\x00" + b"\xff" * 5000],
)
def test_junk_file_is_moved_aside_and_a_fresh_history_starts(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(junk)
    with History(path) as history:
        notices = history.take_notices()
        assert len(notices) == 1 and "history.sqlite3.corrupt-1" in notices[0]
        assert history.take_notices() == []  # handed out once
        assert not history.in_memory
        _assert_works(history)
    assert (tmp_path / "history.sqlite3.corrupt-1").read_bytes() == junk


def test_each_damaged_file_gets_its_own_number(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    for _ in range(2):
        path.write_bytes(b"garbage" * 1000)
        History(path).close()
    assert (tmp_path / "history.sqlite3.corrupt-1").exists()
    assert (tmp_path / "history.sqlite3.corrupt-2").exists()


def test_a_foreign_sqlite_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.commit()
    conn.close()
    with History(path) as history:
        assert "corrupt-1" in history.take_notices()[0]
        _assert_works(history)


def test_a_file_from_a_newer_version_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    with History(path) as history:
        notice = history.take_notices()[0]
        assert "newer version" in notice and "history.sqlite3.newer-1" in notice
        _assert_works(history)
    kept = sqlite3.connect(tmp_path / "history.sqlite3.newer-1")
    assert kept.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    kept.close()


def _page_of(path: Path, name: str) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    return root, size


def test_damage_found_while_in_use_moves_the_file_aside(tmp_path: Path) -> None:
    """The open check passes; the damaged index is met by a later call, which still succeeds."""
    path = tmp_path / "history.sqlite3"
    with History(path) as history:
        for _ in range(50):
            history.record(exchange())
    root, size = _page_of(path, "entries_size")
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xde\xad" * (size // 2))
    with History(path) as history:
        assert history.take_notices() == []
        new_id = history.record(exchange(409))  # prunes through the damaged index
        notices = history.take_notices()
        assert len(notices) == 1 and "corrupt-1" in notices[0]
        assert [e.id for e in history.list()] == [new_id]
    assert (tmp_path / "history.sqlite3.corrupt-1").exists()


def test_an_unusable_folder_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with History(blocker / "history.sqlite3") as history:
        assert history.in_memory
        assert "in memory" in history.take_notices()[0]
        _assert_works(history)


def test_history_without_fts_still_works(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3", full_text=False) as history:
        assert not history.full_text
        _assert_works(history)
        assert history.search("jane.doe@example.com")


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_an_empty_database_at_version_zero_is_upgraded(tmp_path: Path) -> None:
    """user_version 0 is the oldest version: a file SQLite made but nothing wrote to."""
    path = tmp_path / "history.sqlite3"
    sqlite3.connect(path).close()
    with History(path) as history:
        assert history.take_notices() == []
        _assert_works(history)
    conn = sqlite3.connect(path)
    assert current_version(conn) == SCHEMA_VERSION == 1
    assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # INCREMENTAL, chosen before the tables
    conn.close()


def test_a_version_one_database_written_by_the_first_release_reads(tmp_path: Path) -> None:
    """fixtures/history-v1.sql: the tables and rows the program of commit 4348f5c wrote."""
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "history-v1.sql").read_text(encoding="utf-8"))
    conn.close()
    with History(path) as history:
        assert history.take_notices() == []
        conflict, refused = sorted(history.list(), key=lambda e: e.id)
        assert (conflict.status, conflict.method, conflict.sent_at) == (409, "POST", "2026-11-29T08:00:00.000Z")
        assert (refused.failure_kind, refused.status) == ("refused", None)
        record = history.get(conflict.id)
        assert record.response is not None and record.response.body == b"<error>Email address already exists</error>"
        assert record.request.auth.password == ""
        assert [e.id for e in history.search("already")] == [conflict.id]
        new_id = history.record(exchange(201))
        assert [e.id for e in history.list()] == [new_id, refused.id, conflict.id]


def test_a_negative_user_version_is_not_ours_and_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -1")
    conn.close()
    with History(path) as history:
        notice = history.take_notices()[0]
        assert "not a valid format number" in notice and "history.sqlite3.corrupt-1" in notice
        _assert_works(history)
