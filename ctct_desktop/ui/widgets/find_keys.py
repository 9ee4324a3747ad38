"""The keys every find field shares: Esc closes the bar, Shift+Enter finds the previous match
(Enter, the field's returnPressed, finds the next)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore


def handle_find_keys(event: QtCore.QEvent, close: Callable[[], object], previous: Callable[[], object]) -> bool:
    """For a find field's event filter: True when the key was one of ours and has been handled."""
    if event.type() != QtCore.QEvent.Type.KeyPress:
        return False
    key, mods = event.key(), event.modifiers()  # type: ignore[attr-defined]
    if key == QtCore.Qt.Key.Key_Escape:
        close()
        return True
    if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and mods & QtCore.Qt.KeyboardModifier.ShiftModifier:
        previous()
        return True
    return False
