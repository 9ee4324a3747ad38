"""Run start-up work once the window has been painted and the event loop is free again.

Work the first screen does not need (the sandbox, history, the knowledge base, warming the
transport) waits for this, so it never competes with the first paint for the GIL or the CPU.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

# A window that is never painted (started minimized, or on a platform that shows nothing) still
# gets its services: after this long they start anyway.
FALLBACK_MS = 3000


class _AfterFirstPaint(QtCore.QObject):
    def __init__(self, window: QtWidgets.QWidget, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        self._window = window
        window.installEventFilter(self)
        self._fallback = QtCore.QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._run)
        self._fallback_ms = fallback_ms

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QtCore.QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QtCore.QTimer.singleShot(0, self._run)  # the next turn of the loop: the paint is on screen
        elif kind == QtCore.QEvent.Type.Show and not self._fallback.isActive():
            self._fallback.start(self._fallback_ms)
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        self._fallback.stop()
        if callback is not None:
            callback()


def after_first_paint(window: QtWidgets.QWidget, callback: Callable[[], None],
                      fallback_ms: int = FALLBACK_MS) -> None:
    """Call ``callback`` once, from the event loop, after ``window``'s first paint (or, for a
    window shown but never painted, ``fallback_ms`` after it was shown)."""
    _AfterFirstPaint(window, callback, fallback_ms)
