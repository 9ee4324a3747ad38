"""Reproduce on the sandbox, off the UI thread: ``tickets.reproduce`` in the task pool, its run's
events turned into typed signals, cancellable from the UI thread (the run's own ``cancel``)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6 import QtCore

from ctct_desktop.runner import CollectionRun, RequestFinished, RequestStarted, RunEvent, RunStarted
from ctct_desktop.send import Accounts
from ctct_desktop.tickets.model import TicketError
from ctct_desktop.tickets.reproduce import Reproduction, reproduce
from ctct_desktop.ui.workers import start_task


class Reproducer(QtCore.QObject):
    """One reproduction; ``finished`` (a ``tickets.reproduce.Reproduction``) or ``failed`` comes last."""

    progress = QtCore.Signal(int, int, str)  # done, total, what is being sent
    finished = QtCore.Signal(Reproduction)
    failed = QtCore.Signal(str)

    def __init__(self, folder: Path, accounts: Accounts | None = None, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.folder, self._accounts = folder, accounts
        self._run: CollectionRun | None = None
        self._cancelled = threading.Event()
        self._total = 0
        self.running = False

    def start(self) -> None:
        self.running = True
        start_task(lambda _p: self._reproduce(), self._done, self._failed, owner=self)

    def _reproduce(self) -> Reproduction | str:  # the worker thread
        try:
            return reproduce(self.folder, accounts=self._accounts, started=self._started, on_event=self._event)
        except TicketError as exc:  # a ticket without requests, a scratch sandbox that cannot start…
            return str(exc)

    def cancel(self) -> None:
        """Thread-safe: the send in flight stops and nothing further is sent."""
        self._cancelled.set()
        run = self._run
        if run is not None:
            run.cancel()

    def _started(self, run: CollectionRun) -> None:  # the worker thread
        self._run = run
        if self._cancelled.is_set():
            run.cancel()

    def _event(self, event: RunEvent) -> None:  # the worker thread; the signal is delivered queued
        if isinstance(event, RunStarted):
            self._total = event.total
            self.progress.emit(0, event.total, "Starting…")
        elif isinstance(event, RequestStarted):
            self.progress.emit(event.index, self._total, f"Sending {event.item.name}…")
        elif isinstance(event, RequestFinished):
            self.progress.emit(event.index + 1, self._total, f"{event.run.item.name}: {event.run.status or '—'}")

    def _done(self, reproduction: Reproduction | str) -> None:
        self.running = False
        if isinstance(reproduction, str):
            self.failed.emit(reproduction)
        else:
            self.finished.emit(reproduction)

    def _failed(self, message: str) -> None:
        self.running = False
        self.failed.emit(message)
