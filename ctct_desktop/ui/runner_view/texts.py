"""What the runner view says about a row and about the run, as plain text, redacted.

Pure functions (no widgets), so the cells, the details pane and the summary say the same thing
and every one of them passes through ``redact_text`` with the run's ``SecretSet``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ctct_desktop.core.redaction import redact_text
from ctct_desktop.runner import Outcome, RequestRun, RunResult

OUTCOME_WORDS = {Outcome.PASSED: "passed", Outcome.FAILED: "failed", Outcome.ERROR: "not sent",
                 Outcome.CANCELLED: "cancelled"}


def status_text(run: RequestRun) -> str:
    if run.status is not None:
        return str(run.status)
    exchange = run.result.exchange if run.result is not None else None
    if exchange is not None and exchange.failure is not None:
        return exchange.failure.kind.value
    return "—"


def time_text(run: RequestRun) -> str:
    elapsed = run.elapsed_ms
    return f"{elapsed:,.0f} ms" if elapsed is not None else "—"


def assertions_text(run: RequestRun) -> str:
    total = len(run.assertions)
    held = sum(1 for a in run.assertions if a.passed)
    return f"{held}/{total}" if total else "—"


def row_name(run: RequestRun, iterations: int) -> str:
    name = run.item.name
    name = f"{name} (iteration {run.iteration})" if iterations > 1 else name
    return f"{name} — {run.attempts} attempts" if run.attempts > 1 else name


def details_lines(run: RequestRun, secrets: Iterable[str]) -> list[str]:
    """The row's assertions (expected vs actual), captures and why it did not pass."""
    method = run.item.saved.request.method
    lines = [f"{method} {run.item.name} — {OUTCOME_WORDS[run.outcome]}, status {status_text(run)}, "
             f"{time_text(run)}"]
    if run.message:
        lines.append(run.message)
    if run.result is not None and run.result.exchange.sent_url:
        lines.append(f"Sent to {run.result.exchange.sent_url}")
    if run.assertions:
        lines += ["", "Assertions:"]
        lines += [f"  {a.line}" for a in run.assertions]
    if run.captures:
        lines += ["", "Captured:"]
        for c in run.captures:
            value = f"= {c.value}" if c.value is not None else f"✗ not captured: {c.problem}"
            lines.append(f"  {c.capture.name} {value}")
    if not run.assertions and not run.captures:
        lines += ["", "No assertions or captures (the request's Tests tab adds them)."]
    return [redact_text(line, secrets) for line in lines]


def summary_text(result: RunResult) -> str:
    """``12 passed, 1 failed, 0 not sent of 13 — assertions 30/31 held — 2.4 s`` (and why it stopped)."""
    counts = ", ".join(f"{result.count(o)} {OUTCOME_WORDS[o]}" for o in (Outcome.PASSED, Outcome.FAILED,
                                                                          Outcome.ERROR))
    held, failed = result.assertion_counts
    text = f"{result.title}: {counts} of {result.planned} — assertions {held}/{held + failed} held — " \
           f"{result.duration_s:.1f} s"
    if result.cancelled:
        text += " — cancelled"
    elif result.bailed:
        text += " — stopped at the first failure"
    return redact_text(text, result.secrets)


SHOWN_ITERATIONS = 50  # past this the line would only be scrolled past; the table has every row


def iterations_text(result: RunResult) -> str:
    """``Iteration 1: 2 passed · Iteration 2: 1 passed, 1 failed`` for a run of several iterations."""
    if result.iterations <= 1:
        return ""
    parts = []
    for iteration in sorted({r.iteration for r in result.runs})[:SHOWN_ITERATIONS]:
        runs = [r for r in result.runs if r.iteration == iteration]
        counts = ", ".join(f"{n} {OUTCOME_WORDS[o]}" for o in (Outcome.PASSED, Outcome.FAILED, Outcome.ERROR,
                                                              Outcome.CANCELLED)
                           if (n := sum(1 for r in runs if r.outcome is o)))
        parts.append(f"Iteration {iteration}: {counts}")
    more = len({r.iteration for r in result.runs}) - SHOWN_ITERATIONS
    text = " · ".join(parts) + (f" · … {more} more" if more > 0 else "")
    return redact_text(text, result.secrets)
