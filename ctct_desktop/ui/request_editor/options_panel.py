"""Per-request options: timeout, TLS verification (on by default), redirects."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import DEFAULT_TIMEOUT_S


class OptionsPanel(QtWidgets.QWidget):
    changed = QtCore.Signal()
    verify_changed = QtCore.Signal(bool)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeout = QtWidgets.QDoubleSpinBox(self)
        self.timeout.setRange(0.1, 3600.0)
        self.timeout.setDecimals(1)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(DEFAULT_TIMEOUT_S)
        self.timeout.setAccessibleName("Timeout in seconds")
        self.timeout.setToolTip("Give up when the server has not answered within this many seconds")
        self.verify_tls = QtWidgets.QCheckBox("Verify TLS certificates", self)
        self.verify_tls.setChecked(True)
        self.verify_tls.setToolTip("Keep this on. Turning it off accepts any certificate, "
                                   "including an attacker's; the editor shows a warning while it is off.")
        self.follow_redirects = QtWidgets.QCheckBox("Follow redirects", self)
        self.follow_redirects.setToolTip("Follow 3xx answers instead of showing them")
        form = QtWidgets.QFormLayout(self)
        form.addRow("Timeout", self.timeout)
        form.addRow("", self.verify_tls)
        form.addRow("", self.follow_redirects)
        self.timeout.valueChanged.connect(self.changed)
        self.follow_redirects.toggled.connect(self.changed)
        self.verify_tls.toggled.connect(self._on_verify)

    def _on_verify(self, on: bool) -> None:
        self.verify_changed.emit(on)
        self.changed.emit()

    def set_values(self, timeout_s: float, verify_tls: bool, follow_redirects: bool) -> None:
        with QtCore.QSignalBlocker(self.timeout), QtCore.QSignalBlocker(self.follow_redirects):
            self.timeout.setValue(timeout_s)
            self.follow_redirects.setChecked(follow_redirects)
        self.verify_tls.setChecked(verify_tls)
