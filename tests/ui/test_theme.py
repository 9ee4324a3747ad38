"""Following the platform's light/dark scheme re-colours the palette and the highlighting."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import BodyKind, RequestModel
from ctct_desktop.ui.highlighting.palette import is_dark


def _tag_colour(editor: QtWidgets.QPlainTextEdit) -> str:
    ranges = editor.document().firstBlock().layout().formats()
    fmt = ranges[0].format
    return fmt.foreground().color().name()


def test_dark_scheme_recolours_highlighting(qtbot, workbench) -> None:
    app = QtWidgets.QApplication.instance()
    hints = app.styleHints()
    editor = workbench.window.request_editor
    editor.tabs.setCurrentWidget(editor.body)
    editor.set_model(RequestModel(body="<a/>", body_kind=BodyKind.XML))
    body = editor.body_editor
    qtbot.waitUntil(lambda: bool(body.document().firstBlock().layout().formats()), timeout=2000)
    original = app.palette()
    try:
        hints.colorSchemeChanged.emit(QtCore.Qt.ColorScheme.Dark)  # as the platform does
        qtbot.waitUntil(lambda: is_dark(app.palette()), timeout=2000)
        qtbot.waitUntil(lambda: _tag_colour(body) == "#7fb2ff", timeout=2000)
        hints.colorSchemeChanged.emit(QtCore.Qt.ColorScheme.Light)
        qtbot.waitUntil(lambda: not is_dark(app.palette()), timeout=2000)
        qtbot.waitUntil(lambda: _tag_colour(body) == "#1f4e9c", timeout=2000)
    finally:
        app.setPalette(original)
