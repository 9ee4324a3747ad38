"""Folding in the paged view, by indentation of the rows (the Pretty rows are indented).

A row whose next row is indented deeper opens a fold (a marker in the gutter). Folding it looks
for the fold's end with a bounded forward scan of the file in a worker (``core.folding.
scan_fold_end``); the folded ranges live in a ``FoldedRows``, which maps the rows on screen to
the rows of the file by binary search, so painting and scrolling never grow with the body.

Keys (as in the editors): Ctrl+Shift+[ folds the line at the caret (or the nearest line above
that opens a fold), Ctrl+Shift+] unfolds the fold at the caret, Ctrl+Alt+[ folds all,
Ctrl+Alt+] unfolds everything. Fold all scans the whole file once in a worker (``core.
fold_level``) and folds the body's outline level (each entry of a feed, each item of the main
array), since every range of millions of lines would cost more than the view itself.

Each file (the Pretty and the Raw form of a body) keeps its own folds, so switching Pretty/Raw
and back finds the Pretty folds as they were (the two forms' lines differ, so folds do not carry
from one to the other).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

from ctct_desktop.core.fold_level import FoldLevelCancelled, LevelFolds, scan_level_folds
from ctct_desktop.core.folding import YIELD_EVERY, FoldedRows, FoldScan, scan_fold_end
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.core.paging.rows import RowIndex
    from ctct_desktop.ui.paged_view.source import PagedSource
    from ctct_desktop.ui.paged_view.view import PagedTextView

FOLD_COLUMN = 12  # pixels at the gutter's left for the markers
SAY_FOLDING_FROM = 8 << 20  # Fold all of a body this large says it is at work (a second or more)
_LOOK_BACK_ROWS = 200  # how far above the caret Ctrl+Shift+[ looks for the line that opens its fold
_Key = QtCore.Qt.Key
_Mod = QtCore.Qt.KeyboardModifier
_OPEN_KEYS = (_Key.Key_BracketLeft, _Key.Key_BraceLeft)
_CLOSE_KEYS = (_Key.Key_BracketRight, _Key.Key_BraceRight)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _rows_of(found: LevelFolds, index: RowIndex) -> Iterator[tuple[int, int]]:
    """The folds as rows of the file, not lines (a long line is cut into rows: the index knows
    where); a worker's loop, so it gives the UI thread the GIL now and then."""
    for number, (start, last) in enumerate(zip(found.starts, found.lasts)):
        if not number % YIELD_EVERY:
            time.sleep(0)
        yield index.row_of_offset(start), index.row_of_offset(last)


