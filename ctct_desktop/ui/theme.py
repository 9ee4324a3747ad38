"""Look and feel: the platform style (Fusion only as a fallback) and the platform light/dark scheme."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.highlighting.palette import is_dark


def apply_platform_style(app: QtWidgets.QApplication) -> None:
    """Keep the platform's style; use Fusion only when none (or the bare legacy one) is available."""
    style = app.style()
    if style is None or style.name().lower() in ("", "windows"):
        app.setStyle("Fusion")


def dark_palette() -> QtGui.QPalette:
    role, group = QtGui.QPalette.ColorRole, QtGui.QPalette.ColorGroup
    palette = QtGui.QPalette()
    for r, colour in ((role.Window, "#2b2b2b"), (role.WindowText, "#e6e6e6"), (role.Base, "#1e1e1e"),
                      (role.AlternateBase, "#2f2f2f"), (role.Text, "#e6e6e6"), (role.Button, "#353535"),
                      (role.ButtonText, "#e6e6e6"), (role.Highlight, "#3d6fb4"), (role.HighlightedText, "#ffffff"),
                      (role.ToolTipBase, "#353535"), (role.ToolTipText, "#e6e6e6"), (role.Link, "#7fb2ff"),
                      (role.PlaceholderText, "#8c8c8c"), (role.BrightText, "#ff6b6b")):
        palette.setColor(r, QtGui.QColor(colour))
    palette.setColor(group.Disabled, role.Text, QtGui.QColor("#7a7a7a"))
    palette.setColor(group.Disabled, role.ButtonText, QtGui.QColor("#7a7a7a"))
    return palette


def apply_scheme(app: QtWidgets.QApplication, scheme: QtCore.Qt.ColorScheme) -> None:
    """Make the palette match ``scheme``; editors re-colour on the PaletteChange that follows."""
    if scheme == QtCore.Qt.ColorScheme.Unknown:
        return
    wanted_dark = scheme == QtCore.Qt.ColorScheme.Dark
    if wanted_dark != is_dark(app.palette()):
        app.setPalette(dark_palette() if wanted_dark else app.style().standardPalette())


_FORCED: dict[str, QtCore.Qt.ColorScheme] = {"light": QtCore.Qt.ColorScheme.Light,
                                             "dark": QtCore.Qt.ColorScheme.Dark}
_choice = {"theme": "system"}  # the user's setting; "system" follows the platform


def follow_color_scheme(app: QtWidgets.QApplication) -> None:
    """Apply the platform scheme now and whenever it switches between light and dark (Qt 6.5+),
    unless the user chose light or dark in Preferences."""
    hints = app.styleHints()
    if not hasattr(hints, "colorScheme"):
        return
    apply_scheme(app, hints.colorScheme())
    hints.colorSchemeChanged.connect(
        lambda scheme: apply_scheme(app, scheme) if _choice["theme"] == "system" else None)


def set_theme(app: QtWidgets.QApplication, theme: str) -> None:
    """The Preferences theme: "system", "light" or "dark"."""
    _choice["theme"] = theme if theme in _FORCED else "system"
    if theme in _FORCED:
        apply_scheme(app, _FORCED[theme])
    elif hasattr(app.styleHints(), "colorScheme"):
        scheme = app.styleHints().colorScheme()
        apply_scheme(app, scheme if scheme != QtCore.Qt.ColorScheme.Unknown else QtCore.Qt.ColorScheme.Light)
