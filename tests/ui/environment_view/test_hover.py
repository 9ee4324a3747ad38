"""Hover text for {{variables}} in real line edits and plain-text editors."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.environment_view import hover_at, hover_at_text, placeholder_at

SCOPES = [{"base_url": "http://127.0.0.1:8765/ws/customers/{{username}}", "username": "joe",
           "password": "hunter2"}]


def test_placeholder_at_covers_the_braces_and_nothing_else() -> None:
    text = "GET {{base_url}}/contacts"
    assert placeholder_at(text, 3) is None
    assert placeholder_at(text, 4).name == "base_url"
    assert placeholder_at(text, 15).name == "base_url"
    assert placeholder_at(text, 16) is None
    assert placeholder_at("\\{{base_url}}", 5) is None  # escaped: a literal {{


def test_hover_resolves_nested_values_masks_secrets_and_names_unknowns() -> None:
    found = hover_at_text("{{base_url}}/lists", 2, SCOPES)
    assert found is not None and found.value == "http://127.0.0.1:8765/ws/customers/joe"
    assert found.tooltip() == "{{base_url}} = http://127.0.0.1:8765/ws/customers/joe"
    secret = hover_at_text("{{password}}", 3, SCOPES, secret_names={"password"})
    assert secret.tooltip() == "{{password}} = ••••••••" and "hunter2" not in secret.tooltip()
    unknown = hover_at_text("{{list_id}}", 3, SCOPES)
    assert unknown.value is None and "not defined" in unknown.tooltip()
    dynamic = hover_at_text("{{$uuid}}", 3, SCOPES)
    assert dynamic.value is not None and "UUID" in dynamic.value


def test_hostile_text_never_raises() -> None:
    for text in ("{{", "}}{{", "{{" * 5000, "\\" * 3000 + "{{x}}", "{{ a b }}", "\x00{{\udcff}}"):
        for offset in (-5, 0, 1, len(text) // 2, len(text), len(text) + 10):
            hover_at_text(text, offset, SCOPES)


def test_hover_in_a_line_edit(qtbot) -> None:
    field = QtWidgets.QLineEdit("{{base_url}}/contacts?email={{username}}")
    qtbot.addWidget(field)
    field.resize(600, 30)
    field.show()
    qtbot.waitExposed(field)
    field.setCursorPosition(3)
    point = field.cursorRect().center()
    found = hover_at(field, point, SCOPES)
    assert found is not None and found.name == "base_url"
    field.setCursorPosition(len(field.text()) - 3)
    assert hover_at(field, field.cursorRect().center(), SCOPES).name == "username"
    field.setCursorPosition(15)  # inside "/contacts"
    assert hover_at(field, field.cursorRect().center(), SCOPES) is None


def test_hover_in_a_plain_text_editor(qtbot) -> None:
    editor = QtWidgets.QPlainTextEdit("<entry>\n  <id>{{base_url}}/contacts/1</id>\n</entry>\n")
    qtbot.addWidget(editor)
    editor.resize(600, 300)
    editor.show()
    qtbot.waitExposed(editor)
    cursor = editor.textCursor()
    cursor.setPosition(len("<entry>\n  <id>{{bas"))
    editor.setTextCursor(cursor)
    found = hover_at(editor, editor.cursorRect().center(), SCOPES)
    assert found is not None and found.name == "base_url"
    below = QtCore.QPoint(10, editor.viewport().height() - 5)
    assert hover_at(editor, below, SCOPES) is None
