"""The send history: every request and its response, redacted, in a local SQLite database.

One connection guarded by a lock, so the UI can record from a worker thread and list from the
UI thread. Bounded by count and by stored bytes (bodies included): the oldest entries go first.
A file found damaged at any moment is moved aside and a fresh one started; ``take_notices()``
hands the explanation to the UI. Other failures (disk full, no permission) raise HistoryError
with a sentence the UI can show.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ctct_desktop.core.models import Exchange
from ctct_desktop.store.history_codec import (
    CodecError,
    failure_from_dict,
    request_from_dict,
    response_from_dict,
)
from ctct_desktop.store.history_file import MEMORY, is_corruption, move_aside, open_database
from ctct_desktop.store.history_models import (
    ENTRY_COLUMNS,
    HistoryEntry,
    HistoryError,
    HistoryRecord,
    entry_from_row,
)
from ctct_desktop.store.history_prepare import ROW_COLUMNS, prepare_row
from ctct_desktop.store.history_schema import delete_all
from ctct_desktop.store.history_search import build_condition

T = TypeVar("T")
Rows = list[tuple[object, ...]]  # named here: inside History, ``list`` is the method
Entries = list[HistoryEntry]
_INSERT = (f"INSERT INTO entries ({', '.join(ROW_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in ROW_COLUMNS)})")
_PRUNE = """
DELETE FROM entries WHERE id IN (
  SELECT id FROM (
    SELECT id, ROW_NUMBER() OVER w AS position, SUM(stored_bytes) OVER w AS running
    FROM entries INDEXED BY entries_size
    WINDOW w AS (ORDER BY id DESC ROWS UNBOUNDED PRECEDING)
  ) WHERE position > 1 AND (position > ? OR running > ?)
)"""
_PRUNE_SLACK = 100  # prune to 1% under the bounds
_VACUUM_FREE_PAGES = 2048  # give space back to the OS once this many pages are free

__all__ = ["History", "HistoryEntry", "HistoryError", "HistoryRecord", "EntryNotFound", "HistoryUsage"]


class EntryNotFound(HistoryError):
    """No entry has this id (deleted, pruned, or never there)."""


@dataclass(frozen=True)
class HistoryUsage:
    entries: int
    stored_bytes: int


class History:
    """The history database at ``path`` (usually app_dirs().history_db)."""

    def __init__(self, path: Path, max_entries: int = 5000, max_bytes: int = 200 * 1024 * 1024,
                 *, full_text: bool = True) -> None:
        self.path = Path(path)
        self.max_entries = max(1, int(max_entries))
        self.max_bytes = max(1, int(max_bytes))
        self._want_full_text = full_text
        self._lock = threading.RLock()
        self._notices: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._full_text = False
        self._open()

    # ------------------------------------------------------------------ lifecycle

    def _open(self) -> None:
        opened = open_database(self.path, full_text=self._want_full_text)
        self._conn, self._full_text = opened.connection, opened.full_text
        self._notices.extend(opened.notices)
        self.in_memory = opened.location == MEMORY

    @property
    def full_text(self) -> bool:
        """Whether searches use the FTS5 index (else LIKE)."""
        return self._full_text

    def take_notices(self) -> list[str]:
        """Messages for the user (a damaged file moved aside...), each handed out once."""
        with self._lock:
            notices, self._notices = self._notices, []
            return notices

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> "History":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        """The file turned out damaged while in use: move it aside, start afresh."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self.in_memory or not self.path.exists():
            self._open()
            return
        try:
            aside = move_aside(self.path, "corrupt")
            self._notices.append(f"The history database was damaged ({exc}); it was moved to "
                                 f"{aside} and a new, empty history was started.")
        except OSError as move_error:
            self._notices.append(f"The history database is damaged ({exc}) and could not be "
                                 f"moved aside ({move_error}).")
        self._open()

    def _run(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run under the lock; recover once from a damaged file, explain anything else."""
        with self._lock:
            for attempt in (1, 2):
                if self._conn is None:
                    raise HistoryError("The history is closed.")
                try:
                    return operation(self._conn)
                except sqlite3.DatabaseError as exc:
                    _rollback(self._conn)
                    if attempt == 1 and is_corruption(exc):
                        self._recover(exc)
                        continue
                    raise HistoryError(f"The history database could not be used: {exc}") from exc
            raise AssertionError("unreachable")

    # ------------------------------------------------------------------ writing

    def record(self, exchange: Exchange, secrets: Iterable[str] = (), *, sent_at: str | None = None) -> int:
        """Store one send (redacted) and prune past the bounds; returns the new entry's id."""
        row = prepare_row(exchange, secrets, sent_at=sent_at)

        def insert(conn: sqlite3.Connection) -> int:
            conn.execute("BEGIN IMMEDIATE")
            new_id = int(conn.execute(_INSERT, row.values()).lastrowid or 0)
            self._prune(conn)
            conn.execute("COMMIT")
            self._give_space_back(conn)
            return new_id

        return self._run(insert)

    def _prune(self, conn: sqlite3.Connection) -> int:
        """Delete the oldest entries past a bound. Once over, it prunes 1% below the bounds, so
        at the limit the cost is paid once per hundred records, not on every one."""
        count, total = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(stored_bytes), 0) FROM entries INDEXED BY entries_size"
        ).fetchone()
        if count <= self.max_entries and total <= self.max_bytes:
            return 0
        keep_entries = self.max_entries - self.max_entries // _PRUNE_SLACK
        keep_bytes = self.max_bytes - self.max_bytes // _PRUNE_SLACK
        return conn.execute(_PRUNE, (keep_entries, keep_bytes)).rowcount

    def _give_space_back(self, conn: sqlite3.Connection) -> None:
        free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
        if free > _VACUUM_FREE_PAGES:
            _vacuum(conn)

    def set_limits(self, max_entries: int, max_bytes: int) -> int:
        """New bounds (settings changed); prunes at once and returns how many entries went."""
        self.max_entries, self.max_bytes = max(1, int(max_entries)), max(1, int(max_bytes))

        def prune(conn: sqlite3.Connection) -> int:
            conn.execute("BEGIN IMMEDIATE")
            removed = self._prune(conn)
            conn.execute("COMMIT")
            self._give_space_back(conn)
            return removed

        return self._run(prune)

    def delete(self, entry_id: int) -> bool:
        """Remove one entry; False when there was none with this id."""
        return self._run(
            lambda conn: conn.execute("DELETE FROM entries WHERE id = ?", (int(entry_id),)).rowcount > 0
        )

    def clear(self) -> None:
        """Remove every entry and give the space back."""

        def wipe(conn: sqlite3.Connection) -> None:
            conn.execute("BEGIN IMMEDIATE")
            delete_all(conn)
            conn.execute("COMMIT")
            _vacuum(conn)

        self._run(wipe)

    # ------------------------------------------------------------------ reading

    def list(self, limit: int = 200, offset: int = 0) -> list[HistoryEntry]:
        """Entries newest first."""
        sql = f"SELECT {ENTRY_COLUMNS} FROM entries ORDER BY id DESC LIMIT ? OFFSET ?"
        rows = self._run(lambda conn: conn.execute(sql, (_bounded(limit), _bounded(offset))).fetchall())
        return [entry_from_row(row) for row in rows]

    def search(self, text: str, limit: int = 200) -> Entries:
        """Entries matching every term of ``text``, newest first (see history_search)."""
        def query(conn: sqlite3.Connection, full_text: bool) -> Rows:
            condition = build_condition(text, full_text)
            sql = f"SELECT {ENTRY_COLUMNS} FROM entries WHERE {condition.sql} ORDER BY id DESC LIMIT ?"
            return conn.execute(sql, (*condition.params, _bounded(limit))).fetchall()

        def run(conn: sqlite3.Connection) -> Rows:
            if not self._full_text:
                return query(conn, False)
            try:
                return query(conn, True)
            except sqlite3.OperationalError as exc:
                if is_corruption(exc):
                    raise
                return query(conn, False)  # a term FTS5 cannot parse: plain matching still works

        return [entry_from_row(row) for row in self._run(run)]

    def usage(self) -> HistoryUsage:
        """How many entries and stored bytes the history holds now."""
        count, total = self._run(lambda conn: conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(stored_bytes), 0) FROM entries INDEXED BY entries_size"
        ).fetchone())
        return HistoryUsage(int(count), int(total))

    def get(self, entry_id: int) -> HistoryRecord:
        """The full stored send, ready to restore. Raises EntryNotFound or HistoryError."""
        sql = (f"SELECT {ENTRY_COLUMNS}, request_json, request_body, request_body_truncated, "
               f"outcome_json, response_text, response_body, response_body_truncated "
               f"FROM entries WHERE id = ?")
        row = self._run(lambda conn: conn.execute(sql, (int(entry_id),)).fetchone())
        if row is None:
            raise EntryNotFound(f"History entry {entry_id} no longer exists.")
        try:
            return _record_from_row(row)
        except (CodecError, ValueError, TypeError, KeyError) as exc:
            raise HistoryError(f"History entry {entry_id} is damaged and cannot be opened: {exc}") from exc


