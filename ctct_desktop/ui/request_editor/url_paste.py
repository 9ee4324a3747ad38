"""A whole request pasted into the URL field (a curl command, raw HTTP) is handed on to be imported
instead of landing in the field as text. The keyboard paste is caught before it is inserted; a
paste from the context menu is caught just after, and the field is put back as it was."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

MAX_CHECKED = 256 * 1024


def _command(text: str) -> bool:
    if not text.strip() or len(text) > MAX_CHECKED:
        return False
    from ctct_desktop.importers import looks_like_command  # deferred: only a paste needs the importers

    return looks_like_command(text)


class CommandPaste(QtCore.QObject):
    """Calls ``on_command(text)`` for a pasted command; ordinary pastes are left alone."""

    def __init__(self, line: QtWidgets.QLineEdit, on_command: Callable[[str], None]) -> None:
        super().__init__(line)
        self._line, self._on_command = line, on_command
        line.installEventFilter(self)
        line.textEdited.connect(self._edited)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._line and event.type() == QtCore.QEvent.Type.KeyPress \
                and isinstance(event, QtGui.QKeyEvent) and event.matches(QtGui.QKeySequence.StandardKey.Paste):
            text = QtGui.QGuiApplication.clipboard().text()
            if _command(text):
                self._on_command(text)
                return True
        return False

    def _edited(self, text: str) -> None:
        clip = QtGui.QGuiApplication.clipboard().text()
        if len(clip) > 1 and clip in text and _command(clip):
            with QtCore.QSignalBlocker(self._line):
                self._line.setText(text.replace(clip, "", 1))
            self._on_command(clip)
