"""Time work while the UI thread beats every 5 ms: how long it took, and the longest gap between
beats (the UI stall it caused). Shared by the benchmarks that measure a body tool's stall."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6 import QtCore, QtWidgets


def beside_heartbeat(app: QtWidgets.QApplication, work: Callable[[], object],
                     done_when: Callable[[], bool] | None = None) -> tuple[float, float]:
    """Run ``work`` in a thread (or, with ``done_when``, wait for it) while the UI thread beats
    every 5 ms; (seconds, longest gap between beats in ms)."""
    gaps = {"last": time.perf_counter(), "worst": 0.0}

    def beat() -> None:
        now = time.perf_counter()
        gaps["worst"] = max(gaps["worst"], now - gaps["last"])
        gaps["last"] = now

    timer = QtCore.QTimer(interval=5)
    timer.timeout.connect(beat)
    timer.start()
    finished = threading.Event()
    began = time.perf_counter()
    if done_when is None:
        threading.Thread(target=lambda: (work(), finished.set())).start()
        done_when = finished.is_set
    else:
        work()
    gaps["last"] = time.perf_counter()
    while not done_when():
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
    elapsed = time.perf_counter() - began
    timer.stop()
    return elapsed, gaps["worst"] * 1000
