"""Start-up defers what the first screen does not need, and nothing is lost by deferring it.

The import check runs the real entry point (``python -m ctct_desktop``) with the start-up probe,
which stops the process at the window's first idle; the rest drive a real Workbench.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]

# What the first screen does not need: each is loaded only after the first idle (or on demand).
DEFERRED = (
    "ctct_desktop.sandbox.server", "werkzeug", "httpx", "keyring", "lxml.etree", "pygments.lexer",
    "multiprocessing", "logging.handlers", "sqlite3", "ctct_desktop.lint.engine", "ctct_desktop.explain.kb",
    "ctct_desktop.explain.engine", "ctct_desktop.store.history", "ctct_desktop.send.running",
    "ctct_desktop.lint.command", "ctct_desktop.sandbox.command", "ctct_desktop.credentials.command",
    "ctct_desktop.ui.paged_view.view", "ctct_desktop.core.paging.rows", "ctct_desktop.transport.spool",
    "ctct_desktop.ui.settings_dialog", "ctct_desktop.ui.dialogs", "ctct_desktop.ui.lint_view.rule_doc",
    "ctct_desktop.send.export", "ctct_desktop.ui.environment_view.editor_dialog",
    "ctct_desktop.core.query", "jsonpath_ng",
    "ctct_desktop.importers.detect", "ctct_desktop.ui.import_view.dialog",
    "platformdirs", "uuid", "html",
    "ctct_desktop.ui.ticket_view.view", "ctct_desktop.ui.ticket_view.new_dialog", "ctct_desktop.tickets.reproduce",
    "ctct_desktop.tickets.bundle",
)

# Runs the entry point as a user does; the probe leaves through os._exit at the first idle, and
# this wrapper says which of DEFERRED were loaded by then.
CHILD = """
import os, runpy, sys
leave = os._exit
def report(code):
    print("loaded:", *sorted(m for m in {deferred!r} if m in sys.modules), flush=True)
    leave(code)
os._exit = report
sys.argv = ["ctct-desktop"]
runpy.run_module("ctct_desktop", run_name="__main__")
"""


def test_the_first_idle_comes_before_the_deferred_imports(tmp_path: Path) -> None:
    # the XDG folders, not CTCT_DESKTOP_HOME: the directories are found as on a user's machine
    xdg = {name: str(tmp_path / name) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                                   "XDG_STATE_HOME")}
    env = {key: value for key, value in os.environ.items() if key != "CTCT_DESKTOP_HOME"}
    env.update(xdg, CTCT_DESKTOP_STARTUP_PROBE="idle", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", CHILD.format(deferred=DEFERRED)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert any(line.startswith("startup-probe idle ") for line in lines), done.stdout
    loaded = next(line for line in lines if line.startswith("loaded:"))
    assert loaded == "loaded:", f"imported before the first idle: {loaded.split()[1:]}"


def test_the_close_probe_closes_the_window_and_the_program_ends_by_its_own_path(tmp_path: Path) -> None:
    # What the build check relies on for "the window closes cleanly": the probe closes the window
    # once the sandbox is up, and the app's close path (window state saved, sandbox stopped) runs.
    env = {key: value for key, value in os.environ.items() if key != "CTCT_DESKTOP_HOME"}
    env.update({name: str(tmp_path / name) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                                         "XDG_STATE_HOME")},
               CTCT_DESKTOP_STARTUP_PROBE="close", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "ctct_desktop"], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    assert any(line.startswith("startup-probe idle ") and " ready " in line for line in done.stdout.splitlines())
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert (tmp_path / "XDG_CONFIG_HOME" / "ctct-desktop" / "window-state.json").is_file()  # closeEvent ran


def test_services_start_after_the_first_paint(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.app import Workbench, create_application

    create_application()
    bench = Workbench(start_sandbox=True)
    qtbot.addWidget(bench.window)
    try:
        assert not bench.services_started and bench.sandbox.info is None
        assert bench.saved_work.history_panel.status.text() == "Opening the history…"
        collections = bench.saved_work.collections
        templates = collections.templates_root()
        assert templates is not None and collections.collection(templates) is None and collections.busy
        with qtbot.waitSignal(bench.services_ready, timeout=10000):
            bench.window.show()
        qtbot.waitUntil(lambda: collections.collection(templates) is not None, timeout=10000)
        qtbot.waitUntil(lambda: bench.sandbox.info is not None, timeout=20000)
        panel = bench.saved_work.history_panel
        qtbot.waitUntil(lambda: not panel.busy and panel.isEnabled(), timeout=5000)
        assert panel.status.text() != "Opening the history…"
    finally:
        bench.shutdown()


def test_a_send_before_the_first_paint_starts_the_services_and_is_recorded(qtbot, http_server) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.app import Workbench, create_application
    from ctct_desktop.core.models import RequestModel

    create_application()
    bench = Workbench(start_sandbox=False)
    bench.settings = bench.settings.with_changes(confirm_send_with_errors=False)
    qtbot.addWidget(bench.window)
    window = bench.window
    try:
        window.request_editor.set_model(RequestModel(url=http_server.base_url + "/echo/startup"))
        window.show()
        window.window_actions.send.trigger()  # before the event loop has painted anything
        assert bench.services_started
        qtbot.waitUntil(lambda: window.response_view.exchange is not None and not window.send_controller.busy,
                        timeout=15000)
        exchange = window.response_view.exchange
        assert exchange is not None and exchange.response is not None and exchange.response.status == 200
        qtbot.waitUntil(lambda: bench.history.usage().entries == 1, timeout=5000)
        panel = bench.saved_work.history_panel
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    finally:
        window.send_controller.cancel()
        bench.shutdown()


def test_the_history_opens_on_demand_before_the_services(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Anything that asks for the history (a restore, a trim to new limits) opens it at once."""
    from ctct_desktop.app import Workbench, create_application

    create_application()
    bench = Workbench(start_sandbox=False)
    qtbot.addWidget(bench.window)
    try:
        assert not bench.services_started
        assert bench.saved_work.history.usage().entries == 0
        panel = bench.saved_work.history_panel
        qtbot.waitUntil(lambda: not panel.busy and panel.isEnabled(), timeout=5000)
        assert bench.history is bench.saved_work.history
    finally:
        bench.shutdown()
