"""File → Import… (Ctrl+I) and pasting a command into the URL field, through the real window."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.import_view.dialog import ImportDialog
from tests.importers.support import FIXTURES

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def _dialog(qtbot, bench) -> ImportDialog:  # type: ignore[no-untyped-def]
    bench.window.activateWindow()
    qtbot.keyClick(bench.window, QtCore.Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: isinstance(bench.imports.dialog, ImportDialog) and bench.imports.dialog.isVisible())
    return bench.imports.dialog


def _codes(bench) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.code for d in bench.problems.diagnostics()}


def test_ctrl_i_imports_t2_php_into_a_new_linted_tab(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    action = workbench.imports.action
    assert action in workbench.window.menus["file"].actions()
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+I"]
    tabs_before = len(workbench.documents.tabs.ordered())
    dialog = _dialog(qtbot, workbench)
    dialog.text.setPlainText((FIXTURES / "t2_bulk_import.php").read_text(encoding="utf-8"))
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.status.text().startswith("Detected: PHP curl code — 1 request")
    listed = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
    assert listed[0] == "POST https://api.constantcontact.com/ws/customers/joesflowers/activities   (POST activities)"
    assert any("multipart/form-data" in line for line in listed)
    assert not any("s3cretPW" in line for line in listed)
    dialog.import_button.click()
    assert len(workbench.documents.tabs.ordered()) == tabs_before + 1
    model = workbench.window.request_editor.to_model()
    assert model.method == "POST" and model.url.endswith("/joesflowers/activities")
    assert model.header("Content-Type") == "application/atom+xml"
    assert model.auth.api_key == "ak_1234abcd" and model.auth.password == "s3cretPW"
    qtbot.waitUntil(lambda: "L031" in _codes(workbench), timeout=5000)
    assert "Imported from a PHP curl code: 1 request." in workbench.window.activity_label.text()


def test_a_har_file_opens_every_entry_in_its_own_tab(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    tabs_before = len(workbench.documents.tabs.ordered())
    dialog = _dialog(qtbot, workbench)
    dialog.open_file(str(FIXTURES / "browser.har"))
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert "HAR 1.2 — 2 requests" in dialog.status.text()
    dialog.import_button.click()
    assert len(workbench.documents.tabs.ordered()) == tabs_before + 2
    assert workbench.window.request_editor.to_model().url.endswith("/activities")


def test_a_har_entry_opens_with_its_recorded_response_marked_as_not_sent(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workbench)
    dialog.open_file(str(FIXTURES / "browser.har"))
    qtbot.waitUntil(dialog.import_button.isEnabled)
    dialog.import_button.click()
    view = workbench.window.response_view
    assert view.exchange is not None and view.exchange.response is not None
    assert view.exchange.response.status == 201  # the last entry's, shown with its tab
    assert view.status_line.code.text() == "201 Created"
    assert "not sent from here" in view.status_line.notes.text()
    assert workbench.documents.session.exchange is view.exchange
    workbench.documents.step(-1)  # the first entry's tab keeps its own recorded response
    assert view.exchange is not None and view.exchange.response is not None
    assert view.exchange.response.status == 200 and "not sent" in view.status_line.notes.text()


def test_unknown_text_says_why_and_cannot_be_imported(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workbench)
    seen: list[object] = []
    dialog.detected.connect(seen.append)
    dialog.text.setPlainText("Dear support, it does not work.")
    qtbot.waitUntil(lambda: bool(seen))
    assert "not a format the importer knows" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_missing_file_is_a_message_not_a_traceback(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workbench)
    dialog.open_file(str(tmp_path / "gone.har"))
    qtbot.waitUntil(lambda: "cannot be read" in dialog.status.text())
    dialog.reject()


def test_pasting_curl_into_the_url_field_imports_it_and_ctrl_z_restores(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    editor = workbench.window.request_editor
    editor.url.setText("https://example.invalid/before")
    QtGui.QGuiApplication.clipboard().setText(
        "curl -X POST -u 'ak_1234abcd%joesflowers:s3cretPW' \\\n  -H 'Content-Type: application/atom+xml' \\\n"
        "  -d '<entry xmlns=\"\"/>' https://api.constantcontact.com/ws/customers/joesflowers/contacts")
    editor.url.setFocus()
    editor.url.selectAll()
    qtbot.keyClick(editor.url, QtCore.Qt.Key.Key_V, CTRL)
    model = editor.to_model()
    assert model.method == "POST" and model.url.endswith("/joesflowers/contacts")
    assert model.body == '<entry xmlns=""/>' and model.auth.username == "joesflowers"
    assert "The paste was imported" in workbench.window.activity_label.text()
    qtbot.waitUntil(lambda: "L001" in _codes(workbench), timeout=5000)
    editor.undo_stack.undo()
    assert editor.to_model().url == "https://example.invalid/before"


def test_context_menu_paste_of_raw_http_is_caught_too(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    editor = workbench.window.request_editor
    editor.url.setText("")
    QtGui.QGuiApplication.clipboard().setText("GET /ws/customers/joe/lists HTTP/1.1\r\nHost: localhost:8080\r\n\r\n")
    editor.url.paste()  # what the context menu's Paste does: no key press to catch
    assert editor.to_model().url == "http://localhost:8080/ws/customers/joe/lists"


def test_an_ordinary_url_paste_is_left_alone(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    editor = workbench.window.request_editor
    editor.url.setText("")
    editor.url.setFocus()
    QtGui.QGuiApplication.clipboard().setText("https://api.constantcontact.com/ws/customers/joe/lists")
    qtbot.keyClick(editor.url, QtCore.Qt.Key.Key_V, CTRL)
    assert editor.url.text() == "https://api.constantcontact.com/ws/customers/joe/lists"


def test_the_dialog_hides_no_qt_method(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    qt_bases = [c for c in type(dialog).__mro__ if c.__module__.startswith("PySide6")]
    assert [n for n, v in vars(dialog).items() if not isinstance(v, QtCore.SignalInstance)
            and any(n in vars(c) for c in qt_bases)] == []
    assert isinstance(dialog.layout(), QtWidgets.QVBoxLayout)


def test_an_environment_alone_says_where_it_goes(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workbench)
    dialog.open_file(str(FIXTURES / "postman_environment.json"))
    qtbot.waitUntil(lambda: "variables and no requests" in dialog.status.text())
    assert not dialog.import_button.isEnabled()
    dialog.reject()
