"""End to end through the real main window against a real loopback server."""

from __future__ import annotations

import json

from PySide6 import QtCore

from tests.ui.helpers import add_header, body_text, choose_method, header_rows, send_and_wait, type_url


def test_get_shows_status_headers_and_body(qtbot, workbench, http_server) -> None:
    window = workbench.window
    type_url(qtbot, window, http_server.base_url + "/echo/contacts?limit=5")
    add_header(qtbot, window, "X-Custom", "hello there")
    window.request_editor.url.setFocus()
    exchange = send_and_wait(qtbot, window)
    assert exchange.response is not None and exchange.response.status == 200
    assert window.response_view.status_line.code.text() == "200 OK"
    assert window.response_view.status_line.elapsed.text().endswith(("ms", "s"))
    assert header_rows(window)["x-echo"] == "yes"
    echoed = json.loads(body_text(window))
    assert echoed["method"] == "GET"
    assert echoed["query"] == "limit=5"
    assert echoed["headers"]["x-custom"] == "hello there"
    assert "Environment: Sandbox (not started)" in window.environment_label.text()
    assert window.response_view.timing.text_of("total_ms") != "–"


def test_post_body_with_default_content_type(qtbot, workbench, http_server) -> None:
    window = workbench.window
    editor = window.request_editor
    choose_method(qtbot, window, "POST")
    type_url(qtbot, window, http_server.base_url + "/echo/contacts")
    editor.tabs.setCurrentWidget(editor.body)
    editor.body.kind.setCurrentIndex(editor.body.kind.findText("XML"))
    body = '<entry xmlns="http://www.w3.org/2005/Atom"><title>x</title></entry>'
    editor.body_editor.setFocus()
    qtbot.keyClicks(editor.body_editor, body)
    exchange = send_and_wait(qtbot, window)
    assert exchange.response is not None and exchange.response.status == 200
    echoed = json.loads(body_text(window))
    assert echoed["method"] == "POST"
    assert echoed["body"] == body
    assert echoed["headers"]["content-type"] == "application/atom+xml"


def test_put_and_delete(qtbot, workbench, http_server) -> None:
    window = workbench.window
    choose_method(qtbot, window, "PUT")
    type_url(qtbot, window, http_server.base_url + "/echo/item")
    exchange = send_and_wait(qtbot, window)
    assert json.loads(body_text(window))["method"] == "PUT"
    choose_method(qtbot, window, "DELETE")
    type_url(qtbot, window, http_server.base_url + "/item")
    exchange = send_and_wait(qtbot, window)
    assert exchange.response is not None and exchange.response.status == 204
    assert window.response_view.status_line.code.text() == "204 No Content"
    assert body_text(window) == ""


def test_client_and_server_errors(qtbot, workbench, http_server) -> None:
    window = workbench.window
    type_url(qtbot, window, http_server.base_url + "/missing")
    send_and_wait(qtbot, window)
    assert window.response_view.status_line.code.text() == "404 Not Found"
    assert "#bf360c" in window.response_view.status_line.code.styleSheet()  # 4xx colour (AA with white)
    assert header_rows(window)["x-reason"] == "missing"
    assert "Error 404" in body_text(window)
    type_url(qtbot, window, http_server.base_url + "/boom")
    send_and_wait(qtbot, window)
    assert window.response_view.status_line.code.text() == "500 Internal Server Error"
    assert "#c62828" in window.response_view.status_line.code.styleSheet()  # 5xx colour
    assert "Error 500" in body_text(window)


def test_slow_request_cancelled_with_escape(qtbot, workbench, http_server) -> None:
    window = workbench.window
    type_url(qtbot, window, http_server.base_url + "/slow")
    qtbot.keyClick(window.request_editor.url, QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.send_controller.busy and window.window_actions.cancel.isEnabled(), timeout=3000)
    qtbot.wait(300)
    assert window.response_view.exchange is None  # still waiting for the slow answer
    editor = window.request_editor
    assert editor.cancel_button.isVisible() and not editor.send_button.isVisible()  # Cancel stands where Send was
    assert editor.cancel_button.width() == editor.send_button.width()
    qtbot.keyClick(window.request_editor.url, QtCore.Qt.Key.Key_Escape)
    assert not window.send_controller.busy  # idle at once, without waiting for the worker
    assert editor.send_button.isEnabled() and editor.send_button.isVisible() and not editor.cancel_button.isVisible()
    exchange = window.response_view.exchange
    assert exchange is not None and exchange.failure is not None
    assert exchange.failure.kind.value == "cancelled"
    assert window.response_view.status_line.code.text() == "Cancelled"
    qtbot.wait(500)  # the cancelled job's late result must not replace what is shown
    assert window.response_view.exchange is exchange


def test_refused_connection_is_explained_without_traceback(qtbot, workbench, closed_port) -> None:
    window = workbench.window
    type_url(qtbot, window, f"http://127.0.0.1:{closed_port}/nothing")
    exchange = send_and_wait(qtbot, window)
    assert exchange.failure is not None and exchange.failure.kind.value == "refused"
    panel = window.response_view.failure
    assert panel.isVisible()
    assert panel.title.text() == "Connection refused"
    assert "refused" in panel.message.text()
    assert "Traceback" not in panel.message.text()
    assert not panel.details.isVisible()
    qtbot.mouseClick(panel.details_button, QtCore.Qt.MouseButton.LeftButton)
    assert panel.details.isVisible() and panel.details.toPlainText()


def test_invalid_url_message(qtbot, workbench) -> None:
    window = workbench.window
    type_url(qtbot, window, "example.com/no-scheme")
    exchange = send_and_wait(qtbot, window)
    assert exchange.failure is not None
    assert "scheme" in window.response_view.failure.message.text()


def test_hostile_xml_shown_raw_with_note(qtbot, workbench, http_server) -> None:
    window = workbench.window
    type_url(qtbot, window, http_server.base_url + "/hostile")
    send_and_wait(qtbot, window)
    note = window.response_view.body.note
    assert note.isVisible() and "entities" in note.text()
    text = body_text(window)
    assert "<!ENTITY lol" in text and "&lol2;" in text  # shown as sent, never expanded
    assert "lollollol" not in text and "root:" not in text
