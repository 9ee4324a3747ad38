"""Test-wide setup. QT_QPA_PLATFORM must be set before any QApplication exists, or a headless
run aborts the whole pytest process (docs/architecture.md, "Hazards worth knowing")."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: on shared 2-core machines a deadline is a timing assertion (an example
# once took 431 ms against the default 200 ms at load 4.4 and failed the suite). Speed is measured
# by the benchmarks instead.
settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")


@pytest.fixture(autouse=True)
def _isolated_app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own platform directories; nothing touches the real user's files."""
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv("CTCT_DESKTOP_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_main_thread() -> Iterator[None]:
    """Once an application has switched automatic collection off (ui/main_thread_gc.py), tests
    that run no event loop still get their cycles collected, on this (the main) thread."""
    yield
    import gc

    if not gc.isenabled():
        from ctct_desktop.ui.main_thread_gc import collect_due

        collect_due()


@pytest.fixture(autouse=True)
def _background_tasks_finished() -> Iterator[None]:
    """Tasks a test started in the UI task pool end before the next test starts: a leftover task
    (a history page, a lex) would otherwise occupy the pool and land in another test's window."""
    yield
    import sys

    workers = sys.modules.get("ctct_desktop.ui.workers")
    if workers is not None:
        workers.task_pool().waitForDone(10_000)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[object]:
    """A freshly seeded sandbox on a free loopback port, stopped after the test."""
    from ctct_desktop.sandbox.server import SandboxServer

    server = SandboxServer(data_dir=tmp_path / "sandbox", port=0, reset=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()
