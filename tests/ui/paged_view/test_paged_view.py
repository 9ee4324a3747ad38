"""The paged body view on a real Qt window: a one-line body scrolls to its end, selection and
copy are byte-exact across rows, the caret walks rows and lines, and the gutter numbers lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.core.paging.rows import MAX_ROW_BYTES
from ctct_desktop.core.paging.search import Query
from ctct_desktop.ui.paged_view import source as source_module
from ctct_desktop.ui.paged_view.source import PagedSource
from ctct_desktop.ui.paged_view.view import PagedTextView


def _one_line(size: int) -> bytes:
    words = b"".join(b"<w%d>token%d</w%d>" % (i, i, i) for i in range(size // 20 + 1))
    return words[:size - 9] + b"NEEDLE!!!"


def test_a_one_line_body_scrolls_to_its_end_and_shows_the_last_bytes(make_view, qtbot) -> None:
    data = _one_line(3 << 20)
    view = make_view(data, Syntax.XML)
    source = view.source
    assert source.index.line_count == 1 and source.row_count == -(-len(data) // MAX_ROW_BYTES)
    assert view.verticalScrollBar().maximum() > 0, "a one-line body scrolls vertically, by rows"
    view.scroll_to_end()
    QtWidgets.QApplication.processEvents()
    last = source.row_count - 1
    assert view.first_row() <= last < view.first_row() + view.visible_rows() + 1
    assert source.text(last).endswith("NEEDLE!!!")
    view.set_find_query(Query("needle"))
    needle = data.rindex(b"NEEDLE")
    view.select_range(needle, needle + 6)
    view.copy()
    assert QtWidgets.QApplication.clipboard().text() == "NEEDLE"
    assert view.horizontalScrollBar().value() > 0 or source.column_of(last, needle) * view.char_width() < view.width()


def test_selection_and_copy_are_byte_exact_across_rows_and_characters(make_view) -> None:
    line = "é€😀 plain <tag> " * 400  # multibyte characters, rows cut between them
    data = (line + "\n" + "second line\n").encode()
    view = make_view(data)
    assert view.source.row_count > 2
    start, end = 2, len(data) - 5  # from the "€"
    view.select_range(start, end)
    view.copy()
    assert QtWidgets.QApplication.clipboard().text() == data[start:end].decode()


def test_copy_is_cut_at_the_limit_and_says_so(make_view, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(source_module, "COPY_LIMIT_BYTES", 1000)
    view = make_view(b"x" * 5000)
    view.select_all()
    with qtbot.waitSignal(view.copied) as copied:
        view.copy()
    assert copied.args == [1000, True]
    assert len(QtWidgets.QApplication.clipboard().text()) == 1000


def test_the_caret_walks_rows_keeps_its_column_and_reaches_both_ends(make_view, qtbot) -> None:
    data = b"".join(b"line %05d with text\n" % i for i in range(5000))
    view = make_view(data)
    view.setFocus()
    view.go_to_line(10)
    assert view.caret == data.index(b"line 00009")
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Right)
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Right)
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Down)
    assert view.caret == data.index(b"line 00010") + 2
    qtbot.keyClick(view, QtCore.Qt.Key.Key_End, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert view.caret == len(data)
    last = view.source.row_count - 1
    assert view.first_row() <= last <= view.first_row() + view.visible_rows()
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Home, QtCore.Qt.KeyboardModifier.ControlModifier
                   | QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert view.selection() == (0, len(data)) and view.first_row() == 0


def test_a_click_puts_the_caret_on_the_byte_under_the_pointer(make_view, qtbot) -> None:
    data = "ééé abc\nsecond\n".encode()
    view = make_view(data)
    x = view.gutter_width() + 4 + int(view.char_width() * 4.2)  # on the fifth character, "a"
    y = view.row_height() // 2
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(x, y))
    assert view.caret == len("ééé ".encode())
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.KeyboardModifier.ShiftModifier,
                     QtCore.QPoint(x, y + view.row_height()))
    assert data[slice(*view.selection())].decode() == "abc\nseco"


def test_undecodable_bytes_are_shown_as_replacement_but_copied_exactly(make_view) -> None:
    data = b"ok \xff\xfe bytes\n"
    view = make_view(data)
    assert PagedSource.shown(view.source.text(0)) == "ok \ufffd\ufffd bytes"
    view.select_range(0, 8)
    assert view.source.selected_bytes(0, 8) == (data[:8], False)


def test_the_gutter_widens_only_with_a_new_digit(make_view) -> None:
    small = make_view(b"a\n" * 999)
    bigger = make_view(b"a\n" * 99_999)
    assert small.gutter_width() == make_view(b"a\n" * 10).gutter_width(), "at least four digits' room"
    assert bigger.gutter_width() > small.gutter_width()


def test_an_index_that_grows_extends_the_scroll_range(qtbot, tmp_path: Path) -> None:
    from ctct_desktop.core.paging.rows import RowIndex

    path = tmp_path / "growing"
    data = b"".join(b"row %d\n" % i for i in range(2000))
    path.write_bytes(data)
    index = RowIndex()
    view = PagedTextView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    source = PagedSource(path, index)
    view.set_source(source)
    index.feed(data[:1000])
    view.rows_changed()
    before = view.verticalScrollBar().maximum()
    index.feed(data[1000:])
    index.finish()
    view.rows_changed()
    assert view.verticalScrollBar().maximum() > before
    view.scroll_to_end()
    assert source.row_count == 2001  # the lines, and the empty one after the last line break
    assert source.text(1999) == "row 1999" and source.text(2000) == ""
    source.close()


def test_rows_are_painted_plain_at_once_and_coloured_between_events(make_view, qtbot, monkeypatch) -> None:
    """Lexing a screen of minified JSON in the paint took 30 ms (more with workers sharing the
    GIL): a paint lexes nothing, the colours follow in short steps, then one repaint."""
    from ctct_desktop.ui.paged_view.row_styles import RowStyles

    lexed: list[tuple[int, bool]] = []  # (row, inside a paint)
    real_lex, real_paint = RowStyles._lex, PagedTextView._paint
    painting = {"now": False, "paints": 0}

    def recording_lex(self, number, text, upto):  # type: ignore[no-untyped-def]
        lexed.append((number, painting["now"]))
        return real_lex(self, number, text, upto)

    def recording_paint(self, painter):  # type: ignore[no-untyped-def]
        painting["now"], painting["paints"] = True, painting["paints"] + 1
        try:
            real_paint(self, painter)
        finally:
            painting["now"] = False

    monkeypatch.setattr(RowStyles, "_lex", recording_lex)
    monkeypatch.setattr(PagedTextView, "_paint", recording_paint)
    view = make_view(b'{"results":[' + b",".join(b'{"id":%d,"name":"n%d"}' % (i, i) for i in range(20000)) + b"]}",
                     Syntax.JSON)
    qtbot.waitUntil(lambda: len(lexed) >= view.visible_rows() and not view._styles.pending)  # noqa: SLF001
    paints = painting["paints"]
    assert not any(inside for _row, inside in lexed)
    qtbot.waitUntil(lambda: painting["paints"] > paints or painting["paints"] >= 2)  # the repaint in colour
    assert view._styles.spans(0, view.source.text(0), 200)  # noqa: SLF001 - coloured now, from the cache


def test_the_character_width_is_exact_and_follows_a_new_font(make_view) -> None:
    """Rows are drawn in runs of many characters (colour_layers): the width must be the font's
    unrounded advance, and a new font must give a new one (it is kept between paints)."""
    from PySide6 import QtGui

    view = make_view(b"0123456789" * 20)
    font = view.font()
    assert view.char_width() == pytest.approx(QtGui.QFontMetricsF(font).horizontalAdvance("0" * 100) / 100)
    bigger = QtGui.QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 2)
    before = view.char_width()
    view.setFont(bigger)
    assert view.char_width() == pytest.approx(QtGui.QFontMetricsF(bigger).horizontalAdvance("0" * 100) / 100)
    assert view.char_width() > before * 1.5
