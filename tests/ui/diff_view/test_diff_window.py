"""History → select two entries → Compare: the diff window shows request and response differences,
ranked, linked to rules and articles (real SQLite history, real widgets)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import Exchange, ResponseRecord
from ctct_desktop.store.history import History
from ctct_desktop.ui.diff_view import DiffWindow
from ctct_desktop.ui.history_view import HistoryPanel
from tests.diffing.cases import CASES


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    db = History(tmp_path / "history.sqlite3")
    failing, fixed = CASES["T3"]
    db.record(Exchange(failing, ResponseRecord(400, "Bad Request", "HTTP/1.1", (("Content-Type", "text/plain"),),
                                               b"Error 400: invalid GreetingName", "http://h/c", 5.0)),
              sent_at="2026-11-01T10:00:00.000Z")
    db.record(Exchange(fixed, ResponseRecord(201, "Created", "HTTP/1.1", (("Content-Type", "text/plain"),),
                                             b"Created", "http://h/c", 5.0)), sent_at="2026-11-01T10:01:00.000Z")
    yield db
    db.close()


def test_compare_two_history_entries(qtbot, history: History) -> None:  # type: ignore[no-untyped-def]
    panel = HistoryPanel(history)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not panel.busy, timeout=10_000)
    panel.table.selectAll()
    assert len(panel.selected_entries()) == 2
    panel.compare_selected()
    window = panel.comparison
    assert isinstance(window, DiffWindow)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10_000)
    rows = window.rows()
    date = next(r for r in rows if r[0].endswith("/Campaign/Date"))
    assert date[1:] == ("value", "2010-09-28T05:22:42 01:00", "2010-09-28T05:22:42+01:00", "L018",
                        "v1-400-datetime-plus-space")
    status = next(r for r in rows if r[1] == "status")
    assert (status[2], status[3]) == ("400 Bad Request", "201 Created")  # older is A: the failing one
    top = [window.tree.topLevelItem(i).text(0) for i in range(window.tree.topLevelItemCount())]
    assert top[0].startswith("Request (") and top[1].startswith("Response (")
    assert "difference" in window.summary.text()
    assert "cmp_grt_name" in window.pane_a.toPlainText() and "FirstName" in window.pane_b.toPlainText()
    response_top = window.tree.topLevelItem(1)
    window.tree.setCurrentItem(response_top.child(0))
    assert window.pane_a.toPlainText().startswith("400 Bad Request")
    assert window.pane_b.toPlainText().startswith("201 Created")


def test_compare_needs_exactly_two_entries(qtbot, history: History) -> None:  # type: ignore[no-untyped-def]
    panel = HistoryPanel(history)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not panel.busy, timeout=10_000)
    panel.table.selectRow(0)
    panel.compare_selected()
    assert panel.comparison is None


def test_a_vanished_entry_is_said_in_the_window(qtbot, history: History) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.ui.diff_view import open_comparison

    window = open_comparison(history, 1, 999)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10_000)
    assert "could not be compared" in window.sides.text()
    assert isinstance(window, QtWidgets.QWidget) and window.windowFlags() & QtCore.Qt.WindowType.Window


def test_the_sides_are_named_while_comparing_and_after(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.ui.diff_view import Comparison

    failing, fixed = CASES["T3"]
    window = DiffWindow(None, "Compare exchanges — T3", ("the customer's POST", "support's fix"))
    qtbot.addWidget(window)
    assert window.windowTitle() == "Compare exchanges — T3"
    assert window.sides.text() == "A: the customer's POST\nB: support's fix\nComparing…"
    window.show_comparison(Comparison.of_exchanges(Exchange(failing), Exchange(fixed), "failing.json", "fixed.json"))
    assert window.sides.text() == "A: failing.json\nB: fixed.json"
    assert any(row[0].endswith("/Campaign/Date") for row in window.rows())
    assert "cmp_grt_name" in window.pane_a.toPlainText()


def test_a_comparison_keeps_large_bodies_out_of_the_panes() -> None:
    from ctct_desktop.core.models import RequestModel
    from ctct_desktop.ui.diff_view import Comparison
    from ctct_desktop.ui.diff_view.loading import MAX_PANE_CHARS

    big = "x" * (MAX_PANE_CHARS + 5)
    a, b = Exchange(RequestModel("POST", "http://h/a", body=big)), Exchange(RequestModel("POST", "http://h/a"))
    comparison = Comparison.of_exchanges(a, b)
    assert comparison.titles == ("A", "B")
    assert comparison.request_bodies[0].startswith("x" * MAX_PANE_CHARS)
    assert comparison.request_bodies[0].endswith("[... 5 more characters not shown]")
