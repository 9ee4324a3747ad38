"""The Runner panel (bottom area, beside History and Problems): progress, one row per request and
iteration, a "failures only" filter, the selected row's assertions and captures, and a summary.

Keyboard first: the table takes focus when a run starts; Enter (or a double-click) opens the
row's exchange in a tab of its own, Esc stops the run, Alt+I toggles "failures only". The panel
only shows; ``RunnerController`` runs and owns what the buttons ask for.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.runner import RequestFinished, RequestRun, RequestStarted, RunResult, RunStarted
from ctct_desktop.ui.runner_view import texts
from ctct_desktop.ui.runner_view.options_bar import RunOptionsBar
from ctct_desktop.ui.runner_view.rows import HEADERS, RUN_ROLE, FailuresFilter, RunRowsModel

IDLE_TEXT = "Run a collection or folder: select it in Collections and press Ctrl+Shift+R (or right-click → Run)."


class RunnerPanel(QtWidgets.QWidget):
    cancel_requested = QtCore.Signal()
    open_requested = QtCore.Signal(RequestRun)  # open this row's exchange in a new tab
    save_captures_requested = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Runner")
        self.model = RunRowsModel(self)
        self.proxy = FailuresFilter(self)
        self.proxy.setSourceModel(self.model)
        self.running = False
        self.result: RunResult | None = None
        self._build()
        self._connect()
        self.show_idle()

    def _build(self) -> None:
        self.title = QtWidgets.QLabel(self)
        self.title.setAccessibleName("Run")
        self.title.setWordWrap(True)
        self.progress = QtWidgets.QProgressBar(self)
        self.progress.setAccessibleName("Run progress")
        self.progress.setFormat("%v of %m")
        self.cancel_button = QtWidgets.QPushButton("Cancel run", self)
        self.cancel_button.setToolTip("Stop the run now (Esc in the Runner panel)")
        self.failures_only = QtWidgets.QCheckBox("Fa&ilures only", self)
        self.failures_only.setToolTip("Show only the requests that did not pass")
        self.open_button = QtWidgets.QPushButton("Open e&xchange", self)
        self.open_button.setToolTip("Open the selected row's request and response in a new tab (Enter)")
        self.save_captures = QtWidgets.QPushButton("Save captured values to the environment", self)
        self.save_captures.setToolTip("Write the values this run captured into the active environment's file")
        self.table = QtWidgets.QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Run results")
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(HEADERS.index("Request"),
                                                           QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        self.details = QtWidgets.QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Assertions and captures of the selected request")
        self.details.setPlaceholderText("Select a row to see its assertions (expected vs actual) and captures.")
        self.summary = QtWidgets.QLabel(self)
        self.summary.setAccessibleName("Run summary")
        self.summary.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.per_iteration = QtWidgets.QLabel(self)
        self.per_iteration.setAccessibleName("Results per iteration")
        self.per_iteration.setWordWrap(True)
        self.per_iteration.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.options = RunOptionsBar(self)
        top = QtWidgets.QHBoxLayout()
        for widget, stretch in ((self.title, 1), (self.progress, 1), (self.cancel_button, 0),
                                (self.failures_only, 0), (self.open_button, 0), (self.save_captures, 0)):
            top.addWidget(widget, stretch)
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.options)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.per_iteration)

    def _connect(self) -> None:
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.failures_only.toggled.connect(self._filter)
        self.table.activated.connect(self._open_index)
        self.open_button.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_details(current))
        self.save_captures.clicked.connect(self.save_captures_requested)

    def is_empty(self) -> bool:
        """Nothing run yet: the window starts with this panel hidden (``hide_empty_docks``)."""
        return not self.running and self.result is None and not self.model.runs()

    # ------------------------------------------------------------------ run events

    def show_idle(self) -> None:
        self.title.setText(IDLE_TEXT)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.cancel_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.save_captures.setEnabled(False)
        self.summary.setText("")
        self.per_iteration.setText("")

    def on_started(self, event: RunStarted) -> None:
        self.running, self.result = True, None
        self.model.clear(event.iterations)
        self.details.clear()
        self.title.setText(f"Running {event.title}…")
        self.progress.setRange(0, max(1, event.total))
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.save_captures.setEnabled(False)
        self.options.rerun.setEnabled(False)
        self.summary.setText("")
        self.per_iteration.setText("")

    def on_request_started(self, event: RequestStarted) -> None:
        again = f" (attempt {event.attempt})" if event.attempt > 1 else ""
        iteration = f", iteration {event.iteration}" if self.model.iterations > 1 else ""
        self.title.setText(f"Running {event.index + 1} of {self.progress.maximum()}: {event.item.name}"
                           f"{iteration}{again}…")

    def on_request_finished(self, event: RequestFinished) -> None:
        self.model.append(event.run)
        self.progress.setValue(len(self.model.runs()))
        if self.table.currentIndex().row() < 0 and self.proxy.rowCount() > 0:
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.open_button.setEnabled(self.table.currentIndex().isValid())

    def on_finished(self, result: RunResult) -> None:
        self.running, self.result = False, result
        self.cancel_button.setEnabled(False)
        self.title.setText(("Cancelled: " if result.cancelled else "Finished: ") + result.title)
        self.progress.setValue(len(result.runs))
        self.summary.setText(texts.summary_text(result))
        self.per_iteration.setText(texts.iterations_text(result))
        self.options.rerun.setEnabled(True)
        self.save_captures.setEnabled(any(c.value is not None for r in result.runs for c in r.captures))
        self._show_details(self.table.currentIndex())

    def on_failed(self, message: str) -> None:
        self.running = False
        self.cancel_button.setEnabled(False)
        self.title.setText("The run stopped")
        self.options.rerun.setEnabled(True)
        self.summary.setText(f"The run stopped: {message}")

    # ------------------------------------------------------------------ rows

    def selected_run(self) -> RequestRun | None:
        value = self.table.currentIndex().data(RUN_ROLE)
        return value if isinstance(value, RequestRun) else None

    def _filter(self, on: bool) -> None:
        self.proxy.set_failures_only(on)
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._show_details(self.table.currentIndex())

    def _show_details(self, index: QtCore.QModelIndex) -> None:
        run = index.data(RUN_ROLE) if index.isValid() else None
        self.open_button.setEnabled(isinstance(run, RequestRun) and run.result is not None)
        if not isinstance(run, RequestRun):
            self.details.clear()
            return
        self.details.setPlainText("\n".join(texts.details_lines(run, self.model.secrets)))

    def _open_index(self, index: QtCore.QModelIndex) -> None:
        run = index.data(RUN_ROLE) if index.isValid() else None
        if isinstance(run, RequestRun):
            self.open_requested.emit(run)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Esc in the panel stops the run (the window's Esc stops a single send)."""
        if event.key() == QtCore.Qt.Key.Key_Escape and self.running:
            self.cancel_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
