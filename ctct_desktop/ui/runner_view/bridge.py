"""A collection run in a worker thread, its progress turned into typed signals on the UI thread.

``CollectionRun.run`` blocks and reports through a callback in its own thread; ``RunBridge``
lives on the UI thread, so each event emitted from the worker arrives queued, in order. The
run itself goes to the task pool (``ui/workers.py``); ``cancel`` is safe from the UI thread.

A cancel wakes the send in flight at once, except during its name lookup or TCP connect: no
socket exists yet to wake (transport/interrupt.py), and an unreachable host holds the connect
until the request's timeout (30 s by default). So a run that has not ended ``LET_GO_MS`` after
a cancel is let go: ``finished`` comes with what had finished (marked cancelled), and whatever
the run still says when its connect gives up is not heard.
"""

from __future__ import annotations

import time

from PySide6 import QtCore

from ctct_desktop.runner import (
    CollectionRun,
    RequestFinished,
    RequestRun,
    RequestStarted,
    RunEvent,
    RunFinished,
    RunOptions,
    RunResult,
    RunSource,
    RunStarted,
)
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.send import Accounts, Scopes, SendResult
from ctct_desktop.ui.workers import start_task

LET_GO_MS = 2000  # a run still going this long after a cancel is waiting on a connect: let it go


class RunBridge(QtCore.QObject):
    """One run's signals; ``finished`` always comes last (also after a cancel or a failure)."""

    started = QtCore.Signal(RunStarted)
    request_started = QtCore.Signal(RequestStarted)
    request_finished = QtCore.Signal(RequestFinished)
    sent = QtCore.Signal(SendResult)  # every exchange that went out: the history records it
    finished = QtCore.Signal(RunResult)
    failed = QtCore.Signal(str)  # the run itself broke (a bug); said in words

    def __init__(self, source: RunSource, scopes: Scopes, options: RunOptions | None = None, *,
                 accounts: Accounts | None = None, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.run = CollectionRun(source, scopes, options, accounts=accounts, on_event=self._on_event,
                                 on_sent=self._on_sent)
        self.running = False
        self.let_go = False  # the run was let go after a cancel: nothing more of it is heard
        self._began = 0.0
        self._planned = (0, 1)  # requests x iterations, iterations (from RunStarted)
        self._finished_runs: list[RequestRun] = []  # as request_finished reported them
        self._let_go_timer = QtCore.QTimer(self)
        self._let_go_timer.setSingleShot(True)
        self._let_go_timer.setInterval(LET_GO_MS)
        self._let_go_timer.timeout.connect(self._let_go)
        self.started.connect(self._remember_plan)
        self.request_finished.connect(self._remember_finished)

    def start(self) -> None:
        self.running = True
        self._began = time.perf_counter()
        start_task(lambda _progress: self.run.run(), self._done, self._failed, owner=self)

    def cancel(self) -> None:
        """Stops the send in flight and every wait now; ``finished`` follows with what ran, at the
        latest ``LET_GO_MS`` later."""
        self.run.cancel()
        if self.running and not self._let_go_timer.isActive():
            self._let_go_timer.start()

    def _remember_plan(self, event: RunStarted) -> None:
        self._planned = (event.total, event.iterations)

    def _remember_finished(self, event: RequestFinished) -> None:
        self._finished_runs.append(event.run)

    def _let_go(self) -> None:
        if not self.running:
            return
        self.let_go, self.running = True, False
        runs = tuple(self._finished_runs)
        secrets = SecretSet()
        for one in runs:
            secrets = secrets | one.secrets
        planned, iterations = self._planned
        self.finished.emit(RunResult(self.source.title, runs, iterations, time.perf_counter() - self._began,
                                     cancelled=True, planned=planned, secrets=secrets))

    def _on_sent(self, result: SendResult) -> None:
        """In the run's thread, like ``_on_event``."""
        if not self.let_go:
            self.sent.emit(result)

    def _on_event(self, event: RunEvent) -> None:
        """In the run's thread: each emit is queued to the UI thread (this object lives there)."""
        if self.let_go:
            return
        if isinstance(event, RunStarted):
            self.started.emit(event)
        elif isinstance(event, RequestStarted):
            self.request_started.emit(event)
        elif isinstance(event, RequestFinished):
            self.request_finished.emit(event)
        elif isinstance(event, RunFinished):
            pass  # the task's own result carries it, after the last queued event

    def _done(self, result: RunResult) -> None:
        self._let_go_timer.stop()
        if self.let_go:
            return
        self.running = False
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self._let_go_timer.stop()
        if self.let_go:
            return
        self.running = False
        self.failed.emit(message)
