"""Folding for a read-only CodeEditor: fold markers in the gutter, keys, and hidden blocks.

The ranges come from ``core.folding`` (by indentation of the pretty text), computed in a worker
a moment after the text stops changing, so filling a large body never recomputes them per slice.
A folded range hides its blocks (``QTextBlock.setVisible``); the gutter skips hidden blocks.

Keys: Ctrl+Shift+[ folds the innermost range at the cursor, Ctrl+Shift+] unfolds it,
Ctrl+Alt+[ folds everything, Ctrl+Alt+] unfolds everything; a click on a marker toggles.
"""

from __future__ import annotations

import bisect

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.folding import fold_ranges
from ctct_desktop.ui.workers import start_task

FOLD_COLUMN = 12  # pixels of gutter for the markers
# Qt lays out every hidden block of a fold on screen once, about 15 us a line and more under load
# (benchmarks/bench_query_fold.py: 143-217 ms for 5,000-10,000 lines, 1.3 s for 80,000), so a
# longer fold is refused (its inner parts fold) and Fold all leaves such ranges open.
MAX_FOLD_LINES = 3_000
_SETTLE_MS = 150  # the text must stay unchanged this long before ranges are computed
_Key = QtCore.Qt.Key
_Mod = QtCore.Qt.KeyboardModifier
_OPEN_KEYS = (_Key.Key_BracketLeft, _Key.Key_BraceLeft)
_CLOSE_KEYS = (_Key.Key_BracketRight, _Key.Key_BraceRight)


