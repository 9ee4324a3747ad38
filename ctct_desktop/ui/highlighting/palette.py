"""Colours for each StyleClass, in a light and a dark variant that follow the application palette."""

from __future__ import annotations

from PySide6 import QtGui

from ctct_desktop.ui.highlighting.spans import StyleClass

_LIGHT: dict[StyleClass, tuple[str, bool, bool]] = {  # colour, bold, italic
    StyleClass.TAG: ("#1f4e9c", False, False),
    StyleClass.ATTRIBUTE: ("#8a3f00", False, False),
    StyleClass.STRING: ("#17751f", False, False),
    StyleClass.COMMENT: ("#6b6b6b", False, True),
    StyleClass.KEYWORD: ("#8b1c8b", True, False),
    StyleClass.NUMBER: ("#0b6b75", False, False),
    StyleClass.PUNCTUATION: ("#555555", False, False),
    StyleClass.ERROR: ("#c01c28", False, False),
    StyleClass.ESCAPE: ("#a2570a", True, False),
}

_DARK: dict[StyleClass, tuple[str, bool, bool]] = {
    StyleClass.TAG: ("#7fb2ff", False, False),
    StyleClass.ATTRIBUTE: ("#f0a35e", False, False),
    StyleClass.STRING: ("#8fd88a", False, False),
    StyleClass.COMMENT: ("#9a9a9a", False, True),
    StyleClass.KEYWORD: ("#e39ae3", True, False),
    StyleClass.NUMBER: ("#6fd6de", False, False),
    StyleClass.PUNCTUATION: ("#b8b8b8", False, False),
    StyleClass.ERROR: ("#ff7b72", False, False),
    StyleClass.ESCAPE: ("#ffc66d", True, False),
}


def is_dark(palette: QtGui.QPalette) -> bool:
    """Dark when the base (text background) colour is darker than the text colour."""
    return palette.color(QtGui.QPalette.ColorRole.Base).lightness() < \
        palette.color(QtGui.QPalette.ColorRole.Text).lightness()


def formats_for(dark: bool) -> dict[int, QtGui.QTextCharFormat]:
    """One QTextCharFormat per style class value, built once per theme change."""
    table = _DARK if dark else _LIGHT
    formats: dict[int, QtGui.QTextCharFormat] = {}
    for style, (colour, bold, italic) in table.items():
        fmt = QtGui.QTextCharFormat()
        fmt.setForeground(QtGui.QColor(colour))
        if bold:
            fmt.setFontWeight(QtGui.QFont.Weight.Bold)
        if italic:
            fmt.setFontItalic(True)
        formats[int(style)] = fmt
    return formats
