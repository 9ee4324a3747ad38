"""Warming up the helper while a large body downloads: in a thread, the formatter's
modules loaded in both processes, and nothing started again on the next progress report."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from ctct_desktop.ui import offload


def _loaded_in_helper(name: str) -> bool:
    return name in sys.modules


def test_warm_up_returns_at_once_loads_modules_and_is_done_once() -> None:
    offload.shutdown()
    sys.modules.pop("colorsys", None)  # a small stdlib module nothing here imports
    try:
        for _report in range(20):  # progress reports while the helper is still starting
            offload.warm_up("colorsys")
        assert sum(t.name == "offload-warm-up" for t in threading.enumerate()) <= 1
        deadline = time.monotonic() + 60
        while ("colorsys" not in sys.modules or offload._pool is None) and time.monotonic() < deadline:  # noqa: SLF001
            time.sleep(0.01)
        assert "colorsys" in sys.modules and offload._pool is not None  # noqa: SLF001
        assert offload.run(_loaded_in_helper, "colorsys") is True
        warmers = threading.active_count()
        offload.warm_up("colorsys")  # every progress report of a download calls it
        assert threading.active_count() == warmers
    finally:
        offload.shutdown()


def test_the_thread_that_starts_the_helper_hands_it_a_low_priority_and_keeps_the_window_s() -> None:
    """On Linux a child starts with its parent thread's nice value: the helper (half a second of
    interpreter start-up while a large body arrives) yields to the window from its first instruction."""
    if not sys.platform.startswith("linux"):
        pytest.skip("a nice value is per thread on Linux only; elsewhere the helper lowers itself")
    before = os.getpriority(os.PRIO_PROCESS, 0)
    seen: list[str] = []

    def start_a_child() -> None:
        offload._lower_this_thread()  # noqa: SLF001 - what _warm does first
        done = subprocess.run([sys.executable, "-c", "import os; print(os.nice(0))"], capture_output=True,
                              text=True, check=True)
        seen.append(done.stdout.strip())

    thread = threading.Thread(target=start_a_child)
    thread.start()
    thread.join(timeout=30)
    assert seen == [str(min(19, before + 10))]
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # the window's own threads are untouched
