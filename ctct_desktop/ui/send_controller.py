"""The worker bridge for sending: SendJob runs in QThreadPool, results come back as typed signals.

Cancel returns the UI to idle at once; the cancelled job finishes in the background and its late
result is dropped, because each send carries a serial number and only the current one counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.core.models import Exchange, FailureKind, RequestModel, TransportFailure

if TYPE_CHECKING:  # httpx costs ~90 ms to import: kept off the start-up path (see preload_transport)
    from ctct_desktop.transport.sender import SendJob


def preload_transport() -> None:
    """Import the transport (httpx) ahead of the first send; safe to call from a worker thread."""
    import ctct_desktop.transport.failures  # noqa: F401
    import ctct_desktop.transport.sender  # noqa: F401


@dataclass(frozen=True)
class Prepared:
    """What the worker-side preparation made of a request: the request to send (None: do not
    send, and ``problem`` says why) and the secrets it now carries, for redaction."""

    request: RequestModel | None
    problem: str | None = None
    secrets: tuple[str, ...] = ()


Prepare = Callable[[RequestModel], Prepared]


class _JobSignals(QtCore.QObject):
    finished = QtCore.Signal(int, object, object)  # (serial, Exchange, secrets tuple)
    progress = QtCore.Signal(int, int, int)  # (serial, received bytes, total bytes or -1)


class _SendRunnable(QtCore.QRunnable):
    def __init__(self, serial: int, job: SendJob, signals: _JobSignals, prepare: Prepare | None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._serial, self._job, self._signals, self._prepare = serial, job, signals, prepare

    def run(self) -> None:
        secrets: tuple[str, ...] = ()
        try:
            if self._prepare is not None and not self._job.is_cancelled:
                prepared = self._prepare(self._job.request)  # keyring reads, token refresh: never on the UI thread
                secrets = prepared.secrets
                if prepared.request is None:
                    problem = prepared.problem or "The request could not be prepared."
                    self._signals.finished.emit(self._serial, Exchange(self._job.request, failure=TransportFailure(
                        FailureKind.OTHER, problem, problem)), secrets)
                    return
                self._job.request = prepared.request
            exchange = self._job.run()
        except Exception as exc:  # SendJob never raises for network trouble; anything else is still shown
            exchange = Exchange(self._job.request, failure=TransportFailure(
                FailureKind.OTHER, "The request could not be sent because of an internal error.", repr(exc)))
        self._signals.finished.emit(self._serial, exchange, secrets)


class SendController(QtCore.QObject):
    """``started(RequestModel)``, ``progress(received, total)`` (total -1 when unknown),
    ``finished(Exchange)`` (also for failures and cancels), ``busy_changed(bool)``."""

    started = QtCore.Signal(object)
    progress = QtCore.Signal(int, int)
    finished = QtCore.Signal(object)
    busy_changed = QtCore.Signal(bool)

    def __init__(self, parent: QtCore.QObject | None = None, pool: QtCore.QThreadPool | None = None,
                 prepare: Prepare | None = None) -> None:
        super().__init__(parent)
        self.prepare = prepare  # runs in the worker before sending (accounts: keyring, token refresh)
        self.last_secrets: tuple[str, ...] = ()  # secrets the last finished request carried
        if pool is None:  # its own pool: a send never waits behind body formatting or lexing
            pool = QtCore.QThreadPool(self)
            pool.setMaxThreadCount(4)
        self._pool = pool
        self._signals = _JobSignals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.progress.connect(self._on_progress)
        self._serial = 0
        self._job: SendJob | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def send(self, request: RequestModel) -> None:
        """Start sending; a send already in flight is cancelled first."""
        from ctct_desktop.transport.sender import SendJob

        if self._job is not None:
            self.cancel()
        self._serial += 1
        serial = self._serial
        emit = self._signals.progress.emit
        job = SendJob(request, on_progress=lambda got, total: emit(serial, got, -1 if total is None else total))
        self._job = job
        self.started.emit(request)
        self.busy_changed.emit(True)
        self._pool.start(_SendRunnable(serial, job, self._signals, self.prepare))

    def cancel(self) -> None:
        """Stop the send in flight and go idle now; its late result is ignored."""
        job = self._job
        if job is None:
            return
        from ctct_desktop.transport.failures import cancelled

        job.cancel()
        self._job = None
        self._serial += 1
        self.finished.emit(Exchange(job.request, failure=cancelled(), sent_url=job.request.url))
        self.busy_changed.emit(False)

    def _on_progress(self, serial: int, received: int, total: int) -> None:
        if serial == self._serial:
            self.progress.emit(received, total)

    def _on_finished(self, serial: int, exchange: Exchange, secrets: tuple[str, ...]) -> None:
        if serial != self._serial:
            return
        self._job = None
        self.last_secrets = secrets
        self.finished.emit(exchange)
        self.busy_changed.emit(False)
