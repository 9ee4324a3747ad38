"""The METHOD pill in front of each request in the tree, so the verb reads at a glance.

The pill is as tall as a line of the row's font and its text is one point smaller, bold, in a
shade of the method's colour chosen to reach WCAG AA (4.5:1) against the pill's tint, in the light
and the dark palette alike. Every pill has the width of the widest common verb, so names line up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6 import QtCore, QtGui

from ctct_desktop.ui.highlighting.palette import is_dark
from ctct_desktop.ui.theme import AA_CONTRAST, composite, contrast_ratio

METHOD_ROLE = QtCore.Qt.ItemDataRole.UserRole + 41  # the request's method, for the delegate to paint
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
_WIDEST = ("DELETE", "OPTIONS", "PATCH")  # pills are this wide; a longer, unusual verb is elided
_TINT_ALPHA = {False: 0.16, True: 0.30}  # how much of the method colour tints the pill (light, dark)
_MARGIN = 0.15  # above AA, so rounding in the painted colours never drops below it


def method_colour(method: str) -> QtGui.QColor:
    return QtGui.QColor(METHOD_COLOURS.get(method.upper(), _OTHER_COLOUR))


@dataclass(frozen=True)
class PillStyle:
    """Everything the pill is painted with: what a test measures and the painter uses."""

    text: str  # shown (elided when an unusual verb is wider than the pill)
    font: QtGui.QFont
    size: QtCore.QSize
    fill: QtGui.QColor
    colour: QtGui.QColor


def badge_font(item_font: QtGui.QFont) -> QtGui.QFont:
    """Bold, one point smaller than the row's font (one pixel for a pixel-sized font)."""
    font = QtGui.QFont(item_font)
    font.setBold(True)
    if item_font.pointSizeF() > 0:
        font.setPointSizeF(max(6.0, item_font.pointSizeF() - 1))
    elif item_font.pixelSize() > 0:
        font.setPixelSize(max(8, item_font.pixelSize() - 1))
    return font


def readable_shade(colour: QtGui.QColor, background: QtGui.QColor, lighter: bool) -> QtGui.QColor:
    """``colour`` made lighter (or darker) in steps until it reads at AA on ``background``."""
    hue, saturation, lightness = max(0.0, colour.hslHueF()), colour.hslSaturationF(), colour.lightnessF()  # grey: -1
    shade = QtGui.QColor(colour)
    for step in range(41):  # step 0 is the colour itself
        if contrast_ratio(shade, background) >= AA_CONTRAST + _MARGIN:
            return shade
        target = 1.0 if lighter else 0.0
        shade = QtGui.QColor.fromHslF(hue, saturation, lightness + (target - lightness) * step / 40)
    return QtGui.QColor("#ffffff" if lighter else "#000000")


def badge_colours(method: str, palette: QtGui.QPalette) -> tuple[QtGui.QColor, QtGui.QColor]:
    """(fill, text): the method's colour as a tint of the row background, and a readable shade."""
    dark = is_dark(palette)
    base = palette.color(QtGui.QPalette.ColorRole.Base)
    tint = method_colour(method)
    tint.setAlphaF(_TINT_ALPHA[dark])
    fill = composite(tint, base)
    return fill, readable_shade(method_colour(method), fill, lighter=dark)


def pill_style(method: str, item_font: QtGui.QFont, palette: QtGui.QPalette) -> PillStyle:
    font = badge_font(item_font)
    metrics = QtGui.QFontMetricsF(font)
    pad = metrics.height() * 0.4
    inner = max(metrics.horizontalAdvance(verb) for verb in _WIDEST)
    height = max(math.ceil(QtGui.QFontMetricsF(item_font).height()), math.ceil(metrics.height()))
    text = metrics.elidedText((method.upper() or "?"), QtCore.Qt.TextElideMode.ElideRight, inner + 0.5)
    fill, colour = badge_colours(method, palette)
    return PillStyle(text, font, QtCore.QSize(math.ceil(inner + 2 * pad), height), fill, colour)


def method_pill(style: PillStyle, device_pixel_ratio: float = 1.0) -> QtGui.QPixmap:
    """The pill painted at the screen's pixel ratio (cached: a tree repaints often)."""
    return _painted(style.text, style.font.toString(), style.size.width(), style.size.height(),
                    style.fill.rgba(), style.colour.rgba(), device_pixel_ratio)


@lru_cache(maxsize=256)
def _painted(text: str, font_key: str, width: int, height: int, fill: int, colour: int,
             ratio: float) -> QtGui.QPixmap:
    pixmap = QtGui.QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    font = QtGui.QFont()
    font.fromString(font_key)
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setPen(QtCore.Qt.PenStyle.NoPen)
    painter.setBrush(QtGui.QColor.fromRgba(fill))
    rect = QtCore.QRectF(0, 0, width, height)
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setFont(font)
    painter.setPen(QtGui.QColor.fromRgba(colour))
    painter.drawText(rect, int(QtCore.Qt.AlignmentFlag.AlignCenter), text)
    painter.end()
    return pixmap