def _record_from_row(row: tuple[object, ...]) -> HistoryRecord:
    width = len(ENTRY_COLUMNS.split(","))
    entry = entry_from_row(row[:width])
    request_json, request_body, request_cut, outcome_json, text, data, response_cut = row[width:]
    request = request_from_dict(json.loads(str(request_json))).with_changes(body=str(request_body))
    outcome = json.loads(str(outcome_json))
    if not isinstance(outcome, dict):
        raise CodecError("the stored outcome is not an object")
    response = None
    if "response" in outcome:
        body = str(text).encode("utf-8") if text is not None else _blob(data)
        response = response_from_dict(outcome["response"], body=body)
    failure = failure_from_dict(outcome["failure"]) if "failure" in outcome else None
    sent_url = outcome.get("sent_url", "")
    return HistoryRecord(
        entry=entry,
        request=request,
        response=response,
        failure=failure,
        sent_url=sent_url if isinstance(sent_url, str) else "",
        request_body_truncated=bool(request_cut),
        response_body_truncated=bool(response_cut),
    )


def _blob(data: object) -> bytes:
    return bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else b""


def _bounded(value: int) -> int:
    """A row count SQLite can bind: negative means none, huge means all."""
    return max(0, min(int(value), 2**62))


def _vacuum(conn: sqlite3.Connection) -> None:
    """Free pages back to the OS. executescript steps the pragma to the end; execute() would
    free a single page per call."""
    conn.executescript("PRAGMA incremental_vacuum;")


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass
