"""The main window's shell: menus and shortcuts, docks, card slot, find, environments, saved state."""

from __future__ import annotations

import json

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, RequestModel
from ctct_desktop.send import SendPlan
from ctct_desktop.core.paths import app_dirs
from tests.ui.helpers import send_and_wait, type_url

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def test_menus_hold_every_command_with_its_shortcut(workbench) -> None:
    window = workbench.window
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Request", "Response", "&View", "&Help"]
    request = [a.text() for a in window.menus["request"].actions()]
    assert request == ["&Send", "&Cancel", "&Format body", "Focus &URL", "&Export exchange for support…",
                       "Copy as cU&RL", "Export re&quest as", "Copy &as"]
    keys = {a.text(): [s.toString() for s in a.shortcuts()] for a in window.window_actions.all()}
    assert keys["&Send"] == ["Ctrl+Return", "Ctrl+Enter"]
    assert keys["&Cancel"] == ["Esc"]
    assert keys["&Format body"] == ["Ctrl+Shift+F"]
    assert keys["Focus &URL"] == ["Ctrl+L"]
    assert keys["&Find…"] == ["Ctrl+F"]
    assert all(a.toolTip() for a in window.window_actions.all())


def test_ctrl_l_focuses_the_uri(qtbot, workbench) -> None:
    window = workbench.window
    window.request_editor.body_editor.setFocus()
    qtbot.keyClick(window.request_editor.body_editor, QtCore.Qt.Key.Key_L, CTRL)
    assert QtWidgets.QApplication.focusWidget() is window.request_editor.url


def test_ctrl_enter_sends_from_the_body_editor(qtbot, workbench, http_server) -> None:
    window = workbench.window
    window.request_editor.set_model(RequestModel(method="POST", url=http_server.base_url + "/echo/x",
                                                 body="a=1", body_kind=BodyKind.FORM))
    window.request_editor.body_editor.setFocus()
    send_and_wait(qtbot, window)
    assert window.request_editor.body.text() == "a=1"  # Ctrl+Enter sent; it did not type a newline
    echoed = json.loads(window.response_view.exchange.response.body)
    assert echoed["headers"]["content-type"] == "application/x-www-form-urlencoded"


