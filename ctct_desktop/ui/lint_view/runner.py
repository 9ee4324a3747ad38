"""Debounced linting off the UI thread.

Each edit restarts a timer; when it fires, the current request is linted in the thread pool.
Results carry a generation number so a slow, stale lint never overwrites a newer one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6 import QtCore

from ctct_desktop.core.models import RequestModel
from ctct_desktop.lint import Diagnostic


@dataclass(frozen=True)
class LintResult:
    generation: int
    request: RequestModel
    diagnostics: tuple[Diagnostic, ...]
    error: str | None = None  # the linter itself failed (a bug); shown, never raised


class _Signals(QtCore.QObject):
    done = QtCore.Signal(LintResult)


class _LintTask(QtCore.QRunnable):
    """Lints one snapshot in the pool and hands the result to ``report`` (a signal's emit)."""

    def __init__(self, generation: int, request: RequestModel, variables: Mapping[str, str] | None,
                 report: Callable[[LintResult], object]) -> None:
        super().__init__()
        self.generation, self.request, self.variables, self.report = generation, request, variables, report

    def run(self) -> None:
        from ctct_desktop.lint import lint_request  # deferred: start-up (measured)

        try:
            found = tuple(lint_request(self.request, self.variables))
            result = LintResult(self.generation, self.request, found)
        except Exception as exc:  # a linter bug must not take the editor down
            result = LintResult(self.generation, self.request, (), f"The linter failed: {exc}")
        self.report(result)


class LintRunner(QtCore.QObject):
    """Call ``schedule()`` on every edit; ``finished`` delivers the newest result."""

    finished = QtCore.Signal(LintResult)

    def __init__(self, snapshot: Callable[[], tuple[RequestModel, Mapping[str, str] | None]],
                 debounce_ms: int = 400, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._generation = 0
        self._pool = QtCore.QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._deliver)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self.lint_now)
        self.latest: LintResult | None = None

    def set_debounce(self, milliseconds: int) -> None:
        self._timer.setInterval(max(0, milliseconds))

    def schedule(self) -> None:
        self._timer.start()

    def lint_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        request, variables = self._snapshot()
        self._pool.start(_LintTask(self._generation, request, variables, self._signals.done.emit))

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    def _deliver(self, result: LintResult) -> None:
        if result.generation != self._generation:
            return  # stale: the user typed since
        self.latest = result
        self.finished.emit(result)
