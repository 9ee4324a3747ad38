"""About and Keyboard shortcuts dialogs."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtGui, QtWidgets

from ctct_desktop import __version__


def show_about(parent: QtWidgets.QWidget) -> None:
    QtWidgets.QMessageBox.about(
        parent, "About CTCT Desktop",
        f"<h3>CTCT Desktop {__version__}</h3>"
        "<p>A request workbench for developers integrating with the Constant Contact API and for the "
        "support engineers who reproduce their tickets: compose, send, read the response, with a local "
        "sandbox that behaves like the v1 API.</p>")


def shortcuts_dialog(parent: QtWidgets.QWidget, actions: Iterable[QtGui.QAction]) -> QtWidgets.QDialog:
    """A table of every action with a shortcut, built from the actions themselves (never stale)."""
    actions = list(actions)
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    rows = [(a.text().replace("&", ""), ", ".join(s.toString(QtGui.QKeySequence.SequenceFormat.NativeText)
                                                 for s in a.shortcuts())) for a in actions if a.shortcuts()]
    # keys a focused widget handles itself are shown in the action's text after a tab ("Fold all\tCtrl+Alt+[")
    for action in actions:
        if not action.shortcuts() and "\t" in action.text():
            command, keys = action.text().replace("&", "").split("\t", 1)
            rows.append((command, keys))
    rows += [("Next / previous find match in the find bar", "Enter / Shift+Enter"),
             ("Add / remove a table row", "Insert / Delete"),
             ("Request tabs: Params, Headers, Body, Auth, Options", "Alt+P / Alt+S / Alt+B / Alt+A / Alt+O"),
             ("Response tabs: Body, Headers, Timing", "Alt+Y / Alt+D / Alt+I")]
    table = QtWidgets.QTableWidget(len(rows), 2, dialog)
    table.setHorizontalHeaderLabels(["Command", "Shortcut"])
    table.setAccessibleName("Keyboard shortcuts")
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    for row, (command, keys) in enumerate(rows):
        table.setItem(row, 0, QtWidgets.QTableWidgetItem(command))
        table.setItem(row, 1, QtWidgets.QTableWidgetItem(keys))
    table.resizeColumnToContents(0)
    buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QtWidgets.QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(520, 420)
    return dialog
