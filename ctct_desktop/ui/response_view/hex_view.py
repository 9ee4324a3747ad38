"""Offset | hex | ASCII rows of a body of any size, painted from the bytes on screen only.

A row is computed from its offset (``row * 16``), so nothing is indexed and a 100 MB body costs
what one screen costs: one read of a few KiB per paint. The selection is a byte range; Copy puts
its hex pairs on the clipboard. Colours are palette roles, so light and dark themes both read.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.binary import hex_rows
from ctct_desktop.core.binary.hex_rows import ROW_BYTES
from ctct_desktop.core.binary.source import ByteSource
from ctct_desktop.ui.widgets.row_area import RowArea

_PAD = 4
COPY_LIMIT_BYTES = 8 << 20  # hex text is three characters a byte: 24 MB on the clipboard at most


class HexView(RowArea):
    """``copied(bytes, cut)``: how many bytes went to the clipboard, and whether the selection was cut."""

    copied = QtCore.Signal(int, bool)
    selection_changed = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: ByteSource | None = None
        self._anchor = self._caret = 0
        self.use_fixed_font()
        self.setAccessibleName("Response body (hex)")
        self.setAccessibleDescription("Offset, 16 bytes in hex, and the same bytes as ASCII, one row per line")

    # ------------------------------------------------------------------ content and geometry

    def set_source(self, source: ByteSource | None) -> None:
        if self.source is not None and self.source is not source:
            self.source.close()
        self.source = source
        self._anchor = self._caret = 0
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)
        self._update_ranges()
        self.viewport().update()

    @property
    def size_bytes(self) -> int:
        return self.source.size if self.source is not None else 0

    def row_count(self) -> int:
        return hex_rows.row_count(self.size_bytes) if self.source is not None else 0

    def _line_width(self) -> int:
        return int((hex_rows.ASCII_START + ROW_BYTES + 1) * self.char_width()) + 2 * _PAD

    def _update_ranges(self) -> None:
        page = self.visible_rows()
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, self.row_count() - page + 1))
        bar.setPageStep(page)
        horizontal = self.horizontalScrollBar()
        horizontal.setRange(0, max(0, self._line_width() - self.viewport().width()))
        horizontal.setPageStep(max(1, self.viewport().width()))

    # ------------------------------------------------------------------ painting

    def rows_on_screen(self) -> list[str]:
        """The text of the rows on screen (what is painted; tests and accessibility read it)."""
        if self.source is None:
            return []
        first = self.first_row()
        last = min(self.row_count(), first + self.visible_rows() + 1)
        data = self.source.read(first * ROW_BYTES, last * ROW_BYTES)
        return [hex_rows.format_row((first + i) * ROW_BYTES, data[i * ROW_BYTES:(i + 1) * ROW_BYTES])
                for i in range(last - first)]

    def _paint(self, painter: QtGui.QPainter) -> None:
        palette = self.palette()
        roles = QtGui.QPalette.ColorRole
        area = self.viewport().rect()
        painter.fillRect(area, palette.color(roles.Base))
        width, height = self.char_width(), self.row_height()
        x0 = _PAD - self.horizontalScrollBar().value()
        painter.fillRect(QtCore.QRectF(x0 - _PAD, 0, (hex_rows.HEX_START - 1) * width + _PAD, area.height()),
                         palette.color(roles.AlternateBase))
        ascent = self.fontMetrics().ascent()
        low, high = sorted((self._anchor, self._caret))
        first = self.first_row()
        for index, text in enumerate(self.rows_on_screen()):
            offset = (first + index) * ROW_BYTES
            y = index * height
            selected = self._selection_rects(offset, low, high, x0, y, width, height)
            for rect in selected:
                painter.fillRect(rect, palette.color(roles.Highlight))
            for pen, clip in [(None, None)] + [(roles.HighlightedText, rect) for rect in selected]:
                if clip is not None:
                    painter.setClipRect(clip)
                painter.setPen(palette.color(roles.PlaceholderText if pen is None else pen))
                painter.drawText(QtCore.QPointF(x0, y + ascent), text[:hex_rows.OFFSET_DIGITS])
                painter.setPen(palette.color(roles.Text if pen is None else pen))
                painter.drawText(QtCore.QPointF(x0 + hex_rows.HEX_START * width, y + ascent),
                                 text[hex_rows.HEX_START:])
                painter.setClipping(False)
            if self.hasFocus() and offset <= self._caret < offset + ROW_BYTES:
                column = hex_rows.hex_column(self._caret - offset)
                painter.fillRect(QtCore.QRectF(x0 + column * width, y + height - 2, 2 * width, 2),
                                 palette.color(roles.Text))

    @staticmethod
    def _selection_rects(offset: int, low: int, high: int, x0: float, y: int, width: float,
                         height: int) -> list[QtCore.QRectF]:
        """The selected bytes of the row at ``offset``: their hex pairs and their ASCII characters."""
        start, end = max(low, offset), min(high, offset + ROW_BYTES)
        if end <= start:
            return []
        first, last = start - offset, end - offset
        return [QtCore.QRectF(x0 + hex_rows.hex_column(first) * width, y, (3 * (last - first) - 1) * width, height),
                QtCore.QRectF(x0 + (hex_rows.ASCII_START + first) * width, y, (last - first) * width, height)]

    # ------------------------------------------------------------------ selection and keys

    def selection(self) -> tuple[int, int]:
        low, high = sorted((self._anchor, self._caret))
        return low, high

    def select_range(self, start: int, end: int, *, center: bool = False) -> None:
        """Select bytes [start, end) and scroll to them (``center``: their row mid-screen, as a
        find match or a go-to target is shown)."""
        size = self.size_bytes
        self._anchor, self._caret = max(0, min(start, size)), max(0, min(end, size))
        if center:
            self.verticalScrollBar().setValue(self._anchor // ROW_BYTES - self.visible_rows() // 2)
        self._show_offset(self._caret)
        self.selection_changed.emit()
        self.viewport().update()

    def select_all(self) -> None:
        self._anchor, self._caret = 0, self.size_bytes
        self.selection_changed.emit()
        self.viewport().update()

    def copy(self) -> None:
        """The selected bytes as hex pairs on the clipboard (cut at ``COPY_LIMIT_BYTES``, and said)."""
        self._copy_as(hex_rows.hex_pairs)

    def copy_text(self) -> None:
        """The selected bytes as text (UTF-8, a byte that is not shown as U+FFFD) on the clipboard."""
        self._copy_as(lambda data: data.decode("utf-8", errors="replace"))

    def _copy_as(self, render: Callable[[bytes], str]) -> None:
        start, end = self.selection()
        if self.source is None or end <= start:
            return
        cut = end - start > COPY_LIMIT_BYTES
        data = self.source.read(start, min(end, start + COPY_LIMIT_BYTES))
        QtWidgets.QApplication.clipboard().setText(render(data))
        self.copied.emit(len(data), cut)

    def _show_offset(self, offset: int) -> None:
        row = offset // ROW_BYTES
        first, page = self.first_row(), self.visible_rows()
        if row < first:
            self.verticalScrollBar().setValue(row)
        elif row >= first + page:
            self.verticalScrollBar().setValue(row - page + 1)

    def _move(self, offset: int, extend: bool) -> None:
        self._caret = max(0, min(offset, self.size_bytes))
        if not extend:
            self._anchor = self._caret
        self._show_offset(self._caret)
        self.selection_changed.emit()
        self.viewport().update()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        if self.source is None:
            super().keyPressEvent(event)
            return
        if self._edit_key(event):
            return
        Key = QtCore.Qt.Key
        mods = event.modifiers()
        extend = bool(mods & QtCore.Qt.KeyboardModifier.ShiftModifier)
        control = bool(mods & QtCore.Qt.KeyboardModifier.ControlModifier)
        page = ROW_BYTES * max(1, self.visible_rows() - 1)
        row_start = self._caret - self._caret % ROW_BYTES
        steps = {Key.Key_Left: -1, Key.Key_Right: 1, Key.Key_Up: -ROW_BYTES, Key.Key_Down: ROW_BYTES,
                 Key.Key_PageUp: -page, Key.Key_PageDown: page}
        key = event.key()
        if key in steps:
            self._move(self._caret + steps[Key(key)], extend)
        elif key == Key.Key_Home:
            self._move(0 if control else row_start, extend)
        elif key == Key.Key_End:
            self._move(self.size_bytes if control else min(self.size_bytes, row_start + ROW_BYTES), extend)
        else:
            super().keyPressEvent(event)

    def _offset_at(self, point: QtCore.QPoint) -> int:
        row = self.first_row() + point.y() // self.row_height()
        x = point.x() - _PAD + self.horizontalScrollBar().value()
        column = int(x // self.char_width())
        index = hex_rows.byte_at_column(column)
        return min(self.size_bytes, row * ROW_BYTES + (index if index is not None else 0))

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        if event.button() != QtCore.Qt.MouseButton.LeftButton or self.source is None:
            super().mousePressEvent(event)
            return
        self._dragging = True
        extend = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier)
        self._move(self._offset_at(event.position().toPoint()), extend)
        event.accept()

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        if self._dragging:
            self._move(self._offset_at(event.position().toPoint()) + 1, True)
            event.accept()
            return
        super().mouseMoveEvent(event)
