"""File → Preferences: a form built from the settings schema (store/settings.py).

Each shown field gets the widget its declaration implies (check box, bounded spin box, choice
list) and its help text as tooltip and label; OK validates through ``Settings.with_changes``.
"""

from __future__ import annotations

from typing import Any

from PySide6 import QtWidgets

from ctct_desktop.store.settings import Settings, SettingsError, spec_of

# The settings a person changes here; the others are kept by the app itself (window, collections).
SHOWN: tuple[tuple[str, str], ...] = (
    ("theme", "Theme"),
    ("confirm_send_with_errors", "Ask before sending a request with lint errors"),
    ("lint_debounce_ms", "Lint after typing pauses for (ms)"),
    ("default_timeout_s", "Timeout of new requests (s)"),
    ("verify_tls_default", "Verify TLS certificates of new requests"),
    ("start_embedded_sandbox", "Start the local sandbox with the app"),
    ("history_max_entries", "History: entries kept"),
    ("history_max_mb", "History: storage (MiB)"),
)


def _widget_for(name: str, value: Any) -> QtWidgets.QWidget:
    spec = spec_of(name)
    widget: QtWidgets.QWidget
    if spec.choices:
        widget = QtWidgets.QComboBox()
        widget.addItems(list(spec.choices))
        widget.setCurrentText(str(value))
    elif spec.kind is bool:
        widget = QtWidgets.QCheckBox()
        widget.setChecked(bool(value))
    elif spec.kind is int:
        widget = QtWidgets.QSpinBox()
        widget.setRange(int(spec.minimum if spec.minimum is not None else 0),
                        int(min(spec.maximum if spec.maximum is not None else 2**31 - 1, 2**31 - 1)))
        widget.setValue(int(value))
    elif spec.kind is float:
        widget = QtWidgets.QDoubleSpinBox()
        widget.setDecimals(1)
        widget.setRange(spec.minimum or 0.0, spec.maximum or 1e9)
        widget.setValue(float(value))
    else:
        widget = QtWidgets.QLineEdit(str(value))
    widget.setToolTip(spec.help)
    widget.setAccessibleDescription(spec.help)
    return widget


def _value_of(widget: QtWidgets.QWidget) -> Any:
    if isinstance(widget, QtWidgets.QComboBox):
        return widget.currentText()
    if isinstance(widget, QtWidgets.QCheckBox):
        return widget.isChecked()
    if isinstance(widget, (QtWidgets.QSpinBox, QtWidgets.QDoubleSpinBox)):
        return widget.value()
    return widget.text()  # type: ignore[attr-defined]


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, settings: Settings, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.original = settings
        self.result_settings: Settings | None = None
        self.fields: dict[str, QtWidgets.QWidget] = {}
        form = QtWidgets.QFormLayout()
        for name, label in SHOWN:
            widget = _widget_for(name, getattr(settings, name))
            widget.setAccessibleName(label)
            self.fields[name] = widget
            form.addRow(label, widget)
        self.problem = QtWidgets.QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.result_settings = self.original.with_changes(
                **{name: _value_of(widget) for name, widget in self.fields.items()})
        except SettingsError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()
