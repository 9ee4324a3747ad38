"""Programmatic edits of the request (quick fixes, explainer actions) as undoable steps.

Every such change is one command on the editor's undo stack (Edit → Undo change), whatever
parts it touches; the body part is also one edit block in the body's own undo history, and it
replaces only the span that differs, so the cursor and scroll position survive.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui, QtWidgets

from ctct_desktop.core.models import RequestModel


def replace_text_minimal(editor: QtWidgets.QPlainTextEdit, new_text: str) -> bool:
    """Replace only the differing middle of the document; returns False when nothing differs."""
    old = editor.toPlainText()
    if old == new_text:
        return False
    prefix = 0
    limit = min(len(old), len(new_text))
    while prefix < limit and old[prefix] == new_text[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new_text[-1 - suffix]:
        suffix += 1
    start, old_end, new_end = prefix, len(old) - suffix, len(new_text) - suffix
    cursor = QtGui.QTextCursor(editor.document())
    cursor.beginEditBlock()
    cursor.setPosition(_qt(old, start))
    cursor.setPosition(_qt(old, old_end), QtGui.QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new_text[start:new_end])
    cursor.endEditBlock()
    return True


def _qt(text: str, index: int) -> int:
    """Python index -> UTF-16 position (astral characters count twice in Qt)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


class ModelChangeCommand(QtGui.QUndoCommand):
    """Before and after models; ``show`` puts one of them on screen, part by part."""

    def __init__(self, title: str, before: RequestModel, after: RequestModel,
                 show: Callable[[RequestModel], None]) -> None:
        super().__init__(title)
        self.before, self.after, self._show = before, after, show

    def redo(self) -> None:
        self._show(self.after)

    def undo(self) -> None:
        self._show(self.before)
