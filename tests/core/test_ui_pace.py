"""Workers give way while the UI thread is late, and only then: never on the main thread, never
with no tasks running, and never for longer than STUCK_S."""

from __future__ import annotations

import threading
import time

from ctct_desktop.core import ui_pace
from ctct_desktop.core.ui_pace import STUCK_S, UiPace


def _in_a_worker(pace: UiPace, just_beaten: bool = False) -> float:
    """``give_way`` from a worker thread; ``just_beaten``: the UI thread beats right before (so a
    worker that starts late on a loaded machine still sees a fresh beat)."""
    waited: list[float] = []

    def work() -> None:
        if just_beaten:
            pace.beat()
        waited.append(pace.give_way())
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return waited[0]


def test_a_worker_waits_while_the_beat_is_late_and_goes_on_when_it_comes_back() -> None:
    pace = UiPace()
    pace.start()
    pace._last_beat = time.monotonic() - 0.05  # the UI thread has not beaten for 50 ms: busy
    waited: list[float] = []
    worker = threading.Thread(target=lambda: waited.append(pace.give_way()))
    worker.start()
    time.sleep(0.06)
    assert worker.is_alive()  # still giving way
    pace.beat()  # the UI thread is back
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert 0 < waited[0] < STUCK_S


def test_no_wait_with_a_fresh_beat_or_with_no_tasks_running() -> None:
    pace = UiPace()
    pace.start()
    assert _in_a_worker(pace, just_beaten=True) < 0.005
    pace._last_beat = time.monotonic() - 0.05
    pace.stop()
    assert _in_a_worker(pace) < 0.005  # nothing beats when no task runs: nobody waits


def test_a_ui_thread_late_for_long_is_not_waited_for() -> None:
    pace = UiPace()
    pace.start()
    pace._last_beat = time.monotonic() - 2 * STUCK_S  # blocked on purpose, or a long job of its own
    assert _in_a_worker(pace) < 0.005
    pace._last_beat = time.monotonic() - 0.02
    began = time.monotonic()
    waited = _in_a_worker(pace)  # late, and it stays late: the wait ends by itself
    assert waited <= STUCK_S + 0.1 and time.monotonic() - began < 2


def test_the_main_thread_never_waits_for_itself() -> None:
    pace = UiPace()
    pace.start()
    pace._last_beat = time.monotonic() - 0.05
    assert pace.give_way() == 0.0
    assert ui_pace.give_way() == 0.0  # the shared one too


def test_workers_wait_while_the_ui_thread_says_it_is_busy_even_with_a_fresh_beat() -> None:
    """A UI thread about to show a response or paint a large body says so, so workers stop at
    their next step instead of competing with it until its beat is LATE_S old."""
    pace = UiPace()  # no task running yet: the response's own tasks start inside the busy block
    waited: list[float] = []
    with pace.busy():
        pace.beat()
        worker = threading.Thread(target=lambda: waited.append(pace.give_way()))
        worker.start()
        time.sleep(0.05)
        assert worker.is_alive()  # waiting although the beat is fresh
    worker.join(timeout=5)  # the end of the busy block wakes it
    assert not worker.is_alive()
    assert 0.04 < waited[0] < STUCK_S


def test_a_waiting_worker_goes_on_as_soon_as_the_beat_comes_back() -> None:
    pace = UiPace()
    pace.start()
    pace._last_beat = time.monotonic() - 0.05
    ended: list[float] = []
    worker = threading.Thread(target=lambda: (pace.give_way(), ended.append(time.monotonic())))
    worker.start()
    time.sleep(0.02)
    beaten = time.monotonic()
    pace.beat()
    worker.join(timeout=5)
    assert ended and ended[0] - beaten < 0.15  # on the beat's notice (unwoken, it would sleep out STUCK_S)
