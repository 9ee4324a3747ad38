"""One request of a run: plan it through the pipeline, send it (again, while polling), then
capture and assert. Sends only through ``ctct_desktop.send`` (plan, then PendingSend)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from ctct_desktop import send as pipeline
from ctct_desktop.core.checks.model import Assertion
from ctct_desktop.core.models import FailureKind
from ctct_desktop.core.variables import resolve_text
from ctct_desktop.core.redaction import SECRET_PARAMS
from ctct_desktop.core.checks.evaluate import AssertionResult, CaptureResult, evaluate_assertion, evaluate_capture
from ctct_desktop.runner.results import Outcome, RequestRun
from ctct_desktop.runner.source import RunItem
from ctct_desktop.send import Accounts, PlanSettings, Scope, Scopes, SendResult
from ctct_desktop.send.planning import LintCache
from ctct_desktop.transport.session import TransportSession


@dataclass
class StepContext:
    """What every request of a run shares; ``current`` is the send a cancel must stop."""

    base: Scopes
    accounts: Accounts | None
    settings: PlanSettings
    force: bool
    session: TransportSession | None
    cancelled: threading.Event
    on_sent: Callable[[SendResult], None] | None = None  # history, for each exchange that went out
    on_attempt: Callable[[int], None] | None = None  # a polled request's next attempt (2, 3…)
    current: pipeline.PendingSend | None = None
    lint_cache: LintCache = field(default_factory=dict)  # the run's: a request lints once per variables


def secret_capture(name: str) -> bool:
    """A captured token or password is a secret: masked in every report, like the environment's."""
    lowered = name.lower()
    return lowered in SECRET_PARAMS or any(word in lowered for word in ("token", "secret", "password"))


def scopes_for(context: StepContext, captured: Mapping[str, str], row: Mapping[str, str] | None) -> Scopes:
    """The run's captures first, then the data row, then the front end's scopes (--var, environment…)."""
    secret = frozenset(name for name in captured if secret_capture(name))
    first = [Scope("run", dict(captured), secret)] if captured else []
    first += [Scope("data row", dict(row))] if row else []
    return Scopes((*first, *context.base.scopes))


def _send(context: StepContext, item: RunItem, scopes: Scopes) -> tuple[SendResult, str]:
    plan = pipeline.plan(item.saved.request, scopes, context.accounts, context.settings,
                         lint_cache=context.lint_cache)
    if not plan.sendable:
        return pipeline.not_sent(plan), plan.stop_reason
    if plan.errors and not context.force:
        codes = ", ".join(sorted({d.code for d in plan.errors}))
        return pipeline.not_sent(plan, "Not sent: the request has errors."), \
            f"Not sent: lint errors ({codes}); use force (--force) to send anyway"
    pending = pipeline.PendingSend(plan, session=context.session)
    context.current = pending
    if context.cancelled.is_set():  # a cancel that came before ``current`` was set
        pending.cancel()
    try:
        result = pending.run()
    finally:
        context.current = None
    if context.on_sent is not None:
        context.on_sent(result)
    return result, ""


def _poll(context: StepContext, item: RunItem, scopes: Scopes, first: SendResult) -> tuple[
        SendResult, int, AssertionResult | None]:
    """Send again until the repeat's assertion holds; the last result, the attempts, the last check."""
    repeat = item.saved.checks.repeat
    result, attempts = first, 1
    if repeat is None:
        return result, attempts, None
    while True:
        response = result.response
        check = evaluate_assertion(_resolved(repeat.until, scopes), response) if response is not None else None
        if response is None or (check is not None and check.passed) or attempts >= repeat.times:
            return result, attempts, check
        if context.cancelled.wait(repeat.every_s):
            return result, attempts, check
        attempts += 1
        if context.on_attempt is not None:
            context.on_attempt(attempts)
        result, problem = _send(context, item, scopes)
        if problem:
            return result, attempts, check


def _resolved(assertion: Assertion, scopes: Scopes) -> Assertion:
    """``{{variables}}`` in what an assertion compares with (a captured id, a data row's value)."""
    if "{{" not in assertion.argument and not any("{{" in o for o in assertion.operand):
        return assertion
    mappings = scopes.mappings()
    return replace(assertion, argument=resolve_text(assertion.argument, mappings)[0],
                   operand=tuple(resolve_text(o, mappings)[0] for o in assertion.operand))


def _verdict(result: SendResult, assertions: list[AssertionResult], captures: list[CaptureResult],
             cancelled: bool) -> tuple[Outcome, str]:
    failure = result.failure
    if cancelled:
        return Outcome.CANCELLED, "cancelled"
    if result.response is None:
        return Outcome.FAILED, f"no response: {failure.message if failure else 'nothing came back'}"
    failed = [a for a in assertions if not a.passed]
    missing = [c for c in captures if c.value is None]
    words = [f"{a.assertion.text}: expected {a.expected}, got {a.actual}" for a in failed]
    words += [f"capture {c.capture.name}: {c.problem}" for c in missing]
    return (Outcome.FAILED, "; ".join(words)) if words else (Outcome.PASSED, "")


def run_step(context: StepContext, item: RunItem, iteration: int, captured: dict[str, str],
             row: Mapping[str, str] | None) -> RequestRun:
    """Run one request; captured values land in ``captured`` for the requests after it."""
    if item.saved.check_problems:
        return RequestRun(item, iteration, Outcome.ERROR, None, message="; ".join(item.saved.check_problems))
    scopes = scopes_for(context, captured, row)
    result, problem = _send(context, item, scopes)
    if problem:
        return RequestRun(item, iteration, Outcome.ERROR, result, message=problem)
    result, attempts, until = _poll(context, item, scopes, result)
    response = result.response
    assertions: list[AssertionResult] = []
    captures: list[CaptureResult] = []
    if response is not None:
        if until is not None:  # shown as the line it came from: "until … "
            assertions.append(replace(until, assertion=replace(until.assertion, text=f"until {until.assertion.text}")))
        assertions += [evaluate_assertion(_resolved(a, scopes), response) for a in item.saved.checks.assertions]
        captures = [evaluate_capture(c, response) for c in item.saved.checks.captures]
        captured.update({c.capture.name: c.value for c in captures if c.value is not None})
    cancelled = (result.failure is not None and result.failure.kind is FailureKind.CANCELLED) or \
        (context.cancelled.is_set() and until is not None and not until.passed)
    outcome, message = _verdict(result, assertions, captures, cancelled)
    if until is not None and not until.passed and outcome is Outcome.FAILED:
        message = f"gave up after {attempts} attempts; {message}"
    return RequestRun(item, iteration, outcome, result, tuple(assertions), tuple(captures), attempts, message)
