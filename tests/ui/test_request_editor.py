"""The request editor on the real window: URI <-> params sync, Content-Type, auth, TLS, Format."""

from __future__ import annotations

import json

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from tests.ui.helpers import add_header, body_text, send_and_wait, type_url


def _edit_cell(qtbot, table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    table.table.setFocus()
    table.table.setCurrentCell(row, column)
    qtbot.keyClick(table.table, QtCore.Qt.Key.Key_F2)
    editor = QtWidgets.QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.table.item(row, column).text() == text, timeout=2000)


def test_typing_the_uri_fills_the_params_table(qtbot, workbench) -> None:
    editor = workbench.window.request_editor
    type_url(qtbot, workbench.window, "http://127.0.0.1:1/contacts?email=a%2Bb%40example.com&status=ACTIVE")
    rows = editor.params.rows()
    assert [(r.name, r.value) for r in rows] == [("email", "a+b@example.com"), ("status", "ACTIVE")]
    # the URI is left exactly as typed: the table never rewrites what the user is typing
    assert editor.url.text() == "http://127.0.0.1:1/contacts?email=a%2Bb%40example.com&status=ACTIVE"
    assert editor.url.cursorPosition() == len(editor.url.text())


def test_params_table_builds_an_encoded_uri(qtbot, workbench, http_server) -> None:
    window = workbench.window
    editor = window.request_editor
    type_url(qtbot, window, http_server.base_url + "/echo/contacts?email=x")
    editor.tabs.setCurrentWidget(editor.params)
    _edit_cell(qtbot, editor.params, 0, 2, "a+b@example.com")
    assert editor.url.text() == http_server.base_url + "/echo/contacts?email=a%2Bb%40example.com"
    exchange = send_and_wait(qtbot, window)
    assert exchange.response is not None
    assert json.loads(body_text(window))["query"] == "email=a%2Bb%40example.com"


def test_unticked_param_leaves_the_uri_but_stays_in_the_table(qtbot, workbench) -> None:
    editor = workbench.window.request_editor
    type_url(qtbot, workbench.window, "http://127.0.0.1:1/c?a=1&b=2")
    item = editor.params.table.item(0, 0)
    item.setCheckState(QtCore.Qt.CheckState.Unchecked)
    assert editor.url.text() == "http://127.0.0.1:1/c?b=2"
    assert [(r.enabled, r.name) for r in editor.params.rows()] == [(False, "a"), (True, "b")]
    type_url(qtbot, workbench.window, "http://127.0.0.1:1/c?b=3")
    assert [(r.enabled, r.name, r.value) for r in editor.params.rows()] == [(True, "b", "3"), (False, "a", "1")]


def test_body_kind_sets_content_type_unless_user_chose_one(qtbot, workbench) -> None:
    editor = workbench.window.request_editor
    kind = editor.body.kind
    kind.setCurrentIndex(kind.findText("JSON"))
    assert editor.to_model().header("Content-Type") == "application/json"
    kind.setCurrentIndex(kind.findText("XML"))
    assert editor.to_model().header("Content-Type") == "application/atom+xml"
    assert [r.name for r in editor.headers.rows()].count("Content-Type") == 1
    kind.setCurrentIndex(kind.findText("No body"))
    assert editor.to_model().header("Content-Type") is None
    add_header(qtbot, workbench.window, "Content-Type", "application/xml")
    kind.setCurrentIndex(kind.findText("JSON"))
    assert editor.to_model().header("Content-Type") == "application/xml"  # the user's choice wins


def test_editing_the_default_content_type_makes_it_the_users(qtbot, workbench) -> None:
    editor = workbench.window.request_editor
    kind = editor.body.kind
    kind.setCurrentIndex(kind.findText("XML"))
    editor.tabs.setCurrentWidget(editor.headers)
    _edit_cell(qtbot, editor.headers, 0, 2, "application/vnd.ctct+xml")
    kind.setCurrentIndex(kind.findText("JSON"))
    assert editor.to_model().header("Content-Type") == "application/vnd.ctct+xml"


def test_typing_a_body_without_a_kind_picks_one(qtbot, workbench) -> None:
    editor = workbench.window.request_editor
    editor.body_editor.setFocus()
    qtbot.keyClicks(editor.body_editor, '{"a": 1}')
    assert editor.body.body_kind() is BodyKind.JSON
    assert editor.to_model().body == '{"a": 1}'


def test_ctct_basic_composes_apikey_percent_username(qtbot, workbench) -> None:
    auth = workbench.window.request_editor.auth
    auth.kind.setCurrentIndex(auth.kind.findText("Constant Contact v1 Basic"))
    qtbot.keyClicks(auth.api_key, "key+1/2")
    qtbot.keyClicks(auth.ctct_user, "joe@flowers")
    qtbot.keyClicks(auth.ctct_password, "pw")
    assert auth.composed.text() == "key+1/2%joe@flowers"  # literal %, nothing URL-encoded
    model = workbench.window.request_editor.to_model()
    assert model.auth == Auth(AuthKind.CTCT_BASIC, username="joe@flowers", password="pw", api_key="key+1/2")
    assert model.auth.basic_user() == "key+1/2%joe@flowers"


