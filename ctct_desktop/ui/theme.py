"""Look and feel: the platform style (Fusion only as a fallback) and the platform light/dark scheme.

Both palettes keep every text role the app uses at WCAG AA contrast (4.5:1) against the
background it is drawn on; ``contrast_ratio`` is the WCAG formula the contrast test uses.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.highlighting.palette import is_dark


def apply_platform_style(app: QtWidgets.QApplication) -> None:
    """Keep the platform's style; use Fusion only when none (or the bare legacy one) is available."""
    style = app.style()
    if style is None or style.name().lower() in ("", "windows"):
        app.setStyle("Fusion")
    app.setPalette(readable_placeholders(app.palette()))


AA_CONTRAST = 4.5


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QtGui.QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    return 0.2126 * _channel(colour.redF()) + 0.7152 * _channel(colour.greenF()) + 0.0722 * _channel(colour.blueF())


def composite(colour: QtGui.QColor, background: QtGui.QColor) -> QtGui.QColor:
    """What a translucent colour looks like drawn over ``background`` (placeholders often are)."""
    a = colour.alphaF()
    return QtGui.QColor.fromRgbF(colour.redF() * a + background.redF() * (1 - a),
                                 colour.greenF() * a + background.greenF() * (1 - a),
                                 colour.blueF() * a + background.blueF() * (1 - a))


def contrast_ratio(foreground: QtGui.QColor, background: QtGui.QColor) -> float:
    """WCAG contrast ratio, 1 to 21; AA for normal text needs ``AA_CONTRAST``."""
    lighter, darker = sorted((relative_luminance(composite(foreground, background)),
                              relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_placeholders(palette: QtGui.QPalette) -> QtGui.QPalette:
    """Placeholders at AA against Base: Qt draws them at half the text colour's opacity (4:1 on
    white); moved towards the text colour, opaque, until they pass. Other roles are left alone."""
    role = QtGui.QPalette.ColorRole
    base, text = palette.color(role.Base), palette.color(role.Text)
    colour = composite(palette.color(role.PlaceholderText), base)
    for step in range(11):
        if contrast_ratio(colour, base) >= AA_CONTRAST + 0.1:
            break
        t = step / 10
        colour = QtGui.QColor.fromRgbF(colour.redF() * (1 - t) + text.redF() * t,
                                       colour.greenF() * (1 - t) + text.greenF() * t,
                                       colour.blueF() * (1 - t) + text.blueF() * t)
    palette.setColor(role.PlaceholderText, colour)
    return palette


def light_palette(style: QtWidgets.QStyle | None = None) -> QtGui.QPalette:
    """The style's own light palette, placeholders readable."""
    return readable_placeholders(style.standardPalette() if style is not None else QtGui.QPalette())


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
        app.setPalette(dark_palette() if wanted_dark else light_palette(app.style()))
    elif not wanted_dark:
        app.setPalette(readable_placeholders(app.palette()))


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
