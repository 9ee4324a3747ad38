"""The main window: request editor and response view (side by side or stacked), docks, status bar.

Services arrive by injection (``WindowServices``) from the composition root, app.py; the window
never starts servers or reads settings files on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.redaction import redact_text
from ctct_desktop.core.ui_pace import PACE
from ctct_desktop.send import SendPlan, SendResult
from ctct_desktop.ui import offload
from ctct_desktop.ui.lint_view.problems_panel import NO_PROBLEMS
from ctct_desktop.ui.request_editor.editor import RequestEditor
from ctct_desktop.ui.response_view.body_view import PAGED_FROM_BYTES
from ctct_desktop.ui.response_view.response_menu import ResponseMenu
from ctct_desktop.ui.response_view.view import ResponseView
from ctct_desktop.ui.response_view.body_loader import LoadState
from ctct_desktop.ui.response_view.status_line import human_ms, human_size
from ctct_desktop.ui.send_controller import SendController
from ctct_desktop.ui.widgets.find_bar import FindBar
from ctct_desktop.ui.widgets.icons import icon
from ctct_desktop.ui.widgets.panes import PaneArrangement
from ctct_desktop.ui.widgets.send_progress import SendProgress
from ctct_desktop.ui.window_actions import build_actions, build_menus, make_action
from ctct_desktop.ui.window_state import WindowState, WindowStateStore
from ctct_desktop.ui.widgets.progress_bar import ProgressBar

LARGE_BODY_BYTES = 256 * 1024


@dataclass
class WindowServices:
    send_controller: SendController
    state_store: WindowStateStore | None = None


class MainWindow(QtWidgets.QMainWindow):
    environment_changed = QtCore.Signal(str)
    send_finished = QtCore.Signal(SendResult)  # for history, the explainer and exports

    def __init__(self, services: WindowServices) -> None:
        super().__init__()
        self.setWindowTitle("CTCT Desktop")
        self.setObjectName("MainWindow")
        self.services = services
        self.send_controller = services.send_controller
        self.send_controller.setParent(self)
        self.sandbox_base_url = ""
        self.confirm_close: Callable[[], bool] | None = None  # asks about unsaved changes; False keeps it open
        self.docks: list[QtWidgets.QDockWidget] = []  # every panel added with add_left/bottom_panel
        self.result_is_shown: Callable[[], bool] = lambda: True  # False: it belongs to a tab in the background
        self.request_editor = RequestEditor(self)
        self.response_view = ResponseView(self)
        self.find_bar = FindBar(self)
        self.splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("RequestResponseSplitter")
        self.request_pane = QtWidgets.QWidget(self)  # the request tabs (set_request_tabs) over the editor
        self._request_layout = QtWidgets.QVBoxLayout(self.request_pane)
        self._request_layout.setContentsMargins(0, 0, 0, 0)
        self._request_layout.setSpacing(0)
        self._request_layout.addWidget(self.request_editor, 1)
        self.splitter.addWidget(self.request_pane)
        self.splitter.addWidget(self.response_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.panes = PaneArrangement(self.splitter)
        central = QtWidgets.QWidget(self)
        layout = QtWidgets.QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.window_actions = build_actions(self)
        self.menus = build_menus(self, self.window_actions)
        self.response_menu = ResponseMenu(self.menus["response"], self.window_actions, self.response_view.body)
        self._build_status_bar()
        self._build_toolbar()
        self._add_undo_actions()
        self._last_text_editor: QtWidgets.QPlainTextEdit | None = None
        self._other_shortcuts: list[QtGui.QAction] = []  # actions other parts own, for the F1 list
        self._escape_handlers: list[Callable[[], bool]] = []  # asked before Esc cancels the send
        self._connect()
        self._fit_to_screen()

    def _show_about(self) -> None:
        from ctct_desktop.ui.dialogs import show_about  # deferred: start-up (measured)

        show_about(self)

    def _show_shortcuts(self) -> None:
        from ctct_desktop.ui.dialogs import shortcuts_dialog  # deferred: start-up (measured)

        shortcuts_dialog(self, self.shortcut_actions()).exec()

    def add_escape_handler(self, handler: Callable[[], bool]) -> None:
        """``handler()`` is asked first when Esc cancels (True: it handled it). The window's Esc is
        the one Esc while a send runs: a panel's own Esc action beside it would make the key
        ambiguous, and Qt then runs neither (a reproduction and a send at once)."""
        self._escape_handlers.append(handler)

    def _escape_pressed(self) -> None:
        if not any(handler() for handler in self._escape_handlers):
            self.send_controller.cancel()

    def shortcut_actions(self) -> list[QtGui.QAction]:
        """What the F1 list shows: the window's actions, every menu's entries (submenus too, so a
        command added to a menu is never missing from F1), the Response menu's own and the ones
        other parts added with ``add_shortcut_actions``; each once, in menu order."""
        found = self.window_actions.all() + self.response_menu.shortcut_actions()
        menus = [menu for action in self.menuBar().actions() if isinstance(menu := action.menu(), QtWidgets.QMenu)]
        while menus:
            for action in menus.pop(0).actions():
                if isinstance(submenu := action.menu(), QtWidgets.QMenu):
                    menus.append(submenu)
                elif not action.isSeparator():
                    found.append(action)
        found += self._other_shortcuts
        return list(dict.fromkeys(found))

    def add_shortcut_actions(self, actions: list[QtGui.QAction]) -> None:
        """List actions a panel owns (the ticket commands…) in F1, where a menu entry alone is not seen."""
        self._other_shortcuts += [a for a in actions if a not in self._other_shortcuts]

    def _fit_to_screen(self) -> None:
        """A first-run size that leaves the screen's edges free (a 1280×720 laptop included)."""
        screen = self.screen().availableGeometry() if self.screen() is not None else QtCore.QRect(0, 0, 1440, 900)
        margins = 8  # the frame the window manager adds
        self.resize(min(1360, screen.width() - margins), min(860, screen.height() - margins - 32))
        self.panes.window_resized(self.size())

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.panes.window_resized(event.size())

    # ----- construction -------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("MainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action, name in ((self.window_actions.send, "send"), (self.window_actions.cancel, "cancel"),
                             (self.window_actions.format_body, "format")):
            action.setIcon(icon(name))
        label = QtWidgets.QLabel(" E&nvironment: ", bar)
        self.environment = QtWidgets.QComboBox(bar)
        self.environment.setAccessibleName("Environment")
        self.environment.setToolTip("Which environment (server and variables) requests use")
        self.environment.setMinimumContentsLength(16)
        label.setBuddy(self.environment)
        bar.addWidget(label)
        self._environment_action = bar.addWidget(self.environment)
        self._environment_buddy = label
        self.toolbar = bar
        bar.addSeparator()
        bar.addAction(self.window_actions.send)
        bar.addAction(self.window_actions.cancel)
        self.send_progress = SendProgress(bar)
        self.send_progress_action = bar.addWidget(self.send_progress)
        self.send_progress_action.setVisible(False)
        self.send_progress.running_changed.connect(self.send_progress_action.setVisible)
        bar.addSeparator()
        bar.addAction(self.window_actions.format_body)
        self.set_environments(["Sandbox (local)"], "Sandbox (local)")

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.environment_label = QtWidgets.QLabel(self)
        self.environment_label.setAccessibleName("Active environment")
        self.activity_label = QtWidgets.QLabel("Ready", self)
        self.activity_label.setAccessibleName("Activity")
        self.activity_label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = ProgressBar(self)  # painted with the next frame: see its module
        self.progress.setMaximumWidth(200)
        self.progress.setMaximumHeight(14)
        self.progress.setAccessibleName("Progress")
        self.progress.setVisible(False)
        self.lint_label = QtWidgets.QLabel(self)
        self.lint_label.setAccessibleName("Lint summary")
        self.lint_label.setToolTip("What the linter found in the request (View → Problems)")
        status.addWidget(self.activity_label, 1)
        status.addPermanentWidget(self.lint_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.environment_label)

    def _connect(self) -> None:
        a = self.window_actions
        a.send.triggered.connect(self.send_current)
        a.cancel.triggered.connect(self._escape_pressed)
        a.format_body.triggered.connect(self.request_editor.body.format_body)
        a.focus_url.triggered.connect(self.request_editor.focus_url)
        a.find.triggered.connect(self.open_find)
        a.find_next.triggered.connect(lambda: self._find_again(forward=True))
        a.find_previous.triggered.connect(lambda: self._find_again(forward=False))
        a.pretty_view.triggered.connect(lambda: self.response_view.body.pretty_button.setChecked(True))
        a.raw_view.triggered.connect(lambda: self.response_view.body.raw_button.setChecked(True))
        a.filter_body.triggered.connect(self.response_view.body.open_filter)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self._show_about)
        a.shortcuts.triggered.connect(self._show_shortcuts)
        a.side_by_side.triggered.connect(self.panes.toggle)
        self.panes.changed.connect(a.side_by_side.setChecked)
        self.request_editor.send_requested.connect(self.send_current)
        self.request_editor.cancel_requested.connect(self.send_controller.cancel)
        self.request_editor.message.connect(self.show_activity)
        self.send_controller.started.connect(self._on_started)
        self.send_controller.progress.connect(self._on_progress)
        self.send_controller.finished.connect(self._on_finished)
        self.send_controller.busy_changed.connect(self._on_busy)
        self.response_view.loading.connect(self._on_loading)
        self.environment.currentTextChanged.connect(self._on_environment)
        QtWidgets.QApplication.instance().focusChanged.connect(self._on_focus)  # type: ignore[union-attr]

    # ----- extension points ---------------------------------------------------------------
    def set_environments(self, names: list[str], active: str) -> None:
        """Fill the environment switcher without emitting ``environment_changed``."""
        with QtCore.QSignalBlocker(self.environment):
            self.environment.clear()
            self.environment.addItems(names)
            self.environment.setCurrentText(active)
        self.environment_label.setText(f"Environment: {self.environment.currentText()}")

    def add_toolbar_actions(self, new: QtGui.QAction, save: QtGui.QAction, export: QtGui.QAction) -> None:
        """Actions other parts own, with their icons: New and Save first, Export last."""
        first = self.toolbar.actions()[0]
        new.setIcon(icon("new"))
        save.setIcon(icon("save"))
        export.setIcon(icon("export"))
        export.setIconText("Export")  # the menu keeps the full "Export exchange for support…"
        self.toolbar.insertActions(first, [new, save])
        self.toolbar.insertSeparator(first)
        self.toolbar.addAction(export)

    def set_request_tabs(self, bar: QtWidgets.QTabBar) -> None:
        """The open requests' tabs, above the request editor."""
        self._request_layout.insertWidget(0, bar)

    def set_environment_widget(self, combo: QtWidgets.QComboBox) -> None:
        """Put a richer switcher (environments with variables) in place of the plain combo."""
        self.toolbar.insertWidget(self._environment_action, combo)
        self.toolbar.removeAction(self._environment_action)
        self.environment.deleteLater()
        self.environment = combo
        self._environment_buddy.setBuddy(combo)
        combo.currentTextChanged.connect(self._on_environment)
        self.environment_label.setText(f"Environment: {combo.currentText()}")

    def add_left_panel(self, widget: QtWidgets.QWidget, title: str) -> QtWidgets.QDockWidget:
        return self._add_dock(widget, title, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)

    def add_bottom_panel(self, widget: QtWidgets.QWidget, title: str) -> QtWidgets.QDockWidget:
        return self._add_dock(widget, title, QtCore.Qt.DockWidgetArea.BottomDockWidgetArea)

    def _add_dock(self, widget: QtWidgets.QWidget, title: str,
                  area: QtCore.Qt.DockWidgetArea) -> QtWidgets.QDockWidget:
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(f"Dock:{title}")
        dock.setWidget(widget)
        # the window's own list: findChildren walks every widget (measured: ~10 ms a call at start-up)
        existing = [d for d in self.docks if self.dockWidgetArea(d) == area]
        self.docks.append(dock)
        self.addDockWidget(area, dock)
        if existing:
            self.tabifyDockWidget(existing[-1], dock)
        self.menus["view"].addAction(dock.toggleViewAction())
        return dock

    def show_activity(self, text: str) -> None:
        self.activity_label.setText(text)

    def show_lint_summary(self, text: str) -> None:
        """The status bar names problems only; "none" is the Problems panel's to say."""
        self.lint_label.setText(text)
        self.lint_label.setVisible(text != NO_PROBLEMS)

    def hide_empty_docks(self) -> None:
        """First run: panels with nothing to show (``is_empty()``) start hidden, not as blank space."""
        for dock in self.docks:
            is_empty = getattr(dock.widget(), "is_empty", None)
            if callable(is_empty) and is_empty():
                dock.hide()

    def add_help_action(self, text: str, tip: str, shortcut: str, slot: Callable[[], object]) -> QtGui.QAction:
        action = make_action(self, text, tip, *([shortcut] if shortcut else []))
        action.triggered.connect(slot)
        self.menus["help"].insertAction(self.menus["help"].actions()[0], action)
        return action

    def _add_undo_actions(self) -> None:
        """Edit → Undo/Redo change: quick fixes and explainer actions, whatever part they touched."""
        stack = self.request_editor.undo_group  # the shown request's fixes (one stack per tab)
        undo = stack.createUndoAction(self, "Undo change")
        undo.setShortcut(QtGui.QKeySequence("Ctrl+Alt+Z"))
        redo = stack.createRedoAction(self, "Redo change")
        redo.setShortcut(QtGui.QKeySequence("Ctrl+Alt+Y"))
        for action in (undo, redo):
            self.addAction(action)
        first = self.menus["edit"].actions()[0]
        self.menus["edit"].insertActions(first, [undo, redo])
        self.menus["edit"].insertSeparator(first)
        self.undo_change, self.redo_change = undo, redo

    # ----- sending ------------------------------------------------------------------------
    def send_current(self) -> None:
        """Ctrl+Enter: the editor's request goes to the pipeline as written (variables unresolved)."""
        self.send_controller.send(self.request_editor.to_model())

    def _on_started(self, plan: SendPlan) -> None:
        request = plan.resolved.with_changes(url=redact_text(plan.resolved.url, plan.secrets))
        self.response_view.show_sending(request)
        self.send_progress.start()
        self.show_activity(f"Sending {request.method} {request.url}…")

    def _on_progress(self, received: int, total: int) -> None:
        if total > LARGE_BODY_BYTES:
            # a large body is coming: have the helper process ready for it (a paged one is
            # formatted there too, and the formatter's modules are loaded while it downloads)
            paged: tuple[str, ...] = ()
            if total >= PAGED_FROM_BYTES:
                from ctct_desktop.ui.paged_view.body_pages import PAGED_MODULES  # deferred: start-up (measured)

                paged = PAGED_MODULES
            offload.warm_up(*paged)
        self.send_progress.received(received, total)
        self.show_activity(f"Receiving… {human_size(received)}")

    def _on_busy(self, busy: bool) -> None:
        self.window_actions.cancel.setEnabled(busy)
        self.window_actions.send.setEnabled(True)
        self.request_editor.set_busy(busy)
        if not busy:
            self.send_progress.stop()
            self.response_view.set_waiting(False)  # declined or failed before an exchange: ungrey

    def _on_finished(self, result: SendResult) -> None:
        with PACE.busy():  # showing a response, and the work it starts: workers wait their turn
            self._show_finished(result)

    def _show_finished(self, result: SendResult) -> None:
        exchange = result.exchange
        if not self.result_is_shown():  # its tab keeps it (DocumentSession) and shows it when chosen
            self.show_activity("The response to a request in another tab arrived; that tab shows it.")
            self.send_finished.emit(result)
            return
        self.response_view.show_exchange(exchange)
        if exchange.response is not None:
            r = exchange.response
            notes = "".join(f" {note}" for note in r.notes)  # a body cut at the cap, kept raw...
            self.show_activity(f"{r.status} {r.reason} in {human_ms(r.elapsed_ms)}, {human_size(r.body_size)}.{notes}")
        elif exchange.failure is not None:
            self.show_activity(exchange.failure.message)
        self.send_finished.emit(result)

    def _on_loading(self, state: LoadState) -> None:
        if state.stage == "done":
            self.progress.setVisible(False)
            return
        self.progress.setVisible(True)
        if state.stage == "filling" and state.total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * state.done / state.total))
            self.show_activity("Loading the response body…")
        else:
            self.progress.setRange(0, 0)
            self.show_activity("Formatting the response body…" if state.stage == "preparing"
                               else "Highlighting the response body…")

    def _on_environment(self, name: str) -> None:
        self.environment_label.setText(f"Environment: {name}")
        self.environment_changed.emit(name)

    # ----- find ---------------------------------------------------------------------------
    def _on_focus(self, _old: QtWidgets.QWidget | None, new: QtWidgets.QWidget | None) -> None:
        if isinstance(new, QtWidgets.QPlainTextEdit) and new is not self.response_view.failure.details:
            self._last_text_editor = new

    def _find_again(self, forward: bool) -> None:
        """F3 / Shift+F3: in the paged body when its bar is open, else in the editor's."""
        body = self.response_view.body
        hex_find = body.tools.hex_find  # the hex view's bar finds bytes
        bar = hex_find if hex_find.isVisible() else body.paged_find if body.paged_find_open else self.find_bar
        (bar.find_next if forward else bar.find_previous)()

    def open_find(self) -> None:
        body = self.response_view.body
        focused = QtWidgets.QApplication.focusWidget()
        if body.tools.hex_shown and not isinstance(focused, QtWidgets.QPlainTextEdit):
            body.tools.open_hex_find()  # bytes (hex or text) in the whole body, by the hex view's bar
            return
        if body.paged_active and (focused is body.paged or not isinstance(focused, QtWidgets.QPlainTextEdit)):
            body.open_find()  # a paged body is searched in its file, by its own bar
            return
        editor = focused if isinstance(focused, QtWidgets.QPlainTextEdit) else self._last_text_editor
        if editor is None or not editor.isVisible():
            editor = self.response_view.body.current_editor
        self.find_bar.open_for(editor)

    # ----- state --------------------------------------------------------------------------
    def restore_state(self) -> WindowState | None:
        """Restore geometry, docks and splitter; None on first run (drafts are the draft store's)."""
        store = self.services.state_store
        state = store.load() if store is not None else None
        if state is None:
            self.hide_empty_docks()
            return None
        if state.geometry:
            self.restoreGeometry(QtCore.QByteArray(state.geometry))
        if state.dock_state:
            self.restoreState(QtCore.QByteArray(state.dock_state))
        if state.splitter:
            self.splitter.restoreState(QtCore.QByteArray(state.splitter))
        self.panes.set_mode(state.panes)  # after the splitter: its saved state carries an orientation
        return state

    def save_state(self) -> None:
        store = self.services.state_store
        if store is None:
            return
        try:
            store.save(WindowState(bytes(self.saveGeometry().data()), bytes(self.saveState().data()),
                                   bytes(self.splitter.saveState().data()), self.panes.mode))
        except OSError as exc:
            self.show_activity(f"The window layout could not be saved: {exc}")

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.confirm_close is not None and not self.confirm_close():
            event.ignore()
            return
        self.send_controller.cancel()
        self.save_state()
        super().closeEvent(event)
