"""A progress bar that paints its new value with the window's next frame.

Qt's ``QProgressBar.setValue`` repaints at once, and an immediate repaint flushes every dirty
widget of the window with it: at a large body's arrival the first screen of the paged view was
painted inside the arrival's handler, by the loading bar's first value, so the two made one long
stall instead of two short ones (benchmarks/stall_probe.py showed the paint under ``setValue``).
"""

from __future__ import annotations

from PySide6 import QtWidgets


class ProgressBar(QtWidgets.QProgressBar):
    def setValue(self, value: int) -> None:  # noqa: N802 - Qt API
        """The value now, its paint with the next frame (an update, not a repaint)."""
        if not self.updatesEnabled():
            super().setValue(value)
            return
        self.setUpdatesEnabled(False)  # repaint() does nothing while updates are off
        try:
            super().setValue(value)
        finally:
            self.setUpdatesEnabled(True)  # and turning them on schedules an update
