"""The response filter through the real window: XPath on the sandbox's Atom feed (atom: and
ctct: predeclared), JSONPath on a JSON response from a loopback server, errors in the bar,
Esc back to the whole body, the last expression per kind, and a spooled body over the limit."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.query import MAX_QUERY_BYTES
from ctct_desktop.resources import resource_path
from ctct_desktop.store.request_file import load_request
from ctct_desktop.ui.response_view.body_view import BodyView
from ctct_desktop.ui.response_view.filter_bar import FilterBar
from tests.ui.helpers import send_and_wait, type_url

LISTS = resource_path("templates", "v1", "Lists", "Get all lists.ctct.toml")


@pytest.fixture(autouse=True)
def _forget_expressions() -> None:
    FilterBar._last.clear()


def _filter(qtbot, body: BodyView, expression: str) -> str:  # type: ignore[no-untyped-def]
    bar = body.filter_bar
    bar.field.setText(expression)
    qtbot.keyClick(bar.field, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not bar.running, timeout=20000)
    return bar.status.text()


def test_xpath_on_the_sandbox_feed_shows_only_the_matches(qtbot, sandbox_workbench) -> None:  # type: ignore[no-untyped-def]
    window = sandbox_workbench.window
    window.request_editor.set_model(load_request(LISTS).request)
    exchange = send_and_wait(qtbot, window)
    assert exchange.response is not None and exchange.response.status == 200
    body = window.response_view.body
    window.window_actions.filter_body.trigger()
    bar = body.filter_bar
    assert bar.isVisible() and bar.kind == "xpath" and bar.field.hasFocus()
    names = exchange.response.body.count(b"<Name>")
    assert names >= 2

    status = _filter(qtbot, body, "//atom:entry//ctct:ContactList/ctct:Name")
    assert status == f"{names} matches"
    assert body.stack.currentWidget() is bar.results and body.current_editor is bar.results
    shown = bar.results.toPlainText()
    assert shown.count("<Name") == names and "<feed" not in shown and "<entry" not in shown

    assert _filter(qtbot, body, "count(//atom:entry)") == "1 match"
    assert bar.results.toPlainText().strip().isdigit()

    status = _filter(qtbot, body, "//atom:entry[")
    assert "XPath syntax error" in status and bar.status.property("error") is True
    assert not any(isinstance(w, QtWidgets.QMessageBox) for w in QtWidgets.QApplication.topLevelWidgets())

    qtbot.keyClick(bar.field, QtCore.Qt.Key.Key_Escape)
    assert not bar.isVisible() and not bar.filtered
    assert body.stack.currentWidget() is not bar.results
    assert "<feed" in body.current_editor.toPlainText()


def test_jsonpath_on_a_json_response_and_last_expression_per_kind(qtbot, workbench, http_server) -> None:  # type: ignore[no-untyped-def]
    window = workbench.window
    type_url(qtbot, window, http_server.base_url + "/echo/items?x=1")
    send_and_wait(qtbot, window)
    body = window.response_view.body
    body.open_filter()
    bar = body.filter_bar
    assert bar.kind == "jsonpath" and bar.label.text() == "JSONPath:"
    assert _filter(qtbot, body, "$.method") == "1 match"
    assert bar.results.toPlainText() == '"GET"'
    assert _filter(qtbot, body, "$.nothing") == "No matches"
    assert _filter(qtbot, body, "$.path") == "1 match"
    assert bar.results.toPlainText() == '"/echo/items"'

    send_and_wait(qtbot, window)  # the same kind again: the open bar runs its expression at once
    qtbot.waitUntil(lambda: bar.filtered, timeout=20000)
    assert bar.field.text() == "$.path" and bar.status.text() == "1 match"

    _filter(qtbot, body, "$[")
    assert "JSONPath syntax error" in bar.status.text()

    bar.results.setFocus()
    qtbot.keyClick(bar.results, QtCore.Qt.Key.Key_Escape)  # Esc in the results closes the filter too
    assert not bar.filtered and not bar.isVisible()
    body.open_filter()
    assert _filter(qtbot, body, "$.path") == "1 match"
    window.window_actions.raw_view.trigger()  # Raw/Pretty bring the whole body back, the bar stays
    assert not bar.filtered and bar.isVisible()
    bar.close_bar()
    window.window_actions.pretty_view.trigger()

    type_url(qtbot, window, http_server.base_url + "/missing")  # text/plain: nothing to filter
    send_and_wait(qtbot, window)
    body.open_filter()
    assert bar.kind is None and "XML bodies (XPath) and JSON bodies" in bar.status.text()
    assert not bar.field.isEnabled()


def test_spooled_body_over_the_limit_says_it_is_too_large(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = BodyView()
    qtbot.addWidget(view)
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.write(b'{"a": "')
        handle.truncate(MAX_QUERY_BYTES + 10)
    view.filter_bar.set_body(b'{"a": "', "application/json", str(path))  # the filter only, not the pager
    view.show()
    view.open_filter()
    status = _filter(qtbot, view, "$.a")
    assert f"up to {MAX_QUERY_BYTES >> 20} MB" in status and not view.filter_bar.filtered


def test_spooled_body_within_the_limit_is_read_from_its_file(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = BodyView()
    qtbot.addWidget(view)
    path = tmp_path / "body.xml"
    path.write_bytes(b'<feed xmlns="http://www.w3.org/2005/Atom">' + b"<entry><id>x</id></entry>" * 500 + b"</feed>")
    view.filter_bar.set_body(b"<feed", "application/atom+xml", str(path))
    view.show()
    view.open_filter()
    assert _filter(qtbot, view, "//atom:id") == "500 matches"
