"""Hover text for ``{{variables}}``: which placeholder is under the mouse and what it resolves to.

``hover_at_text`` is pure (text + character offset); ``hover_at`` maps a mouse position in a
QLineEdit or QPlainTextEdit to that offset, so any editor can show the tooltip with one call.
Secret values are masked unless the caller asks otherwise.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.variables import Placeholder, find_placeholders, preview_value
from ctct_desktop.ui.environment_view.listing import SECRET_MASK

MAX_SHOWN = 300


@dataclass(frozen=True)
class VariableHover:
    """The placeholder at a position; ``value`` None when nothing defines it."""

    placeholder: Placeholder
    value: str | None
    secret: bool = False

    @property
    def name(self) -> str:
        return self.placeholder.name

    def tooltip(self) -> str:
        if self.value is None:
            return f"{{{{{self.name}}}}} is not defined in the environment or the collection"
        shown = SECRET_MASK if self.secret else self.value
        if len(shown) > MAX_SHOWN:
            shown = shown[:MAX_SHOWN] + "…"
        return f"{{{{{self.name}}}}} = {shown}"


def placeholder_at(text: str, offset: int) -> Placeholder | None:
    """The placeholder covering character ``offset`` (its braces included)."""
    for found in find_placeholders(text):
        if found.start <= offset < found.end:
            return found
        if found.start > offset:
            return None
    return None


def hover_at_text(text: str, offset: int, scopes: Sequence[Mapping[str, str]],
                  secret_names: Collection[str] = ()) -> VariableHover | None:
    found = placeholder_at(text, offset)
    if found is None:
        return None
    return VariableHover(found, preview_value(found.name, scopes), found.name in secret_names)


def _offset_in(widget: QtWidgets.QWidget, point: QtCore.QPoint) -> tuple[str, int] | None:
    """The text line under ``point`` (widget coordinates; a viewport's for a text edit) and the
    character offset in it, or None off the text."""
    if isinstance(widget, QtWidgets.QLineEdit):
        return widget.text(), widget.cursorPositionAt(point)
    if isinstance(widget, QtWidgets.QPlainTextEdit):
        cursor = widget.cursorForPosition(point)
        rect = widget.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None  # below the last line
        return cursor.block().text(), cursor.positionInBlock()
    return None


def hover_at(widget: QtWidgets.QWidget, point: QtCore.QPoint, scopes: Sequence[Mapping[str, str]],
             secret_names: Collection[str] = ()) -> VariableHover | None:
    """The variable under the mouse in a line edit or a plain-text editor, if any.

    The cursor position Qt reports is the nearest gap between characters; the character under
    the mouse is the one before or after it, so both are tried.
    """
    located = _offset_in(widget, point)
    if located is None:
        return None
    text, offset = located
    return (hover_at_text(text, offset, scopes, secret_names)
            or hover_at_text(text, offset - 1, scopes, secret_names))
