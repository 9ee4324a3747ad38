"""Render the app icon (resources/icons/ctct-desktop.svg) to the hicolor PNG sizes, reproducibly.

Desktops pick the PNG nearest the size they draw; the SVG goes to hicolor/scalable as it is. The PNGs
are committed, so an install needs no renderer; rerun this after changing the SVG (a test compares
the committed PNGs with a fresh rendering):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6 import QtCore, QtGui, QtSvg

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "ctct-desktop.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
ICON_NAME = "ctct-desktop"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def render(size: int) -> QtGui.QImage:
    """The SVG drawn on a transparent square of ``size`` pixels (premultiplied ARGB, antialiased)."""
    renderer = QtSvg.QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    image = QtGui.QImage(size, size, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QtCore.QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QtGui.QImage.Format.Format_ARGB32)


def largest_channel_difference(a: QtGui.QImage, b: QtGui.QImage) -> int:
    """The largest difference of one colour channel between two images of one size (255 if sizes differ)."""
    if a.size() != b.size():
        return 255
    a = a.convertToFormat(QtGui.QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QtGui.QImage.Format.Format_ARGB32)
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            for shift in (0, 8, 16, 24):
                worst = max(worst, abs(((pa >> shift) & 0xFF) - ((pb >> shift) & 0xFF)))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed PNGs, write nothing")
    options = parser.parse_args()
    app = QtGui.QGuiApplication.instance() or QtGui.QGuiApplication(sys.argv[:1])
    stale = []
    for size in SIZES:
        image = render(size)
        path = png_path(size)
        if options.check:
            if largest_channel_difference(image, QtGui.QImage(str(path))) > 8:
                stale.append(str(path.relative_to(ROOT)))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"could not write {path}")
        print(f"wrote {path.relative_to(ROOT)}")
    del app
    if stale:
        print("out of date (run packaging/make_icons.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
