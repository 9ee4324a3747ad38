"""The history table: a list model over HistoryEntry rows, newest first, loaded page by page.

The model never queries the database: when the view scrolls to the end it asks for more
(``more_wanted``) and the panel appends the page its worker fetched.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtCore, QtGui

from ctct_desktop.store.history import HistoryEntry
from ctct_desktop.ui.history_view.columns import (
    DURATION,
    HEADERS,
    SIZE,
    STATUS,
    URL,
    cell_text,
    local_time,
    status_class,
    status_text,
)
from ctct_desktop.ui.severity_colours import status_class_colour

Qt = QtCore.Qt
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
_NO_PARENT = QtCore.QModelIndex()  # the default argument Qt's own signatures use


class HistoryTableModel(QtCore.QAbstractTableModel):
    more_wanted = QtCore.Signal()

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._ids: set[int] = set()
        self.has_more = False
        self.loading = False

    def set_entries(self, entries: Sequence[HistoryEntry], has_more: bool) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._ids = {e.id for e in self._entries}
        self.has_more = has_more
        self.loading = False
        self.endResetModel()

    def append_entries(self, entries: Sequence[HistoryEntry], has_more: bool) -> None:
        """Add the next page; entries already shown (new sends shifted the pages) are skipped."""
        fresh = [e for e in entries if e.id not in self._ids]
        self.has_more = has_more
        self.loading = False
        if not fresh:
            return
        first = len(self._entries)
        self.beginInsertRows(QtCore.QModelIndex(), first, first + len(fresh) - 1)
        self._entries += fresh
        self._ids.update(e.id for e in fresh)
        self.endInsertRows()

    def remove_entry(self, entry_id: int) -> None:
        for row, entry in enumerate(self._entries):
            if entry.id == entry_id:
                self.beginRemoveRows(QtCore.QModelIndex(), row, row)
                del self._entries[row]
                self._ids.discard(entry_id)
                self.endRemoveRows()
                return

    def entries(self) -> list[HistoryEntry]:
        return list(self._entries)

    def entry(self, row: int) -> HistoryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    # ------------------------------------------------------------------ Qt

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(entry, column)
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            colour = status_class_colour(status_class(entry), QtGui.QGuiApplication.palette())  # the view's
            return QtGui.QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (STATUS, DURATION, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(entry) if column != URL else entry.url
        return None

    def canFetchMore(self, parent: _Index = _NO_PARENT) -> bool:
        return not parent.isValid() and self.has_more and not self.loading

    def fetchMore(self, parent: _Index = _NO_PARENT) -> None:
        if self.canFetchMore(parent):
            self.loading = True
            self.more_wanted.emit()


def _tooltip(entry: HistoryEntry) -> str:
    outcome = f"status {entry.status}" if entry.status is not None else f"no response: {status_text(entry)}"
    return f"{entry.method} {entry.url}\n{outcome}\nsent {local_time(entry.sent_at)}"
