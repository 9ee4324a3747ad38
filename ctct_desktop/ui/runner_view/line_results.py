"""Feeds the Tests tab the results to show beside its lines: each run's, and each plain send's.

After a run, every request it ran gets its assertions' and captures' results (the last
iteration's). After a Ctrl+Enter, the shown request's own lines are evaluated on that response
in a worker (XPath and JSONPath must not run on the UI thread), as Postman runs its tests on
every send. Everything shown is redacted with the exchange's secrets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.core.checks import Assertion, RequestChecks
from ctct_desktop.core.models import ResponseRecord
from ctct_desktop.core.variables import resolve_text
from ctct_desktop.send import SendResult
from ctct_desktop.ui.request_editor.check_results import LineResults, assertion_results, capture_results
from ctct_desktop.ui.request_editor.tests_tab import TestsTab
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.runner import RunResult  # deferred: the runner brings httpx and lxml


def _resolved(assertion: Assertion, values: Mapping[str, str]) -> Assertion:
    if "{{" not in assertion.argument and not any("{{" in o for o in assertion.operand):
        return assertion
    mappings = [values]
    return replace(assertion, argument=resolve_text(assertion.argument, mappings)[0],
                   operand=tuple(resolve_text(o, mappings)[0] for o in assertion.operand))


def evaluate_send(checks: RequestChecks, response: ResponseRecord, values: Mapping[str, str],
                  secrets: tuple[str, ...]) -> LineResults:
    """The request's assertions and captures on one response (in a worker: XPath, JSONPath)."""
    from ctct_desktop.core.checks.evaluate import evaluate_assertion, evaluate_capture

    checked = [evaluate_assertion(_resolved(a, values), response) for a in checks.assertions]
    if checks.repeat is not None:
        until = evaluate_assertion(_resolved(checks.repeat.until, values), response)
        checked.append(replace(until, assertion=replace(until.assertion, text=f"until {until.assertion.text}")))
    captured = [evaluate_capture(c, response) for c in checks.captures]
    return LineResults(assertion_results(checked, secrets), capture_results(captured, secrets), "last send")


class LineResultsFeed(QtCore.QObject):
    def __init__(self, tests: TestsTab, variables: Callable[[], dict[str, str]],
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.tests, self._variables = tests, variables
        self.pending = 0

    def on_run(self, result: RunResult) -> None:
        by_path: dict[Path, LineResults] = {}
        for run in result.runs:  # the last iteration of each request wins
            if run.assertions or run.captures:
                by_path[run.item.path] = LineResults(assertion_results(run.assertions, result.secrets),
                                                     capture_results(run.captures, result.secrets),
                                                     f"last run of {result.title}")
        for path, results in by_path.items():
            self.tests.set_results(path, results)

    def on_send(self, result: SendResult) -> None:
        checks, key, response = self.tests.checks(), self.tests.key, result.response
        if response is None or checks.empty:
            return
        values, secrets = self._variables(), tuple(result.secrets)
        self.pending += 1

        def done(results: LineResults) -> None:
            self.pending -= 1
            self.tests.set_results(key, results)

        def failed(_message: str) -> None:
            self.pending -= 1

        start_task(lambda _p: evaluate_send(checks, response, values, secrets), done, failed, owner=self)
