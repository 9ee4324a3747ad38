"""Tidying a collection folder when it is opened: what killed saves left behind.

A save killed between write_atomic's temp file and its rename leaves ``.NAME.XXXXXXXX.tmp``
(up to the size of the request, megabytes for a large body) in the folder, forever, and in
``git status``. Opening the collection removes those older than a minute (a save in flight is
younger) and keeps the pattern in the collection's ``.gitignore``. Only names that match the
atomic writer's exact pattern are touched; hidden folders (``.git``, ``.trash``) are not entered.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from ctct_desktop.core.atomic import GITIGNORE_TEMP_PATTERN, temp_target, write_atomic

GITIGNORE = ".gitignore"
STALE_AFTER_S = 60.0
_IGNORE_BLOCK = f"# temp files of interrupted saves\n{GITIGNORE_TEMP_PATTERN}\n"


def remove_stale_temp_files(root: Path, *, now: float | None = None) -> list[Path]:
    """Delete write_atomic temp files older than a minute under ``root``; returns what went."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER_S
    removed: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if temp_target(name) is None:
                continue
            path = Path(folder) / name
            try:
                info = path.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    path.unlink()
                    removed.append(path)
            except OSError:  # gone already, or not ours to delete: leave it
                continue
    return removed


def ensure_gitignore(root: Path) -> bool:
    """Make the collection's .gitignore ignore those temp files; True when it was changed."""
    path = root / GITIGNORE
    try:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError):
        return False  # unreadable: someone else's file, leave it alone
    if GITIGNORE_TEMP_PATTERN in current.splitlines():
        return False
    separator = "" if not current or current.endswith("\n") else "\n"
    try:
        write_atomic(path, current + separator + ("\n" if current else "") + _IGNORE_BLOCK)
    except OSError:
        return False
    return True


def tidy_collection(root: Path) -> None:
    """Both of the above, best effort: a folder that cannot be tidied still opens."""
    remove_stale_temp_files(root)
    ensure_gitignore(root)
