"""SQLite state of the sandbox: one connection behind one lock, WAL, versioned schema.

A single connection serialised by a lock keeps every check-then-write (unique emails, list
names) atomic under the threaded server; the requests are small, so the lock is never the
bottleneck the HTTP parsing is.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA_VERSION = 1

_TABLES = ("tokens", "activities", "campaigns", "email_addresses", "memberships", "contacts",
           "lists", "meta")

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE lists(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, opt_in_default INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 99, display_on_signup TEXT, updated TEXT NOT NULL);
CREATE UNIQUE INDEX lists_name ON lists(name COLLATE NOCASE);
CREATE TABLE contacts(
    id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
    email_type TEXT NOT NULL DEFAULT 'HTML', fields TEXT NOT NULL DEFAULT '{}',
    opt_in_source TEXT, opt_in_time TEXT, opt_out_source TEXT, opt_out_time TEXT,
    opt_out_reason TEXT, confirmed INTEGER NOT NULL DEFAULT 0,
    insert_time TEXT NOT NULL, last_update_time TEXT NOT NULL);
CREATE INDEX contacts_updated ON contacts(last_update_time);
CREATE TABLE memberships(
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    opt_in_source TEXT NOT NULL, opt_in_time TEXT NOT NULL, PRIMARY KEY(contact_id, list_id));
CREATE INDEX memberships_list ON memberships(list_id, contact_id);
CREATE TABLE email_addresses(
    id INTEGER PRIMARY KEY, address TEXT NOT NULL UNIQUE, status TEXT NOT NULL, verified_time TEXT);
CREATE TABLE campaigns(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, campaign_type TEXT NOT NULL,
    date TEXT NOT NULL, last_edit_date TEXT, last_run_date TEXT, next_run_date TEXT,
    fields TEXT NOT NULL DEFAULT '{}', list_ids TEXT NOT NULL DEFAULT '[]',
    from_email_id INTEGER, reply_email_id INTEGER, stats TEXT NOT NULL DEFAULT '{}',
    scheduled_time TEXT);
CREATE TABLE activities(
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
    params TEXT NOT NULL, transaction_count INTEGER NOT NULL DEFAULT 0,
    errors TEXT NOT NULL DEFAULT '[]', file_name TEXT, export_data TEXT,
    insert_time TEXT NOT NULL, run_start_time TEXT, run_finish_time TEXT);
CREATE TABLE tokens(
    token TEXT PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT NOT NULL, username TEXT NOT NULL,
    expires_at REAL, data TEXT NOT NULL DEFAULT '{}');
"""


class SchemaError(RuntimeError):
    """The data folder holds a database this version cannot read."""


class Database:
    """The sandbox's state file. ``read()`` and ``write()`` hand out the locked connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        self._conn = conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._connection()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; rolled back if the block raises (an ApiError included)."""
        with self._lock:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def schema_version(self) -> int | None:
        """The stored version, or None for an empty (or foreign) database."""
        with self.read() as conn:
            row = conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
            if row is None:
                return None
            found = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(found["value"]) if found else None

    def recreate(self, conn: sqlite3.Connection) -> None:
        """Drop everything and create the current schema (inside a write transaction)."""
        for table in _TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO meta(key, value) VALUES('schema_version', ?)", (str(SCHEMA_VERSION),))

    def check_version(self) -> bool:
        """True when the database is current; False when it must be (re)seeded."""
        version = self.schema_version()
        if version is None:
            return False
        if version > SCHEMA_VERSION:
            raise SchemaError(
                f"{self.path} was written by a newer sandbox (schema {version}, this one reads "
                f"{SCHEMA_VERSION}). Start with --reset or another --data folder.")
        return version == SCHEMA_VERSION

    def next_id(self, conn: sqlite3.Connection, table: str) -> int:
        row = conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 AS n FROM {table}").fetchone()
        return int(row["n"])

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("the sandbox database is closed")
        return self._conn
