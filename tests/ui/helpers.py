"""Driving the real window the way a user does: keyboard into widgets, Ctrl+Enter, wait."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import Exchange
from ctct_desktop.ui.main_window import MainWindow

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def type_url(qtbot, window: MainWindow, url: str) -> None:  # type: ignore[no-untyped-def]
    field = window.request_editor.url
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, QtCore.Qt.Key.Key_Delete)
    qtbot.keyClicks(field, url)


def choose_method(qtbot, window: MainWindow, method: str) -> None:  # type: ignore[no-untyped-def]
    combo = window.request_editor.method
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), method)


def add_header(qtbot, window: MainWindow, name: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Add a row with the button's keyboard equivalent, type the name, Tab to the value, type it."""
    table = window.request_editor.headers
    window.request_editor.tabs.setCurrentWidget(table)
    table.table.setFocus()
    qtbot.keyClick(table.table, QtCore.Qt.Key.Key_Insert)
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), name)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Tab)
    qtbot.wait(20)  # the item view swaps editors through the event loop
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), value)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.rows()[-1].value == value, timeout=2000)


def send_and_wait(qtbot, window: MainWindow, timeout_ms: int = 15000) -> Exchange:  # type: ignore[no-untyped-def]
    """Press Ctrl+Enter in the focused widget and wait for the exchange to be shown."""
    window.response_view.exchange = None
    target = QtWidgets.QApplication.focusWidget() or window.request_editor.url
    qtbot.keyClick(target, QtCore.Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.response_view.exchange is not None and not window.send_controller.busy,
                    timeout=timeout_ms)
    qtbot.waitUntil(lambda: not window.response_view.body.busy, timeout=timeout_ms)
    exchange = window.response_view.exchange
    assert exchange is not None
    return exchange


def header_rows(window: MainWindow) -> dict[str, str]:
    table = window.response_view.headers
    return {table.item(r, 0).text().lower(): table.item(r, 1).text() for r in range(table.rowCount())}


def body_text(window: MainWindow) -> str:
    return window.response_view.body.current_editor.toPlainText()
