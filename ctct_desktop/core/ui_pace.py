"""Background work that gives way while the UI thread is late.

Python shares the GIL fairly: while two workers ran Python code (indexing a large body,
preparing its history row), the UI thread had a third of the interpreter, so 40 ms of painting
took 130-180 ms (benchmarks/stall_probe.py: "stalled 179 ms, UI thread CPU 43 ms of it"). So
while tasks run, the UI thread beats every few milliseconds (``ui/workers.py``), and a worker
calls ``give_way()`` between pieces of its work: when the last beat is late, the UI thread is
busy, and the worker sleeps until the beat comes back, leaving it the interpreter. A UI thread
that stays late (blocked on purpose, or in a long job of its own) is not waited for past
``STUCK_S``, so a worker never waits long; with no tasks running nothing beats and nobody waits.
The UI thread can also say ahead that it is about to be busy (``busy()``: showing a response,
painting a large body), so workers wait from their next step instead of competing with it for
the first ``LATE_S``. Waiting workers sleep until the next beat wakes them, not in a poll.
Qt-free, so the core's loops can call it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

LATE_S = 0.008  # a beat this old: the UI thread is busy (it beats every ui/workers.BEAT_MS)
STUCK_S = 0.25  # a beat this old, or a wait this long: stop waiting for it


class UiPace:
    """The UI thread's last beat, and the wait workers do while it is late."""

    def __init__(self) -> None:
        self._last_beat = time.monotonic()
        self._active = False
        self._back = threading.Condition()  # workers waiting for the UI thread wait on this
        self._waiting = 0
        self._busy = 0  # nested busy() blocks of the UI thread

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        """The UI thread beats from now on (tasks are running)."""
        self._last_beat = time.monotonic()
        self._active = True

    def stop(self) -> None:
        self._active = False
        self._wake()

    def beat(self) -> None:
        self._last_beat = time.monotonic()
        if self._waiting:  # read without the lock: a worker counts itself in before it looks
            self._wake()

    @contextmanager
    def busy(self) -> Iterator[None]:
        """On the UI thread, around work it knows is heavy: workers wait at their next
        ``give_way`` until it is done (at most ``STUCK_S`` each)."""
        self._busy += 1
        try:
            yield
        finally:
            self._busy -= 1
            if not self._busy and self._waiting:
                self._wake()

    def _wake(self) -> None:
        with self._back:
            self._back.notify_all()

    def give_way(self) -> float:
        """Wait while the UI thread is late (at most ``STUCK_S``); the seconds waited. Never
        waits on the main thread itself (a task run in-thread as a fallback), nor when idle."""
        if not (self._active or self._busy) or threading.current_thread() is threading.main_thread():
            return 0.0
        began = time.monotonic()
        if began - self._last_beat < LATE_S and not self._busy:
            return 0.0
        with self._back:
            self._waiting += 1
            try:
                while self._active or self._busy:
                    now = time.monotonic()
                    late = now - self._last_beat
                    if now - began > STUCK_S or (not self._busy and (late < LATE_S or late > STUCK_S)):
                        break
                    self._back.wait(STUCK_S - (now - began))  # until the next beat wakes it
            finally:
                self._waiting -= 1
        return time.monotonic() - began


PACE = UiPace()


def give_way() -> float:
    """``PACE.give_way()``: call it between pieces of background work."""
    return PACE.give_way()
