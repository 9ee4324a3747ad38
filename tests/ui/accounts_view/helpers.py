"""Driving the account dialogs the way a user does: typing into fields, clicking buttons."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.accounts_view.editor import AccountEditor

LEFT = QtCore.Qt.MouseButton.LeftButton


def type_into(qtbot, widget: QtWidgets.QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the field's text by typing (so textEdited fires, as for a user)."""
    edit = getattr(widget, "edit", widget)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, QtCore.Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def click(qtbot, button: QtWidgets.QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled() and button.isVisible(), f"{button.text()!r} cannot be clicked"
    qtbot.mouseClick(button, LEFT)


def save_button(editor: AccountEditor) -> QtWidgets.QPushButton:
    return editor.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)


def visible_errors(editor: AccountEditor) -> dict[str, str]:
    return {name: box.error.text() for name, box in editor.boxes.items() if not box.error.isHidden()}
