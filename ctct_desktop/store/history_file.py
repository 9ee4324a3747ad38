"""Opening the history database file, and recovering when the file cannot be used.

A damaged file is moved aside (``history.sqlite3.corrupt-N``), one written by a newer version of
the application is moved aside too (``history.sqlite3.newer-N``), and a fresh database is started;
the user gets a sentence saying where the old file went. If no file can be opened at all (no
permission, disk gone), history lives in memory for this session and the user is told so.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ctct_desktop.core.migrations import MigrationError, NewerFormatError
from ctct_desktop.store.history_schema import add_full_text, has_fts, migrate

_CORRUPTION_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)
_COMPANIONS = ("-wal", "-shm", "-journal")
MEMORY = ":memory:"


@dataclass
class OpenedDatabase:
    connection: sqlite3.Connection
    full_text: bool
    location: str  # the file path, or ":memory:" after a failure to open any file
    notices: list[str] = field(default_factory=list)


def is_corruption(exc: BaseException) -> bool:
    """Whether an sqlite3 error means the file itself is damaged (not locked, not full)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _CORRUPTION_CODES:
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "no such table: entries" in text


def connect(location: str) -> sqlite3.Connection:
    """A connection shared by threads (the History lock serializes its use); autocommit."""
    conn = sqlite3.connect(location, timeout=10.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _prepare(conn: sqlite3.Connection, full_text: bool) -> bool:
    """Bring the schema up to date and check the table is really there; returns FTS presence."""
    if int(conn.execute("PRAGMA user_version").fetchone()[0]) == 0:
        # auto_vacuum must be chosen before the first table exists; lets pruning give space back.
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    if migrate(conn).found == 0 and full_text:
        add_full_text(conn)
    conn.execute("SELECT id FROM entries NOT INDEXED ORDER BY id DESC LIMIT 1").fetchall()
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError:
        pass  # some file systems refuse WAL; the default journal is fine
    return has_fts(conn)


def move_aside(path: Path, label: str) -> Path:
    """Rename the file (and its -wal/-shm/-journal companions) to ``<name>.<label>-N``."""
    n = 1
    while Path(f"{path}.{label}-{n}").exists():
        n += 1
    target = Path(f"{path}.{label}-{n}")
    path.replace(target)
    for suffix in _COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            companion.replace(Path(f"{target}{suffix}"))
    return target


def _try_move_aside(path: Path, label: str) -> Path | None:
    try:
        return move_aside(path, label)
    except OSError:
        return None


def open_database(path: Path, *, full_text: bool = True) -> OpenedDatabase:
    """Open (creating when missing) the database at ``path``; never raises."""
    notices: list[str] = []
    for _attempt in range(3):  # a damaged file, then possibly a newer one, then give up
        conn: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = connect(str(path))
            fts = _prepare(conn, full_text)
            return OpenedDatabase(conn, fts, str(path), notices)
        except NewerFormatError as exc:
            _close(conn)
            aside = _try_move_aside(path, "newer")
            if aside is None:
                return _in_memory(path, exc, notices, full_text)
            notices.append(f"The history file was written by a newer version of CTCT Desktop "
                           f"(format {exc.found}); it was kept as {aside} and a new history was started.")
        except MigrationError as exc:  # a version number no CTCT Desktop writes: not our file
            _close(conn)
            aside = _try_move_aside(path, "corrupt")
            if aside is None:
                return _in_memory(path, exc, notices, full_text)
            notices.append(f"The history database could not be read ({exc}); it was moved to {aside} "
                           f"and a new, empty history was started.")
        except sqlite3.DatabaseError as exc:
            _close(conn)
            if not is_corruption(exc) or not path.exists():
                return _in_memory(path, exc, notices, full_text)
            aside = _try_move_aside(path, "corrupt")
            if aside is None:
                return _in_memory(path, exc, notices, full_text)
            notices.append(f"The history database was damaged ({exc}); it was moved to {aside} "
                           f"and a new, empty history was started.")
        except OSError as exc:
            _close(conn)
            return _in_memory(path, exc, notices, full_text)
    return _in_memory(path, RuntimeError("repeated failures"), notices, full_text)


def _in_memory(path: Path, exc: BaseException, notices: list[str], full_text: bool) -> OpenedDatabase:
    conn = connect(MEMORY)
    fts = _prepare(conn, full_text)
    notices.append(f"The history database {path} could not be opened ({exc}); history is kept "
                   f"in memory for this session only.")
    return OpenedDatabase(conn, fts, MEMORY, notices)


def _close(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        try:
            conn.close()
        except sqlite3.Error:
            pass
