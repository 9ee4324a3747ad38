"""The history panel over a real SQLite file: list, search, open, delete, clear, page, damage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui

from ctct_desktop.store.history import History
from ctct_desktop.ui.history_view import panel as panel_module
from ctct_desktop.ui.history_view.columns import DURATION, METHOD, SIZE, STATUS, URL
from ctct_desktop.ui.severity_colours import status_class_colour
from tests.ui.history_view.conftest import BASE, PASSWORD, send


def column(panel, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = panel.model
    return [model.data(model.index(row, index)) for row in range(model.rowCount())]


def wait_idle(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)


def test_lists_newest_first_with_coloured_status(make_panel, filled: History) -> None:
    panel = make_panel(filled)
    assert column(panel, METHOD) == ["DELETE", "GET", "POST", "POST", "GET"]
    assert column(panel, STATUS) == ["500", "refused", "409", "201", "200"]
    assert column(panel, URL)[0] == BASE + "/lists/7"
    assert column(panel, DURATION)[0] == "42 ms" and column(panel, SIZE)[0] == "7 B"
    colours = [panel.model.data(panel.model.index(r, STATUS), QtCore.Qt.ItemDataRole.ForegroundRole).color().name()
               for r in range(5)]
    palette = QtGui.QGuiApplication.palette()
    assert colours == [status_class_colour(c, palette).name() for c in (5, 5, 4, 2, 2)]  # type: ignore[union-attr]
    assert len(set(colours)) == 3  # failures and 5xx red, 4xx amber, 2xx green
    assert panel.status.text() == "5 entries"


@pytest.mark.parametrize(("query", "expected"), [
    ("409", ["409"]),
    ("4xx", ["409"]),
    ("2xx", ["201", "200"]),
    ("POST", ["409", "201"]),
    ("/campaigns", ["refused"]),
    ("already", ["409"]),  # response body text
    ("ann@example.com", ["409", "201"]),  # request body text
])
def test_search_by_status_url_method_and_body(qtbot, make_panel, filled: History, query: str,
                                              expected: list[str]) -> None:
    panel = make_panel(filled)
    qtbot.keyClicks(panel.search_box, query)
    wait_idle(qtbot, panel)
    assert column(panel, STATUS) == expected
    assert panel.status.text().startswith(f"{len(expected)} match")
    panel.search_box.clear()
    wait_idle(qtbot, panel)
    assert len(column(panel, STATUS)) == 5


def test_open_restores_the_redacted_request_and_response(qtbot, make_panel, filled: History) -> None:
    panel = make_panel(filled)
    panel.table.selectRow(2)
    panel.table.setFocus()
    with qtbot.waitSignal(panel.entry_opened, timeout=5000) as blocker:
        qtbot.keyClick(panel.table, QtCore.Qt.Key.Key_Return)
    record = blocker.args[0]
    assert record.entry.status == 409 and record.request.method == "POST"
    assert b"already exists" in record.response.body
    assert "ann@example.com" in record.request.body
    assert PASSWORD not in repr(record.request)  # redacted before it was stored


def test_delete_one_and_clear_all_with_confirmation(qtbot, make_panel, filled: History,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    panel = make_panel(filled)
    panel.table.selectRow(0)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, QtCore.Qt.Key.Key_Delete)
    wait_idle(qtbot, panel)
    assert column(panel, STATUS) == ["refused", "409", "201", "200"]
    assert len(filled.list()) == 4
    monkeypatch.setattr(panel_module, "confirm_clear", lambda _parent: False)
    panel.clear_action.trigger()
    wait_idle(qtbot, panel)
    assert len(filled.list()) == 4
    monkeypatch.setattr(panel_module, "confirm_clear", lambda _parent: True)
    panel.clear_action.trigger()
    wait_idle(qtbot, panel)
    assert filled.list() == [] and panel.model.rowCount() == 0 and panel.status.text() == "0 entries"


def test_refresh_after_a_send_shows_it_on_top(qtbot, make_panel, filled: History) -> None:
    panel = make_panel(filled)
    filled.record(send(204, "PUT", "/contacts/1"))
    panel.refresh()
    wait_idle(qtbot, panel)
    assert column(panel, METHOD)[0] == "PUT" and column(panel, STATUS)[0] == "204"


def test_lazy_loading_pages_as_the_view_scrolls(qtbot, make_panel, history: History) -> None:
    for n in range(45):
        history.record(send(200, path=f"/contacts/{n}"))
    panel = make_panel(history, page_size=10)
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 10, timeout=5000)
    for _ in range(10):
        panel.table.scrollToBottom()
        if panel.model.canFetchMore():
            panel.model.fetchMore()
        wait_idle(qtbot, panel)
        if not panel.model.has_more:
            break
    urls = column(panel, URL)
    assert len(urls) == 45 and len(set(urls)) == 45
    assert urls[0].endswith("/contacts/44") and urls[-1].endswith("/contacts/0")


def test_new_sends_between_pages_do_not_duplicate_rows(qtbot, make_panel, history: History) -> None:
    for n in range(12):
        history.record(send(200, path=f"/n/{n}"))
    panel = make_panel(history, page_size=5)
    for n in range(3):
        history.record(send(201, path=f"/later/{n}"))  # shifts every older page by three
    while panel.model.has_more:
        panel.model.fetchMore()
        wait_idle(qtbot, panel)
    urls = column(panel, URL)
    assert len(urls) == len(set(urls)) and sum("/n/" in u for u in urls) == 12


def test_a_damaged_database_is_explained_in_a_banner(qtbot, make_panel, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    damaged = History(path)
    try:
        panel = make_panel(damaged)
        qtbot.waitUntil(lambda: "damaged" in panel.banner.text or "moved" in panel.banner.text, timeout=5000)
        assert panel.model.rowCount() == 0
    finally:
        damaged.close()


def test_a_closed_history_is_reported_not_raised(qtbot, make_panel, filled: History) -> None:
    panel = make_panel(filled)
    problems: list[str] = []
    panel.problem.connect(problems.append)
    filled.close()
    panel.refresh()
    wait_idle(qtbot, panel)
    assert problems and "closed" in problems[-1]


def test_without_history_the_panel_is_disabled(make_panel) -> None:
    panel = make_panel(None)
    assert not panel.isEnabled() and "not available" in panel.status.text()


def test_copy_url(qtbot, make_panel, filled: History) -> None:
    panel = make_panel(filled)
    panel.table.selectRow(1)
    panel.copy_url_action.trigger()
    assert QtGui.QGuiApplication.clipboard().text() == BASE + "/campaigns"


def test_the_selection_survives_a_refresh(qtbot, make_panel, filled: History) -> None:
    panel = make_panel(filled)
    panel.table.selectRow(2)
    chosen = panel.selected_entries()[0].id
    filled.record(send(204, "PUT", "/contacts/1"))
    panel.refresh()
    wait_idle(qtbot, panel)
    assert [e.id for e in panel.selected_entries()] == [chosen]
    assert panel.model.rowCount() == 6
