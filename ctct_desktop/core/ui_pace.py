"""Background work that gives way while the UI thread is late.

Python shares the GIL fairly: while two workers ran Python code (indexing a large body,
preparing its history row), the UI thread had a third of the interpreter, so 40 ms of painting
took 130-180 ms (benchmarks/stall_probe.py: "stalled 179 ms, UI thread CPU 43 ms of it"). So
while tasks run, the UI thread beats every few milliseconds (``ui/workers.py``), and a worker
calls ``give_way()`` between pieces of its work: when the last beat is late, the UI thread is
busy, and the worker sleeps until the beat comes back, leaving it the interpreter. A UI thread
that stays late (blocked on purpose, or in a long job of its own) is not waited for past
``STUCK_S``, so a worker never waits long; with no tasks running nothing beats and nobody waits.
Qt-free, so the core's loops can call it.
"""

from __future__ import annotations

import threading
import time

LATE_S = 0.008  # a beat this old: the UI thread is busy (it beats every ui/workers.BEAT_MS)
STUCK_S = 0.25  # a beat this old, or a wait this long: stop waiting for it
PAUSE_S = 0.001


class UiPace:
    """The UI thread's last beat, and the wait workers do while it is late."""

    def __init__(self) -> None:
        self._last_beat = time.monotonic()
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        """The UI thread beats from now on (tasks are running)."""
        self._last_beat = time.monotonic()
        self._active = True

    def stop(self) -> None:
        self._active = False

    def beat(self) -> None:
        self._last_beat = time.monotonic()

    def give_way(self) -> float:
        """Wait while the UI thread is late (at most ``STUCK_S``); the seconds waited. Never
        waits on the main thread itself (a task run in-thread as a fallback), nor when idle."""
        if not self._active or threading.current_thread() is threading.main_thread():
            return 0.0
        began = time.monotonic()
        while self._active:
            now = time.monotonic()
            late = now - self._last_beat
            if late < LATE_S or late > STUCK_S or now - began > STUCK_S:
                break
            time.sleep(PAUSE_S)
        return time.monotonic() - began


PACE = UiPace()


def give_way() -> float:
    """``PACE.give_way()``: call it between pieces of background work."""
    return PACE.give_way()
