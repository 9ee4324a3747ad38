"""The request editor's Tests tab in the real window: lines validated as typed, saved with the
request (Ctrl+S), kept per tab, and the last run's and the last send's results beside each line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtCore

from ctct_desktop.store.request_file import load_request
from tests.ui.helpers import send_and_wait, type_url
from tests.ui.runner_view.conftest import flow, open_collection, run_selected

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def _open(qtbot: Any, bench: Any, path: Path) -> Any:
    bench.documents.open(load_request(path))
    tests = bench.window.request_editor.tests
    qtbot.waitUntil(lambda: tests.path == path.resolve(), timeout=3000)
    bench.window.request_editor.tabs.setCurrentWidget(tests)
    return tests


def test_lines_are_checked_as_typed_and_saved_with_the_request(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    root = flow(tmp_path / "Flow")
    path = root / "Get it.ctct.toml"
    tests = _open(qtbot, bench, path)
    assert tests.assertions.lines() == ("status == 200", 'header Content-Type matches "json"')
    editor = tests.assertions.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "status = 200")
    statuses = tests.assertions.line_statuses()
    assert statuses[2].startswith("✗ ") and "column" in statuses[2]
    assert "✗" in tests.assertions.status.toPlainText().splitlines()[2]
    assert bench.documents.dirty and bench.window.isWindowModified()
    for _ in "= 200":
        qtbot.keyClick(editor, QtCore.Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "== 200")
    assert tests.assertions.line_statuses()[2] == ""
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not bench.documents.dirty, timeout=3000)
    saved = load_request(path)
    assert saved.check_lines is not None and saved.check_lines.assertions[-1] == "status == 200"
    assert saved.check_lines.captures == () and not tests.modified


def test_each_tab_keeps_its_own_unsaved_lines(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    root = flow(tmp_path / "Flow")
    tests = _open(qtbot, bench, root / "Get it.ctct.toml")
    tests.captures.editor.setPlainText('x = header ETag')
    assert bench.documents.dirty
    _open(qtbot, bench, root / "Create list.ctct.toml")
    assert tests.assertions.lines() == ("status == 201",)
    _open(qtbot, bench, root / "Get it.ctct.toml")
    assert tests.captures.lines() == ("x = header ETag",) and tests.modified


def test_the_last_run_and_the_last_send_show_beside_each_line(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    root = flow(tmp_path / "Flow")
    open_collection(qtbot, bench, root)
    run_selected(qtbot, bench)
    tests = _open(qtbot, bench, root / "Get it.ctct.toml")
    shown = tests.assertions.line_statuses()
    assert shown[0] == "✓ held"
    assert shown[1].startswith("✗ expected matches json, got application/atom+xml")
    assert "last run of Flow" in tests.where.text()
    created = _open(qtbot, bench, root / "Create list.ctct.toml")
    assert created.captures.line_statuses()[0].startswith("= ")

    tests = _open(qtbot, bench, root / "Get it.ctct.toml")  # a plain Ctrl+Enter evaluates its lines too
    tests.assertions.editor.setPlainText("status == 404\nstatus is 4xx")
    type_url(qtbot, bench.window, "{{base_url}}/lists/987654")
    send_and_wait(qtbot, bench.window)
    qtbot.waitUntil(lambda: bench.line_results.pending == 0 and "last send" in tests.where.text(), timeout=5000)
    assert tests.assertions.line_statuses() == ["✓ held", "✓ held"]  # no such list


def _send_lines(qtbot: Any, bench: Any, lines: str) -> Any:
    tests = bench.window.request_editor.tests
    tests.assertions.editor.setPlainText(lines)
    type_url(qtbot, bench.window, "{{base_url}}/lists")
    send_and_wait(qtbot, bench.window)
    qtbot.waitUntil(lambda: bench.line_results.pending == 0 and "last send" in tests.where.text(), timeout=5000)
    return tests


def test_unsaved_drafts_keep_their_own_lines_and_results(qtbot: Any, ready: Any) -> None:
    bench = ready
    documents = bench.documents
    documents.new()
    tests = _send_lines(qtbot, bench, "status == 200")
    assert tests.assertions.line_statuses() == ["✓ held"]
    first = documents.tabs.current
    documents.new()  # a second untitled draft: nothing of the first one's lines or results
    assert documents.tabs.current is not first
    assert tests.assertions.lines() == () and "last send" not in tests.where.text()
    _send_lines(qtbot, bench, "status == 404")
    assert tests.assertions.line_statuses()[0].startswith("✗ expected == 404, got 200")
    documents.tabs.show(first)
    qtbot.waitUntil(lambda: tests.assertions.lines() == ("status == 200",), timeout=3000)
    assert tests.assertions.line_statuses() == ["✓ held"] and "last send" in tests.where.text()


def test_editing_a_line_clears_its_stale_result(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    root = flow(tmp_path / "Flow")
    open_collection(qtbot, bench, root)
    run_selected(qtbot, bench)
    tests = _open(qtbot, bench, root / "Get it.ctct.toml")
    assert tests.assertions.line_statuses()[0] == "✓ held"
    editor = tests.assertions.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    editor.moveCursor(editor.textCursor().MoveOperation.EndOfLine)
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "1")
    assert tests.assertions.lines()[0] == "status == 201" and tests.assertions.line_statuses()[0] == ""
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "0")  # back to the text the result came from: it is still stale
    assert tests.assertions.lines()[0] == "status == 200"
    assert tests.assertions.line_statuses() == ["", tests.assertions.line_statuses()[1]]
    assert tests.assertions.line_statuses()[1].startswith("✗ expected matches json")  # untouched line keeps it
