"""Action icons from resources/icons, tinted with the palette when drawn, so they follow light
and dark without being reloaded.

The SVG is parsed on first paint (QtSvg is imported then, not at start-up) and kept; each paint
fills its shape with the palette's button-text colour (disabled: the disabled one).
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.resources import resource_path

NAMES = ("send", "cancel", "new", "save", "format", "export")


class TintedSvgEngine(QtGui.QIconEngine):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._svg: bytes | None = None

    def _data(self) -> bytes:
        if self._svg is None:
            self._svg = resource_path("icons", f"{self.name}.svg").read_bytes()
        return self._svg

    def paint(self, painter: QtGui.QPainter, rect: QtCore.QRect, mode: QtGui.QIcon.Mode,
              state: QtGui.QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def pixmap(self, size: QtCore.QSize, mode: QtGui.QIcon.Mode, state: QtGui.QIcon.State) -> QtGui.QPixmap:
        from PySide6 import QtSvg  # the first icon painted pays for it, not the start-up

        image = QtGui.QImage(size, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QtCore.Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(image)
        QtSvg.QSvgRenderer(QtCore.QByteArray(self._data())).render(painter, QtCore.QRectF(image.rect()))
        painter.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), tint(mode))
        painter.end()
        return QtGui.QPixmap.fromImage(image)

    def clone(self) -> QtGui.QIconEngine:
        return TintedSvgEngine(self.name)

    def key(self) -> str:
        return "ctct-tinted-svg"


def tint(mode: QtGui.QIcon.Mode) -> QtGui.QColor:
    palette = QtWidgets.QApplication.palette()
    group = QtGui.QPalette.ColorGroup.Disabled if mode == QtGui.QIcon.Mode.Disabled else QtGui.QPalette.ColorGroup.Active
    return palette.color(group, QtGui.QPalette.ColorRole.ButtonText)


def icon(name: str) -> QtGui.QIcon:
    """One of ``NAMES``; a missing file gives an empty icon (the action keeps its text)."""
    if name not in NAMES or not resource_path("icons", f"{name}.svg").is_file():
        return QtGui.QIcon()
    return QtGui.QIcon(TintedSvgEngine(name))