def test_ctct_basic_reaches_the_server(qtbot, workbench, http_server) -> None:
    window = workbench.window
    window.request_editor.set_model(RequestModel(url=http_server.base_url + "/echo/me",
                                                 auth=Auth(AuthKind.CTCT_BASIC, "joe", "pw", "KEY")))
    window.request_editor.url.setFocus()
    send_and_wait(qtbot, window)
    import base64

    sent = json.loads(body_text(window))["headers"]["authorization"]
    assert base64.b64decode(sent.split()[1]).decode() == "KEY%joe:pw"


def test_bearer_and_basic_round_trip(workbench) -> None:
    editor = workbench.window.request_editor
    for auth in (Auth(AuthKind.BEARER, token="tok"), Auth(AuthKind.BASIC, username="u", password="p"), Auth()):
        editor.set_model(RequestModel(url="http://127.0.0.1:1/", auth=auth))
        assert editor.to_model().auth == auth


def test_verify_tls_badge(qtbot, workbench) -> None:
    editor = workbench.window.request_editor
    assert editor.options.verify_tls.isChecked()
    assert not editor.tls_badge.isVisible()
    editor.tabs.setCurrentWidget(editor.options)
    editor.options.verify_tls.setFocus()
    qtbot.keyClick(editor.options.verify_tls, QtCore.Qt.Key.Key_Space)
    assert editor.tls_badge.isVisible()
    assert editor.to_model().verify_tls is False
    editor.set_model(RequestModel(url="https://example.invalid/", verify_tls=True))
    assert not editor.tls_badge.isVisible()


def test_set_model_round_trips(workbench) -> None:
    editor = workbench.window.request_editor
    model = RequestModel(method="PATCH", url="http://127.0.0.1:9/x?q=a%20b",
                         headers=(Header("Accept", "application/json"), Header("X-Off", "1", enabled=False)),
                         body="<a/>", body_kind=BodyKind.XML, timeout_s=12.5, verify_tls=False,
                         follow_redirects=True)
    editor.set_model(model)
    assert editor.to_model() == model
    assert [(r.name, r.value) for r in editor.params.rows()] == [("q", "a b")]


def test_custom_method(qtbot, workbench, http_server) -> None:
    window = workbench.window
    combo = window.request_editor.method
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "purge")
    type_url(qtbot, window, http_server.base_url + "/echo/cache")
    send_and_wait(qtbot, window)
    assert json.loads(body_text(window))["method"] == "PURGE"


def test_format_body_is_one_undo_step(qtbot, workbench) -> None:
    window = workbench.window
    editor = window.request_editor
    ugly = '<entry xmlns="http://www.w3.org/2005/Atom"><title>x</title></entry>'
    editor.set_model(RequestModel(body=ugly, body_kind=BodyKind.XML))
    editor.body_editor.setFocus()
    qtbot.keyClick(editor.body_editor, QtCore.Qt.Key.Key_F, QtCore.Qt.KeyboardModifier.ControlModifier
                   | QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert editor.body.text() == '<entry xmlns="http://www.w3.org/2005/Atom">\n  <title>x</title>\n</entry>\n'
    qtbot.keyClick(editor.body_editor, QtCore.Qt.Key.Key_Z, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert editor.body.text() == ugly


def test_format_reports_broken_xml_instead_of_changing_it(qtbot, workbench) -> None:
    window = workbench.window
    editor = window.request_editor
    editor.set_model(RequestModel(body="<a><b></a>", body_kind=BodyKind.XML))
    window.window_actions.format_body.trigger()
    assert editor.body.text() == "<a><b></a>"
    assert "Shown raw" in window.activity_label.text() or "line" in window.activity_label.text()


def test_body_highlighting_and_gutter_markers(qtbot, workbench) -> None:
    editor = workbench.window.request_editor
    editor.tabs.setCurrentWidget(editor.body)
    editor.set_model(RequestModel(body='<a x="1">\n  <!-- c -->\n</a>', body_kind=BodyKind.XML))
    block = editor.body_editor.document().firstBlock()
    qtbot.waitUntil(lambda: len(block.layout().formats()) > 0, timeout=2000)
    starts = {(f.start, f.length) for f in block.layout().formats()}
    assert (0, 2) in starts  # "<a" as a tag
    editor.set_gutter_markers({2: "error"})
    assert editor.body_editor.gutter_markers() == {2: "error"}


def test_large_request_body_is_highlighted_from_the_helper_process(qtbot, workbench) -> None:
    from ctct_desktop.ui import offload

    editor = workbench.window.request_editor
    editor.tabs.setCurrentWidget(editor.body)
    body = "<feed>\n" + "".join(f'  <entry id="{i}">x</entry>\n' for i in range(12000)) + "</feed>\n"
    assert len(body) > 200_000
    editor.set_model(RequestModel(body=body, body_kind=BodyKind.XML))
    block = editor.body_editor.document().findBlockByNumber(1)
    qtbot.waitUntil(lambda: len(block.layout().formats()) > 0, timeout=60000)  # the helper process starts cold; on a loaded 2-core machine that took >20 s
    ranges = block.layout().formats()
    assert (ranges[0].start, ranges[0].length) == (2, 6)  # "<entry"
    offload.shutdown()
