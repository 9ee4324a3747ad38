"""Action icons from resources/icons, drawn in the palette's colour when painted, so they follow
light and dark without being reloaded.

Each SVG strokes in ``#000``; a paint substitutes the palette's button-text colour (disabled: the
disabled one) and has Qt's SVG image plugin render it at the size asked, in C++. That keeps the
Python QtSvg module and QPainter compositing off the first paint (measured: about 30 ms of the
window's first paint). Pixmaps are kept per size and colour.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.resources import resource_path

NAMES = ("send", "cancel", "new", "save", "format", "export")
INK = b"#000"  # the colour the bundled SVGs draw in, replaced by the palette's when painted


class TintedSvgEngine(QtGui.QIconEngine):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._svg: bytes | None = None
        self._pixmaps: dict[tuple[int, int, int], QtGui.QPixmap] = {}

    def _data(self) -> bytes:
        if self._svg is None:
            self._svg = resource_path("icons", f"{self.name}.svg").read_bytes()
        return self._svg

    def paint(self, painter: QtGui.QPainter, rect: QtCore.QRect, mode: QtGui.QIcon.Mode,
              state: QtGui.QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def pixmap(self, size: QtCore.QSize, mode: QtGui.QIcon.Mode, state: QtGui.QIcon.State) -> QtGui.QPixmap:
        colour = tint(mode)
        key = (size.width(), size.height(), colour.rgba())
        cached = self._pixmaps.get(key)
        if cached is None:
            cached = self._pixmaps[key] = _render(self._data().replace(INK, colour.name().encode()), size)
        return cached

    def clone(self) -> QtGui.QIconEngine:
        return TintedSvgEngine(self.name)

    def key(self) -> str:
        return "ctct-tinted-svg"


def _render(svg: bytes, size: QtCore.QSize) -> QtGui.QPixmap:
    """The SVG at ``size`` through Qt's image plugin (an empty pixmap if it cannot be read)."""
    device = QtCore.QBuffer()
    device.setData(QtCore.QByteArray(svg))
    reader = QtGui.QImageReader(device, QtCore.QByteArray(b"svg"))
    reader.setScaledSize(size)
    return QtGui.QPixmap.fromImage(reader.read())


def tint(mode: QtGui.QIcon.Mode) -> QtGui.QColor:
    palette = QtWidgets.QApplication.palette()
    group = QtGui.QPalette.ColorGroup.Disabled if mode == QtGui.QIcon.Mode.Disabled else QtGui.QPalette.ColorGroup.Active
    return palette.color(group, QtGui.QPalette.ColorRole.ButtonText)


def icon(name: str) -> QtGui.QIcon:
    """One of ``NAMES``; a missing file gives an empty icon (the action keeps its text)."""
    if name not in NAMES or not resource_path("icons", f"{name}.svg").is_file():
        return QtGui.QIcon()
    return QtGui.QIcon(TintedSvgEngine(name))
