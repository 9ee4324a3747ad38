"""Run a plain function in a QThreadPool and get its result back on the UI thread.

The result arrives through a signal carrying the returned object (a dataclass, typically), so the
UI thread never waits. A task whose result is no longer wanted is simply ignored by its owner.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import TypeVar, cast

import shiboken6
from PySide6 import QtCore

from ctct_desktop.core.ui_pace import PACE


T = TypeVar("T")


class TaskResult:
    """What a pool task returned. A Qt signal cannot be generic, so ``finished`` carries this named
    box, and ``start_task`` hands its ``value`` to the ``on_done`` typed together with the task's
    function. (A plain class: one is made per task, and a dataclass costs start-up time to define.)"""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


class TaskSignals(QtCore.QObject):
    """Lives on the UI thread; emitted from the worker, delivered queued."""

    finished = QtCore.Signal(TaskResult)
    failed = QtCore.Signal(str)
    progress = QtCore.Signal(int, int)


class FunctionTask(QtCore.QRunnable):
    """QRunnable around ``fn(report_progress) -> result``; never lets an exception escape."""

    def __init__(self, fn: Callable[[Callable[[int, int], None]], object]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.signals = TaskSignals()
        self._fn = fn

    def run(self) -> None:
        signals = self.signals
        try:
            try:
                result = self._fn(signals.progress.emit)
            except Exception as exc:  # reported to the UI in words; the trace goes to stderr for developers
                traceback.print_exc()
                signals.failed.emit(f"{type(exc).__name__}: {exc}")
                return
            signals.finished.emit(TaskResult(result))
        except RuntimeError:  # the application is shutting down and the signal bridge is gone
            return


_live: set[TaskSignals] = set()  # keep signal bridges alive until their task reports
_pool: QtCore.QThreadPool | None = None
BEAT_MS = 4  # the UI thread's beat while tasks run (core/ui_pace.py: workers give way when it is late)
_beat: QtCore.QTimer | None = None


def _pace() -> None:
    """Beat while any task runs, not otherwise (an idle window has no timer waking it). The timer
    is the UI thread's: a task started from elsewhere changes nothing here."""
    global _beat
    app = QtCore.QCoreApplication.instance()
    if app is None or QtCore.QThread.currentThread() is not app.thread():
        return
    if _live:
        if _beat is None:
            _beat = QtCore.QTimer()
            _beat.setInterval(BEAT_MS)
            _beat.timeout.connect(PACE.beat)
        if not _beat.isActive():
            PACE.start()
            _beat.start()
    elif _beat is not None and _beat.isActive():
        _beat.stop()
        PACE.stop()


def _ended(signals: TaskSignals) -> None:
    _live.discard(signals)
    _pace()


def task_pool() -> QtCore.QThreadPool:
    """The pool for these tasks. Many of them only wait on the helper process, so it is wider
    than the CPU count and apart from the global pool (sends never queue behind them)."""
    global _pool
    if _pool is None:
        _pool = QtCore.QThreadPool()
        _pool.setMaxThreadCount(8)
        _pool.setExpiryTimeout(10_000)
    return _pool


def _while_alive(owner: QtCore.QObject | None, callback: Callable[..., None]) -> Callable[..., None]:
    """``callback``, but a no-op once ``owner`` is destroyed: a task outlives the widget that
    started it when a window closes mid-task, and its result must not reach deleted widgets."""
    if owner is None:
        return callback

    def guarded(*args: object) -> None:
        if shiboken6.isValid(owner):
            callback(*args)
    return guarded


def start_task(fn: Callable[[Callable[[int, int], None]], T], on_done: Callable[[T], None],
               on_failed: Callable[[str], None] | None = None,
               on_progress: Callable[[int, int], None] | None = None, *,
               owner: QtCore.QObject | None) -> TaskSignals:
    """Start ``fn`` in the task pool; ``on_done(result)`` runs later on the UI thread, unless
    ``owner`` (the widget the result is for; None for fire-and-forget work) is gone by then."""
    task = FunctionTask(fn)
    signals = task.signals
    _live.add(signals)
    _pace()
    done = _while_alive(owner, on_done)
    signals.finished.connect(lambda result: done(cast(T, result.value)))
    signals.finished.connect(lambda _r: _ended(signals))
    signals.failed.connect(lambda _m: _ended(signals))
    if on_failed is not None:
        signals.failed.connect(_while_alive(owner, on_failed))
    if on_progress is not None:
        signals.progress.connect(_while_alive(owner, on_progress))
    task_pool().start(task)
    return signals
