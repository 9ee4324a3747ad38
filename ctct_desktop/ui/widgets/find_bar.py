"""Find in a plain-text editor (request or response body): next, previous, match case."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.widgets.find_keys import handle_find_keys


class FindBar(QtWidgets.QWidget):
    """Hidden until ``open_for(editor)``; Enter finds next, Shift+Enter previous, Esc closes."""

    message = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor: QtWidgets.QPlainTextEdit | None = None
        self.field = QtWidgets.QLineEdit(self)
        self.field.setPlaceholderText("Find")
        self.field.setAccessibleName("Find text")
        self.field.setToolTip("Enter: next match, Shift+Enter: previous, Esc: close")
        self.case = QtWidgets.QCheckBox("Match &case", self)
        self.status = QtWidgets.QLabel(self)
        buttons = []
        for label, tip, slot in (("Next", "Find next (Enter, F3)", self.find_next),
                                 ("Previous", "Find previous (Shift+Enter, Shift+F3)", self.find_previous),
                                 ("Close", "Close the find bar (Esc)", self.close_bar)):
            button = QtWidgets.QToolButton(self)
            button.setText(label)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.append(button)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QtWidgets.QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        for button in buttons[:2]:
            layout.addWidget(button)
        layout.addWidget(self.case)
        layout.addWidget(self.status)
        layout.addWidget(buttons[2])
        self.field.returnPressed.connect(self.find_next)
        self.field.installEventFilter(self)
        self.setVisible(False)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        return watched is self.field and handle_find_keys(event, self.close_bar, self.find_previous)

    def open_for(self, editor: QtWidgets.QPlainTextEdit) -> None:
        self._editor = editor
        selected = editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.setVisible(True)
        self.field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.setVisible(False)
        if self._editor is not None:
            self._editor.setFocus()

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, backward: bool) -> bool:
        editor, needle = self._editor, self.field.text()
        if editor is None or not needle:
            return False
        flags = QtGui.QTextDocument.FindFlag(0)
        if backward:
            flags |= QtGui.QTextDocument.FindFlag.FindBackward
        if self.case.isChecked():
            flags |= QtGui.QTextDocument.FindFlag.FindCaseSensitively
        found = editor.find(needle, flags)
        if not found:  # wrap around once
            cursor = editor.textCursor()
            cursor.movePosition(QtGui.QTextCursor.MoveOperation.End if backward
                                else QtGui.QTextCursor.MoveOperation.Start)
            editor.setTextCursor(cursor)
            found = editor.find(needle, flags)
        self.status.setText("" if found else "Not found")
        return found
