"""Wavy underlines for diagnostics, as extra selections (no document change, no undo entry)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtGui, QtWidgets

from ctct_desktop.lint import Diagnostic, Severity, Where
from ctct_desktop.ui.lint_view.positions import PositionMap
from ctct_desktop.ui.severity_colours import severity_colour as colour_for

def severity_colour(severity: Severity, palette: QtGui.QPalette) -> QtGui.QColor:
    """The severity's colour for this palette (light and dark differ; see ui/severity_colours.py)."""
    return colour_for(severity.value, palette)


def body_range(diagnostic: Diagnostic, text: str, positions: PositionMap) -> tuple[int, int] | None:
    """The Qt (start, end) a body diagnostic covers; at least one character, inside the text."""
    if diagnostic.where is not Where.BODY or diagnostic.start is None:
        return None
    start = max(0, min(diagnostic.start, len(text)))
    end = diagnostic.end if diagnostic.end is not None else start + 1
    end = max(start + 1, min(end, len(text)))
    if start >= len(text):  # a problem at the very end (e.g. a missing end tag): mark the last char
        start = max(0, len(text) - 1)
        end = len(text)
    return positions.to_qt(start), positions.to_qt(end)


def diagnostic_selections(editor: QtWidgets.QPlainTextEdit,
                          diagnostics: Sequence[Diagnostic]) -> list[QtWidgets.QTextEdit.ExtraSelection]:
    text = editor.toPlainText()
    positions = PositionMap(text)
    selections: list[QtWidgets.QTextEdit.ExtraSelection] = []
    # Errors last, so they are drawn on top where ranges overlap.
    order = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
    for diagnostic in sorted(diagnostics, key=lambda d: order[d.severity]):
        span = body_range(diagnostic, text, positions)
        if span is None:
            continue
        selection = QtWidgets.QTextEdit.ExtraSelection()
        fmt = QtGui.QTextCharFormat()
        fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(severity_colour(diagnostic.severity, editor.palette()))
        fmt.setToolTip(tooltip_text(diagnostic))
        selection.format = fmt
        cursor = QtGui.QTextCursor(editor.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QtGui.QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selections.append(selection)
    return selections


def tooltip_text(diagnostic: Diagnostic) -> str:
    hint = f"\n{diagnostic.hint}" if diagnostic.hint else ""
    fix = f"\nQuick fix: {diagnostic.fix.title}" if diagnostic.fix else ""
    return f"{diagnostic.severity.value} {diagnostic.code}: {diagnostic.message}{hint}{fix}"


def diagnostics_at(diagnostics: Sequence[Diagnostic], text: str, qt_position: int) -> list[Diagnostic]:
    """Body diagnostics whose range covers a Qt position (for hover tooltips)."""
    positions = PositionMap(text)
    hits = []
    for diagnostic in diagnostics:
        span = body_range(diagnostic, text, positions)
        if span and span[0] <= qt_position < span[1]:
            hits.append(diagnostic)
    return hits
