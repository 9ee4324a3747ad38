"""A read-only text view over a body file of any size (Qt's text widgets hold the whole text in
one document, 5–6 bytes per character, and lay it out as it is inserted: a 100 MB body froze
the window for seconds and cost gigabytes).

It paints the rows on screen from the file through its row index (``core/paging/rows``), lexes
only those, and keeps the selection and the caret as byte offsets into the file, so selecting,
copying and going to a line work across the whole body however little of it has been read. The
vertical scroll bar counts rows (a one-line body is cut into rows, so it scrolls like any other);
the gutter shows line numbers, and nothing for the later rows of a long line.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.core.paging.search import Query, matches_in
from ctct_desktop.core.ui_pace import PACE
from ctct_desktop.ui.highlighting.palette import formats_for, is_dark
from ctct_desktop.ui.paged_view.colour_layers import colour_layers, split_at_selection
from ctct_desktop.ui.paged_view.folds import FOLD_COLUMN, PagedFolds
from ctct_desktop.ui.paged_view.row_styles import RowStyles
from ctct_desktop.ui.paged_view.source import PagedSource
from ctct_desktop.ui.widgets.row_area import RowArea

_GUTTER_PAD = 6
_TEXT_PAD = 4
_MATCH_LIGHT, _MATCH_DARK = QtGui.QColor("#ffe16b"), QtGui.QColor("#6b5a00")


class PagedTextView(RowArea):
    """Rows of a ``PagedSource`` on screen; ``rows_changed()`` when the index has grown."""

    selection_changed = QtCore.Signal()
    copied = QtCore.Signal(int, bool)  # bytes put on the clipboard, whether the selection was cut

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: PagedSource | None = None
        self._styles = RowStyles(Syntax.TEXT)
        self._use_formats(formats_for(is_dark(self.palette())))
        self._anchor = self._caret = 0  # byte offsets into the file
        self._widest = 0  # characters of the widest row painted so far (the horizontal range)
        self._query: Query | None = None
        self._known_rows = 0  # rows of the index when it last reported
        self._painted_gutter = 0
        self._lexing = QtCore.QTimer(self, interval=0, singleShot=True)  # rows painted plain get their colours
        self._lexing.timeout.connect(self._lex_some)
        self.folds = PagedFolds(self)  # folded rows: the rows on screen are mapped through folds.rows
        self.use_fixed_font()
        self.setAccessibleName("Response body")

    # ------------------------------------------------------------------ content

    def set_source(self, source: PagedSource | None, syntax: Syntax = Syntax.TEXT) -> None:
        """Show another file (None: nothing); the caret goes to its start. Each file keeps its
        folds: back on a file shown before (Pretty after Raw), they are as they were."""
        self.folds.switch(self.source, source)
        self.source = source
        self._styles = RowStyles(syntax)
        self._anchor = self._caret = 0
        self._widest = 0
        self._known_rows = 0
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)
        self.rows_changed()

    def rows_changed(self) -> None:
        """The index has grown (or the source changed): new ranges, and a repaint only when the
        new rows reach the screen or the gutter gains a digit (a growing index reports every 50 ms,
        and a repaint reads and lexes a screen)."""
        rows = self.source.row_count if self.source is not None else 0
        if self.source is not None:
            self.source.forget_from(max(0, self._known_rows - 1))  # the last known row may have grown
        reaches_screen = self._known_rows <= self.folds.rows.to_file(self.first_row() + self.visible_rows())
        gutter = self.gutter_width()
        self._known_rows = rows
        self._update_ranges()
        if reaches_screen or gutter != self._painted_gutter or rows == 0:
            self._painted_gutter = gutter
            self.viewport().update()

    def set_find_query(self, query: Query | None) -> None:
        """Matches of ``query`` are marked on the rows on screen (the find bar counts the rest)."""
        self._query = query if query is not None and query.text else None
        self.viewport().update()

    # ------------------------------------------------------------------ geometry

    def gutter_width(self) -> int:
        """Wide enough for the line count's digits (at least four): it changes only when the
        count gains a digit, and costs a repaint, not a relayout of the text."""
        lines = self.source.index.line_count if self.source is not None else 0
        return int(max(4, len(str(lines))) * self.char_width()) + 2 * _GUTTER_PAD + FOLD_COLUMN

    def _update_ranges(self) -> None:
        rows = self.folds.rows.shown_count(self.source.row_count) if self.source is not None else 0
        page = self.visible_rows()
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, rows - page + 1))
        bar.setPageStep(page)
        text_width = self.viewport().width() - self.gutter_width() - _TEXT_PAD
        horizontal = self.horizontalScrollBar()
        horizontal.setRange(0, max(0, int(self._widest * self.char_width()) - text_width + _TEXT_PAD * 4))
        horizontal.setPageStep(max(1, text_width))
        horizontal.setSingleStep(max(1, int(self.char_width() * 4)))

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802
        if event.type() in (QtCore.QEvent.Type.PaletteChange, QtCore.QEvent.Type.FontChange):
            self._use_formats(formats_for(is_dark(self.palette())))
        super().changeEvent(event)  # RowArea: a new font's character width, then the ranges

    # ------------------------------------------------------------------ painting

    def _use_formats(self, formats: dict[int, QtGui.QTextCharFormat]) -> None:
        """The syntax formats, and each style's colour worked out once (not in every paint)."""
        self._formats = formats
        self._style_keys: dict[int, int] = {}  # style -> its colour's rgba, the key of its layer
        self._key_colours: dict[int, QtGui.QColor] = {}
        for style, fmt in formats.items():
            colour = fmt.foreground().color()
            self._style_keys[style] = colour.rgba()
            self._key_colours[colour.rgba()] = colour

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        with PACE.busy():  # a screen of rows: workers wait at their next step instead of sharing the GIL
            super().paintEvent(event)

    def _paint(self, painter: QtGui.QPainter) -> None:
        palette = self.palette()
        area = self.viewport().rect()
        painter.fillRect(area, palette.color(QtGui.QPalette.ColorRole.Base))
        gutter = self.gutter_width()
        painter.fillRect(QtCore.QRect(0, 0, gutter, area.height()), palette.color(QtGui.QPalette.ColorRole.AlternateBase))
        source = self.source
        if source is None or source.row_count == 0:
            return
        height, width = self.row_height(), self.char_width()
        ascent = self.fontMetrics().ascent()
        shift = self.horizontalScrollBar().value()
        first_col = int(shift // width)
        columns = int((area.width() - gutter) // width) + 2
        x0 = gutter + _TEXT_PAD - shift + first_col * width
        low, high = sorted((self._anchor, self._caret))
        text_colour = palette.color(QtGui.QPalette.ColorRole.Text)
        muted = palette.color(QtGui.QPalette.ColorRole.PlaceholderText)
        selection = palette.color(QtGui.QPalette.ColorRole.Highlight)
        selected_text = palette.color(QtGui.QPalette.ColorRole.HighlightedText)
        plain_key, selected_key = text_colour.rgba(), selected_text.rgba()
        colours = {**self._key_colours, plain_key: text_colour, selected_key: selected_text}  # by layer key
        match_colour = _MATCH_DARK if is_dark(palette) else _MATCH_LIGHT
        widest = self._widest
        first = self.first_row()
        last = min(self.folds.rows.shown_count(source.row_count), first + self.visible_rows() + 1)
        if last > first:  # one read for the screen's rows (folded rows in between are read too, then skipped)
            source.prefetch(self.folds.rows.to_file(first), self.folds.rows.to_file(last - 1) + 1)
        for shown_row in range(first, last):
            number = self.folds.rows.to_file(shown_row)
            y = (shown_row - first) * height
            row = source.row(number)
            text = source.text(number)
            widest = max(widest, len(text))
            shown = PagedSource.shown(text[first_col:first_col + columns])
            painter.setClipRect(QtCore.QRect(gutter, y, area.width() - gutter, height))
            for start, end in self._marks(text, first_col, columns):
                painter.fillRect(QtCore.QRectF(x0 + (start - first_col) * width, y, (end - start) * width, height),
                                 match_colour)
            selected = self._selected_columns(number, row.start, row.end, text, low, high)
            if selected is not None:
                start, end = selected
                painter.fillRect(QtCore.QRectF(gutter + _TEXT_PAD - shift + start * width, y,
                                               max(width / 2, (end - start) * width), height), selection)
            self._draw_text(painter, number, text, shown, first_col, columns, x0, y + ascent, colours,
                            plain_key, selected, selected_key)
            painter.setClipping(False)
            if not row.continues:
                painter.setPen(muted)
                painter.drawText(QtCore.QRect(0, y, gutter - _GUTTER_PAD, height),
                                 int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter),
                                 str(row.line + 1))
                self.folds.paint_marker(painter, number, QtCore.QRect(0, y, FOLD_COLUMN, height))
            if self.hasFocus() and row.start <= self._caret <= row.end and not (
                    self._caret == row.end and number + 1 < source.row_count and source.row(number + 1).start == row.end):
                column = source.column_of(number, self._caret)
                x = int(gutter + _TEXT_PAD - shift + column * width)
                if x >= gutter:
                    painter.fillRect(QtCore.QRect(x, y, 1, height), text_colour)
        if widest > self._widest:
            self._widest = widest
            QtCore.QTimer.singleShot(0, self._update_ranges)  # not from inside a paint
        if self._styles.pending and not self._lexing.isActive():
            self._lexing.start()

    def _lex_some(self) -> None:
        """A few milliseconds of lexing the rows painted plain; a repaint once they all are."""
        if self._styles.lex_pending(0.005):
            self.viewport().update()
        else:
            self._lexing.start()

    def _draw_text(self, painter: QtGui.QPainter, number: int, text: str, shown: str, first_col: int, columns: int,
                   x0: float, baseline: int, colours: dict[int, QtGui.QColor], plain_key: int,
                   selected: tuple[int, int] | None, selected_key: int) -> None:
        """The visible part of a row in its colours, one ``drawText`` per colour
        (``colour_layers``; ``colours`` by layer key, made once per paint); selected characters
        in the palette's selected-text colour."""
        visible_end = first_col + len(shown)
        style_keys = self._style_keys
        pieces: list[tuple[int, int, int]] = []
        cursor = first_col
        for column, length, style in self._styles.spans(number, text, first_col + columns):
            if column >= visible_end:
                break  # spans are in column order; a lexed row holds more than the screen shows
            start, end = max(column, first_col), min(column + length, visible_end)
            if end <= start:
                continue
            if start > cursor:
                pieces.append((cursor, start, plain_key))
            pieces.append((start, end, style_keys.get(style, plain_key)))
            cursor = end
        if cursor < visible_end:
            pieces.append((cursor, visible_end, plain_key))
        origin = QtCore.QPointF(x0, baseline)
        for key, layer in colour_layers(shown, first_col, split_at_selection(pieces, selected, selected_key)):
            painter.setPen(colours[key])
            painter.drawText(origin, layer)

    def _marks(self, text: str, first_col: int, columns: int) -> list[tuple[int, int]]:
        if self._query is None:
            return []
        window = text[max(0, first_col - 200):first_col + columns + 200]
        base = max(0, first_col - 200)
        return [(base + s, base + e) for s, e in matches_in(window, self._query, limit=500)]

    def _selected_columns(self, number: int, start: int, end: int, text: str, low: int, high: int) -> tuple[int, int] | None:
        if high <= low or high <= start or low > end:
            return None
        source = self.source
        assert source is not None
        first = 0 if low <= start else source.column_of(number, low)
        last = len(text) + (1 if high > end else 0) if high >= end else source.column_of(number, high)
        return (first, last) if last > first else None

    # ------------------------------------------------------------------ caret and selection

    @property
    def caret(self) -> int:
        return self._caret

    def selection(self) -> tuple[int, int]:
        """(start, end) byte offsets of the selection; equal when nothing is selected."""
        return tuple(sorted((self._anchor, self._caret)))  # type: ignore[return-value]

    def select_range(self, start: int, end: int) -> None:
        """Select bytes [start, end) and bring them on screen (a find match, say)."""
        self._anchor, self._caret = start, end
        self._show_offset(start)
        self.selection_changed.emit()
        self.viewport().update()

    def select_all(self) -> None:
        if self.source is not None:
            self._anchor, self._caret = 0, self.source.index.size
            self.selection_changed.emit()
            self.viewport().update()

    def copy(self) -> None:
        """The selected bytes, decoded, on the clipboard (cut at the copy limit, and said)."""
        start, end = self.selection()
        if self.source is None or end <= start:
            return
        data, cut = self.source.selected_bytes(start, end)
        QtWidgets.QApplication.clipboard().setText(data.decode("utf-8", "replace"))
        self.copied.emit(len(data), cut)

    def go_to_line(self, line: int) -> None:
        """1-based line: the caret at its start, the row near the top of the screen."""
        if self.source is None or self.source.row_count == 0:
            return
        number = self.source.index.first_row_of_line(max(0, line - 1))
        self._anchor = self._caret = self.source.row(number).start
        self.folds.reveal(number)
        self._update_ranges()
        self.verticalScrollBar().setValue(max(0, self.folds.rows.to_shown(number) - 2))
        self.horizontalScrollBar().setValue(0)
        self.selection_changed.emit()
        self.viewport().update()

    def scroll_to_end(self) -> None:
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def _show_offset(self, offset: int) -> None:
        source = self.source
        if source is None or source.row_count == 0:
            return
        number = source.index.row_of_offset(offset)
        if self.folds.rows:
            self.folds.reveal(number)
            self._update_ranges()
        shown = self.folds.rows.to_shown(number)
        first, page = self.first_row(), self.visible_rows()
        if not first <= shown < first + page:
            self.verticalScrollBar().setValue(max(0, shown - page // 3))
        column = source.column_of(number, offset)
        x = column * self.char_width()
        horizontal = self.horizontalScrollBar()
        text_width = self.viewport().width() - self.gutter_width() - _TEXT_PAD
        if not horizontal.value() <= x < horizontal.value() + text_width - self.char_width() * 4:
            self._widest = max(self._widest, column + 40)
            self._update_ranges()
            horizontal.setValue(max(0, int(x - text_width / 3)))

    def folds_changed(self) -> None:
        """Rows were folded or unfolded: new ranges, and the caret out of the hidden rows."""
        source = self.source
        if source is not None:
            caret_row = source.index.row_of_offset(self._caret)
            start = self.folds.rows.containing(caret_row)
            if start is not None and start != caret_row:
                self._anchor = self._caret = source.row(start).start
        self._update_ranges()
        self.viewport().update()

    def _row_at(self, point: QtCore.QPoint) -> int:
        source = self.source
        if source is None or source.row_count == 0:
            return 0
        shown = max(0, self.first_row() + point.y() // self.row_height())
        return self.folds.rows.to_file(min(self.folds.rows.shown_count(source.row_count) - 1, shown))

    def _offset_at(self, point: QtCore.QPoint) -> int:
        source = self.source
        if source is None or source.row_count == 0:
            return 0
        number = self._row_at(point)
        text = source.text(number)
        x = point.x() - self.gutter_width() - _TEXT_PAD + self.horizontalScrollBar().value()
        column = min(len(text), max(0, round(x / self.char_width())))
        return source.row(number).start + PagedSource.byte_column(text, column)

    def _move_caret(self, offset: int, extend: bool) -> None:
        self._caret = max(0, offset)
        if not extend:
            self._anchor = self._caret
        self._show_offset(self._caret)
        self.selection_changed.emit()
        self.viewport().update()

    def _row_step(self, rows: int) -> int:
        """The offset ``rows`` rows below (or above) the caret, at the same column."""
        source = self.source
        assert source is not None
        number = source.index.row_of_offset(self._caret)
        column = source.column_of(number, self._caret)
        folds = self.folds.rows
        target = folds.to_file(min(folds.shown_count(source.row_count) - 1, max(0, folds.to_shown(number) + rows)))
        text = source.text(target)
        return source.row(target).start + PagedSource.byte_column(text, min(column, len(text)))

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        source = self.source
        if source is None or source.row_count == 0:
            super().keyPressEvent(event)
            return
        if self._edit_key(event) or self.folds.handle_key(event, source.index.row_of_offset(self._caret)):
            return
        key, mods = event.key(), event.modifiers()
        extend = bool(mods & QtCore.Qt.KeyboardModifier.ShiftModifier)
        control = bool(mods & QtCore.Qt.KeyboardModifier.ControlModifier)
        Key = QtCore.Qt.Key
        number = source.index.row_of_offset(self._caret)
        row = source.row(number)
        if key == Key.Key_Down:
            self._move_caret(self._row_step(1), extend)
        elif key == Key.Key_Up:
            self._move_caret(self._row_step(-1), extend)
        elif key == Key.Key_PageDown:
            self._move_caret(self._row_step(self.visible_rows() - 1), extend)
        elif key == Key.Key_PageUp:
            self._move_caret(self._row_step(1 - self.visible_rows()), extend)
        elif key == Key.Key_Home:
            self._move_caret(0 if control else row.start, extend)
        elif key == Key.Key_End:
            self._move_caret(source.index.size if control else row.end, extend)
        elif key in (Key.Key_Left, Key.Key_Right):
            text = source.text(number)
            column = source.column_of(number, self._caret) + (1 if key == Key.Key_Right else -1)
            if column < 0:
                target = source.row(number - 1).end if number > 0 else 0
            elif column > len(text):
                target = source.row(number + 1).start if number + 1 < source.row_count else row.end
            else:
                target = row.start + PagedSource.byte_column(text, column)
            self._move_caret(target, extend)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        if event.button() == QtCore.Qt.MouseButton.LeftButton and event.position().x() < self.gutter_width():
            self.folds.toggle(self._row_at(event.position().toPoint()))  # a click in the gutter folds
            return
        if event.button() == QtCore.Qt.MouseButton.LeftButton:
            extend = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier)
            self._dragging = True
            self._move_caret(self._offset_at(event.position().toPoint()), extend)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        if self._dragging:
            self._move_caret(self._offset_at(event.position().toPoint()), True)
        super().mouseMoveEvent(event)
