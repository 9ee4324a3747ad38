"""Toolbar icons for send, cancel, new, save, format and export: bundled SVGs tinted with the
palette, so they follow light and dark; QtSvg is not loaded until an icon is drawn."""

from __future__ import annotations

import subprocess
import sys

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.resources import resource_path
from ctct_desktop.ui.theme import set_theme
from ctct_desktop.ui.widgets.icons import NAMES


def _ink(icon: QtGui.QIcon) -> set[str]:
    image = icon.pixmap(QtCore.QSize(24, 24)).toImage()
    colours = (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    return {c.name() for c in colours if c.alpha() == 255}


def test_the_toolbar_shows_the_six_icons_in_the_palette_colour(qtbot, workbench) -> None:
    window = workbench.window
    by_text = {a.text().replace("&", ""): a for a in window.toolbar.actions()}
    wanted = ["Send", "Cancel", "New request", "Save", "Format body", "Export exchange for support…"]
    assert all(name in by_text for name in wanted), sorted(by_text)
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    try:
        for theme in ("light", "dark"):
            set_theme(app, theme)
            ink = app.palette().color(QtGui.QPalette.ColorRole.ButtonText).name()
            for name in wanted:
                action = by_text[name]
                assert not action.icon().isNull(), name
                assert _ink(action.icon()) == {ink}, f"{name} in {theme}: {_ink(action.icon())} not {ink}"
    finally:
        set_theme(app, "system")


def test_icons_are_bundled_with_a_licence_note() -> None:
    for name in NAMES:
        assert resource_path("icons", f"{name}.svg").read_text(encoding="utf-8").startswith("<svg")
    assert "MIT" in resource_path("icons", "LICENSE").read_text(encoding="utf-8")


def test_building_the_window_module_does_not_import_qtsvg() -> None:
    code = "import sys, ctct_desktop.ui.main_window; print('PySide6.QtSvg' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr[-2000:]