def test_find_bar_in_the_response_body(qtbot, workbench, http_server) -> None:
    window = workbench.window
    type_url(qtbot, window, http_server.base_url + "/missing")
    send_and_wait(qtbot, window)
    body = window.response_view.body.current_editor
    body.setFocus()
    qtbot.keyClick(body, QtCore.Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and QtWidgets.QApplication.focusWidget() is bar.field
    qtbot.keyClicks(bar.field, "resource")
    qtbot.keyClick(bar.field, QtCore.Qt.Key.Key_Return)
    assert body.textCursor().selectedText() == "resource"
    bar.case.setChecked(True)
    bar.field.setText("RESOURCE")
    assert not bar.find_next()
    assert bar.status.text() == "Not found"
    qtbot.keyClick(bar.field, QtCore.Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_panels_card_and_environments_extension_points(qtbot, workbench) -> None:
    window = workbench.window
    tree = QtWidgets.QLabel("collections")
    dock = window.add_left_panel(tree, "Collections")
    assert window.dockWidgetArea(dock) == QtCore.Qt.DockWidgetArea.LeftDockWidgetArea
    problems = window.add_bottom_panel(QtWidgets.QLabel("problems"), "Problems")
    history = window.add_bottom_panel(QtWidgets.QLabel("history"), "History")
    assert window.dockWidgetArea(history) == QtCore.Qt.DockWidgetArea.BottomDockWidgetArea
    qtbot.waitUntil(lambda: history in window.tabifiedDockWidgets(problems), timeout=2000)
    assert dock.toggleViewAction() in window.menus["view"].actions()
    card = QtWidgets.QLabel("explanation")
    window.response_view.set_card_widget(card)
    assert card.parent() is window.response_view
    qtbot.waitUntil(card.isVisible, timeout=2000)  # the layout shows a widget nobody hid
    window.response_view.set_card_widget(None)
    assert card.parent() is None
    seen: list[str] = []
    window.environment_changed.connect(seen.append)
    window.set_environments(["Sandbox (local)", "Production"], "Sandbox (local)")
    assert seen == []  # setting the list is not a user choice
    window.environment.setCurrentText("Production")
    assert seen == ["Production"]
    assert window.environment_label.text() == "Environment: Production"


def test_declining_the_lint_question_stops_the_send(qtbot, workbench, http_server, monkeypatch) -> None:
    window = workbench.window
    asked: list[SendPlan] = []
    monkeypatch.setattr(window.send_controller, "confirm", lambda plan: asked.append(plan) and False)
    window.request_editor.set_model(RequestModel(method="POST", url=http_server.base_url + "/echo",
                                                 body="<entry><id>2</id></entry>", body_kind=BodyKind.XML))
    before = len(http_server.requests)
    qtbot.keyClick(window.request_editor.url, QtCore.Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: bool(asked) and not window.send_controller.busy, timeout=5000)
    assert any(d.code == "L001" for d in asked[0].errors)
    assert window.response_view.exchange is None and len(http_server.requests) == before


def test_closing_asks_about_the_unsaved_request_and_keeps_no_secret(qtbot, workbench,
                                                                     unanswered_questions) -> None:  # type: ignore[no-untyped-def]
    window = workbench.window
    window.request_editor.set_model(RequestModel(
        method="PUT", url="http://127.0.0.1:9/ws/customers/joe/contacts/1", body="<a/>", body_kind=BodyKind.XML,
        auth=Auth(AuthKind.CTCT_BASIC, username="joe", password="s3cret-pw", api_key="s3cret-key")))
    window.close()  # the guard answers Discard
    assert unanswered_questions and "Save the changes" in unanswered_questions[0]
    saved = (app_dirs().config / "window-state.json").read_text(encoding="utf-8")
    assert "s3cret" not in saved
    assert json.loads(saved)["format"] == 2 and "draft" not in json.loads(saved)  # layout only
    drafts = list(app_dirs().drafts.glob("*")) if app_dirs().drafts.exists() else []
    assert all(b"s3cret" not in p.read_bytes() for p in drafts)


def test_damaged_state_file_means_first_run(qtbot) -> None:
    from ctct_desktop.app import Workbench, create_application

    create_application()
    path = app_dirs().config / "window-state.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    bench = Workbench(start_sandbox=False)
    qtbot.addWidget(bench.window)
    assert bench.saved is None
    bench.shutdown()


def test_shortcuts_dialog_lists_actions(qtbot, workbench) -> None:
    from ctct_desktop.ui.dialogs import shortcuts_dialog

    dialog = shortcuts_dialog(workbench.window, workbench.window.window_actions.all())
    qtbot.addWidget(dialog)
    table = dialog.findChild(QtWidgets.QTableWidget)
    commands = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert commands["Send"].startswith("Ctrl+Return")
    assert "Cancel" in commands and "Focus URL" in commands


def test_f1_lists_every_menu_command_that_has_keys(qtbot, workbench) -> None:
    """File → Save (Ctrl+S), Accounts (Ctrl+Shift+A), Import (Ctrl+I)… are menu entries of other
    parts than the window's own actions; F1 listed none of them."""
    from ctct_desktop.ui.dialogs import shortcuts_dialog

    window = workbench.window
    dialog = shortcuts_dialog(window, window.shortcut_actions())
    qtbot.addWidget(dialog)
    table = dialog.findChild(QtWidgets.QTableWidget)
    listed = {table.item(r, 0).text() for r in range(table.rowCount())}
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    expected = set()
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            if action.menu() is not None:
                menus.append(action.menu())
            elif action.shortcuts():
                expected.add(action.text().replace("&", ""))
    assert {"Save", "Import…"} <= expected  # the File menu's own commands are among them
    assert expected - listed == set()


def test_no_two_entries_of_a_menu_share_an_alt_letter(qtbot, workbench) -> None:
    """Two entries on one letter make Alt+letter cycle between them instead of choosing
    (File had Accounts and Save as on A; Request had Send and Export request as on S)."""
    menus = [a.menu() for a in workbench.window.menuBar().actions() if a.menu() is not None]
    clashes = []
    while menus:
        menu = menus.pop()
        letters: dict[str, list[str]] = {}
        for action in menu.actions():
            if action.menu() is not None:
                menus.append(action.menu())
            text = action.text().split("\t")[0].replace("&&", "")
            if "&" in text:
                letters.setdefault(text[text.index("&") + 1].lower(), []).append(text)
        clashes += [names for names in letters.values() if len(names) > 1]
    assert clashes == []


def test_alt_mnemonics_switch_tabs(qtbot, workbench) -> None:
    window = workbench.window
    editor = window.request_editor
    editor.url.setFocus()
    alt = QtCore.Qt.KeyboardModifier.AltModifier
    for key, widget in ((QtCore.Qt.Key.Key_B, editor.body), (QtCore.Qt.Key.Key_S, editor.headers),
                        (QtCore.Qt.Key.Key_A, editor.auth), (QtCore.Qt.Key.Key_O, editor.options),
                        (QtCore.Qt.Key.Key_P, editor.params)):
        qtbot.keyClick(window, key, alt)
        assert editor.tabs.currentWidget() is widget
    qtbot.keyClick(window, QtCore.Qt.Key.Key_I, alt)
    assert window.response_view.tabs.currentWidget() is window.response_view.timing
