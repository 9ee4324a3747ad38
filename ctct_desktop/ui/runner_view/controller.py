"""Runs a folder or collection from the tree and shows it in the Runner panel.

The runner (with httpx and the query engines under it) is imported at the first run, not at
start-up, and the Runner panel is built then, beside History and Problems.

The run takes the active environment's values, then the collection's variables (the order a
single send uses), Preferences' limits, and the window's accounts; it goes through the request
pipeline in a worker (``RunBridge``). Every exchange is recorded in the history, a row opens its
exchange in a tab, and the values captured go to the environment only when the user asks.
The Runner panel's options (iterations, data file, bail, delay, timeout, force) apply to the
run; they are remembered per collection or folder (``RunChoicesStore``) and Re-run uses them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from ctct_desktop.send import Accounts, PlanSettings, SendResult, build_scopes
from ctct_desktop.ui.environment_view.switcher import EnvironmentSwitcher
from ctct_desktop.ui.runner_view.choices import RunChoices, RunChoicesStore
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:  # deferred: the runner brings httpx and lxml (start-up, tests/ui/test_startup.py)
    from ctct_desktop.runner import RequestRun, RunOptions, RunResult, RunSource
    from ctct_desktop.ui.runner_view.bridge import RunBridge
    from ctct_desktop.ui.runner_view.panel import RunnerPanel

AddPanel = Callable[[QtWidgets.QWidget, str], QtWidgets.QDockWidget]


Loaded = tuple["RunSource", list[dict[str, str]]]


def _read(path: Path, data_file: str = "") -> Loaded | str:
    """The requests under ``path`` in run order and the data file's rows, or why not (in words)."""
    from ctct_desktop.runner import RunInputError, load_source, read_rows

    try:
        source = load_source(path)
        rows = read_rows(Path(data_file)) if data_file else []
    except RunInputError as exc:
        return str(exc).replace("--data ", "data file ")
    except OSError as exc:
        return f"{path} cannot be read: {exc.strerror or exc}"
    return source, rows


def _row_count(data_file: str) -> tuple[int | None, str]:
    """How many rows the data file holds, or why it cannot be used."""
    from ctct_desktop.runner import RunInputError, read_rows

    try:
        return len(read_rows(Path(data_file))), ""
    except RunInputError as exc:
        return None, str(exc).split(": ", 1)[-1]


