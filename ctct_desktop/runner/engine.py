"""A collection run, Qt-free: every request in order, once per iteration or data row.

``CollectionRun(source, scopes, options).run()`` blocks and returns a ``RunResult``; progress
goes to ``on_event`` as it happens, and ``cancel()`` (from any thread) stops the send in flight
and the waits (delay, polling) at once. Each iteration starts with an empty run scope; values a
request captures are resolved first by the requests after it. One transport session (one
connection) serves the whole run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.runner.events import OnEvent, RequestFinished, RequestStarted, RunEvent, RunFinished, RunStarted
from ctct_desktop.runner.results import Outcome, RequestRun, RunResult
from ctct_desktop.runner.source import RunSource
from ctct_desktop.runner.step import StepContext, run_step
from ctct_desktop.send import Accounts, PlanSettings, Scopes, SendResult


@dataclass(frozen=True)
class RunOptions:
    iterations: int | None = None  # None: one per data row, or 1 without data
    data: Sequence[Mapping[str, str]] = ()
    bail: bool = False  # stop at the first request that does not pass
    delay_ms: int = 0  # between requests
    force: bool = False  # send despite lint errors
    settings: PlanSettings = field(default_factory=PlanSettings)
    share_connection: bool = True  # one transport session for the run

    def iteration_count(self) -> int:
        if self.iterations is not None:
            return self.iterations
        return len(self.data) if self.data else 1


class CollectionRun:
    """One run; ``run`` in a worker thread, ``cancel`` from any other."""

    def __init__(self, source: RunSource, scopes: Scopes, options: RunOptions | None = None, *,
                 accounts: Accounts | None = None, on_event: OnEvent | None = None,
                 on_sent: Callable[[SendResult], None] | None = None) -> None:
        self.source = source
        self.scopes = scopes
        self.options = options or RunOptions()
        self.accounts = accounts
        self._on_event = on_event
        self._on_sent = on_sent
        self._cancelled = threading.Event()
        self._context: StepContext | None = None

    def cancel(self) -> None:
        """Thread-safe: the send in flight stops, and no further request starts."""
        self._cancelled.set()
        context = self._context
        pending = context.current if context is not None else None
        if pending is not None:
            pending.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _emit(self, event: RunEvent) -> None:
        if self._on_event is not None:
            self._on_event(event)

    def run(self) -> RunResult:
        options = self.options
        iterations = options.iteration_count()
        planned = iterations * len(self.source.items)
        started = time.perf_counter()
        self._emit(RunStarted(self.source.title, planned, iterations))
        session = None
        if options.share_connection:
            from ctct_desktop.transport.session import TransportSession  # httpx: only when a run runs

            session = TransportSession()
        context = StepContext(self.scopes, self.accounts, options.settings, options.force, session,
                              self._cancelled, self._on_sent)
        self._context = context
        runs: list[RequestRun] = []
        bailed = False
        try:
            bailed = self._iterate(context, iterations, runs)
        except KeyboardInterrupt:  # Ctrl+C in a terminal: the run so far is still reported
            self._cancelled.set()
        finally:
            self._context = None
            if session is not None:
                session.close()
        secrets = SecretSet()
        for one in runs:
            secrets = secrets | one.secrets
        result = RunResult(self.source.title, tuple(runs), iterations, time.perf_counter() - started,
                           self.cancelled, bailed, planned, secrets)
        self._emit(RunFinished(result))
        return result

    def _iterate(self, context: StepContext, iterations: int, runs: list[RequestRun]) -> bool:
        """Every request of every iteration; True when --bail stopped the run."""
        rows = list(self.options.data)
        index = 0
        for iteration in range(1, iterations + 1):
            row = rows[(iteration - 1) % len(rows)] if rows else None
            captured: dict[str, str] = {}
            for item in self.source.items:
                if self.cancelled or (index and not self._delay()):
                    return False
                self._emit(RequestStarted(item, iteration, index))
                context.on_attempt = lambda attempt, i=item, n=iteration, at=index: self._emit(
                    RequestStarted(i, n, at, attempt))
                one = run_step(context, item, iteration, captured, row)
                runs.append(one)
                self._emit(RequestFinished(one, index))
                index += 1
                if one.outcome is Outcome.CANCELLED:
                    return False
                if self.options.bail and one.outcome is not Outcome.PASSED:
                    return True
        return False

    def _delay(self) -> bool:
        """Wait the delay between requests; False when cancelled meanwhile."""
        if self.options.delay_ms <= 0:
            return True
        return not self._cancelled.wait(self.options.delay_ms / 1000.0)
