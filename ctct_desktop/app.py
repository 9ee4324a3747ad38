"""The composition root of the GUI: builds the application, the services and the main window.

Only this module and ``ctct_desktop.ui`` import Qt. What the first screen does not need (the
sandbox, collection scans, the history database, the knowledge base, logging to a file, warming
the transport) starts in ``Workbench.start_services`` after the first paint, or sooner on demand
(a send); ``services_ready`` says when. If the sandbox cannot start, the window still works and says why.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui import pyside_import_scan  # noqa: F401 - first of ours: every later import is cheaper
from ctct_desktop import __version__
from ctct_desktop.core.models import Auth, AuthKind, RequestModel
from ctct_desktop.core.redaction import redact_text
from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.lazy_store import LazySecretStore
from ctct_desktop.send import KeyringAccounts, SendResult
from ctct_desktop.send.settings import plan_settings
from ctct_desktop.core.paths import app_dirs
from ctct_desktop.store.drafts import DraftStore
from ctct_desktop.store.settings import Settings, load_settings, save_settings
from ctct_desktop.ui.accounts_wiring import AccountsWiring
from ctct_desktop.ui import main_thread_gc, offload, startup_probe
from ctct_desktop.ui.explain_view.card import ExplanationCard
from ctct_desktop.ui.environment_view.new_request_auth import new_request_auth
from ctct_desktop.ui.environment_view.variable_marks import VariableMarks
from ctct_desktop.ui.crash import CrashHandler
from ctct_desktop.ui.documents.controller import DocumentController
from ctct_desktop.ui.explain_view.controller import ExplainController
from ctct_desktop.ui.first_idle import after_first_paint
from ctct_desktop.ui.export_actions import ExportActions
from ctct_desktop.ui.import_view.actions import ImportActions
from ctct_desktop.ui.lint_view.controller import LintController
from ctct_desktop.ui.lint_view.problems_panel import ProblemsPanel
from ctct_desktop.ui.main_window import MainWindow, WindowServices
from ctct_desktop.ui.runner_view.choices import RunChoicesStore
from ctct_desktop.ui.runner_view.controller import RunnerController
from ctct_desktop.ui.runner_view.line_results import LineResultsFeed
from ctct_desktop.ui.ticket_view.actions import TicketActions
from ctct_desktop.ui.saved_work import SavedWork
from ctct_desktop.ui.sandbox_starter import SandboxInfo, SandboxStarter
from ctct_desktop.ui.send_controller import SendController, preload_transport
from ctct_desktop.ui.theme import apply_platform_style, follow_color_scheme, set_theme
from ctct_desktop.ui.window_actions import make_action
from ctct_desktop.ui.window_state import WindowStateStore
from ctct_desktop.ui.workers import start_task, task_pool

if TYPE_CHECKING:
    from ctct_desktop.store.history import History


SWITCH_INTERVAL_S = 0.001  # how long a worker thread may keep the GIL from the UI thread when
# it asks: Python's 5 ms made each of the UI thread's GIL waits cost up to 5 ms while a large
# body's workers ran (formatting its first screen, indexing, history): stalls of 80-160 ms at
# arrival of a 1 MB body, 50-60 ms with 1 ms (benchmarks/bench_ui_large_body.py)


def create_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    """The QApplication with names, style and colour scheme set; reuses one that already exists."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    existing = QtWidgets.QApplication.instance()
    app = existing if isinstance(existing, QtWidgets.QApplication) else QtWidgets.QApplication(
        argv if argv is not None else sys.argv[:1])
    app.setApplicationName("CTCT Desktop")
    app.setApplicationDisplayName("CTCT Desktop")
    app.setOrganizationName("CTCT Desktop")
    app.setApplicationVersion(__version__)
    QtGui.QGuiApplication.setDesktopFileName("ctct-desktop")
    apply_platform_style(app)
    follow_color_scheme(app)
    main_thread_gc.install(app)  # workers must never free Qt objects: see ui/main_thread_gc.py
    return app


def _preload_paged() -> None:
    """From a worker: what a large response needs (the paged view, its formatter and lexers)."""
    from ctct_desktop.ui.paged_view.body_pages import preload  # deferred: start-up (measured)

    preload()


def demo_request(info: SandboxInfo) -> RequestModel:
    """The first-run request: v1 "GET contacts" on the sandbox, ready for Ctrl+Enter."""
    return RequestModel(method="GET", url=info.account_url + "/contacts",
                        auth=Auth(AuthKind.CTCT_BASIC, username=info.username, password=info.password,
                                  api_key=info.api_key))


