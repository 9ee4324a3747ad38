"""A QPlainTextEdit with a line-number gutter that can also show per-line markers (lint severity).

The lead adds lint underlines through ``extraSelections`` on this same widget and gutter markers
through ``set_gutter_markers``.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.severity_colours import severity_colour
from ctct_desktop.ui.widgets.folding import FOLD_COLUMN, EditorFolds


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

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._editor.gutter_clicked(event.position().toPoint())
        event.accept()

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        event.accept()  # the press did the work


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
        self.folds: EditorFolds | None = None
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._scroll_gutter)
        self._update_gutter_width()

    def set_gutter_markers(self, markers: dict[int, str]) -> None:
        """Mark lines (1-based) with a severity: "error", "warning", "info" or "hint"."""
        self._markers = dict(markers)
        self._gutter.update()

    def gutter_markers(self) -> dict[int, str]:
        return dict(self._markers)

    def enable_folding(self) -> EditorFolds:
        """Fold markers in the gutter and the fold keys (ui/widgets/folding.py); for read-only views."""
        if self.folds is None:
            self.folds = EditorFolds(self)
            self.folds.changed.connect(self._gutter.update)
            self._digits = 0
            self._update_gutter_width()
            self._place_gutter()
        return self.folds

    def gutter_width(self) -> int:
        metrics = self.fontMetrics()
        return 14 + metrics.horizontalAdvance("9") * max(3, self._digits) + (FOLD_COLUMN if self.folds is not None else 0)

    def gutter_clicked(self, point: QtCore.QPoint) -> None:
        if self.folds is not None:
            self.folds.toggle(self.cursorForPosition(QtCore.QPoint(0, point.y())).blockNumber())

    def contextMenuEvent(self, event: QtGui.QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        menu = self.createStandardContextMenu(event.pos())
        if self.folds is not None:
            menu.addSeparator()
            menu.addActions(self.folds.menu_actions())
        menu.exec(event.globalPos())
        menu.deleteLater()

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
        self._place_gutter()

    def _place_gutter(self) -> None:
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
        fold_column = FOLD_COLUMN if self.folds is not None else 0
        width = self._gutter.width() - fold_column
        while block.isValid():
            if not block.isVisible():  # folded away
                block = block.next()
                continue
            top = int(self.blockBoundingGeometry(block).translated(offset).top())
            if top > event.rect().bottom():
                break
            if self.folds is not None:
                self.folds.paint_marker(painter, block.blockNumber(), QtCore.QRect(width, top, fold_column, height))
            number = block.blockNumber() + 1
            severity = self._markers.get(number)
            if severity:
                painter.fillRect(1, top + 2, 4, height - 4, severity_colour(severity, palette))
            painter.drawText(0, top, width - 5, height, QtCore.Qt.AlignmentFlag.AlignRight, str(number))
            block = self.folds.next_shown(block) if self.folds is not None else block.next()
        painter.end()