class PagedFolds(QtCore.QObject):
    """The folds of one paged view. ``message(str)``: why a fold was not made (the owner says it)."""

    message = QtCore.Signal(str)

    def __init__(self, view: PagedTextView) -> None:
        super().__init__(view)
        self._view = view
        self.rows = FoldedRows()
        self._serial = 0
        self._cancel = threading.Event()
        self.scanning = False
        self._kept: weakref.WeakKeyDictionary[PagedSource, FoldedRows] = weakref.WeakKeyDictionary()

    def reset(self) -> None:
        """Another file: no folds, and a scan still running is for nothing."""
        self._serial += 1
        self._cancel.set()
        self.scanning = False
        self.rows = FoldedRows()

    def switch(self, old: PagedSource | None, new: PagedSource | None) -> None:
        """The view shows ``new`` instead of ``old``: keep ``old``'s folds, take up ``new``'s."""
        rows = self.rows
        self.reset()
        if old is not None:
            self._kept[old] = rows
        if new is not None:
            self.rows = self._kept.pop(new) if new in self._kept else FoldedRows()

    # ----- what folds -------------------------------------------------------------------
    def opens_fold(self, number: int) -> bool:
        """Row ``number`` starts a line whose next line is indented deeper."""
        source = self._view.source
        if source is None or number + 1 >= source.row_count:
            return False
        row, following = source.row(number), source.row(number + 1)
        if row.continues or following.continues:
            return False
        text = source.text(number)
        return bool(text.strip()) and _indent(source.text(number + 1)) > _indent(text)

    def is_folded(self, number: int) -> bool:
        return self.rows.end_of(number) is not None

    # ----- commands ---------------------------------------------------------------------
    def toggle(self, number: int) -> None:
        if self.is_folded(number):
            self.unfold(number)
        elif self.opens_fold(number):
            self.fold(number)

    def fold(self, number: int) -> None:
        source = self._view.source
        if source is None or self.scanning:
            return
        self._serial += 1
        self._cancel = cancel = threading.Event()
        serial, path, start, complete = self._serial, source.path, source.row(number).start, source.index.complete
        self.scanning = True

        def scan(_progress: object) -> FoldScan:
            return scan_fold_end(path, start, complete=complete, cancel=cancel)

        start_task(scan, lambda found: self._scanned(serial, number, found),
                   lambda text: self._scanned(serial, number, FoldScan(None, text)), owner=self)

    def _scanned(self, serial: int, number: int, found: FoldScan) -> None:
        if serial != self._serial:
            return
        self.scanning = False
        source = self._view.source
        if found.last is None or source is None:
            if found.reason:
                self.message.emit(found.reason)
            return
        end = source.index.row_of_offset(found.last)
        if end > number:
            self.rows.add(number, end)
            self._view.folds_changed()

    def unfold(self, number: int) -> None:
        if self.rows.remove(number):
            self._view.folds_changed()

    def unfold_all(self) -> None:
        if self.rows:
            self.rows.clear()
            self._view.folds_changed()

    def fold_all(self) -> None:
        """Fold the body's outline level (see the module's docstring), found in a worker."""
        source = self._view.source
        if source is None or self.scanning:
            return
        if not source.index.complete:
            self.message.emit("The body is still being read; Fold all when it is complete.")
            return
        self._serial += 1
        self._cancel = cancel = threading.Event()
        serial, path, index = self._serial, source.path, source.index
        self.scanning = True
        said = index.size >= SAY_FOLDING_FROM  # a scan of seconds says so (and clears it after)
        if said:
            self.message.emit("Folding all: reading the body…")

        def scan(_progress: object) -> tuple[FoldedRows, str | None]:
            try:
                found: LevelFolds = scan_level_folds(path, cancel=cancel)
            except FoldLevelCancelled:
                return FoldedRows(), "Cancelled."
            return FoldedRows.of(_rows_of(found, index)), found.reason

        start_task(scan, lambda done: self._folded_all(serial, *done, said=said),
                   lambda text: self._folded_all(serial, FoldedRows(), f"Fold all failed: {text}", said=said),
                   owner=self)

    def _folded_all(self, serial: int, rows: FoldedRows, reason: str | None, *, said: bool) -> None:
        if serial != self._serial:
            return
        self.scanning = False
        if reason or said:  # "" takes our "Folding all…" away (another note stays when we said nothing)
            self.message.emit(reason or "")
        if rows:
            self.rows = rows
            self._view.folds_changed()

    def reveal(self, number: int) -> None:
        """Unfold what hides row ``number`` (a find match or a go-to-line target)."""
        start = self.rows.containing(number)
        while start is not None and start != number:
            self.rows.remove(start)
            start = self.rows.containing(number)

    def fold_at(self, number: int) -> None:
        """Fold the line at ``number``, or the nearest line above it that opens a fold holding it."""
        source = self._view.source
        if source is None or source.row_count == 0:
            return
        depth = _indent(source.text(number))
        for candidate in range(number, max(-1, number - _LOOK_BACK_ROWS), -1):
            text = source.text(candidate)
            if (candidate == number or (text.strip() and _indent(text) < depth)) and self.opens_fold(candidate):
                self.fold(candidate)
                return

    def unfold_at(self, number: int) -> None:
        start = self.rows.containing(number)
        if start is not None:
            self.unfold(start)

    # ----- keys and gutter -----------------------------------------------------------------
    def handle_key(self, event: QtGui.QKeyEvent, caret_row: int) -> bool:
        mods = event.modifiers() & (_Mod.ControlModifier | _Mod.ShiftModifier | _Mod.AltModifier)
        key = event.key()
        if key not in _OPEN_KEYS and key not in _CLOSE_KEYS:
            return False
        if mods == _Mod.ControlModifier | _Mod.ShiftModifier:
            (self.fold_at if key in _OPEN_KEYS else self.unfold_at)(caret_row)
            return True
        if mods == _Mod.ControlModifier | _Mod.AltModifier:
            (self.unfold_all if key in _CLOSE_KEYS else self.fold_all)()
            return True
        return False

    def paint_marker(self, painter: QtGui.QPainter, number: int, rect: QtCore.QRect) -> None:
        if self.is_folded(number):
            painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, "▸")
        elif self.opens_fold(number):
            painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, "▾")
