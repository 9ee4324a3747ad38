"""The history database layout, its version (PRAGMA user_version) and the path between versions.

Each migration is a function named after the version it upgrades from; ``migrate`` applies them
in order inside one transaction, so a crash mid-way leaves the old version intact.
Full-text search uses FTS5 when the SQLite build has it, kept in step with the entries by
triggers; without FTS5 the history still works and searches with LIKE.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 1


class NewerSchemaError(Exception):
    """The file was written by a newer version of the application."""

    def __init__(self, found: int) -> None:
        super().__init__(found)
        self.found = found


# Small columns first: listing and pruning read only the start of each row, never the bodies
# that spill onto overflow pages.
_ENTRIES = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sent_at TEXT NOT NULL,
    method TEXT NOT NULL,
    status INTEGER,
    failure_kind TEXT,
    elapsed_ms REAL,
    response_size INTEGER,
    stored_bytes INTEGER NOT NULL,
    request_body_truncated INTEGER NOT NULL DEFAULT 0,
    response_body_truncated INTEGER NOT NULL DEFAULT 0,
    url TEXT NOT NULL,
    request_json TEXT NOT NULL,
    request_body TEXT NOT NULL,
    outcome_json TEXT NOT NULL,
    response_text TEXT,
    response_body BLOB,
    failure_text TEXT NOT NULL DEFAULT ''
)
"""

_INDEXES = (
    "CREATE INDEX entries_status ON entries(status)",
    "CREATE INDEX entries_method ON entries(method)",
    # Covering index for the bounds check: count and total size without touching the rows.
    "CREATE INDEX entries_size ON entries(id, stored_bytes)",
)

# A response body that is UTF-8 text lives in ``response_text`` (searchable), any other body in
# ``response_body`` as bytes. URLs are matched as substrings, bodies by words: the external-content
# FTS5 index keeps no second copy of the text, and triggers keep it in step with the rows.
_DELETE_TRIGGER = (
    "CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN "
    "INSERT INTO entries_fts(entries_fts, rowid, request_body, response_text, failure_text) "
    "VALUES ('delete', old.id, old.request_body, old.response_text, old.failure_text); END"
)
_FTS = (
    "CREATE VIRTUAL TABLE entries_fts USING fts5(request_body, response_text, failure_text, "
    "content='entries', content_rowid='id')",
    "CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN "
    "INSERT INTO entries_fts(rowid, request_body, response_text, failure_text) "
    "VALUES (new.id, new.request_body, new.response_text, new.failure_text); END",
    _DELETE_TRIGGER,
)


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite build can create FTS5 tables."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp.fts5_probe")
        return True
    except sqlite3.OperationalError:
        return False


def has_fts(conn: sqlite3.Connection) -> bool:
    """Whether this database carries the full-text index."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entries_fts'"
    ).fetchone()
    return row is not None


def delete_all(conn: sqlite3.Connection) -> None:
    """Empty the history inside the caller's transaction. With FTS5 the per-row trigger is
    bypassed and the index emptied at once (row by row it takes seconds for 5000 entries)."""
    if not has_fts(conn):
        conn.execute("DELETE FROM entries")
        return
    conn.execute("DROP TRIGGER IF EXISTS entries_ad")
    conn.execute("DELETE FROM entries")
    conn.execute("INSERT INTO entries_fts(entries_fts) VALUES ('delete-all')")
    conn.execute(_DELETE_TRIGGER)


def _from_0(conn: sqlite3.Connection, full_text: bool) -> None:
    """A new, empty database: create version 1."""
    conn.execute(_ENTRIES)
    for statement in _INDEXES:
        conn.execute(statement)
    if full_text and fts5_available(conn):
        for statement in _FTS:
            conn.execute(statement)


Migration = Callable[[sqlite3.Connection, bool], None]
MIGRATIONS: dict[int, Migration] = {0: _from_0}


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, full_text: bool = True,
            migrations: dict[int, Migration] | None = None, target: int = SCHEMA_VERSION) -> int:
    """Bring the database to ``target``; returns the version found. Raises NewerSchemaError."""
    steps = MIGRATIONS if migrations is None else migrations
    found = current_version(conn)
    if found > target:
        raise NewerSchemaError(found)
    if found == target:
        return found
    if found == 0:
        # auto_vacuum must be chosen before the first table exists; lets pruning give space back.
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(found, target):
            steps[version](conn, full_text)
        conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
