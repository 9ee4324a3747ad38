"""The window's side of the request pipeline: plan in a worker, ask, send in a worker.

Ctrl+Enter takes a snapshot of the scopes on the UI thread (they live in widgets), then
``send.plan`` runs in the pool (linting and the keyring take time), the UI asks "N problems
found — Send anyway / Show problems" when the plan has errors, and ``send.run`` sends in the
pool. Cancel returns the UI to idle at once; each send carries a serial number and a late
result from a cancelled one is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.core.models import CANCELLED, Exchange, FailureKind, RequestModel, TransportFailure
from ctct_desktop.send import Accounts, PlanSettings, Scopes, SendPlan, SendResult, plan

if TYPE_CHECKING:  # httpx (~90 ms) stays off the start-up path; preload_transport warms it
    from ctct_desktop.send.running import PendingSend


@dataclass(frozen=True)
class PlanInputs:
    """What the window knows at the moment of Ctrl+Enter, besides the request itself."""

    scopes: Scopes = field(default_factory=Scopes)
    settings: PlanSettings = field(default_factory=PlanSettings)


InputsProvider = Callable[[], PlanInputs]
Confirm = Callable[[SendPlan], bool]  # asked on the UI thread when the plan has errors


@dataclass(frozen=True)
class Planned:
    serial: int
    plan: SendPlan


@dataclass(frozen=True)
class Finished:
    serial: int
    result: SendResult


class _JobSignals(QtCore.QObject):
    planned = QtCore.Signal(Planned)
    finished = QtCore.Signal(Finished)
    progress = QtCore.Signal(int, int, int)  # serial, received bytes, total bytes or -1


class _PlanRunnable(QtCore.QRunnable):
    def __init__(self, serial: int, request: RequestModel, inputs: PlanInputs, accounts: Accounts | None,
                 signals: _JobSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._serial, self._request, self._inputs = serial, request, inputs
        self._accounts, self._signals = accounts, signals

    def run(self) -> None:
        try:
            made = plan(self._request, self._inputs.scopes, self._accounts, self._inputs.settings)
        except Exception as exc:  # a bug in planning is shown as a failed send, never raised in a worker
            made = SendPlan(self._request, self._request, problem=f"The request could not be prepared: {exc!r}")
        self._signals.planned.emit(Planned(self._serial, made))


class _RunRunnable(QtCore.QRunnable):
    def __init__(self, serial: int, pending: PendingSend, signals: _JobSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._serial, self._pending, self._signals = serial, pending, signals

    def run(self) -> None:
        try:
            result = self._pending.run()
        except Exception as exc:  # the transport never raises for network trouble; anything else is shown
            failure = TransportFailure(FailureKind.OTHER, "The request could not be sent because of an internal "
                                       "error.", repr(exc))
            result = SendResult(self._pending.plan, Exchange(self._pending.plan.resolved, failure=failure))
        self._signals.finished.emit(Finished(self._serial, result))


def _cancelled_result(request: RequestModel, made: SendPlan | None) -> SendResult:
    chosen = made or SendPlan(request, request)
    return SendResult(chosen, Exchange(chosen.resolved, failure=CANCELLED, sent_url=chosen.resolved.url))


class SendController(QtCore.QObject):
    """``started(SendPlan)`` once the request is going out; ``progress(received, total)`` (total -1
    when unknown); ``finished(SendResult)``, also for failures, refusals and cancels;
    ``declined(SendPlan)`` when the user chose to look at the problems; ``busy_changed(bool)``."""

    started = QtCore.Signal(SendPlan)
    progress = QtCore.Signal(int, int)
    finished = QtCore.Signal(SendResult)
    declined = QtCore.Signal(SendPlan)
    busy_changed = QtCore.Signal(bool)

    def __init__(self, parent: QtCore.QObject | None = None, pool: QtCore.QThreadPool | None = None, *,
                 inputs: InputsProvider = PlanInputs, accounts: Accounts | None = None,
                 confirm: Confirm = lambda _plan: True) -> None:
        super().__init__(parent)
        self.inputs, self.accounts, self.confirm = inputs, accounts, confirm
        self.last_result: SendResult | None = None
        if pool is None:  # its own pool: a send never waits behind body formatting or lexing
            pool = QtCore.QThreadPool(self)
            pool.setMaxThreadCount(4)
        self._pool = pool
        self._signals = _JobSignals(self)
        self._signals.planned.connect(self._on_planned)
        self._signals.finished.connect(self._on_finished)
        self._signals.progress.connect(self._on_progress)
        self._serial = 0
        self._request: RequestModel | None = None  # set from Ctrl+Enter until the result arrives
        self._plan: SendPlan | None = None
        self._pending: PendingSend | None = None

    @property
    def busy(self) -> bool:
        return self._request is not None

    def send(self, request: RequestModel) -> None:
        """Plan, ask when needed, send; a send already in flight is cancelled first."""
        if self.busy:
            self.cancel()
        self._serial += 1
        self._request, self._plan, self._pending = request, None, None
        self.busy_changed.emit(True)
        self._pool.start(_PlanRunnable(self._serial, request, self.inputs(), self.accounts, self._signals))

    def cancel(self) -> None:
        """Stop the send in flight and go idle now; its late result is ignored."""
        request = self._request
        if request is None:
            return
        if self._pending is not None:
            self._pending.cancel()
        result = _cancelled_result(request, self._plan)
        self._idle()
        self.finished.emit(result)
        self.busy_changed.emit(False)

    def _idle(self) -> None:
        self._serial += 1
        self._request, self._plan, self._pending = None, None, None

    def _on_planned(self, planned: Planned) -> None:
        if planned.serial != self._serial:
            return
        made = planned.plan
        self._plan = made
        if made.sendable and made.errors and not self.confirm(made):
            if planned.serial == self._serial:  # the question may have outlived a cancel
                self._idle()
                self.declined.emit(made)
                self.busy_changed.emit(False)
            return
        if planned.serial != self._serial:
            return
        from ctct_desktop.send.running import PendingSend  # loaded ahead by preload_transport

        serial = self._serial
        self.started.emit(made)
        emit = self._signals.progress.emit
        self._pending = PendingSend(made, lambda got, total: emit(serial, got, -1 if total is None else total))
        self._pool.start(_RunRunnable(serial, self._pending, self._signals))

    def _on_progress(self, serial: int, received: int, total: int) -> None:
        if serial == self._serial:
            self.progress.emit(received, total)

    def _on_finished(self, finished: Finished) -> None:
        if finished.serial != self._serial:
            return
        self._idle()
        self.last_result = finished.result
        self.finished.emit(finished.result)
        self.busy_changed.emit(False)


def preload_transport() -> None:
    """Import the pipeline (httpx, the linter) ahead of the first send, and make the verifying TLS
    context it shares (loading the CA bundle took the first send 30-60 ms); safe from a worker."""
    import ctct_desktop.send.running  # noqa: F401
    from ctct_desktop.transport.tls import tls_context

    tls_context(True)