class RunnerController(QtCore.QObject):
    message = QtCore.Signal(str)

    def __init__(self, add_panel: AddPanel, switcher: EnvironmentSwitcher, *,
                 settings: Callable[[], PlanSettings], accounts: Accounts | None,
                 record: Callable[[SendResult], None], open_result: Callable[[RequestRun], object],
                 on_finished: Callable[[RunResult], None] = lambda _result: None,
                 choices: RunChoicesStore | None = None, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._add_panel, self.switcher = add_panel, switcher
        self._settings, self._accounts, self._record, self._open = settings, accounts, record, open_result
        self._on_finished = on_finished
        self._panel: RunnerPanel | None = None
        self.dock: QtWidgets.QDockWidget | None = None
        self.bridge: RunBridge | None = None
        self._loading = False
        self._choices = choices
        self.last_path: Path | None = None

    @property
    def panel(self) -> RunnerPanel:
        """The Runner panel, built (and docked) the first time it is needed."""
        if self._panel is None:
            from ctct_desktop.ui.runner_view.panel import RunnerPanel

            panel = self._panel = RunnerPanel()
            self.dock = self._add_panel(panel, "Runner")
            panel.cancel_requested.connect(self.cancel)
            panel.open_requested.connect(self._open_run)
            panel.save_captures_requested.connect(self.save_captured)
            panel.options.rerun_requested.connect(self.rerun)
            panel.options.data_file_changed.connect(self._count_rows)
        return self._panel

    @property
    def running(self) -> bool:
        return self._loading or (self.bridge is not None and self.bridge.running)

    def run_path(self, path: Path) -> bool:
        """Read what is under ``path`` (in a worker) and run it; False when a run is going."""
        if self.running:
            self.message.emit("A run is going: cancel it (Esc in the Runner panel) before starting another.")
            return False
        self._loading = True
        self._show_panel()
        if path != self.last_path and self._choices is not None:  # another collection: its own choices
            self.panel.options.set_choices(self._choices.load(path))
        self.last_path = path
        choices = self.panel.options.choices()
        if self._choices is not None:
            self._choices.save(path, choices)
        self.panel.title.setText(f"Reading {path.name}…")
        start_task(lambda _p: _read(path, choices.data_file), lambda loaded: self._loaded(loaded, choices),
                   self._load_failed, owner=self)
        return True

    def rerun(self) -> bool:
        """Run the last collection or folder again, with the panel's options as they are now."""
        if self.last_path is None:
            self.message.emit("Nothing to re-run yet: run a collection or folder from the tree first.")
            return False
        return self.run_path(self.last_path)

    def _count_rows(self, data_file: str) -> None:
        if data_file:
            start_task(lambda _p: _row_count(data_file),
                       lambda found: self.panel.options.show_rows(data_file, *found), owner=self)

    def options_for(self, choices: RunChoices, rows: list[dict[str, str]]) -> RunOptions:
        """The engine's options from the panel's choices (the CLI's flags, one for one)."""
        from ctct_desktop.runner import RunOptions

        settings = self._settings()
        if choices.timeout_s > 0:
            settings = replace(settings, timeout_s=choices.timeout_s)
        return RunOptions(iterations=choices.iterations or None, data=rows, bail=choices.bail,
                          delay_ms=choices.delay_ms, force=choices.force, settings=settings)

    def _load_failed(self, message: str) -> None:
        self._loading = False
        self.panel.show_idle()
        self.panel.options.rerun.setEnabled(self.last_path is not None)
        self.panel.summary.setText(f"Cannot run: {message}")
        self.message.emit(f"Cannot run: {message}")

    def _loaded(self, loaded: Loaded | str, choices: RunChoices | None = None) -> None:
        self._loading = False
        if isinstance(loaded, str):
            self._load_failed(loaded)
            return
        source, rows = loaded
        if not source.items:
            self.panel.show_idle()
            self.message.emit(f"Nothing to run in {source.title}: it holds no requests.")
            return
        if source.problems:
            self.message.emit(f"{len(source.problems)} problem(s) in {source.title}: " + "; ".join(source.problems[:3]))
        self.start(source, self.options_for(choices or RunChoices(), rows))

    def start(self, source: RunSource, options: RunOptions | None = None) -> RunBridge:
        """Run ``source`` now with the window's scopes (taken here, on the UI thread)."""
        from ctct_desktop.runner import RunOptions
        from ctct_desktop.ui.runner_view.bridge import RunBridge

        scopes = build_scopes(environment=self.switcher.current_environment(), collection=source.variables)
        options = options or RunOptions(settings=self._settings())
        bridge = RunBridge(source, scopes, options, accounts=self._accounts, parent=self)
        bridge.started.connect(self.panel.on_started)
        bridge.request_started.connect(self.panel.on_request_started)
        bridge.request_finished.connect(self.panel.on_request_finished)
        bridge.sent.connect(self._record)
        bridge.finished.connect(self._finished)
        bridge.failed.connect(self.panel.on_failed)
        self.bridge = bridge
        self._show_panel()
        self.panel.table.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        bridge.start()
        return bridge

    def cancel(self) -> None:
        if self.bridge is not None and self.bridge.running:
            self.bridge.cancel()
            self.panel.title.setText("Cancelling…")

    def _finished(self, result: RunResult) -> None:
        self.panel.on_finished(result)
        self.message.emit(self.panel.summary.text())
        self._on_finished(result)

    def _open_run(self, run: RequestRun) -> None:
        if run.result is None:
            self.message.emit(f"“{run.item.name}” was not sent: {run.message or 'nothing to open'}")
            return
        self._open(run)

    def save_captured(self) -> str:
        from ctct_desktop.ui.runner_view.captured import captured_values, save_captures

        result = self.panel.result
        values = captured_values(result) if result is not None else {}
        text = save_captures(self.switcher.current_environment(), values, self.switcher.secret_store())
        if values and text.startswith("Saved"):
            self.switcher.reload()
        self.message.emit(text)
        return text

    def _show_panel(self) -> None:
        self.panel  # noqa: B018 - builds it and its dock
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
