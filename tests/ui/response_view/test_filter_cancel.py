"""Stopping the response filter through the real window: a slow JSONPath on a large paged body
(filtered in the helper process) shows a busy bar and Stop, Esc stops it and leaves the view
usable, a new expression replaces one still running, and Stop does what Esc does."""

from __future__ import annotations

import json

import pytest
from PySide6 import QtCore

from tests.ui.helpers import send_and_wait, type_url
from tests.ui.response_view.bodies_server import BodiesServer

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore("propagateSizeHints", "QFont::")]
Key = QtCore.Qt.Key
DOC = json.dumps({"items": [{"id": n, "name": f"item {n}", "tags": ["a", "b", "c"]} for n in range(120_000)]}).encode()
SLOW = "$..tags[?(@ == 'c')]"  # every item walked in pure Python: seconds


@pytest.fixture
def large_json(qtbot, workbench, bodies: BodiesServer):  # type: ignore[no-untyped-def]
    window = workbench.window
    type_url(qtbot, window, bodies.serve("/items.json", "application/json", DOC))
    send_and_wait(qtbot, window, timeout_ms=60000)
    body = window.response_view.body
    assert body.paged_active and len(DOC) > 1 << 20
    qtbot.waitUntil(lambda: not body.paged_body.busy, timeout=60000)  # the helper is free again
    window.window_actions.filter_body.trigger()
    return body


def _start(qtbot, bar, expression: str) -> None:  # type: ignore[no-untyped-def]
    bar.field.setText(expression)
    qtbot.keyClick(bar.field, Key.Key_Return)


def test_esc_stops_a_slow_filter_and_the_view_stays_usable(qtbot, large_json) -> None:  # type: ignore[no-untyped-def]
    body = large_json
    bar = body.filter_bar
    _start(qtbot, bar, SLOW)
    assert bar.running and bar.busy.isVisible() and bar.stop_button.isVisible()
    assert bar.status.text() == "Filtering… (Esc stops)"
    qtbot.keyClick(bar.field, Key.Key_Escape)
    assert not bar.running and not bar.busy.isVisible() and not bar.stop_button.isVisible()
    assert bar.status.text() == "Filter stopped." and bar.isVisible(), "the first Esc stops, it does not close"
    assert body.paged_active and not bar.filtered
    _start(qtbot, bar, "$.items[7].name")  # the next filter runs (a fresh helper if the old one was killed)
    qtbot.waitUntil(lambda: not bar.running, timeout=60000)
    assert bar.status.text() == "1 match" and bar.results.toPlainText() == '"item 7"'
    qtbot.keyClick(bar.field, Key.Key_Escape)  # nothing running: Esc closes and the body comes back
    assert not bar.isVisible() and body.paged_active


def test_a_new_expression_replaces_the_one_running_and_stop_stops(qtbot, large_json) -> None:  # type: ignore[no-untyped-def]
    bar = large_json.filter_bar
    _start(qtbot, bar, SLOW)
    _start(qtbot, bar, "$.items[2].id")
    qtbot.waitUntil(lambda: not bar.running, timeout=60000)
    assert bar.status.text() == "1 match" and bar.results.toPlainText() == "2"
    _start(qtbot, bar, SLOW)
    qtbot.mouseClick(bar.stop_button, QtCore.Qt.MouseButton.LeftButton)
    assert not bar.running and bar.status.text() == "Filter stopped."
    assert bar.results.toPlainText() == "2", "what was on screen stays"


def test_a_bad_expression_is_one_line(qtbot, large_json) -> None:  # type: ignore[no-untyped-def]
    bar = large_json.filter_bar
    _start(qtbot, bar, "$.items[?(@.id >")
    qtbot.waitUntil(lambda: not bar.running, timeout=60000)
    assert bar.status.text().startswith("JSONPath syntax error") and "\n" not in bar.status.text()
    assert bar.status.property("error") is True
