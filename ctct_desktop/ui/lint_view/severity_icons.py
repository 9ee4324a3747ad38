"""A shape per severity for the Problems list, so severity is not told by colour alone (WCAG 1.4.1):
a filled circle for an error, a triangle for a warning, a ring for information."""

from __future__ import annotations

from functools import lru_cache

from PySide6 import QtCore, QtGui

from ctct_desktop.lint import Severity
from ctct_desktop.ui.severity_colours import severity_colour

ICON_SIZE = 16


def severity_icon(severity: Severity, palette: QtGui.QPalette) -> QtGui.QIcon:
    """The severity's shape in its colour for ``palette`` (light and dark colours differ)."""
    return _icon(severity.value, severity_colour(severity.value, palette).rgba())


@lru_cache(maxsize=16)
def _icon(severity: str, rgba: int) -> QtGui.QIcon:
    icon = QtGui.QIcon()
    for ratio in (1.0, 2.0):  # crisp on ordinary and high-density screens
        pixmap = QtGui.QPixmap(int(ICON_SIZE * ratio), int(ICON_SIZE * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QtCore.Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(pixmap)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        _draw(painter, severity, QtGui.QColor.fromRgba(rgba))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _draw(painter: QtGui.QPainter, severity: str, colour: QtGui.QColor) -> None:
    box = QtCore.QRectF(2, 2, ICON_SIZE - 4, ICON_SIZE - 4)
    if severity == Severity.WARNING.value:
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(box.center().x(), box.top()),
                                             box.bottomRight(), box.bottomLeft()]))
    elif severity == Severity.ERROR.value:
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(box)
    else:
        painter.setPen(QtGui.QPen(colour, 2.0))
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
