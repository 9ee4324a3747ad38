"""A collection run in a worker thread, its progress turned into typed signals on the UI thread.

``CollectionRun.run`` blocks and reports through a callback in its own thread; ``RunBridge``
lives on the UI thread, so each event emitted from the worker arrives queued, in order. The
run itself goes to the task pool (``ui/workers.py``); ``cancel`` is safe from the UI thread.
"""

from __future__ import annotations

from PySide6 import QtCore

from ctct_desktop.runner import (
    CollectionRun,
    RequestFinished,
    RequestStarted,
    RunEvent,
    RunFinished,
    RunOptions,
    RunResult,
    RunSource,
    RunStarted,
)
from ctct_desktop.send import Accounts, Scopes, SendResult
from ctct_desktop.ui.workers import start_task


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
                                 on_sent=self.sent.emit)
        self.running = False

    def start(self) -> None:
        self.running = True
        start_task(lambda _progress: self.run.run(), self._done, self._failed, owner=self)

    def cancel(self) -> None:
        """Stops the send in flight and every wait now; ``finished`` follows with what ran."""
        self.run.cancel()

    def _on_event(self, event: RunEvent) -> None:
        """In the run's thread: each emit is queued to the UI thread (this object lives there)."""
        if isinstance(event, RunStarted):
            self.started.emit(event)
        elif isinstance(event, RequestStarted):
            self.request_started.emit(event)
        elif isinstance(event, RequestFinished):
            self.request_finished.emit(event)
        elif isinstance(event, RunFinished):
            pass  # the task's own result carries it, after the last queued event

    def _done(self, result: RunResult) -> None:
        self.running = False
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self.running = False
        self.failed.emit(message)
