"""One thread per transport session that trips a blocking send at its whole-exchange deadline.

The async way bounds an exchange with ``asyncio.timeout``; a blocking send has no loop to do
that, so this thread waits for the deadline of the send in flight and then calls its ``fire``
(``Interrupt.trip``). Arming is cheap for a run's stream of sends: the thread is woken only when
a deadline comes sooner than the one it already sleeps towards; a send that ends early just
disarms, and the thread, waking at the old deadline, finds nothing due and sleeps on.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class Watchdog:
    def __init__(self) -> None:
        self._wake = threading.Condition(threading.Lock())
        self._armed: tuple[float, Callable[[], None]] | None = None
        self._sleeping_until = math.inf  # when the thread wakes by itself
        self._thread: threading.Thread | None = None
        self._closed = False

    def arm(self, timeout_s: float, fire: Callable[[], None]) -> None:
        """Call ``fire`` (in the watchdog's thread) ``timeout_s`` from now unless disarmed first."""
        deadline = time.monotonic() + timeout_s
        with self._wake:
            if self._closed:
                raise RuntimeError("the watchdog is closed")
            self._armed = (deadline, fire)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="ctct-send-deadline", daemon=True)
                self._thread.start()
            elif deadline < self._sleeping_until:
                self._wake.notify()

    def disarm(self) -> None:
        with self._wake:
            self._armed = None

    def _watch(self) -> None:
        with self._wake:
            while not self._closed:
                armed = self._armed
                if armed is None:
                    self._sleeping_until = math.inf
                    self._wake.wait()
                    continue
                deadline, fire = armed
                left = deadline - time.monotonic()
                if left <= 0:
                    self._armed = None
                    fire()
                    continue
                self._sleeping_until = deadline
                self._wake.wait(left)

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._armed = None
            self._wake.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(5)
