"""The timing breakdown from httpx's trace hooks: connect, TLS, time to first byte, download."""

from __future__ import annotations

from PySide6 import QtWidgets

from ctct_desktop.core.models import Timings
from ctct_desktop.ui.response_view.status_line import human_ms

_PHASES = (("connect_ms", "Connect", "Opening the TCP connection (0 when a connection was reused)"),
           ("tls_ms", "TLS handshake", "Negotiating HTTPS; none on plain http"),
           ("ttfb_ms", "Time to first byte", "From sending the request to the first byte of the answer"),
           ("download_ms", "Download", "Receiving the body"))


class TimingPanel(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        form = QtWidgets.QFormLayout(self)
        self._rows: dict[str, tuple[QtWidgets.QLabel, QtWidgets.QProgressBar]] = {}
        for key, label, tip in _PHASES + (("total_ms", "Total", "Everything, end to end"),):
            value = QtWidgets.QLabel("–", self)
            value.setAccessibleName(label)
            value.setToolTip(tip)
            bar = QtWidgets.QProgressBar(self)
            bar.setTextVisible(False)
            bar.setMaximumHeight(10)
            bar.setRange(0, 1000)
            bar.setToolTip(tip)
            row = QtWidgets.QHBoxLayout()
            value.setMinimumWidth(80)
            row.addWidget(value)
            row.addWidget(bar, 1)
            form.addRow(label, row)
            self._rows[key] = (value, bar)

    def text_of(self, key: str) -> str:
        return self._rows[key][0].text()

    def show_timings(self, timings: Timings | None) -> None:
        total = timings.total_ms if timings else 0.0
        for key, (label, bar) in self._rows.items():
            value = getattr(timings, key) if timings else None
            label.setText(human_ms(value) if value is not None else "–")
            bar.setValue(int(1000 * value / total) if value is not None and total > 0 else 0)
