"""The shape the hex view and the paged text view share: a scroll area of fixed-height rows in a
fixed-width font, painted from the rows on screen only, the vertical scroll bar counting rows.

A subclass says how many rows there are and how wide a row is (``_update_ranges``) and paints
them (``_paint``); this keeps the geometry (row height, character width, rows on screen, the
first row shown), the ranges in step with size and font, the repaint on focus (the caret shows
only with it), and the painter closed after each paint.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets


class RowArea(QtWidgets.QAbstractScrollArea):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._dragging = False  # a left-button drag is selecting
        self._char_width: float | None = None  # worked out once per font (QFontMetricsF costs ~0.3 ms)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.viewport().setCursor(QtCore.Qt.CursorShape.IBeamCursor)

    def use_fixed_font(self) -> None:
        """The system's fixed-width font; called by the subclass once its state exists (the font
        change reaches ``_update_ranges``)."""
        self.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont))

    # ------------------------------------------------------------------ geometry

    def row_height(self) -> int:
        return max(1, self.fontMetrics().lineSpacing())

    def char_width(self) -> float:
        """The advance of one character, unrounded: a row is drawn in runs of many characters,
        so a rounded width (7.2 for 7.219) would put column 150 three pixels off its glyph."""
        if self._char_width is None:
            self._char_width = max(1.0, QtGui.QFontMetricsF(self.font()).horizontalAdvance("0" * 10) / 10)
        return self._char_width

    def visible_rows(self) -> int:
        return max(1, self.viewport().height() // self.row_height())

    def first_row(self) -> int:
        return self.verticalScrollBar().value()

    def _update_ranges(self) -> None:
        """Set the scroll bars' ranges from the rows and the viewport (the subclass knows both)."""
        raise NotImplementedError

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._update_ranges()

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802
        if event.type() == QtCore.QEvent.Type.FontChange:
            self._char_width = None
            self._update_ranges()
        super().changeEvent(event)

    # ------------------------------------------------------------------ keys, painting and focus

    def copy(self) -> None:
        raise NotImplementedError

    def select_all(self) -> None:
        raise NotImplementedError

    def _edit_key(self, event: QtGui.QKeyEvent) -> bool:
        """Copy and Select all, answered alike by every row area; True when ``event`` was one."""
        if event.matches(QtGui.QKeySequence.StandardKey.Copy):
            self.copy()
            return True
        if event.matches(QtGui.QKeySequence.StandardKey.SelectAll):
            self.select_all()
            return True
        return False

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        painter = QtGui.QPainter(self.viewport())
        try:
            self._paint(painter)
        finally:
            painter.end()  # not left to the garbage collector: Qt warns when a painter outlives the paint

    def _paint(self, painter: QtGui.QPainter) -> None:
        raise NotImplementedError

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        self._dragging = False
        event.accept()  # ours: not passed on to the parent (Qt warns of a release nobody took)

    def focusInEvent(self, event: QtGui.QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QtGui.QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()
