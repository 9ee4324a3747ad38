"""Find in a paged body: the count arrives from a worker, next and previous jump and wrap, options
and bad patterns say what they do, and a new query drops the old one's late results."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore

from ctct_desktop.core.paging.rows import index_file
from ctct_desktop.ui.paged_view.find_bar import PagedFindBar
from ctct_desktop.ui.paged_view.source import PagedSource
from ctct_desktop.ui.paged_view.view import PagedTextView


@pytest.fixture
def bar(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    data = b"".join(b"<entry><title>Contact %d</title></entry>" % i for i in range(20_000)) + b"<last>Needle</last>"
    path = tmp_path / "body.xml"
    path.write_bytes(data)
    view = PagedTextView()
    find = PagedFindBar(view)
    qtbot.addWidget(view)
    qtbot.addWidget(find)
    view.resize(700, 300)
    view.show()
    view.set_source(PagedSource(path, index_file(path)))
    find.open_bar()
    find.data = data  # type: ignore[attr-defined]
    yield find
    view.source.close()


def test_typing_counts_every_match_in_a_worker(bar, qtbot) -> None:
    with qtbot.waitSignal(bar.counted, timeout=10000) as counted:
        qtbot.keyClicks(bar.field, "contact 1")
    assert counted.args == [1 + 10 + 100 + 1000 + 10000]
    assert bar.status.text() == "11,111 matches"


def test_case_and_regex_options(bar, qtbot) -> None:
    bar.field.setText("needle")
    with qtbot.waitSignal(bar.counted, timeout=10000) as counted:
        bar.case.setChecked(True)
    assert counted.args == [0] and bar.status.text() == "No matches"
    with qtbot.waitSignal(bar.counted, timeout=10000) as counted:
        bar.field.setText(r"Contact 19\d{3}\b")
        bar.regex.setChecked(True)
    assert counted.args == [1000]


def test_a_bad_pattern_says_why_and_searches_nothing(bar, qtbot) -> None:
    bar.regex.setChecked(True)
    bar.field.setText("(unclosed")
    assert "not valid" in bar.status.text()
    with qtbot.assertNotEmitted(bar.counted, wait=400):
        pass


def test_next_jumps_to_the_match_near_the_end_and_wraps(bar, qtbot) -> None:
    bar.field.setText("Needle")
    with qtbot.waitSignal(bar.found, timeout=10000) as found:
        qtbot.keyClick(bar.field, QtCore.Qt.Key.Key_Return)
    needle = bar.data.index(b"Needle")
    assert (found.args[0].start, found.args[0].end) == (needle, needle + 6)
    assert bar.view.selection() == (needle, needle + 6)
    bar.field.setText("<entry>")
    with qtbot.waitSignal(bar.found, timeout=10000) as found:
        bar.find_next()  # from the end: wraps to the first entry
    assert found.args[0].start == 0
    with qtbot.waitSignal(bar.found, timeout=10000) as found:
        qtbot.keyClick(bar.field, QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert found.args[0].start == bar.data.rindex(b"<entry>")  # previous from the first: wraps to the last


def test_a_new_query_drops_the_old_ones_results(bar, qtbot) -> None:
    bar.field.setText("Contact")
    bar._count()  # the first query's count starts...
    bar.field.setText("Needle")  # ...and is overtaken
    with qtbot.waitSignal(bar.counted, timeout=10000) as counted:
        pass
    assert counted.args == [1]
    assert bar.status.text() == "1 match"


def test_escape_closes_and_clears_the_marks(bar, qtbot) -> None:
    bar.field.setText("Contact")
    assert bar.view._query is not None
    qtbot.keyClick(bar.field, QtCore.Qt.Key.Key_Escape)
    assert not bar.isVisible() and bar.view._query is None


def test_a_jump_that_finds_nothing_says_so(bar, qtbot) -> None:
    bar.field.setText("absent-word")
    with qtbot.waitSignal(bar.not_found, timeout=10000), qtbot.assertNotEmitted(bar.found):
        bar.find_next()
    assert bar.status.text() == "No matches"
