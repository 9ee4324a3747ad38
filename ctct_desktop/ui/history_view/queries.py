"""What the history panel asks the database, as plain functions run in a worker thread.

Each returns a result object (never raises), so the panel only has to show it: entries, or a
sentence saying what went wrong, plus any notice the history has for the user (a damaged
database moved aside).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ctct_desktop.store.history_models import HistoryEntry, HistoryError, HistoryRecord

if TYPE_CHECKING:
    from ctct_desktop.store.history import History  # the database (sqlite3) opens after the first paint


@dataclass(frozen=True)
class Page:
    entries: list[HistoryEntry] = field(default_factory=list)
    has_more: bool = False
    capped: bool = False  # a search that hit its limit: older matches exist
    total: int | None = None  # entries in the history (list mode)
    error: str = ""
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Opened:
    record: HistoryRecord | None
    error: str = ""
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Changed:
    """After delete or clear: which ids went, and what went wrong if anything."""

    removed: tuple[int, ...] = ()
    cleared: bool = False
    error: str = ""
    notices: tuple[str, ...] = ()


def load_page(history: History, query: str, offset: int, limit: int) -> Page:
    """One page newest first; a search returns its first ``limit`` matches."""
    try:
        if query.strip():
            found = history.search(query, limit)
            return Page(found, False, len(found) >= limit, notices=tuple(history.take_notices()))
        rows = history.list(limit + 1, offset)
        total = history.usage().entries
        return Page(rows[:limit], len(rows) > limit, total=total, notices=tuple(history.take_notices()))
    except HistoryError as exc:
        return Page(error=str(exc), notices=tuple(history.take_notices()))


def open_entry(history: History, entry_id: int) -> Opened:
    try:
        return Opened(history.get(entry_id), notices=tuple(history.take_notices()))
    except HistoryError as exc:
        return Opened(None, str(exc), tuple(history.take_notices()))


def delete_entries(history: History, ids: tuple[int, ...]) -> Changed:
    removed: list[int] = []
    try:
        for entry_id in ids:
            history.delete(entry_id)
            removed.append(entry_id)
    except HistoryError as exc:
        return Changed(tuple(removed), error=str(exc), notices=tuple(history.take_notices()))
    return Changed(tuple(removed), notices=tuple(history.take_notices()))


def clear_all(history: History) -> Changed:
    try:
        history.clear()
    except HistoryError as exc:
        return Changed(error=str(exc), notices=tuple(history.take_notices()))
    return Changed(cleared=True, notices=tuple(history.take_notices()))
