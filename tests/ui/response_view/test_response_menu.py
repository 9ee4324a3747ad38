"""The window's Response menu through the real window and a loopback server: every body tool is
there with its keys, off without a body and on with one, in the F1 list, and Fold all / Unfold all
act on the body on screen (an editor and the paged view of a large body)."""

from __future__ import annotations

import json

import pytest
from PySide6 import QtGui, QtWidgets

from tests.ui.helpers import send_and_wait, type_url
from tests.ui.response_view.bodies_server import BodiesServer

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore("propagateSizeHints", "QFont::")]


def _entries(window) -> dict[str, QtGui.QAction]:  # type: ignore[no-untyped-def]
    return {a.text().split("\t")[0].replace("&", ""): a for a in window.menus["response"].actions()
            if not a.isSeparator()}


def _get(qtbot, workbench, url: str):  # type: ignore[no-untyped-def]
    type_url(qtbot, workbench.window, url)
    exchange = send_and_wait(qtbot, workbench.window, timeout_ms=60000)
    assert exchange.response is not None
    return workbench.window.response_view.body


def test_every_body_tool_is_in_the_response_menu_off_until_a_body_arrives(qtbot, workbench,
                                                                          bodies: BodiesServer) -> None:
    window = workbench.window
    entries = _entries(window)
    assert list(entries) == ["Pretty response", "Raw response", "Hex response", "Filter response…", "Fold all",
                             "Unfold all", "Go to offset…", "Save body…", "Open body in another app"]
    keys = {name: (a.shortcut().toString() or a.text().split("\t")[1]) for name, a in entries.items()}
    assert keys == {"Pretty response": "Ctrl+1", "Raw response": "Ctrl+2", "Hex response": "Ctrl+3",
                    "Filter response…": "Ctrl+Alt+F", "Fold all": "Ctrl+Alt+[", "Unfold all": "Ctrl+Alt+]",
                    "Go to offset…": "Ctrl+G", "Save body…": "Ctrl+Alt+S", "Open body in another app": "Ctrl+Alt+O"}
    assert not any(a.isEnabled() for a in entries.values()), "no body: nothing applies"

    body = _get(qtbot, workbench, bodies.serve("/feed.json", "application/json",
                                               json.dumps({"items": [{"id": n} for n in range(5)]}).encode()))
    on = {name for name, a in entries.items() if a.isEnabled()}
    assert on == set(entries) - {"Go to offset…"}  # offsets are the hex view's
    window.window_actions.raw_view.trigger()
    assert body.stack.currentWidget() is body.editors[1]
    body.tools.hex_action.trigger()
    assert body.stack.currentWidget() is body.tools.hex
    assert entries["Go to offset…"].isEnabled() and not entries["Fold all"].isEnabled()  # hex rows do not fold

    body = _get(qtbot, workbench, bodies.serve("/note.txt", "text/plain", b"plain words"))
    window.window_actions.pretty_view.trigger()
    assert not entries["Filter response…"].isEnabled(), "filters are for XML and JSON"
    assert entries["Save body…"].isEnabled() and entries["Hex response"].isEnabled()
    body.clear()
    assert not any(a.isEnabled() for a in entries.values())


def test_the_f1_list_holds_the_response_tools(qtbot, workbench) -> None:
    from ctct_desktop.ui.dialogs import shortcuts_dialog

    dialog = shortcuts_dialog(workbench.window, workbench.window.shortcut_actions())
    qtbot.addWidget(dialog)
    table = dialog.findChild(QtWidgets.QTableWidget)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    for command, keys in (("Hex response", "Ctrl+3"), ("Go to offset…", "Ctrl+G"), ("Fold all", "Ctrl+Alt+["),
                          ("Unfold all", "Ctrl+Alt+]"), ("Save body…", "Ctrl+Alt+S"), ("Copy as text", "Ctrl+Alt+C"),
                          ("Open body in another app", "Ctrl+Alt+O"), ("Filter response…", "Ctrl+Alt+F")):
        assert rows.get(command) == keys, command


def test_fold_all_from_the_menu_folds_the_editor_on_screen(qtbot, workbench, bodies: BodiesServer) -> None:
    doc = {"items": [{"id": n, "tags": ["a", "b"]} for n in range(20)]}
    body = _get(qtbot, workbench, bodies.serve("/items.json", "application/json", json.dumps(doc).encode()))
    editor = body.current_editor
    qtbot.waitUntil(lambda: editor.enable_folding().ready and bool(editor.enable_folding().ranges()), timeout=10000)
    _entries(workbench.window)["Fold all"].trigger()
    assert editor.enable_folding().folded(), "folded"
    assert not editor.document().findBlockByNumber(1).isVisible()
    window = workbench.window
    window.window_actions.raw_view.trigger()  # Raw is one line: nothing to fold there
    assert body.current_editor is body.editors[1]
    window.window_actions.pretty_view.trigger()
    assert body.current_editor is editor and editor.enable_folding().folded(), "Pretty's folds as they were"
    _entries(window)["Unfold all"].trigger()
    assert not editor.enable_folding().folded() and editor.document().findBlockByNumber(1).isVisible()


def test_fold_all_from_the_menu_folds_a_large_paged_body(qtbot, workbench, bodies: BodiesServer) -> None:
    entry = "<entry><id>{n}</id><title>Entry {n}</title><content><p>{n}</p></content></entry>"
    xml = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
           + "".join(entry.format(n=n) for n in range(30000)) + "</feed>").encode()
    assert len(xml) > 2 << 20  # paged (past PAGED_FROM_BYTES), pretty-printed by the helper
    body = _get(qtbot, workbench, bodies.serve("/big.xml", "application/atom+xml", xml))
    assert body.paged_active
    qtbot.waitUntil(lambda: not body.paged_body.busy, timeout=60000)
    view = body.paged
    fold_all = _entries(workbench.window)["Fold all"]
    assert fold_all.isEnabled()
    fold_all.trigger()
    qtbot.waitUntil(lambda: not view.folds.scanning, timeout=30000)
    assert len(view.folds.rows) == 30000  # every <entry>
    assert view.source is not None
    first = view.folds.rows.ranges()[0][0]
    assert view.source.text(first).strip() == "<entry>"
    window_raw, window_pretty = workbench.window.window_actions.raw_view, workbench.window.window_actions.pretty_view
    window_raw.trigger()
    assert not view.folds.rows  # Raw is one long line: its own (no) folds
    window_pretty.trigger()
    assert len(view.folds.rows) == 30000, "back on Pretty, its folds as they were"
    _entries(workbench.window)["Unfold all"].trigger()
    assert not view.folds.rows
