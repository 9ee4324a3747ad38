"""Folding in the read-only CodeEditor: ranges from structure, blocks hidden, keys and gutter."""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from ctct_desktop.ui.widgets.code_editor import CodeEditor

XML = """<feed>
  <entry>
    <title>A</title>
    <content>
      <C/>
    </content>
  </entry>
  <entry/>
</feed>"""

Ctrl, Shift, Alt = (QtCore.Qt.KeyboardModifier.ControlModifier, QtCore.Qt.KeyboardModifier.ShiftModifier,
                    QtCore.Qt.KeyboardModifier.AltModifier)


def _editor(qtbot, text: str = XML) -> CodeEditor:  # type: ignore[no-untyped-def]
    editor = CodeEditor()
    editor.setReadOnly(True)
    qtbot.addWidget(editor)
    folds = editor.enable_folding()
    editor.setPlainText(text)
    editor.resize(400, 300)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: folds.ready, timeout=5000)
    return editor


def _visible(editor: CodeEditor) -> list[int]:
    document = editor.document()
    return [n for n in range(document.blockCount()) if document.findBlockByNumber(n).isVisible()]


def _put_cursor(editor: CodeEditor, line: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(line).position())
    editor.setTextCursor(cursor)


def test_ranges_come_from_the_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    assert editor.folds is not None and editor.folds.ranges() == {0: 8, 1: 6, 3: 5}


def test_keys_fold_and_unfold_the_range_at_the_cursor(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    _put_cursor(editor, 2)  # inside the first entry
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_BraceLeft, Ctrl | Shift)
    assert _visible(editor) == [0, 1, 7, 8]
    assert editor.textCursor().blockNumber() == 1  # the cursor left the hidden lines
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_BraceRight, Ctrl | Shift)
    assert _visible(editor) == list(range(9))


def test_fold_all_and_unfold_all(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_BracketLeft, Ctrl | Alt)
    assert _visible(editor) == [0]
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_BracketRight, Ctrl | Alt)
    assert _visible(editor) == list(range(9))


def test_nested_fold_stays_folded_when_its_parent_opens(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    assert editor.folds is not None
    editor.folds.fold(3)
    editor.folds.fold(1)
    editor.folds.unfold(1)
    assert _visible(editor) == [0, 1, 2, 3, 6, 7, 8]


def test_click_on_a_gutter_marker_toggles(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    gutter = editor._gutter
    rect = editor.blockBoundingGeometry(editor.document().findBlockByNumber(1)).translated(editor.contentOffset())
    point = QtCore.QPoint(gutter.width() - 4, int(rect.center().y()))
    qtbot.mouseClick(gutter, QtCore.Qt.MouseButton.LeftButton, pos=point)
    assert _visible(editor) == [0, 1, 7, 8]
    qtbot.mouseClick(gutter, QtCore.Qt.MouseButton.LeftButton, pos=point)
    assert _visible(editor) == list(range(9))


def test_new_text_forgets_old_folds(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    assert editor.folds is not None
    editor.folds.fold_all()
    editor.setPlainText('{\n  "a": [\n    1\n  ]\n}')
    assert editor.folds.folded() == set() and not editor.folds.ready
    qtbot.waitUntil(lambda: editor.folds is not None and editor.folds.ready, timeout=5000)
    assert editor.folds.ranges() == {0: 4, 1: 3}
    assert _visible(editor) == list(range(5))


def test_gutter_paints_with_folds(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    assert editor.folds is not None
    editor.folds.fold(1)
    image = QtGui.QImage(editor._gutter.size(), QtGui.QImage.Format.Format_ARGB32)
    editor._gutter.render(image)  # paints through paint_gutter, skipping the hidden blocks
    assert not image.isNull()


def test_editor_without_folding_has_no_fold_column(qtbot) -> None:  # type: ignore[no-untyped-def]
    plain = CodeEditor()
    qtbot.addWidget(plain)
    folding = CodeEditor()
    qtbot.addWidget(folding)
    folding.enable_folding()
    assert folding.gutter_width() > plain.gutter_width()
    assert plain.folds is None


def test_text_appended_after_a_fold_shows_the_hidden_lines_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    assert editor.folds is not None
    editor.folds.fold(1)
    cursor = QtGui.QTextCursor(editor.document())
    cursor.movePosition(QtGui.QTextCursor.MoveOperation.End)
    cursor.insertText("\n<more/>")
    assert _visible(editor) == list(range(10))


def test_the_response_folds_in_the_real_window(qtbot, workbench, http_server) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.helpers import send_and_wait, type_url

    window = workbench.window
    type_url(qtbot, window, http_server.base_url + "/echo/fold")
    send_and_wait(qtbot, window)
    editor = window.response_view.body.current_editor
    folds = editor.folds
    assert folds is not None
    qtbot.waitUntil(lambda: folds.ready and bool(folds.ranges()), timeout=10000)
    lines = editor.toPlainText().split("\n")
    headers = next(n for n, line in enumerate(lines) if line.strip().startswith('"headers"'))
    assert headers in folds.ranges()
    _put_cursor(editor, headers + 1)
    editor.setFocus()
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_BraceLeft, Ctrl | Shift)
    hidden = [n for n in range(len(lines)) if n not in _visible(editor)]
    assert hidden == list(range(headers + 1, folds.ranges()[headers] + 1))
    assert editor.textCursor().blockNumber() == headers


def test_the_highlighter_formats_only_blocks_on_screen_when_folded(qtbot) -> None:  # type: ignore[no-untyped-def]
    import json

    from ctct_desktop.core.formatting import Syntax
    from ctct_desktop.ui.highlighting.visible import VisibleHighlighter

    text = json.dumps({"items": [{"id": n, "tags": ["a", "b"]} for n in range(500)]}, indent=2)
    editor = _editor(qtbot, text)
    highlighter = VisibleHighlighter(editor)
    highlighter.set_provisional(Syntax.JSON)
    assert editor.folds is not None
    editor.folds.fold(1)  # the items array: thousands of hidden lines
    highlighter.apply_visible()
    document = editor.document()
    formatted = [n for n in range(document.blockCount()) if document.findBlockByNumber(n).userState() > 0]
    assert 0 < len(formatted) < 50, "hidden blocks were walked and formatted"


def test_a_fold_too_long_for_the_editor_is_refused_and_fold_all_leaves_it_open(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.ui.widgets import folding

    monkeypatch.setattr(folding, "MAX_FOLD_LINES", 4)
    editor = _editor(qtbot)  # ranges {0: 8, 1: 6, 3: 5}
    assert editor.folds is not None
    with qtbot.waitSignal(editor.folds.message) as said:
        editor.folds.fold(0)
    assert "at most 4" in said.args[0] and _visible(editor) == list(range(9))
    editor.folds.fold_all()
    assert editor.folds.folded() == {3} and _visible(editor) == [0, 1, 2, 3, 6, 7, 8]
