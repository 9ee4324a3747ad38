"""The history database: its version, the optional full-text index, and emptying it.

The layout is made and upgraded by the one migration runner (core/migrations.py) from the steps
in ``store/migrations/history/`` (``v0.py`` creates version 1); the version key is
``PRAGMA user_version``. Full-text search uses FTS5 when the SQLite build has it, kept in step with
the entries by triggers; it is added with a new database, after its layout, and is not part of the
versioned layout: without FTS5 the history still works and searches with LIKE.
"""

from __future__ import annotations

import sqlite3

from ctct_desktop.core.migrations import SchemaMigrated, migrate_schema, schema_version

SCHEMA_VERSION = 1
HISTORY_STEPS = "ctct_desktop.store.migrations.history"

# URLs are matched as substrings, bodies by words: the external-content
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


def add_full_text(conn: sqlite3.Connection) -> bool:
    """Give a new database its full-text index (one transaction); False when FTS5 is missing."""
    if has_fts(conn) or not fts5_available(conn):
        return has_fts(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _FTS:
            conn.execute(statement)
        conn.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def current_version(conn: sqlite3.Connection) -> int:
    return schema_version(conn)


def migrate(conn: sqlite3.Connection) -> SchemaMigrated:
    """Bring the database to SCHEMA_VERSION; a MigrationError (NewerFormatError...) says why not."""
    return migrate_schema(conn, HISTORY_STEPS, SCHEMA_VERSION, "history database")
