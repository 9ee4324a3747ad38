"""Opening the sandbox's state file: a damaged one is set aside (never silently replaced).

A truncated ``sandbox.sqlite3`` used to be reseeded without a word (1,320 contacts became the
520 of the seed) or to stop the sandbox with an error. ``PRAGMA quick_check`` now runs first;
a file that fails it is renamed ``sandbox.sqlite3.damaged-YYYYmmdd-HHMMSS`` (its WAL with it),
the demo account is seeded afresh, and the caller gets a sentence naming the kept file to show.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.sandbox.db import Database, SchemaError
from ctct_desktop.sandbox.seed import seed

_SIDE_FILES = ("-wal", "-shm")
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")  # what makes a file damaged, not merely busy


@dataclass
class OpenedState:
    db: Database
    notice: str | None = None  # set when a damaged file was set aside


def damage(path: Path) -> str | None:
    """What is wrong with the database file at ``path``, or None when it is sound (or absent)."""
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        return "the file is empty"
    try:
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(_DAMAGE_CODES):
            return str(exc)
        raise SchemaError(f"{path} cannot be checked ({exc}); is another sandbox using this --data "
                          "folder?") from None  # busy, locked, unreadable: not damage, keep it
    findings = [str(row[0]) for row in rows]
    return None if findings == ["ok"] else "; ".join(findings[:3])


def set_aside(path: Path) -> Path:
    """Rename ``path`` (and its WAL) to ``NAME.damaged-TIMESTAMP``; returns the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 2
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        counter += 1
    path.replace(target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        wal.replace(target.with_name(target.name + "-wal"))
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    return target


def discard(path: Path) -> None:
    """Remove the database and its side files (``--reset``)."""
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in _SIDE_FILES)):
        leftover.unlink(missing_ok=True)


def open_state(path: Path, *, reset: bool) -> OpenedState:
    """The open, current, seeded database at ``path``; SchemaError for one from a newer sandbox."""
    if reset:
        discard(path)
    notice = None
    problem = damage(path)
    if problem is not None:
        kept = set_aside(path)
        notice = (f"The sandbox database was damaged ({problem}). It was kept as {kept} and the demo "
                  "account was seeded afresh.")
    db = Database(path)
    try:
        db.open()
        if not db.check_version():
            with db.write() as conn:
                db.recreate(conn)
                seed(conn)
    except (sqlite3.DatabaseError, ValueError) as exc:
        db.close()
        raise SchemaError(f"{path} is not a readable sandbox database ({exc}). "
                          "Start with --reset or another --data folder.") from None
    except BaseException:
        db.close()
        raise
    return OpenedState(db, notice)
