"""Apply a quick fix's body edits to the editor as one undoable step."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from ctct_desktop.lint import TextEdit
from ctct_desktop.ui.lint_view.positions import PositionMap


def apply_body_edits(editor: QtWidgets.QPlainTextEdit, edits: tuple[TextEdit, ...]) -> None:
    """Edits are in Python offsets of the current text; later ones first so earlier stay valid."""
    if not edits:
        return
    positions = PositionMap(editor.toPlainText())
    cursor = QtGui.QTextCursor(editor.document())
    cursor.beginEditBlock()
    try:
        for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            cursor.setPosition(positions.to_qt(edit.start))
            cursor.setPosition(positions.to_qt(edit.end), QtGui.QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(edit.replacement)
    finally:
        cursor.endEditBlock()