class EditorFolds(QtCore.QObject):
    """The fold state of one editor. ``changed`` fires when ranges or folds change (the gutter repaints)."""

    changed = QtCore.Signal()
    message = QtCore.Signal(str)  # why a fold was not made

    def __init__(self, editor: QtWidgets.QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._ranges: dict[int, int] = {}  # start line -> end line (0-based, inclusive)
        self._starts: list[int] = []
        self._folded: set[int] = set()
        self._generation = 0
        self._ready = False
        self._timer = QtCore.QTimer(self, singleShot=True, interval=_SETTLE_MS)
        self._timer.timeout.connect(self._compute)
        editor.document().contentsChanged.connect(self._on_text_changed)
        editor.installEventFilter(self)
        self.fold_action = self._action("Fold", "Ctrl+Shift+[", self.fold_at_cursor)
        self.unfold_action = self._action("Unfold", "Ctrl+Shift+]", self.unfold_at_cursor)
        self.fold_all_action = self._action("Fold all", "Ctrl+Alt+[", self.fold_all)
        self.unfold_all_action = self._action("Unfold all", "Ctrl+Alt+]", self.unfold_all)
        self._on_text_changed()

    def _action(self, text: str, keys: str, slot: object) -> QtGui.QAction:
        action = QtGui.QAction(f"{text}\t{keys}", self)
        action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(slot)
        return action

    # ----- state ----------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """The ranges are computed for the current text."""
        return self._ready

    def ranges(self) -> dict[int, int]:
        return dict(self._ranges)

    def folded(self) -> set[int]:
        return set(self._folded)

    def is_fold_start(self, line: int) -> bool:
        return self._ready and line in self._ranges

    def is_folded(self, line: int) -> bool:
        return line in self._folded

    def next_shown(self, block: QtGui.QTextBlock) -> QtGui.QTextBlock:
        """The block after ``block`` on screen: past the whole range when ``block`` starts a fold
        (so painting the gutter never walks the hidden blocks one by one)."""
        line = block.blockNumber()
        if line in self._folded:
            return self._editor.document().findBlockByNumber(self._ranges[line] + 1)
        return block.next()

    def menu_actions(self) -> list[QtGui.QAction]:
        enabled = self._ready and bool(self._ranges)
        actions = [self.fold_action, self.unfold_action, self.fold_all_action, self.unfold_all_action]
        for action in actions:
            action.setEnabled(enabled)
        return actions

    def _on_text_changed(self) -> None:
        """New text: old folds mean nothing (the blocks they hid are gone or moved)."""
        self._generation += 1
        self._ready = False
        if self._folded:  # text appended below kept its old blocks: show them again
            self.unfold_all()
        self._timer.start()
        self.changed.emit()

    def _compute(self) -> None:
        generation = self._generation
        text = self._editor.toPlainText()
        start_task(lambda _progress: fold_ranges(text), lambda ranges: self._computed(generation, ranges),
                   owner=self)

    def _computed(self, generation: int, ranges: list[tuple[int, int]]) -> None:
        if generation != self._generation:
            return
        self._ranges = dict(ranges)
        self._starts = sorted(self._ranges)
        self._ready = True
        self.changed.emit()

    # ----- commands -------------------------------------------------------------------
    def toggle(self, line: int) -> None:
        if line in self._folded:
            self.unfold(line)
        else:
            self.fold(line)

    def fold(self, line: int) -> None:
        if not self.is_fold_start(line) or line in self._folded:
            return
        hidden = self._ranges[line] - line
        if hidden > MAX_FOLD_LINES:
            self.message.emit(f"This fold would hide {hidden:,} lines; the editor folds at most "
                              f"{MAX_FOLD_LINES:,} at once (more would stall the window). Fold the parts inside it.")
            return
        self._folded.add(line)
        self._apply(line, self._ranges[line])

    def unfold(self, line: int) -> None:
        if line not in self._folded:
            return
        self._folded.discard(line)
        self._apply(line, self._ranges[line])

    def fold_all(self) -> None:
        if not self._ready or not self._ranges:
            return
        self._folded = {start for start, end in self._ranges.items() if end - start <= MAX_FOLD_LINES}
        if self._folded:
            self._apply(min(self._folded), max(self._ranges[start] for start in self._folded))

    def unfold_all(self) -> None:
        if not self._folded:
            return
        low, high = min(self._folded), max(self._ranges[s] for s in self._folded)
        self._folded.clear()
        self._apply(low, high)

    def fold_at_cursor(self) -> None:
        line = self.range_at(self._editor.textCursor().blockNumber(), folded=False)
        if line is not None:
            self.fold(line)

    def unfold_at_cursor(self) -> None:
        cursor_line = self._editor.textCursor().blockNumber()
        line = cursor_line if cursor_line in self._folded else self.range_at(cursor_line, folded=True)
        if line is not None:
            self.unfold(line)

    def range_at(self, line: int, *, folded: bool) -> int | None:
        """The start of the innermost range holding ``line`` (starting on it counts) whose folded
        state is ``folded``; None when there is none."""
        index = bisect.bisect_right(self._starts, line) - 1
        while index >= 0:
            start = self._starts[index]
            if self._ranges[start] >= line and (start in self._folded) == folded:
                return start
            index -= 1
        return None

    # ----- blocks ---------------------------------------------------------------------
    def _hidden(self, low: int, high: int) -> list[bool]:
        """For each line in [low, high]: hidden by some folded range."""
        hidden = [False] * (high - low + 1)
        for start in self._folded:
            end = self._ranges[start]
            for line in range(max(start + 1, low), min(end, high) + 1):
                hidden[line - low] = True
        return hidden

    def _apply(self, low: int, high: int) -> None:
        document = self._editor.document()
        high = min(high, document.blockCount() - 1)
        if high < low:
            return
        first = document.findBlockByNumber(low)
        block = first
        last = first
        for hidden in self._hidden(low, high):
            if not block.isValid():
                break
            block.setVisible(not hidden)
            last = block
            block = block.next()
        document.markContentsDirty(first.position(), last.position() + last.length() - first.position())
        self._keep_cursor_visible()
        self._editor.viewport().update()
        self.changed.emit()

    def _keep_cursor_visible(self) -> None:
        cursor = self._editor.textCursor()
        block = cursor.block()
        while not block.isVisible() and block.previous().isValid():
            block = block.previous()
        if block != cursor.block():
            cursor.setPosition(block.position())
            self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()

    # ----- keys -----------------------------------------------------------------------
    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._editor and event.type() == QtCore.QEvent.Type.KeyPress:
            return self._key(event)  # type: ignore[arg-type]
        return False

    def _key(self, event: QtGui.QKeyEvent) -> bool:
        mods = event.modifiers() & (_Mod.ControlModifier | _Mod.ShiftModifier | _Mod.AltModifier)
        key = event.key()
        if key not in _OPEN_KEYS and key not in _CLOSE_KEYS:
            return False
        opening = key in _OPEN_KEYS
        if mods == _Mod.ControlModifier | _Mod.ShiftModifier:
            (self.fold_at_cursor if opening else self.unfold_at_cursor)()
            return True
        if mods == _Mod.ControlModifier | _Mod.AltModifier:
            (self.fold_all if opening else self.unfold_all)()
            return True
        return False

    # ----- gutter ---------------------------------------------------------------------
    def paint_marker(self, painter: QtGui.QPainter, line: int, rect: QtCore.QRect) -> None:
        """Draw the marker of ``line`` (a fold start) in ``rect``: ▸ folded, ▾ open."""
        if not self.is_fold_start(line):
            return
        painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, "▸" if line in self._folded else "▾")
