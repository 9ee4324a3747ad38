"""Warming up the helper while a large body downloads: in a thread, the formatter's
modules loaded in both processes, and nothing started again on the next progress report."""

from __future__ import annotations

import sys
import threading
import time

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
