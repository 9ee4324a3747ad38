"""The runner in the real window against the embedded sandbox: Run from the tree, rows, the
failures filter, expected vs actual, opening a row's exchange, history, Esc cancels, redaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtWidgets

from ctct_desktop.runner import Outcome
from ctct_desktop.ui.collections_view.actions import context_menu
from tests.runner.helpers import collection, request
from tests.ui.runner_view.conftest import flow, open_collection, run_selected

Key = QtCore.Qt.Key


def _cells(panel: Any, column: int) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_run_from_the_tree_shows_a_row_per_request_and_the_failures(qtbot: Any, ready: Any,
                                                                     tmp_path: Path) -> None:
    bench = ready
    root = flow(tmp_path / "Flow")
    open_collection(qtbot, bench, root)
    collections = bench.saved_work.collections
    menu = context_menu(collections, collections.panel_actions, collections.current_item())
    assert collections.panel_actions.run in menu.actions() and collections.panel_actions.run.isEnabled()
    menu.deleteLater()
    run_selected(qtbot, bench)
    panel = bench.runner.panel
    assert bench.runner.dock.isVisible()
    assert _cells(panel, 1) == ["Create list", "Get it"]
    assert _cells(panel, 2) == ["POST", "GET"]
    assert _cells(panel, 3) == ["201", "200"]
    assert _cells(panel, 5) == ["1/1", "1/2"]
    assert _cells(panel, 6) == ["passed", "failed"]
    assert all(text.endswith(" ms") for text in _cells(panel, 4))
    assert panel.progress.value() == panel.progress.maximum() == 2
    assert "1 passed, 1 failed, 0 not sent of 2" in panel.summary.text()
    assert "assertions 2/3 held" in panel.summary.text()

    qtbot.keyClick(panel.failures_only, Key.Key_Space)  # the filter, from the keyboard
    assert panel.failures_only.isChecked() and _cells(panel, 1) == ["Get it"]
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    details = panel.details.toPlainText()
    assert '✗ header Content-Type matches "json" (expected matches json, got application/atom+xml' in details
    assert "✓ status == 200" in details

    qtbot.keyClick(panel.table, Key.Key_Return)  # Enter opens the row's exchange in a tab
    qtbot.waitUntil(lambda: bench.documents.document.name == "Get it", timeout=5000)
    assert bench.documents.document.path == (root / "Get it.ctct.toml").resolve()
    assert bench.window.response_view.status_line.code.text().startswith("200")
    assert bench.window.response_view.exchange is panel.selected_run().result.exchange
    assert bench.documents.session.result is panel.selected_run().result


def test_every_exchange_of_a_run_goes_to_the_history(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    open_collection(qtbot, bench, flow(tmp_path / "Flow"))
    run_selected(qtbot, bench)
    history = bench.history
    qtbot.waitUntil(lambda: len(history.list(limit=10)) >= 2, timeout=10_000)
    methods = [entry.method for entry in history.list(limit=10)]
    assert methods[:2] == ["GET", "POST"]


def test_esc_in_the_runner_stops_a_polling_run_at_once(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    root = collection(tmp_path / "Polling", [
        ("Wait forever", request("GET", "{{base_url}}/lists"),
         {"repeat": "until status == 404 at most 100 times every 30 s"}),
        ("Never reached", request("GET", "{{base_url}}/lists"), {}),
    ])
    open_collection(qtbot, bench, root)
    tree = bench.saved_work.collections.view
    tree.setFocus()
    bench.saved_work.collections.panel_actions.run.trigger()
    qtbot.waitUntil(lambda: bench.runner.running and bench.runner.bridge is not None, timeout=10_000)
    panel = bench.runner.panel
    qtbot.waitUntil(lambda: "attempt" in panel.title.text() or "Running 1" in panel.title.text(), timeout=10_000)
    assert panel.cancel_button.isEnabled()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Key.Key_Escape)
    # the poll waits 30 s between attempts: finishing well inside that means the wait was cut short
    qtbot.waitUntil(lambda: not bench.runner.running, timeout=10_000)
    result = panel.result
    assert result is not None and result.cancelled
    assert [r.outcome for r in result.runs] == [Outcome.CANCELLED]
    assert "cancelled" in panel.summary.text() and not panel.cancel_button.isEnabled()


def test_secrets_are_masked_in_the_rows_and_the_details(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    password = bench.saved_work.variables()["password"]
    root = collection(tmp_path / "Leaky", [
        ("Leak it", request("GET", "{{base_url}}/lists?echo={{password}}"),
         {"assertions": ('body contains "{{password}}"',), "captures": ('token = regex "(.*)"',)}),
    ])
    open_collection(qtbot, bench, root)
    run_selected(qtbot, bench)
    panel = bench.runner.panel
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    shown = [panel.details.toPlainText(), panel.summary.text(),
             *[panel.proxy.index(0, c).data() for c in range(panel.proxy.columnCount())],
             panel.proxy.index(0, 1).data(QtCore.Qt.ItemDataRole.ToolTipRole)]
    assert "Sent to" in shown[0] and "echo=" in shown[0]
    assert all(password not in text for text in shown), shown
    assert isinstance(QtWidgets.QApplication.focusWidget(), QtWidgets.QWidget)


def test_esc_lets_go_of_a_run_stuck_in_a_tcp_connect(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    """A listener whose backlog is full never answers a SYN: the connect waits for the request's
    timeout, and before, a cancel waited with it (there is no socket to wake yet). Now the run is
    let go a moment after Esc, with what had finished, and nothing it says later is heard."""
    import socket
    from dataclasses import replace

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port), timeout=2)  # fills the backlog of one
    try:
        bench = ready
        stuck = replace(request("GET", f"http://127.0.0.1:{port}/never"), timeout_s=20.0)
        root = collection(tmp_path / "Unreachable", [("Quick", request("GET", "{{base_url}}/lists"), {}),
                                                    ("Stuck in connect", stuck, {}),
                                                    ("Never reached", request("GET", "{{base_url}}/lists"), {})])
        open_collection(qtbot, bench, root)
        bench.saved_work.collections.view.setFocus()
        bench.saved_work.collections.panel_actions.run.trigger()
        panel = bench.runner.panel
        qtbot.waitUntil(lambda: bench.runner.running and "Running 2" in panel.title.text(), timeout=10_000)
        qtbot.wait(300)  # well into the connect
        bridge = bench.runner.bridge
        panel.table.setFocus()
        qtbot.keyClick(panel.table, Key.Key_Escape)
        qtbot.waitUntil(lambda: not bench.runner.running, timeout=5000)  # not the 20 s timeout
        result = panel.result
        assert result is not None and result.cancelled and getattr(bridge, "let_go", False)
        assert [r.item.name for r in result.runs] == ["Quick"] and result.planned == 3
        assert panel.title.text().startswith("Cancelled") and not panel.cancel_button.isEnabled()
        history_before = bench.history.usage().entries
    finally:
        filler.close()
        listener.close()  # the connect now fails at once, and the let-go run ends
    qtbot.wait(500)
    assert panel.result is result and [r.item.name for r in panel.result.runs] == ["Quick"]
    assert bench.history.usage().entries == history_before  # its late "cancelled" is not recorded
