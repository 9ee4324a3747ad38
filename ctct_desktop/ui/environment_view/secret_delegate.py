"""Show a secret variable's value as dots and edit it in a password field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.environment_view.listing import SECRET_MASK

NOT_AVAILABLE = "(not in the keyring: type the value to store it)"


class SecretValueDelegate(QtWidgets.QStyledItemDelegate):
    """For the Value column; ``is_secret(row)`` says which rows to mask."""

    def __init__(self, is_secret: Callable[[int], bool], parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._is_secret = is_secret
        self.reveal = False

    def initStyleOption(self, option: QtWidgets.QStyleOptionViewItem,
                        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if not self._is_secret(index.row()):
            return
        value = index.data(QtCore.Qt.ItemDataRole.EditRole)
        if value is None:
            option.text = NOT_AVAILABLE
            option.font.setItalic(True)
        elif not self.reveal:
            option.text = SECRET_MASK if value else ""

    def createEditor(self, parent: QtWidgets.QWidget, option: QtWidgets.QStyleOptionViewItem,
                     index: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> QtWidgets.QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QtWidgets.QLineEdit) and self._is_secret(index.row()) and not self.reveal:
            editor.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
            editor.setInputMethodHints(QtCore.Qt.InputMethodHint.ImhHiddenText
                                       | QtCore.Qt.InputMethodHint.ImhSensitiveData)
        return editor

    def setEditorData(self, editor: QtWidgets.QWidget,
                      index: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> None:
        if isinstance(editor, QtWidgets.QLineEdit):
            value = index.data(QtCore.Qt.ItemDataRole.EditRole)
            editor.setText(value if isinstance(value, str) else "")
            return
        super().setEditorData(editor, index)

