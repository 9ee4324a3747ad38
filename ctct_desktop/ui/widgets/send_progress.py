"""While a request is out: a busy bar, the time since it left and the bytes received so far.

Sits next to Cancel in the toolbar, so the user sees that something is happening and can judge
whether to wait or cancel. The clock is a 100 ms timer that only runs while a request is out.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.response_view.status_line import human_size

TICK_MS = 100


def progress_text(elapsed_ms: int, received: int, total: int) -> str:
    """"1.2 s · 3.4 KiB of 10.0 KiB": seconds with one decimal, bytes as they arrive."""
    size = human_size(received) + (f" of {human_size(total)}" if total > 0 else "")
    return f"{elapsed_ms / 1000:.1f} s · {size}"


class SendProgress(QtWidgets.QWidget):
    """``running_changed(bool)``: a toolbar shows its widgets through their action, so the
    toolbar's owner connects this to that action's ``setVisible``."""

    running_changed = QtCore.Signal(bool)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SendProgress")
        self.bar = QtWidgets.QProgressBar(self)
        self.bar.setAccessibleName("Sending")
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(72)
        self.bar.setMaximumHeight(12)
        self.label = QtWidgets.QLabel(self)
        self.label.setAccessibleName("Time and bytes so far")
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("00.0 s · 000.0 KiB of 000.0 KiB"))
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self._clock = QtCore.QElapsedTimer()
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._refresh)
        self._received = 0
        self._total = -1

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._received, self._total = 0, -1
        self.bar.setRange(0, 0)  # busy until the size is known
        self._clock.start()
        self._timer.start()
        self._refresh()
        self.running_changed.emit(True)

    def received(self, received: int, total: int) -> None:
        self._received, self._total = received, total
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(received, total))
        self._refresh()

    def stop(self) -> None:
        self._timer.stop()
        self.running_changed.emit(False)

    def _refresh(self) -> None:
        self.label.setText(progress_text(int(self._clock.elapsed()) if self._clock.isValid() else 0,
                                         self._received, self._total))
