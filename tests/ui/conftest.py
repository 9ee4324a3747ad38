"""Fixtures for the GUI tests: a loopback HTTP server and the real main window."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.http_server import LoopbackServer


_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Qt warnings fail the workbench tests in this folder (the offscreen platform's own notices
    excepted). Sub-folders belong to other panels and opt in on their own."""
    for item in items:
        if Path(str(item.fspath)).resolve().parent == _HERE:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints", "QFont::"))


@pytest.fixture(scope="session")
def http_server() -> Iterator[LoopbackServer]:
    server = LoopbackServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def closed_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def workbench(qtbot):  # type: ignore[no-untyped-def]
    """The real Workbench (window + services) without the embedded sandbox.

    These tests exercise the generic workbench with arbitrary bodies, so the "N problems found —
    Send anyway?" question is off here; tests/ui/test_lint_integration.py covers it."""
    from ctct_desktop.app import Workbench, create_application

    create_application()
    bench = Workbench(start_sandbox=False)
    bench.settings = bench.settings.with_changes(confirm_send_with_errors=False)
    qtbot.addWidget(bench.window)
    bench.window.show()
    qtbot.waitExposed(bench.window)
    qtbot.waitUntil(lambda: bench.services_started, timeout=10000)  # history and the rest, after the first paint
    yield bench
    bench.window.send_controller.cancel()
    bench.shutdown()


@pytest.fixture
def sandbox_workbench(qtbot):  # type: ignore[no-untyped-def]
    """The real Workbench with its embedded sandbox started and ready."""
    from ctct_desktop.app import Workbench, create_application

    create_application()
    bench = Workbench(start_sandbox=True)
    qtbot.addWidget(bench.window)
    bench.window.show()
    qtbot.waitUntil(lambda: bench.sandbox.info is not None, timeout=20000)
    yield bench
    bench.window.send_controller.cancel()
    bench.shutdown()


from tests.ui.dialogs_guard import unanswered_questions  # noqa: E402,F401 - autouse fixture

