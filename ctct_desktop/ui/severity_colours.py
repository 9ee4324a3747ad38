"""Colours that carry a meaning (lint severity, response status class), in a light and a dark set.

One colour for every palette cannot work: an amber that reads on dark grey is 2:1 on white. Each
set reaches WCAG AA for text (4.5:1) on the palette's Base and AlternateBase, so the same colour
serves the Problems list's text, the editor's wavy underlines and the gutter marks (non-text,
which need 3:1). ``tests/ui/test_contrast.py`` measures them in both palettes.
"""

from __future__ import annotations

from PySide6 import QtGui

from ctct_desktop.ui.highlighting.palette import is_dark

_LIGHT = {"error": "#c62828", "warning": "#8a5a00", "info": "#1f63a6", "hint": "#5f6b6d"}
_DARK = {"error": "#ff7b72", "warning": "#f0b046", "info": "#6cb6ff", "hint": "#a0aab0"}
SEVERITIES = tuple(_LIGHT)

# History's status column: 2xx green, 3xx blue, 4xx amber, 5xx and failures red.
_STATUS_LIGHT = {2: "#1e7a3c", 3: "#1f63a6", 4: "#8a5a00", 5: "#c62828"}
_STATUS_DARK = {2: "#6fd08c", 3: "#6cb6ff", 4: "#f0b046", 5: "#ff7b72"}
STATUS_CLASSES = tuple(_STATUS_LIGHT)


def severity_colour(severity: str, palette: QtGui.QPalette) -> QtGui.QColor:
    """The colour of ``"error"``, ``"warning"``, ``"info"`` or ``"hint"`` (grey for anything else)."""
    table = _DARK if is_dark(palette) else _LIGHT
    return QtGui.QColor(table.get(severity, table["hint"]))


def status_class_colour(status_class: int, palette: QtGui.QPalette) -> QtGui.QColor | None:
    """Text colour for a status class (2 for 2xx…); None for 1xx, which stays the plain text colour."""
    table = _STATUS_DARK if is_dark(palette) else _STATUS_LIGHT
    value = table.get(status_class)
    return QtGui.QColor(value) if value is not None else None


# The runner's outcomes, in the same sets: passed green, failed red, not sent amber, cancelled grey.
_OUTCOMES = {"passed": "", "failed": "error", "error": "warning", "cancelled": "hint"}
OUTCOMES = tuple(_OUTCOMES)


def outcome_colour(outcome: str, palette: QtGui.QPalette) -> QtGui.QColor:
    """Text colour of a run's outcome (``Outcome.value``): each reaches AA on Base in both palettes."""
    severity = _OUTCOMES.get(outcome, "hint")
    if not severity:
        return QtGui.QColor((_STATUS_DARK if is_dark(palette) else _STATUS_LIGHT)[2])
    return severity_colour(severity, palette)