def _rebased(model: RequestModel, old_base_url: str, info: SandboxInfo) -> RequestModel:
    """The sandbox keeps its port, unless it was taken: point a sandbox draft at it and refill the public
    demo credentials (the draft on disk never holds secrets)."""
    if old_base_url and model.url.startswith(old_base_url):
        model = model.with_changes(url=info.base_url + model.url[len(old_base_url):])
    auth = model.auth
    if auth.kind is AuthKind.CTCT_BASIC and auth.username == info.username and not auth.password:
        model = model.with_changes(auth=Auth(AuthKind.CTCT_BASIC, username=info.username,
                                             password=info.password, api_key=info.api_key))
    return model


class Workbench(QtCore.QObject):
    """Owns the window and the sandbox for one GUI session (tests build one too)."""

    services_ready = QtCore.Signal()  # start_services has run: history open, sandbox starting

    def __init__(self, start_sandbox: bool = True) -> None:
        super().__init__()
        dirs = self._dirs = app_dirs()
        self._history: History | None = None
        self.services_started = False
        loaded = load_settings()
        self.settings = loaded.settings
        account_manager = AccountManager(LazySecretStore())  # the keyring is found on first use
        # The pipeline's inputs and question come from panels built below, asked at each Ctrl+Enter.
        self._accounts = KeyringAccounts(account_manager)
        sender = SendController(inputs=lambda: self.saved_work.plan_inputs(), accounts=self._accounts,
                                confirm=lambda plan: self.lint.confirm_send(plan))
        state_store = WindowStateStore(dirs.config, DraftStore(dirs.drafts))  # hands an old file's draft over
        self.window = MainWindow(WindowServices(sender, state_store))
        self.saved_work = SavedWork(self.window, lambda: self.settings, self._set_settings, lambda: self.history)
        self.accounts = AccountsWiring(self.window, account_manager)
        self._build_lint_and_explain()
        self.documents = DocumentController(self.window, self.saved_work.collections, DraftStore(dirs.drafts))
        file_menu = self.window.menus["file"]
        file_menu.insertActions(self.window.window_actions.quit, self.documents.actions())
        self.imports = ImportActions(self.window, self.documents.new, self.window.request_editor.apply_change,
                                     self.documents.open_recorded)
        file_menu.insertAction(self.window.window_actions.quit, self.imports.action)
        self.window.request_editor.command_pasted.connect(self.imports.paste_into_url)
        self.tickets = TicketActions(self.window, self.saved_work.collections, self.documents, self._accounts)
        file_menu.insertSeparator(self.window.window_actions.quit)
        file_menu.insertActions(self.window.window_actions.quit, self.tickets.actions())
        self.saved_work.collections.ticket_opened.connect(self.tickets.open_ticket)
        file_menu.insertSeparator(self.window.window_actions.quit)
        self.window.menus["view"].addActions(self.documents.tab_actions.view_actions())
        self._wire_documents()
        self._build_runner()
        self.window.confirm_close = self.documents.confirm_close
        self.window.add_toolbar_actions(self.documents.new_action, self.documents.save_action, self.exports.export)
        preferences = make_action(self.window, "&Preferences…", "Theme, lint, timeouts, history limits (Ctrl+,)",
                                  "Ctrl+,")
        preferences.triggered.connect(self.open_preferences)
        file_menu.insertAction(self.window.window_actions.quit, preferences)
        self._apply_settings(self.settings)
        self.saved_work.current_path = lambda: self.documents.document.path
        self.saved = self.window.restore_state()
        notes = list(loaded.problems) + state_store.problems  # said again once the sandbox is up
        self.sandbox = SandboxStarter(dirs.sandbox, dirs.sandbox_port_file, self)
        self.sandbox.started.connect(self._sandbox_started)
        self.sandbox.failed.connect(self._sandbox_failed)
        self._sandbox_wanted = start_sandbox and self.settings.start_embedded_sandbox
        if not start_sandbox or not self.settings.start_embedded_sandbox:
            self.saved_work.switcher.set_sandbox_stopped("off" if start_sandbox else "not started")
        if start_sandbox and not self.settings.start_embedded_sandbox:
            self.window.show_activity("The local sandbox is off (File → Preferences). Type any URI and press Ctrl+Enter.")
        elif start_sandbox:
            self.window.show_activity("Starting sandbox…")
        else:
            self.window.show_activity("Sandbox not started (--no-sandbox). Type any URI and press Ctrl+Enter.")
        self.recovered = self.documents.recover()  # last, so its message is what the user reads
        if self.recovered:
            notes.append(self.window.activity_label.text())
        self._startup_notes = " ".join(notes)
        if self._startup_notes:
            self.window.show_activity(self._startup_notes)
        self._start_on_demand()
        # after the first paint: these imports and workers would otherwise compete with it for the GIL
        after_first_paint(self.window, self.start_services)

    @property
    def history(self) -> History:
        """The history database, opened on first use (by start_services, or by an early send)."""
        return self._open_history()

    def _open_history(self) -> History:
        if self._history is None:
            from ctct_desktop.store.history import History  # deferred: start-up (measured: sqlite3, ~15 ms)

            settings = self.settings
            self._history = History(self._dirs.history_db, settings.history_max_entries, settings.history_max_bytes)
            self.saved_work.attach_history(self._history)
        return self._history

    def start_services(self) -> None:
        """Start what the first screen did not need; runs once (later calls do nothing)."""
        if self.services_started:
            return
        self.services_started = True
        from ctct_desktop.core.logs import configure_logging  # deferred: start-up (measured)

        configure_logging(self._dirs.log)
        self.saved_work.release_scans()
        self._open_history()  # the History panel lists it and says what opening it repaired
        self.explainer.warm_up()
        start_task(lambda _p: preload_transport(), lambda _r: None, owner=None)
        start_task(lambda _p: _preload_paged(), lambda _r: self._after_preloads(), owner=self.window)
        if self._sandbox_wanted:
            self.sandbox.start()
        self.services_ready.emit()

    def _after_preloads(self) -> None:
        """Once the preloads are in (at idle): make the large-body view, whose widgets the first
        large response would otherwise make while it arrives (~20 ms of the UI thread then), and
        take start-up's objects out of the collector's scans (main_thread_gc)."""
        _ = self.window.response_view.body.paged
        main_thread_gc.freeze_start_up()

    def _start_on_demand(self) -> None:
        """A send before the first paint (any way it is started) starts the services first."""
        self.window.send_controller.busy_changed.connect(lambda busy: self.start_services() if busy else None)

    def _build_lint_and_explain(self) -> None:
        window = self.window
        self.problems = ProblemsPanel(window)
        window.add_bottom_panel(self.problems, "Problems")
        editor = window.request_editor
        self.marks = VariableMarks(editor.url, editor.body_editor, self.saved_work.variables,
                                   self.saved_work.secret_names, window)
        self.lint = LintController(editor, self.problems, self.saved_work.variables,
                                   debounce_ms=self.settings.lint_debounce_ms, background=self.marks.selections,
                                   stop_asking=lambda: self.change_settings(
                                       self.settings.with_changes(confirm_send_with_errors=False)),
                                   confirm_send=lambda: self.settings.confirm_send_with_errors, parent=window)
        self.lint.summary_changed.connect(window.show_lint_summary)
        self.card = ExplanationCard(window)
        window.response_view.set_card_widget(self.card)
        self.explainer = ExplainController(window.request_editor, self.card, self.lint.jump_to, window)
        self.explainer.message.connect(window.show_activity)
        window.add_help_action("&Error reference", "Every error explained, searchable (Shift+F1)",
                               "Shift+F1", self.explainer.open_reference)
        self.saved_work.variables_changed.connect(self.lint.runner.schedule)
        window.send_finished.connect(self._send_finished)
        self.exports = ExportActions(window, self._explanation_lines)

    def _wire_documents(self) -> None:
        """Each tab's response side: sends, history restores and switches go through the documents."""
        documents, explainer = self.documents, self.explainer
        self.window.send_finished.connect(documents.on_send_finished)
        documents.shown_result.connect(explainer.on_result)
        documents.session_changed.connect(explainer.set_session)
        self.saved_work.history_opened.connect(documents.open_restored)
        explainer.set_session(documents.session)
        self.exports.source = lambda: documents.session.result
        documents.session_changed.connect(lambda _session: self.exports.refresh())

    def _build_runner(self) -> None:
        """Run (Ctrl+Shift+R) in the collection tree runs what is selected in the Runner panel; the
        Tests tab follows the shown request and shows each line's last result."""
        tests = self.window.request_editor.tests
        self.line_results = LineResultsFeed(tests, self.saved_work.variables, self)
        self.runner = RunnerController(
            self.window.add_bottom_panel, self.saved_work.switcher, settings=lambda: plan_settings(self.settings),
            accounts=self._accounts, record=self.saved_work.record,
            open_result=lambda run: self.documents.open_result(replace(run.item.saved, path=run.item.path),
                                                               run.result) if run.result is not None else False,
            on_finished=self.line_results.on_run, choices=RunChoicesStore(self._dirs.config), parent=self)
        self.saved_work.collections.run_requested.connect(self.runner.run_path)
        self.runner.message.connect(self.window.show_activity)
        self.documents.document_changed.connect(
            lambda document: tests.show_for(document.path, self.documents.tabs.current.draft_id))
        self.window.send_finished.connect(self.line_results.on_send)

    def _send_finished(self, result: SendResult) -> None:
        self.saved_work.record(result)
        exchange = result.exchange
        outcome = (f"{exchange.response.status}" if exchange.response is not None
                   else f"failed ({exchange.failure.kind.value})" if exchange.failure is not None else "?")
        url = redact_text(exchange.sent_url or exchange.request.url, result.secrets)
        from ctct_desktop.core.logs import logger  # deferred: start-up (measured)

        logger("send").info("%s %s -> %s", exchange.request.method, url, outcome)

    def _explanation_lines(self) -> list[str]:
        shown = self.card.shown
        if shown is None:
            return []
        return [shown.title, shown.cause, *[f"{i}. {step}" for i, step in enumerate(shown.fix, 1)]]

    def _set_settings(self, settings: Settings) -> None:
        self.settings = settings

    def change_settings(self, settings: Settings) -> None:
        """Apply new preferences now and keep them (a failed save is said, not raised)."""
        before = self.settings
        self._apply_settings(settings)
        if (before.history_max_entries, before.history_max_bytes) != (
                settings.history_max_entries, settings.history_max_bytes):
            history, entries, size = self.history, settings.history_max_entries, settings.history_max_bytes
            start_task(lambda _p: history.set_limits(entries, size), lambda removed: self.window.show_activity(
                f"History trimmed by {removed} entries to the new limits." if removed else "Preferences applied."), owner=self.window)
        try:
            save_settings(settings)
        except OSError as exc:
            self.window.show_activity(f"Preferences could not be saved: {exc}")

    def _apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.lint.runner.set_debounce(settings.lint_debounce_ms)
        app = QtWidgets.QApplication.instance()
        if isinstance(app, QtWidgets.QApplication):
            set_theme(app, settings.theme)
        self.documents.blank = lambda: RequestModel(
            timeout_s=settings.default_timeout_s, verify_tls=settings.verify_tls_default,
            auth=new_request_auth(self.saved_work.switcher.current_environment()))

    def open_preferences(self) -> None:
        from ctct_desktop.ui.settings_dialog import SettingsDialog  # deferred: start-up (measured)

        dialog = SettingsDialog(self.settings, self.window)
        if dialog.exec() and dialog.result_settings is not None:
            self.change_settings(dialog.result_settings)

    def _sandbox_started(self, info: SandboxInfo) -> None:
        self.window.sandbox_base_url = info.base_url
        self.saved_work.set_sandbox_url(info.base_url)
        note = f"Sandbox (local) at {info.base_url}" + (f" — {info.notice}" if info.notice else "")
        self.window.show_activity(f"{self._startup_notes} — {note}" if self._startup_notes else note)
        if self.recovered:
            old = self.documents.draft_sandbox_url
            self.documents.rewrite_tabs(lambda model: _rebased(model, old, info))  # the port may have moved
        else:
            self.documents.fill_blank(demo_request(info))  # a clean "New request", ready for Ctrl+Enter

    def _sandbox_failed(self, message: str) -> None:
        self.saved_work.switcher.set_sandbox_stopped("not running")
        self.window.show_activity(message + " Requests to other servers still work.")

    def shutdown(self) -> None:
        self.sandbox.stop()
        if self._history is not None:
            self._history.close()
        offload.shutdown()


def main(start_sandbox: bool = True) -> int:
    """Open the main window and run the event loop; returns the process exit status."""
    app = create_application()
    bench = Workbench(start_sandbox=start_sandbox)
    crashes = CrashHandler(app_dirs().log, bench.window)
    crashes.install()
    app.aboutToQuit.connect(bench.shutdown)
    startup_probe.install(bench.window, ready=bench.sandbox.started)
    bench.window.show()
    code = app.exec()
    task_pool().waitForDone(3000)
    app.processEvents()  # deliver a late "sandbox started" so it gets stopped too
    bench.shutdown()
    return int(code)
