"""A QPlainTextEdit with a line-number gutter that can also show per-line markers (lint severity).

The lead adds lint underlines through ``extraSelections`` on this same widget and gutter markers
through ``set_gutter_markers``.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.severity_colours import severity_colour



def monospace_font() -> QtGui.QFont:
    font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QtGui.QFont.StyleHint.Monospace)
    return font


class _Gutter(QtWidgets.QWidget):
    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt API
        return QtCore.QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 - Qt API
        self._editor.paint_gutter(event)


class CodeEditor(QtWidgets.QPlainTextEdit):
    """Monospace plain-text editor with line numbers; used for request and response bodies."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(monospace_font())
        self.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(QtGui.QFontMetricsF(self.font()).horizontalAdvance(" ") * 2)
        self._markers: dict[int, str] = {}
        self._gutter = _Gutter(self)
        self._digits = 0
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._scroll_gutter)
        self._update_gutter_width()

    def set_gutter_markers(self, markers: dict[int, str]) -> None:
        """Mark lines (1-based) with a severity: "error", "warning", "info" or "hint"."""
        self._markers = dict(markers)
        self._gutter.update()

    def gutter_markers(self) -> dict[int, str]:
        return dict(self._markers)

    def gutter_width(self) -> int:
        metrics = self.fontMetrics()
        return 14 + metrics.horizontalAdvance("9") * max(3, self._digits)

    def _update_gutter_width(self, *_args: object) -> None:
        digits = len(str(max(1, self.blockCount())))
        if digits != self._digits:
            self._digits = digits
            self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QtCore.QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QtCore.QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self._gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QtGui.QPalette.ColorRole.AlternateBase))
        painter.setPen(palette.color(QtGui.QPalette.ColorRole.PlaceholderText))
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.fontMetrics().height()
        width = self._gutter.width()
        while block.isValid():
            top = int(self.blockBoundingGeometry(block).translated(offset).top())
            if top > event.rect().bottom():
                break
            number = block.blockNumber() + 1
            severity = self._markers.get(number)
            if severity:
                painter.fillRect(1, top + 2, 4, height - 4, severity_colour(severity, palette))
            painter.drawText(0, top, width - 5, height, QtCore.Qt.AlignmentFlag.AlignRight, str(number))
            block = block.next()
        painter.end()
