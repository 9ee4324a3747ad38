"""The whole run as JSON (``--reporter json``): every request, its exchange, assertions and captures.

Each text passes through the request's ``SecretSet`` as it is put in (field by field, so a
secret is masked in any encoding the set knows, not only as it looks inside a JSON string).
"""

from __future__ import annotations

from typing import Any

from ctct_desktop import __version__
from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import BodyUnavailable, ResponseRecord
from ctct_desktop.core.redaction import redact_header_value, redact_text
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.runner import Outcome, RequestRun, RunResult

RUN_REPORT_FORMAT = 1
MAX_BODY_CHARS = 1_000_000


def _body(response: ResponseRecord, secrets: SecretSet) -> str:
    try:
        raw = response.read_body()
    except BodyUnavailable:
        raw = response.body
    text = decode_text(raw, response.content_type)
    if len(text) > MAX_BODY_CHARS:
        text = text[:MAX_BODY_CHARS] + f"\n[... {len(text) - MAX_BODY_CHARS:,} more characters not included]"
    return redact_text(text, secrets)


def request_data(run: RequestRun) -> dict[str, Any]:
    secrets = run.secrets
    data: dict[str, Any] = {
        "name": run.item.name, "file": str(run.item.path), "iteration": run.iteration,
        "outcome": run.outcome.value, "attempts": run.attempts, "message": redact_text(run.message, secrets),
        "request": None, "response": None,
        "assertions": [{"text": a.assertion.text, "passed": a.passed, "expected": redact_text(a.expected, secrets),
                        "actual": redact_text(a.actual, secrets)} for a in run.assertions],
        "captures": [{"name": c.capture.name, "text": c.capture.text,
                      "value": None if c.value is None else redact_text(c.value, secrets),
                      "problem": redact_text(c.problem, secrets)} for c in run.captures],
    }
    if run.result is None:
        return data
    exchange = run.result.exchange
    data["request"] = {"method": run.result.plan.resolved.method,
                       "url": redact_text(exchange.sent_url or run.result.plan.resolved.url, secrets)}
    response = exchange.response
    if response is not None:
        data["response"] = {
            "status": response.status, "reason": response.reason, "elapsed_ms": round(response.elapsed_ms, 3),
            "headers": [[k, redact_header_value(k, v, secrets)] for k, v in response.headers],
            "body": _body(response, secrets), "body_size": response.body_size}
    elif exchange.failure is not None:
        data["failure"] = {"kind": exchange.failure.kind.value,
                           "message": redact_text(exchange.failure.message, secrets)}
    return data


def run_data(result: RunResult) -> dict[str, Any]:
    held, failed = result.assertion_counts
    return {
        "format": RUN_REPORT_FORMAT,
        "generator": f"CTCT Desktop {__version__}",
        "title": result.title,
        "passed": result.passed,
        "cancelled": result.cancelled,
        "bailed": result.bailed,
        "iterations": result.iterations,
        "duration_s": round(result.duration_s, 3),
        "summary": {"planned": result.planned, "ran": len(result.runs),
                    **{o.value: result.count(o) for o in Outcome},
                    "assertions_held": held, "assertions_failed": failed},
        "runs": [request_data(run) for run in result.runs],
    }
