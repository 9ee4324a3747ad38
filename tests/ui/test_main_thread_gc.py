"""Cycles are freed on the UI thread, never in the worker that happened to allocate: a worker
freeing a dead cycle's QObject deadlocked the suite (Qt's connection lock against the GIL)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from ctct_desktop.ui import main_thread_gc


class _Cycle:
    """A self-referencing object whose finaliser says which thread freed it."""

    freed_in: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_in.append(threading.current_thread().name)


@pytest.fixture()
def automatic_gc_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()


def _allocate_in_a_worker() -> None:
    """A worker makes dead cycles (as a scan or an import does) far past generation 0's threshold."""
    def churn() -> None:
        _Cycle()
        for _ in range(gc.get_threshold()[0] * 3):
            cycle: list[object] = []
            cycle.append(cycle)
    worker = threading.Thread(target=churn, name="allocating-worker")
    worker.start()
    worker.join()


def test_a_dead_cycle_is_freed_on_the_ui_thread_not_in_the_worker(qapp, qtbot, automatic_gc_restored) -> None:  # type: ignore[no-untyped-def]
    gc.collect()
    _Cycle.freed_in.clear()
    collector = main_thread_gc.install(qapp)
    assert main_thread_gc.install(qapp) is collector  # once per application
    assert not gc.isenabled()
    _allocate_in_a_worker()
    assert _Cycle.freed_in == []  # the worker did not collect it
    qtbot.waitUntil(lambda: _Cycle.freed_in != [], timeout=10000)  # the UI thread's timer did
    assert _Cycle.freed_in == [threading.main_thread().name]


def test_without_it_the_worker_frees_the_cycle(automatic_gc_restored) -> None:
    """The hazard itself, so the test above can fail: with automatic collection the worker frees it."""
    gc.enable()
    gc.collect()
    _Cycle.freed_in.clear()
    _allocate_in_a_worker()
    assert _Cycle.freed_in == ["allocating-worker"]


def test_collect_due_collects_only_a_generation_past_its_threshold(automatic_gc_restored) -> None:
    gc.disable()
    gc.collect()
    assert main_thread_gc.collect_due() is None
    junk = [[] for _ in range(gc.get_threshold()[0] * 3)]
    assert main_thread_gc.collect_due() is not None
    del junk


FREEZE_CHILD = """
import gc, sys
from PySide6 import QtCore
from ctct_desktop.app import Workbench, create_application
app = create_application()
bench = Workbench(start_sandbox=False)
bench.window.show()
bench.start_services()
loop = QtCore.QEventLoop()
poll = QtCore.QTimer()
poll.timeout.connect(lambda: loop.quit() if gc.get_freeze_count() else None)
poll.start(20)
QtCore.QTimer.singleShot(30000, loop.quit)
loop.exec()
print(gc.get_freeze_count(), len(gc.get_objects()), "ctct_desktop.core.paging.pretty" in sys.modules)
bench.shutdown()
"""


def test_start_up_survivors_are_frozen_so_full_collections_skip_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a child interpreter (freezing is once per process). A full collection of the window's
    start-up objects took 60-80 ms on the UI thread; after the preloads they are frozen and a
    full collection scans only what was made since."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "CTCT_DESKTOP_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", FREEZE_CHILD], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    frozen, tracked, preloaded = done.stdout.split()
    assert int(frozen) > 20_000  # the modules, classes and widgets of start-up
    assert int(tracked) < int(frozen) // 5  # what a full collection still scans
    assert preloaded == "True"  # frozen after the large-body preload, so its modules are skipped too


def test_freezing_happens_once_per_process(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []
    monkeypatch.setattr(main_thread_gc, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "collect", lambda *args: calls.append("collect") or 0)
    assert main_thread_gc.freeze_start_up() is True
    assert main_thread_gc.freeze_start_up() is False
    assert calls == ["collect", "freeze"]
