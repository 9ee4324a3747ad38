"""Folding in the paged view, by indentation of the rows (the Pretty rows are indented).

A row whose next row is indented deeper opens a fold (a marker in the gutter). Folding it looks
for the fold's end with a bounded forward scan of the file in a worker (``core.folding.
scan_fold_end``); the folded ranges live in a ``FoldedRows``, which maps the rows on screen to
the rows of the file by binary search, so painting and scrolling never grow with the body.

Keys (as in the editors): Ctrl+Shift+[ folds the line at the caret (or the nearest line above
that opens a fold), Ctrl+Shift+] unfolds the fold at the caret, Ctrl+Alt+] unfolds everything.
Folding everything would need a scan of the whole file, so the paged view does not offer it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

from ctct_desktop.core.folding import FoldedRows, FoldScan, scan_fold_end
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.ui.paged_view.view import PagedTextView

FOLD_COLUMN = 12  # pixels at the gutter's left for the markers
_LOOK_BACK_ROWS = 200  # how far above the caret Ctrl+Shift+[ looks for the line that opens its fold
_Key = QtCore.Qt.Key
_Mod = QtCore.Qt.KeyboardModifier
_OPEN_KEYS = (_Key.Key_BracketLeft, _Key.Key_BraceLeft)
_CLOSE_KEYS = (_Key.Key_BracketRight, _Key.Key_BraceRight)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


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

    def reset(self) -> None:
        """Another file: no folds, and a scan still running is for nothing."""
        self._serial += 1
        self._cancel.set()
        self.scanning = False
        self.rows.clear()

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
            if key in _CLOSE_KEYS:
                self.unfold_all()
            else:
                self.message.emit("Fold all is not offered for a body this large (it would read the whole "
                                  "file); fold lines one by one with Ctrl+Shift+[.")
            return True
        return False

    def paint_marker(self, painter: QtGui.QPainter, number: int, rect: QtCore.QRect) -> None:
        if self.is_folded(number):
            painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, "▸")
        elif self.opens_fold(number):
            painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, "▾")
