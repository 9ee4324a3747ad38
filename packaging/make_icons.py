"""Render the app icon (resources/icons/ctct-desktop.svg) to the hicolor PNG sizes, reproducibly,
and to the Windows and macOS icon files the standalone build uses (packaging/ctct-desktop.ico and
.icns, PNG images in their platforms' containers: packaging/icon_containers.py).

Desktops pick the PNG nearest the size they draw; the SVG goes to hicolor/scalable as it is. The PNGs
and the two icon files are committed, so an install or a build needs no renderer; rerun this after
changing the SVG (a test compares the committed files with a fresh rendering):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtSvg

from icon_containers import ICNS_SIZES, ICO_SIZES, read_icns, read_ico, write_icns, write_ico

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "ctct-desktop.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
ICON_NAME = "ctct-desktop"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO = ROOT / "packaging" / f"{ICON_NAME}.ico"  # the spec's Windows icon
ICNS = ROOT / "packaging" / f"{ICON_NAME}.icns"  # the spec's macOS icon (the .app bundle's)


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
    # Compared byte by byte over the raw ARGB32 data (rows have no padding at 4 bytes a pixel): calling
    # pixel() for each of a 1024-pixel square's million pixels took seconds.
    raw_a, raw_b = bytes(a.constBits())[:a.sizeInBytes()], bytes(b.constBits())[:b.sizeInBytes()]
    return max((abs(x - y) for x, y in zip(raw_a, raw_b)), default=0)


def png_bytes(image: QtGui.QImage) -> bytes:
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("could not encode a PNG")
    return bytes(buffer.data().data())


def container_is_current(path: Path, sizes: tuple[int, ...], read: Callable[[bytes], dict[int, bytes]]) -> bool:
    """The icon file holds exactly ``sizes``, each close to a fresh rendering."""
    try:
        images = read(path.read_bytes())
    except (OSError, ValueError):
        return False
    if sorted(images) != sorted(sizes):
        return False
    return all(largest_channel_difference(render(size), QtGui.QImage.fromData(images[size], "PNG")) <= 8
               for size in sizes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
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
    containers = ((ICO, ICO_SIZES, read_ico, write_ico), (ICNS, ICNS_SIZES, read_icns, write_icns))
    for path, sizes, read, write in containers:
        if options.check:
            if not container_is_current(path, sizes, read):
                stale.append(str(path.relative_to(ROOT)))
            continue
        path.write_bytes(write({size: png_bytes(render(size)) for size in sizes}))
        print(f"wrote {path.relative_to(ROOT)} ({', '.join(map(str, sizes))} px)")
    del app
    if stale:
        print("out of date (run packaging/make_icons.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
