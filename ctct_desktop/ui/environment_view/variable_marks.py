"""``{{variables}}`` in the editors: tinted in the body (defined or not), resolved value on hover
in the body and the URL field. Secret values are masked in tooltips."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.variables import find_placeholders, preview_value
from ctct_desktop.ui.environment_view.hover import hover_at
from ctct_desktop.ui.lint_view.positions import PositionMap

DEFINED = QtGui.QColor(62, 142, 208, 45)
UNDEFINED = QtGui.QColor(229, 72, 77, 45)


class VariableMarks(QtCore.QObject):
    def __init__(self, url: QtWidgets.QLineEdit, body: QtWidgets.QPlainTextEdit,
                 variables: Callable[[], Mapping[str, str]], secret_names: Callable[[], tuple[str, ...]],
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.url, self.body = url, body
        self._variables, self._secret_names = variables, secret_names
        url.installEventFilter(self)
        body.viewport().installEventFilter(self)

    def selections(self) -> list[QtWidgets.QTextEdit.ExtraSelection]:
        """Background tints for every placeholder in the body (drawn under lint underlines)."""
        text = self.body.toPlainText()
        if "{{" not in text:
            return []
        scopes = [self._variables()]
        positions = PositionMap(text)
        marks = []
        for placeholder in find_placeholders(text):
            defined = placeholder.is_dynamic or preview_value(placeholder.name, scopes) is not None
            selection = QtWidgets.QTextEdit.ExtraSelection()
            fmt = QtGui.QTextCharFormat()
            fmt.setBackground(DEFINED if defined else UNDEFINED)
            selection.format = fmt
            cursor = QtGui.QTextCursor(self.body.document())
            cursor.setPosition(positions.to_qt(placeholder.start))
            cursor.setPosition(positions.to_qt(placeholder.end), QtGui.QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            marks.append(selection)
        return marks

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QtCore.QEvent.Type.ToolTip:
            return super().eventFilter(watched, event)
        widget = self.url if watched is self.url else self.body
        found = hover_at(widget, event.pos(), [self._variables()], self._secret_names())  # type: ignore[attr-defined]
        if found is None:
            return super().eventFilter(watched, event)
        QtWidgets.QToolTip.showText(event.globalPos(), found.tooltip(), widget)  # type: ignore[attr-defined]
        return True
