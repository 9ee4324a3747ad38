"""Apply highlighting to the blocks on screen only.

``QSyntaxHighlighter`` re-highlights the whole document on the UI thread, which stalls on a 20 MB
body. Here spans come pre-lexed (from a worker) and each visible block gets its formats through
``QTextLayout.setFormats`` the first time it is shown; a block remembers the generation it was
formatted for in its ``userState``, so scrolling back costs nothing.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.ui.highlighting.palette import formats_for, is_dark
from ctct_desktop.ui.highlighting.spans import LineSpans, lex_spans

LONG_LINE_LIMIT = 5000  # characters; longer lines are left plain (layout, not lexing, is the cost)
_MARGIN_BLOCKS = 20  # format a little beyond the screen so a small scroll shows colour at once


def _utf16_columns(text: str) -> list[int] | None:
    """Map code-point columns to UTF-16 columns, or None when they are the same."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return None
    columns, position = [], 0
    for ch in text:
        columns.append(position)
        position += 2 if ord(ch) > 0xFFFF else 1
    columns.append(position)
    return columns


class VisibleHighlighter(QtCore.QObject):
    """Formats what ``editor`` shows from a LineSpans table; cheap to keep around when idle."""

    def __init__(self, editor: QtWidgets.QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._spans: LineSpans | None = None
        self._provisional: Syntax | None = None
        self._generation = 1
        self._formats = formats_for(is_dark(editor.palette()))
        self._pending = QtCore.QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.apply_visible)
        editor.updateRequest.connect(self._schedule)
        editor.installEventFilter(self)

    @property
    def spans(self) -> LineSpans | None:
        return self._spans

    def set_spans(self, spans: LineSpans | None) -> None:
        """Use new spans (or none); every block is re-formatted when it is next on screen."""
        self._spans = spans
        self._generation += 1
        self._schedule()

    def refresh_palette(self) -> None:
        self._formats = formats_for(is_dark(self._editor.palette()))
        self._generation += 1
        self._schedule()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self.refresh_palette()
        return False

    def _schedule(self, *_args: object) -> None:
        if not self._pending.isActive():
            self._pending.start()

    def set_provisional(self, syntax: Syntax | None) -> None:
        """Until spans arrive, lex just the visible lines on the spot (about a millisecond a screen).

        Exact for pretty-printed bodies, where every line starts outside any token; the worker's
        spans replace it as soon as they come.
        """
        self._provisional = syntax
        self._generation += 1
        self._schedule()

    def _visible_blocks(self) -> list[QtGui.QTextBlock]:
        editor = self._editor
        block = editor.firstVisibleBlock()
        for _ in range(_MARGIN_BLOCKS):
            if not block.previous().isValid() or not block.previous().isVisible():  # not into a fold
                break
            block = block.previous()
        height = editor.viewport().height()
        offset = editor.contentOffset()
        budget = _MARGIN_BLOCKS
        blocks = []
        folds = getattr(editor, "folds", None)  # a folding CodeEditor: step over folded blocks at once
        while block.isValid() and budget > 0:
            if not block.isVisible():
                block = block.next()
                continue
            blocks.append(block)
            if editor.blockBoundingGeometry(block).translated(offset).top() > height:
                budget -= 1
            block = folds.next_shown(block) if folds is not None else block.next()
        return blocks

    def apply_visible(self) -> None:
        """Format the visible blocks (plus a small margin) that are not formatted yet."""
        stale = [b for b in self._visible_blocks() if b.userState() != self._generation]
        if not stale:
            return
        if self._spans is None and self._provisional is not None:
            local = lex_spans("\n".join(b.text() if b.length() <= LONG_LINE_LIMIT else "" for b in stale),
                              self._provisional)
            for index, block in enumerate(stale):
                self._format_block(block, local.spans_of(index) if local is not None else [])
            return
        for block in stale:
            spans = self._spans.spans_of(block.blockNumber()) if self._spans is not None else []
            self._format_block(block, spans)

    def _format_block(self, block: QtGui.QTextBlock, spans: list[tuple[int, int, int]]) -> None:
        block.setUserState(self._generation)
        layout = block.layout()
        ranges: list[QtGui.QTextLayout.FormatRange] = []
        if spans and block.length() <= LONG_LINE_LIMIT:
            columns = _utf16_columns(block.text())
            for column, length, style in spans:
                fmt = self._formats.get(style)
                if fmt is None:
                    continue
                rng = QtGui.QTextLayout.FormatRange()
                if columns is None:
                    rng.start, rng.length = column, length
                else:
                    end = min(column + length, len(columns) - 1)
                    rng.start, rng.length = columns[min(column, end)], columns[end] - columns[min(column, end)]
                rng.format = fmt
                ranges.append(rng)
        if not ranges and not layout.formats():
            return
        layout.setFormats(ranges)
        self._editor.document().markContentsDirty(block.position(), block.length())
