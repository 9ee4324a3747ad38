"""A start-up probe for ``benchmarks/bench_ui_startup.py``: when ``CTCT_DESKTOP_STARTUP_PROBE`` is
set, print a monotonic timestamp at the window's first idle (shown, painted once, the event loop
free again) and leave at once, so the benchmark measures what a user waits for and nothing after.

``idle`` leaves at the first idle; ``ready`` waits for a ``ready`` signal too (the embedded
sandbox up, for the app) and prints both. ``close`` waits as ``ready`` does, prints, then closes the
window as a user would and lets the program end by its own path (the build check,
packaging/check_build.py, sees a clean close: exit status 0, no traceback). Unset, ``install``
returns after one dictionary look-up.
The benchmark's bare Qt window uses this same module, so both sides are measured alike.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6 import QtCore, QtWidgets

ENV = "CTCT_DESKTOP_STARTUP_PROBE"
MODES = ("idle", "ready", "close")


class _FirstPaint(QtCore.QObject):
    """Waits for the window's first paint, then for the event loop to come back (a 0 ms timer)."""

    def __init__(self, window: QtWidgets.QWidget, mode: str, ready: QtCore.SignalInstance | None) -> None:
        super().__init__(window)
        self._window = window
        self._mode = mode
        self._waits_for_ready = mode == "ready" or (mode == "close" and ready is not None)
        self._done = False
        self._idle: float | None = None
        self._ready: float | None = None
        self._painted = False
        window.installEventFilter(self)
        if ready is not None:
            ready.connect(self._on_ready)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if not self._painted and event.type() == QtCore.QEvent.Type.Paint:
            self._painted = True
            QtCore.QTimer.singleShot(0, self._on_idle)
        return False

    def _on_idle(self) -> None:
        self._idle = time.monotonic()
        self._maybe_leave()

    def _on_ready(self, *_args: object) -> None:
        if self._ready is None:
            self._ready = time.monotonic()
        self._maybe_leave()

    def _maybe_leave(self) -> None:
        if self._done or self._idle is None or (self._waits_for_ready and self._ready is None):
            return
        self._done = True  # once: a late signal must not print or close again
        ready = f" ready {self._ready:.6f}" if self._ready is not None else ""
        sys.stdout.write(f"startup-probe idle {self._idle:.6f}{ready}\n")
        sys.stdout.flush()
        if self._mode == "close":
            self._window.close()  # the app's own close and quit path runs from here
            return
        os._exit(0)  # now: what runs after the first idle is not what this probe measures


def install(window: QtWidgets.QWidget, ready: QtCore.SignalInstance | None = None) -> None:
    """Arm the probe on ``window`` (before it is shown) if the environment asks for it."""
    mode = os.environ.get(ENV)
    if mode is None:
        return
    if mode not in MODES:
        raise SystemExit(f"{ENV} must be one of {', '.join(MODES)}, not {mode!r}.")
    _FirstPaint(window, mode, ready)
