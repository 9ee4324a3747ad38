"""Request tabs on the real Workbench (issue 12): each tab owns its request, body undo history,
unsaved state, response, explanation and pending fix; editor keys; drafts bring the tabs back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import BodyKind, Exchange, RequestModel, ResponseRecord
from ctct_desktop.resources import resource_path
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.collection_ops import new_request
from ctct_desktop.store.drafts import DraftStore
from ctct_desktop.store.request_file import load_request
from ctct_desktop.ui.documents.titles import window_title
from tests.ui.helpers import send_and_wait

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
SHIFT = QtCore.Qt.KeyboardModifier.ShiftModifier
Button = QtWidgets.QMessageBox.StandardButton
CONTACTS = ("templates", "v1", "Contacts")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = (tmp_path / "shop").resolve()
    root.mkdir()
    create_collection(root, "Shop")
    new_request(root, "Get lists", RequestModel(method="GET", url="http://127.0.0.1:9/lists"))
    new_request(root, "Add list", RequestModel(method="POST", url="http://127.0.0.1:9/lists",
                                               body="<entry/>", body_kind=BodyKind.XML))
    return root


def _answers(monkeypatch: pytest.MonkeyPatch, *buttons: Button) -> list[str]:
    """Answer the next message boxes with ``buttons`` in turn; returns what they asked."""
    asked: list[str] = []
    queue = list(buttons)

    def answer(box: QtWidgets.QMessageBox) -> int:
        asked.append(box.text())
        return int((queue.pop(0) if queue else Button.Cancel).value)

    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", answer)
    return asked


def _labels(bench) -> list[str]:  # type: ignore[no-untyped-def]
    bar = bench.documents.bar
    return [bar.tabText(i) for i in range(bar.count())]


def _key(qtbot, bench, key: QtCore.Qt.Key, modifiers: QtCore.Qt.KeyboardModifier = CTRL) -> None:  # type: ignore[no-untyped-def]
    bench.window.activateWindow()
    qtbot.keyClick(bench.window.request_editor.url, key, modifiers)


def _open(bench, path: Path) -> None:  # type: ignore[no-untyped-def]
    bench.saved_work.collections.request_opened.emit(load_request(path))


def test_the_tab_bar_is_an_editor_s(workbench) -> None:  # type: ignore[no-untyped-def]
    bar = workbench.documents.bar
    assert bar.isVisible() and bar.documentMode() and bar.tabsClosable() and bar.isMovable()
    assert bar.elideMode() == QtCore.Qt.TextElideMode.ElideRight
    editor = workbench.window.request_editor
    assert bar.geometry().bottom() <= editor.geometry().top() + bar.parentWidget().geometry().top() + 1
    assert _labels(workbench) == ["New request"]
    assert "Not saved to a file yet" in bar.tabToolTip(0)


def test_each_tab_keeps_its_request_and_its_body_undo_history(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    editor = workbench.window.request_editor
    editor.set_model(RequestModel(method="POST", url="http://127.0.0.1:9/a", body="<a/>", body_kind=BodyKind.XML))
    body = editor.body_editor
    body.moveCursor(QtGui.QTextCursor.MoveOperation.End)
    qtbot.keyClicks(body, "<typed-in-a/>")
    _key(qtbot, workbench, QtCore.Qt.Key.Key_N)
    assert len(_labels(workbench)) == 2 and workbench.documents.bar.currentIndex() == 1
    assert editor.url.text() == "" and editor.body.text() == ""
    qtbot.keyClicks(editor.url, "http://127.0.0.1:9/b")
    _key(qtbot, workbench, QtCore.Qt.Key.Key_Tab)  # Ctrl+Tab wraps to the first tab
    assert editor.url.text() == "http://127.0.0.1:9/a"
    assert editor.body.text() == "<a/><typed-in-a/>"
    assert body.document().isUndoAvailable()
    body.undo()  # the typing made in this tab, and only that, goes away
    assert editor.body.text() == "<a/>"
    _key(qtbot, workbench, QtCore.Qt.Key.Key_PageDown)
    assert editor.url.text() == "http://127.0.0.1:9/b"
    assert not body.document().isUndoAvailable()
    _key(qtbot, workbench, QtCore.Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert editor.url.text() == "http://127.0.0.1:9/a"


def test_ctrl_w_asks_and_ctrl_shift_t_brings_the_unsaved_tab_back(qtbot, workbench,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    editor = workbench.window.request_editor
    qtbot.keyClicks(editor.url, "http://127.0.0.1:9/keep-me")
    assert _labels(workbench) == ["New request •"]
    asked = _answers(monkeypatch, Button.Cancel)
    _key(qtbot, workbench, QtCore.Qt.Key.Key_W)
    assert asked and "New request" in asked[0] and "closing it" in asked[0]
    assert editor.url.text() == "http://127.0.0.1:9/keep-me"
    _answers(monkeypatch, Button.Discard)
    _key(qtbot, workbench, QtCore.Qt.Key.Key_W)
    assert _labels(workbench) == ["New request"]  # the last tab leaves one blank new request
    assert editor.url.text() == ""
    assert "New request[*] — " in workbench.window.windowTitle() and not workbench.window.isWindowModified()
    _key(qtbot, workbench, QtCore.Qt.Key.Key_T, CTRL | SHIFT)
    assert editor.url.text() == "http://127.0.0.1:9/keep-me"
    assert _labels(workbench)[workbench.documents.bar.currentIndex()] == "New request •"
    assert workbench.window.isWindowModified()


def test_opening_an_open_request_switches_to_it_and_offers_revert(qtbot, workbench, shop: Path,  # type: ignore[no-untyped-def]
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    panel = workbench.saved_work.collections
    assert panel.add_collection(shop)
    qtbot.waitUntil(lambda: not panel.busy and panel.collection(shop) is not None, timeout=10_000)
    editor = workbench.window.request_editor
    _open(workbench, shop / "Get lists.ctct.toml")
    assert _labels(workbench) == ["Get lists"]  # it took the unused blank tab's place
    assert str(shop / "Get lists.ctct.toml") in workbench.documents.bar.tabToolTip(0)
    qtbot.keyClicks(editor.url, "?edited=1")
    _open(workbench, shop / "Add list.ctct.toml")
    assert _labels(workbench) == ["Get lists •", "Add list"]
    asked = _answers(monkeypatch, Button.Cancel)
    _open(workbench, shop / "Get lists.ctct.toml")
    assert asked == ["Revert to the saved file?"]
    assert workbench.documents.bar.currentIndex() == 0 and editor.url.text().endswith("?edited=1")
    _answers(monkeypatch, Button.Yes)
    _open(workbench, shop / "Get lists.ctct.toml")
    assert editor.url.text() == "http://127.0.0.1:9/lists"
    assert _labels(workbench) == ["Get lists", "Add list"] and not workbench.window.isWindowModified()
    qtbot.keyClicks(editor.url, "?again=1")
    _answers(monkeypatch, Button.Yes)
    assert workbench.documents.revert()  # File → Revert asks, then reloads
    assert editor.url.text() == "http://127.0.0.1:9/lists"


def test_an_opened_request_shows_no_old_response_and_opens_on_its_body(qtbot, workbench, http_server) -> None:  # type: ignore[no-untyped-def]
    window, editor = workbench.window, workbench.window.request_editor
    editor.set_model(RequestModel(url=http_server.base_url + "/missing"))
    assert send_and_wait(qtbot, window).response.status == 404
    assert window.response_view.status_line.code.text().startswith("404")
    workbench.documents.open(load_request(resource_path(*CONTACTS, "Create contact.ctct.toml")))
    assert window.response_view.exchange is None
    assert "No response yet" in window.response_view.status_line.code.text()
    assert window.response_view.headers.rowCount() == 0
    assert not workbench.card.isVisible()
    assert editor.tabs.currentWidget() is editor.body
    workbench.documents.open(load_request(resource_path(*CONTACTS, "Get contact.ctct.toml")))
    assert editor.tabs.currentWidget() is editor.params
    workbench.documents.bar.setCurrentIndex(0)  # the tab that got the 404 still has it
    assert window.response_view.status_line.code.text().startswith("404")


def test_a_pending_fix_of_one_tab_is_never_offered_in_another(qtbot, sandbox_workbench) -> None:  # type: ignore[no-untyped-def]
    bench = sandbox_workbench
    window, card = bench.window, bench.card
    bench.documents.open(load_request(resource_path(*CONTACTS, "Create contact.ctct.toml")))
    send_and_wait(qtbot, window)
    assert send_and_wait(qtbot, window).response.status == 409
    qtbot.waitUntil(lambda: card.shown is not None, timeout=10000)
    card.findChild(QtWidgets.QPushButton, "action-find-and-update-contact").click()
    assert bench.explainer.session.pending is not None
    bench.documents.new(RequestModel(url=bench.sandbox.info.account_url + "/lists", auth=window.request_editor
                                     .to_model().auth))
    assert not card.isVisible() and window.response_view.exchange is None
    got = send_and_wait(qtbot, window)
    assert got.response is not None and got.response.status == 200
    assert card.findChild(QtWidgets.QPushButton, "follow-up") is None
    assert bench.explainer.session.pending is None
    bench.explainer.continue_follow_up()  # even forced, nothing builds the PUT here
    assert window.request_editor.to_model().method == "GET"
    bench.documents.bar.setCurrentIndex(0)  # back in the first tab: its own 409, its own fix
    assert window.response_view.exchange is not None and window.response_view.exchange.response.status == 409
    assert bench.explainer.session.pending is not None


def _record(bench, status: int, reason: str, url: str) -> int:  # type: ignore[no-untyped-def]
    request = RequestModel(method="POST", url=url, body="<entry/>", body_kind=BodyKind.XML)
    response = ResponseRecord(status=status, reason=reason, http_version="HTTP/1.1",
                              headers=(("Content-Type", "text/plain"),), body=b"conflict", url=url, elapsed_ms=3.0)
    return int(bench.history.record(Exchange(request=request, response=response, sent_url=url)))


def test_history_restore_opens_a_new_tab_and_explains_the_entry(qtbot, workbench, http_server) -> None:  # type: ignore[no-untyped-def]
    window, card = workbench.window, workbench.card
    editor = window.request_editor
    editor.set_model(RequestModel(url=http_server.base_url + "/missing"))
    assert send_and_wait(qtbot, window).response.status == 404
    qtbot.waitUntil(lambda: card.shown is not None, timeout=10000)
    first_card = card.shown.article_id
    qtbot.keyClicks(editor.url, "?unsaved=edit")
    entry = _record(workbench, 409, "Conflict", "http://127.0.0.1:9/ws/customers/joe/contacts")
    workbench.saved_work.open_history_record(workbench.history.get(entry))
    assert len(_labels(workbench)) == 2 and workbench.documents.bar.currentIndex() == 1
    assert editor.url.text() == "http://127.0.0.1:9/ws/customers/joe/contacts"
    assert window.response_view.status_line.code.text().startswith("409")
    qtbot.waitUntil(lambda: card.shown is not None and card.shown.article_id != first_card, timeout=10000)
    assert "409" in card.shown.article_id
    workbench.documents.bar.setCurrentIndex(0)  # the unsaved edits were never touched
    assert editor.url.text().endswith("?unsaved=edit")
    assert card.shown is not None and card.shown.article_id == first_card


def test_closing_the_window_asks_once_for_every_unsaved_tab(qtbot, workbench,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    editor = workbench.window.request_editor
    qtbot.keyClicks(editor.url, "http://127.0.0.1:9/one")
    workbench.documents.new()
    qtbot.keyClicks(editor.url, "http://127.0.0.1:9/two")
    workbench.documents.new()  # a third, untouched: nothing to ask about
    asked = _answers(monkeypatch, Button.Cancel)
    assert workbench.documents.confirm_close() is False
    assert len(asked) == 1 and "2 requests have unsaved changes" in asked[0]
    assert asked[0].count("• New request") == 2
    assert len(_labels(workbench)) == 3


def _restart(qtbot):  # type: ignore[no-untyped-def]
    from ctct_desktop.app import Workbench

    bench = Workbench(start_sandbox=False)
    qtbot.addWidget(bench.window)
    return bench


def _three_tabs(qtbot, workbench, shop: Path) -> None:  # type: ignore[no-untyped-def]
    """Get lists (as saved), a new request typed into, Add list edited: in that order."""
    panel = workbench.saved_work.collections
    assert panel.add_collection(shop)
    qtbot.waitUntil(lambda: not panel.busy and panel.collection(shop) is not None, timeout=10_000)
    editor = workbench.window.request_editor
    workbench.documents.set_autosave_ms(50)
    _open(workbench, shop / "Get lists.ctct.toml")
    workbench.documents.new()
    qtbot.keyClicks(editor.url, "http://127.0.0.1:9/unsaved-two")
    _open(workbench, shop / "Add list.ctct.toml")
    qtbot.keyClicks(editor.url, "?three")
    drafts = workbench.documents.drafts
    qtbot.waitUntil(lambda: len([d for d in drafts.load_all() if d.request.url.endswith(("two", "three"))]) == 2,
                    timeout=5000)


def test_after_a_crash_every_unsaved_tab_comes_back_in_order(qtbot, workbench, shop: Path) -> None:  # type: ignore[no-untyped-def]
    _three_tabs(qtbot, workbench, shop)
    second = _restart(qtbot)  # the first never closed: as after a crash or a kill
    try:
        assert second.recovered
        assert _labels(second) == ["New request •", "Add list •"]
        assert second.window.request_editor.url.text() == "http://127.0.0.1:9/lists?three"
        second.documents.bar.setCurrentIndex(0)
        assert second.window.request_editor.url.text() == "http://127.0.0.1:9/unsaved-two"
    finally:
        second.shutdown()


def test_after_closing_the_tabs_and_the_front_one_come_back(qtbot, workbench, shop: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _three_tabs(qtbot, workbench, shop)
    workbench.documents.bar.setCurrentIndex(2)
    asked = _answers(monkeypatch, Button.Discard)
    assert workbench.documents.confirm_close() is True
    assert len(asked) == 1
    second = _restart(qtbot)
    try:
        assert second.recovered
        assert _labels(second) == ["Get lists", "Add list"]  # the discarded new request is gone
        assert second.documents.bar.currentIndex() == 1
        assert second.window.request_editor.url.text() == "http://127.0.0.1:9/lists"
    finally:
        second.shutdown()


def test_a_single_draft_of_an_older_version_comes_back_as_one_tab(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    drafts: DraftStore = workbench.documents.drafts
    drafts.save("current", RequestModel(url="http://127.0.0.1:9/old"), {"path": "", "name": "Old one",
                                                                        "description": ""})
    assert workbench.documents.recover()
    assert _labels(workbench) == ["Old one •"]
    assert workbench.window.request_editor.url.text() == "http://127.0.0.1:9/old"


def test_the_title_names_the_request_then_the_app_once(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    window = workbench.window
    display = QtGui.QGuiApplication.applicationDisplayName()
    assert display == "CTCT Desktop"
    title = window.windowTitle()
    assert title == "New request[*] — CTCT Desktop" == window_title("New request")
    # What the platform shows: Qt appends " — <display name>" unless the title already ends with it.
    shown = title if title.endswith(display) else f"{title} — {display}"
    assert shown.count("CTCT Desktop") == 1
    qtbot.keyClicks(window.request_editor.url, "x")
    assert window.isWindowModified()


class _HeldServer:
    """A loopback server whose one route answers only when the test lets it (no timing involved)."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.release = threading.Event()
        self.arrived = threading.Event()
        held = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
                pass

            def do_GET(self) -> None:  # noqa: N802 - stdlib API
                held.arrived.set()
                held.release.wait(30)
                body = b"held answer"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/held"

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def test_a_response_that_arrives_after_switching_tabs_stays_with_its_own_tab(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    held = _HeldServer()
    window = workbench.window
    try:
        window.request_editor.set_model(RequestModel(url=held.url))
        window.send_current()
        qtbot.waitUntil(held.arrived.is_set, timeout=10_000)
        workbench.documents.new(RequestModel(url="http://127.0.0.1:9/other"))
        held.release.set()
        qtbot.waitUntil(lambda: not window.send_controller.busy, timeout=10_000)
        assert window.response_view.exchange is None  # the other tab's answer is not shown here
        assert "No response yet" in window.response_view.status_line.code.text()
        assert workbench.exports.last is None and not workbench.exports.export.isEnabled()
        menu = workbench.documents.tab_actions.open_menu
        menu.aboutToShow.emit()
        assert [a.text() for a in menu.actions()] == ["New request •", "New request"]
        menu.actions()[0].trigger()  # View → Open requests → the first tab
        shown = window.response_view.exchange
        assert shown is not None and shown.response is not None and shown.response.status == 200
        qtbot.waitUntil(lambda: not window.response_view.body.busy, timeout=10_000)
        assert "held answer" in window.response_view.body.current_editor.toPlainText()
        assert workbench.exports.last is not None and workbench.exports.export.isEnabled()
    finally:
        held.stop()


def test_a_middle_click_closes_the_tab_under_the_pointer(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    workbench.documents.new(RequestModel(url="http://127.0.0.1:9/second"))
    bar = workbench.documents.bar
    assert bar.count() == 2
    qtbot.mouseClick(bar, QtCore.Qt.MouseButton.MiddleButton, pos=bar.tabRect(1).center())
    assert bar.count() == 1
    assert workbench.window.request_editor.url.text() == ""


def test_two_drafts_of_one_file_come_back_as_one_tab(qtbot, workbench, shop: Path) -> None:  # type: ignore[no-untyped-def]
    drafts: DraftStore = workbench.documents.drafts
    path = str(shop / "Get lists.ctct.toml")
    drafts.save("tab-aaaa", RequestModel(url="http://127.0.0.1:9/lists?first"),
                {"path": path, "name": "Get lists", "tab_order": "0"})
    drafts.save("tab-bbbb", RequestModel(url="http://127.0.0.1:9/lists?second"),
                {"path": path, "name": "Get lists", "tab_order": "1"})
    assert workbench.documents.recover()
    assert _labels(workbench) == ["Get lists •"]
    assert workbench.window.request_editor.url.text().endswith("?first")
    assert not drafts.path_of("tab-bbbb").exists()


def test_problems_follow_the_shown_tab(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    problems = workbench.problems
    broken = RequestModel(method="POST", url="https://api.constantcontact.com/ws/customers/joe/contacts",
                          body="<entry><title/></entry>", body_kind=BodyKind.XML)
    workbench.window.request_editor.set_model(broken)
    qtbot.waitUntil(lambda: any(d.code == "L001" for d in problems.diagnostics()), timeout=10_000)
    workbench.documents.new(RequestModel(url="https://api.constantcontact.com/ws/customers/joe/lists"))
    qtbot.waitUntil(lambda: not any(d.code == "L001" for d in problems.diagnostics()), timeout=10_000)
    workbench.documents.step(-1)
    qtbot.waitUntil(lambda: any(d.code == "L001" for d in problems.diagnostics()), timeout=10_000)
    assert workbench.window.request_editor.body.text() == "<entry><title/></entry>"


def test_undo_change_belongs_to_the_tab_whose_request_it_changed(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    window, editor = workbench.window, workbench.window.request_editor
    editor.set_model(RequestModel(url="http://127.0.0.1:9/a"))
    editor.apply_change(RequestModel(method="PUT", url="http://127.0.0.1:9/a/fixed"), "A fix")
    assert window.undo_change.isEnabled()
    workbench.documents.new(RequestModel(url="http://127.0.0.1:9/b"))
    assert not window.undo_change.isEnabled()  # nothing of tab A's can be undone over tab B
    window.undo_change.trigger()
    assert editor.url.text() == "http://127.0.0.1:9/b"
    workbench.documents.step(-1)
    assert window.undo_change.isEnabled()
    window.undo_change.trigger()
    assert editor.url.text() == "http://127.0.0.1:9/a" and editor.to_model().method == "GET"


def test_a_second_tab_s_draft_keeps_no_secret(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.core.models import Auth, AuthKind

    documents = workbench.documents
    documents.set_autosave_ms(20)
    documents.new()
    editor = workbench.window.request_editor
    editor.set_model(RequestModel(url="http://127.0.0.1:9/secret-tab",
                                  auth=Auth(AuthKind.BASIC, username="joe", password="hunter2")))
    draft_id = documents.tabs.current.draft_id
    assert draft_id != "current"
    target = documents.drafts.path_of(draft_id)
    qtbot.waitUntil(lambda: target.is_file() and "secret-tab" in target.read_text(encoding="utf-8"), timeout=5000)
    assert "hunter2" not in target.read_text(encoding="utf-8")


def test_the_tab_menu_closes_the_other_tabs_and_stops_at_cancel(qtbot, workbench,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    documents = workbench.documents
    documents.new(RequestModel(url="http://127.0.0.1:9/two"))
    documents.new(RequestModel(url="http://127.0.0.1:9/three"))
    workbench.window.request_editor.url.end(False)  # Ctrl+N selected the URI for typing over
    qtbot.keyClicks(workbench.window.request_editor.url, "?unsaved")
    documents.step(-1)  # the middle tab is shown
    menu = documents.tab_actions.tab_menu_for(1)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Close tab", "Close &other tabs", "Reopen closed &tab"]
    asked = _answers(monkeypatch, Button.Cancel)
    menu.actions()[1].trigger()  # the first goes; the third has unsaved changes and the user keeps it
    assert len(asked) == 1
    assert _labels(workbench) == ["New request", "New request •"]
    assert workbench.window.request_editor.url.text() == "http://127.0.0.1:9/three?unsaved"
