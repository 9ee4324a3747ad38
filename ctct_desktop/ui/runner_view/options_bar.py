"""The Runner's options, the CLI's in the window: iterations, a data file (CSV/JSON, its rows as
variables, shown with its row count), bail at the first failure, a delay between requests, a
timeout, force (send despite lint errors), and Re-run.

The bar only holds the choices (``RunChoices``); the controller reads the data file in a worker
and says how many rows it found (``show_rows``).
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.runner_view.choices import MAX_DELAY_MS, MAX_ITERATIONS, MAX_TIMEOUT_S, RunChoices

DATA_FILTER = "Data files (*.csv *.json);;CSV (*.csv);;JSON (*.json)"


class RunOptionsBar(QtWidgets.QWidget):
    rerun_requested = QtCore.Signal()
    data_file_changed = QtCore.Signal(str)  # "" when cleared

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Run options")
        self.data_file = ""
        self.dialog: QtWidgets.QFileDialog | None = None
        self._build()

    def _build(self) -> None:
        self.iterations = QtWidgets.QSpinBox(self)
        self.iterations.setRange(0, MAX_ITERATIONS)
        self.iterations.setSpecialValueText("auto")
        self.iterations.setAccessibleName("Iterations")
        self.iterations.setToolTip("How many times to run the collection; auto: once per data row, or once")
        self.data_label = QtWidgets.QLabel("No data file", self)
        self.data_label.setAccessibleName("Data file")
        self.choose_data = QtWidgets.QPushButton("&Data file…", self)
        self.choose_data.setToolTip("Run once per row of a CSV or JSON file, its columns as variables")
        self.clear_data = QtWidgets.QPushButton("No data", self)
        self.clear_data.setToolTip("Run without a data file")
        self.bail = QtWidgets.QCheckBox("Stop at first &failure", self)
        self.delay = QtWidgets.QSpinBox(self)
        self.delay.setRange(0, MAX_DELAY_MS)
        self.delay.setSuffix(" ms")
        self.delay.setAccessibleName("Delay between requests")
        self.delay.setToolTip("Wait this long between requests")
        self.timeout = QtWidgets.QDoubleSpinBox(self)
        self.timeout.setRange(0.0, MAX_TIMEOUT_S)
        self.timeout.setDecimals(1)
        self.timeout.setSuffix(" s")
        self.timeout.setSpecialValueText("request's own")
        self.timeout.setAccessibleName("Timeout")
        self.timeout.setToolTip("A deadline for each exchange; the request's own timeout when not set")
        self.force = QtWidgets.QCheckBox("Send despite &lint errors", self)
        self.rerun = QtWidgets.QPushButton("&Re-run", self)
        self.rerun.setToolTip("Run the same collection or folder again with these options")
        self.rerun.setEnabled(False)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (("Iterations", self.iterations), ("Delay", self.delay), ("Timeout", self.timeout)):
            caption = QtWidgets.QLabel(label, self)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
        for other in (self.choose_data, self.data_label, self.clear_data, self.bail, self.force):
            layout.addWidget(other)
        layout.addStretch(1)
        layout.addWidget(self.rerun)
        self.choose_data.clicked.connect(self.open_dialog)
        self.clear_data.clicked.connect(lambda: self.set_data_file(""))
        self.rerun.clicked.connect(self.rerun_requested)

    def open_dialog(self) -> QtWidgets.QFileDialog:
        """A file dialog for the data file (window-modal, so the run's window stays responsive)."""
        dialog = QtWidgets.QFileDialog(self, "Data file for the run", self.data_file, DATA_FILTER)
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QtWidgets.QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(self.set_data_file)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def set_data_file(self, path: str) -> None:
        self.data_file = path
        self.clear_data.setEnabled(bool(path))
        self.data_label.setText(f"{QtCore.QFileInfo(path).fileName()} (reading…)" if path else "No data file")
        self.data_label.setToolTip(path)
        self.data_file_changed.emit(path)

    def show_rows(self, path: str, rows: int | None, problem: str = "") -> None:
        """The row count of ``path`` (or why it cannot be used), unless another file was chosen since."""
        if path != self.data_file:
            return
        name = QtCore.QFileInfo(path).fileName()
        self.data_label.setText(f"{name}: {problem}" if rows is None else f"{name} ({rows} row{'s' * (rows != 1)})")

    def choices(self) -> RunChoices:
        return RunChoices(iterations=self.iterations.value(), data_file=self.data_file, bail=self.bail.isChecked(),
                          delay_ms=self.delay.value(), timeout_s=self.timeout.value(), force=self.force.isChecked())

    def set_choices(self, choices: RunChoices) -> None:
        self.iterations.setValue(choices.iterations)
        self.bail.setChecked(choices.bail)
        self.delay.setValue(choices.delay_ms)
        self.timeout.setValue(choices.timeout_s)
        self.force.setChecked(choices.force)
        self.set_data_file(choices.data_file)
