"""Small painted icons: a coloured METHOD badge for requests, so the verb reads at a glance."""

from __future__ import annotations

from functools import lru_cache

from PySide6 import QtCore, QtGui

METHOD_COLOURS: dict[str, str] = {
    "GET": "#2e8b57",
    "POST": "#c27c0e",
    "PUT": "#2f6db5",
    "PATCH": "#7a4fb5",
    "DELETE": "#c0392b",
    "HEAD": "#5f7f8f",
    "OPTIONS": "#5f7f8f",
}
_OTHER_COLOUR = "#707070"
BADGE_WIDTH = 44
BADGE_HEIGHT = 16


def method_colour(method: str) -> QtGui.QColor:
    return QtGui.QColor(METHOD_COLOURS.get(method.upper(), _OTHER_COLOUR))


@lru_cache(maxsize=64)
def method_badge(method: str) -> QtGui.QIcon:
    """The method in bold, in its colour, fitted to a fixed-width badge (long verbs elided)."""
    text = (method.upper() or "?")[:7]
    pixmap = QtGui.QPixmap(BADGE_WIDTH, BADGE_HEIGHT)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    font = QtGui.QFont()
    font.setBold(True)
    font.setPixelSize(10)
    painter.setFont(font)
    painter.setPen(method_colour(text))
    metrics = QtGui.QFontMetrics(font)
    shown = metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, BADGE_WIDTH)
    painter.drawText(pixmap.rect(), int(QtCore.Qt.AlignmentFlag.AlignVCenter | QtCore.Qt.AlignmentFlag.AlignLeft),
                     shown)
    painter.end()
    return QtGui.QIcon(pixmap)
