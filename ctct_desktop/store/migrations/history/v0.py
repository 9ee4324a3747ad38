"""Version 0 -> 1: a new, empty history database gets the version 1 layout.

Small columns first: listing and pruning read only the start of each row, never the bodies that
spill onto overflow pages. A response body that is UTF-8 text lives in ``response_text``
(searchable), any other body in ``response_body`` as bytes. The optional full-text index is not
part of this layout (store/history_schema.py adds it when the SQLite build has FTS5).
"""

from __future__ import annotations

import sqlite3

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


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute(_ENTRIES)
    for statement in _INDEXES:
        conn.execute(statement)
