"""Folding in the paged view: a gutter click or Ctrl+Shift+[ folds by indentation (the end found
in a worker), the rows after the fold move up, the caret and go-to-line step around folds, and a
find match inside a fold opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.core.paging.rows import index_file
from ctct_desktop.ui.paged_view.source import PagedSource
from ctct_desktop.ui.paged_view.view import PagedTextView

Ctrl, Shift, Alt = (QtCore.Qt.KeyboardModifier.ControlModifier, QtCore.Qt.KeyboardModifier.ShiftModifier,
                    QtCore.Qt.KeyboardModifier.AltModifier)
ENTRY = "  <entry>\n    <title>T{n}</title>\n    <content>\n      <C>{n}</C>\n    </content>\n  </entry>\n"
FEED = "<feed>\n" + "".join(ENTRY.format(n=n) for n in range(2000)) + "</feed>\n"  # entry n at line 1 + 6n


@pytest.fixture
def view(make_view) -> PagedTextView:  # type: ignore[no-untyped-def] - make_view is a factory fixture
    return make_view(FEED.encode(), Syntax.XML)


def _shown(view: PagedTextView, count: int) -> list[str]:
    assert view.source is not None
    return [view.source.text(view.folds.rows.to_file(n)).strip() for n in range(count)]


def _wait_fold(qtbot, view: PagedTextView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not view.folds.scanning, timeout=10000)


def test_gutter_click_folds_an_entry_and_again_unfolds_it(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    assert view.folds.opens_fold(1) and not view.folds.opens_fold(2)
    rows_before = view.verticalScrollBar().maximum()
    y = view.row_height() + view.row_height() // 2  # the second row on screen: the first <entry>
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(3, y))
    _wait_fold(qtbot, view)
    assert view.folds.rows.ranges() == [(1, 6)]  # <entry> .. </entry>
    assert _shown(view, 3) == ["<feed>", "<entry>", "<entry>"]
    assert view.verticalScrollBar().maximum() == rows_before - 5
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(3, y))
    assert not view.folds.rows and _shown(view, 3) == ["<feed>", "<entry>", "<title>T0</title>"]


def test_keys_fold_the_enclosing_line_and_the_caret_walks_around_the_fold(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.setFocus()
    view.go_to_line(4)  # <C>0</C>, inside the first <content> and <entry>
    qtbot.keyClick(view, QtCore.Qt.Key.Key_BraceLeft, Ctrl | Shift)
    _wait_fold(qtbot, view)
    assert view.folds.rows.ranges() == [(3, 5)]  # <content> .. </content>
    assert view.source is not None and view.caret == view.source.row(3).start  # out of the hidden rows
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Down)
    assert view.source.index.row_of_offset(view.caret) == 6  # </entry>, past the fold
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Up)
    assert view.source.index.row_of_offset(view.caret) == 3
    qtbot.keyClick(view, QtCore.Qt.Key.Key_BraceRight, Ctrl | Shift)
    assert not view.folds.rows


def test_go_to_line_and_find_open_the_fold_that_hides_their_target(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.folds.fold(0)  # the whole feed
    _wait_fold(qtbot, view)
    assert view.folds.rows.ranges() == [(0, 12001)]
    assert view.verticalScrollBar().maximum() == 0
    needle = FEED.encode().index(b"T1500")
    view.select_range(needle, needle + 5)
    assert not view.folds.rows
    assert view.first_row() <= view.source.index.row_of_offset(needle) < view.first_row() + view.visible_rows()


def test_fold_all_folds_every_entry_and_unfold_all_opens_them(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.go_to_line(9000)  # the caret deep in the body: it lands on the fold that hides it
    view.setFocus()
    qtbot.keyClick(view, QtCore.Qt.Key.Key_BracketLeft, Ctrl | Alt)
    _wait_fold(qtbot, view)
    ranges = view.folds.rows.ranges()
    assert len(ranges) == 2000 and ranges[:2] == [(1, 6), (7, 12)] and ranges[-1] == (11995, 12000)
    assert _shown(view, 3) == ["<feed>", "<entry>", "<entry>"]
    assert view.source is not None
    shown = view.source.row_count - 2000 * 5  # each entry's five inner rows are hidden
    assert view.verticalScrollBar().maximum() == shown - view.visible_rows() + 1
    caret_row = view.source.index.row_of_offset(view.caret)
    assert view.folds.is_folded(caret_row) and caret_row == 1 + 6 * ((9000 - 2) // 6)
    qtbot.keyClick(view, QtCore.Qt.Key.Key_BracketRight, Ctrl | Alt)
    assert not view.folds.rows


def test_each_file_keeps_its_folds_when_the_view_switches_back(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pretty = view.source
    view.folds.fold(1)
    _wait_fold(qtbot, view)
    raw = tmp_path / "raw.xml"
    raw.write_text(FEED.replace("\n", ""))
    view.set_source(PagedSource(raw, index_file(raw)), Syntax.XML)  # Raw: its own lines, no folds
    assert not view.folds.rows
    view.set_source(pretty, Syntax.XML)  # back to Pretty: the fold as it was
    assert view.folds.rows.ranges() == [(1, 6)]
    assert _shown(view, 3) == ["<feed>", "<entry>", "<entry>"]


def test_a_line_that_opens_nothing_does_not_fold(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.folds.toggle(2)  # <title>: nothing deeper follows
    assert not view.folds.scanning and not view.folds.rows


def test_a_new_source_forgets_the_folds(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view.folds.fold(1)
    _wait_fold(qtbot, view)
    other = tmp_path / "other.json"
    other.write_text('{\n  "a": 1\n}\n')
    view.set_source(PagedSource(other, index_file(other)), Syntax.JSON)
    assert not view.folds.rows
    QtWidgets.QApplication.processEvents()


def test_fold_all_on_a_body_with_nothing_to_fold_says_so(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    line = tmp_path / "line.xml"
    line.write_text(FEED.replace("\n", ""))
    view.set_source(PagedSource(line, index_file(line)), Syntax.XML)
    view.setFocus()
    with qtbot.waitSignal(view.folds.message, timeout=10000) as said:
        qtbot.keyClick(view, QtCore.Qt.Key.Key_BracketLeft, Ctrl | Alt)
    assert said.args[0].startswith("Nothing to fold") and not view.folds.rows
    assert view.source is not None
    view.source.close()
