"""Wires saved work into the window: collections (left), history (bottom), environment switcher.

Variables for a send come from the active environment, then from the variables of the
collection that holds the open request (the templates have some too). Every exchange is
recorded in the history off the UI thread, redacted with the secrets the request carried.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.send import Scopes, SendResult, build_scopes
from ctct_desktop.send.settings import plan_settings
from ctct_desktop.store.history_models import HistoryRecord
from ctct_desktop.store.settings import Settings, save_settings
from ctct_desktop.ui.collections_view.panel import CollectionsPanel, default_templates_root
from ctct_desktop.ui.environment_view.switcher import EnvironmentSwitcher
from ctct_desktop.ui.history_view.panel import HistoryPanel
from ctct_desktop.ui.main_window import MainWindow
from ctct_desktop.ui.send_controller import PlanInputs
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.store.history import History  # the database (sqlite3) opens after the first paint


class SavedWork(QtCore.QObject):
    variables_changed = QtCore.Signal()
    history_opened = QtCore.Signal(HistoryRecord)  # an entry to restore in a tab of its own

    def __init__(self, window: MainWindow, settings: Callable[[], Settings],
                 update_settings: Callable[[Settings], None], history: Callable[[], History],
                 current_path: Callable[[], Path | None] = lambda: None) -> None:
        """``history`` opens the database on first use: start-up attaches it after the first
        paint (``attach_history``), a send that comes sooner opens it then."""
        super().__init__(window)
        self._to_record: deque[SendResult] = deque()  # written one at a time, in the order sent
        self._recording = False
        self.window, self._settings, self._update_settings = window, settings, update_settings
        self.current_path = current_path
        self.collections = CollectionsPanel(window, templates_root=None)
        self.collections.rescanner.hold()  # scans start after the first paint: release_scans()
        self.collections.set_templates_root(default_templates_root())
        self.collections_dock = window.add_left_panel(self.collections, "Collections")
        self.switcher = EnvironmentSwitcher(window)
        window.set_environment_widget(self.switcher)
        self._history = history
        self.history_panel = HistoryPanel(None, window)
        self.history_panel.status.setText("Opening the history…")
        window.add_bottom_panel(self.history_panel, "History")
        self._connect()
        for folder in settings().open_collections:
            if Path(folder).is_dir():
                self.collections.add_collection(Path(folder))
        self._select_last_environment()

    def _connect(self) -> None:
        c, w = self.collections, self.window
        c.collection_opened.connect(self._collections_changed)
        c.collection_closed.connect(self._collections_changed)
        c.problem.connect(w.show_activity)
        self.switcher.problem.connect(w.show_activity)
        self.switcher.environment_changed.connect(self._environment_changed)
        self.history_panel.problem.connect(w.show_activity)
        self.history_panel.entry_opened.connect(self.open_history_record)

    def release_scans(self) -> None:
        """Scan the collections now (start-up held them until the first paint)."""
        self.collections.rescanner.release()

    @property
    def history(self) -> History:
        return self._history()

    def attach_history(self, history: History) -> None:
        """The database is open: list it in the History panel and say what opening it repaired."""
        self.history_panel.set_history(history)
        for notice in history.take_notices():
            self.window.show_activity(notice)

    def _select_last_environment(self) -> None:
        last = self._settings().last_environment
        if last:
            self.switcher.select(last)

    def _collections_changed(self, _path: object = None) -> None:
        roots = self.collections.open_collections()
        self.switcher.set_collections(roots)
        self._save(open_collections=tuple(str(r) for r in roots))

    def _environment_changed(self, environment: object) -> None:
        name = getattr(environment, "name", "")
        if name:
            self._save(last_environment=name)
        self.variables_changed.emit()

    def _save(self, **changes: object) -> None:
        updated = self._settings().with_changes(**changes)
        if updated == self._settings():
            return
        self._update_settings(updated)
        try:
            save_settings(updated)
        except OSError as exc:
            self.window.show_activity(f"Settings could not be saved: {exc}")

    # ----- variables ----------------------------------------------------------------------
    def set_sandbox_url(self, url: str) -> None:
        self.switcher.set_sandbox_url(url)
        self.variables_changed.emit()

    def scopes(self) -> Scopes:
        """The environment, then the open request's collection: the order ``send`` uses too."""
        path = self.current_path()
        root = self.collections.root_of(path) if path is not None else None
        collection = self.collections.collection(root) if root is not None else None
        return build_scopes(environment=self.switcher.current_environment(),
                            collection=collection.variables if collection is not None else None)

    def plan_inputs(self) -> PlanInputs:
        """A snapshot for the send worker, taken on the UI thread (the scopes live in widgets)."""
        return PlanInputs(self.scopes(), plan_settings(self._settings()))

    def variables(self) -> dict[str, str]:
        """Every name with the value that wins, for the linter as one types and the variable tints."""
        return self.scopes().merged()

    def secret_names(self) -> tuple[str, ...]:
        environment = self.switcher.current_environment()
        return tuple(v.name for v in environment.variables if v.is_secret) if environment is not None else ()

    # ----- history ------------------------------------------------------------------------
    def record(self, result: SendResult) -> None:
        """Record off the UI thread, masked with the plan's secrets (the only ones there are).
        One write at a time, in the order the sends ended: a run's exchanges were written by
        concurrent tasks, and the history listed them in whichever order those finished."""
        self._to_record.append(result)
        if not self._recording:
            self._record_next()

    def _record_next(self) -> None:
        if not self._to_record:
            self._recording = False
            return
        self._recording = True
        result = self._to_record.popleft()

        def write(_progress: object) -> int:
            return self.history.record(result.exchange, result.secrets)

        def written(_id: int) -> None:
            self.history_panel.refresh()
            self._record_next()

        def failed(message: str) -> None:
            self.window.show_activity(f"History: {message}")
            self._record_next()

        start_task(write, written, failed, owner=self)

    def open_history_record(self, record: HistoryRecord) -> None:
        """Restore the request for resending or saving, with the response it got: the documents
        open it in a new tab (``history_opened``), never over unsaved edits."""
        self.history_opened.emit(record)
        when = record.entry.sent_at.replace("T", " ")[:19]
        self.window.show_activity(f"Restored from history ({when} UTC). Secrets were not kept: "
                                  "fill them in or use an account before resending.")
