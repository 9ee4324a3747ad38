"""L029: JSON bodies (v2/v3) are well-formed, reported at the exact line and column."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc, Severity
from ctct_desktop.lint.placeholders import find_placeholders
from ctct_desktop.lint.registry import register

L029 = RuleDoc("L029", "JSON must be well-formed", Severity.ERROR,
               "v2 and v3 take JSON bodies; a syntax error is a 400 'Bad request' with no position. Trailing "
               "commas, single quotes and unquoted keys are the usual culprits.",
               '{"email_address": {"address": "jo@example.com",}}',
               '{"email_address": {"address": "jo@example.com"}}')

_MAX_RETRIES = 50


def _is_json(ctx: LintContext) -> bool:
    return ctx.body_kind == "json"


def _decode(text: str) -> json.JSONDecodeError | str | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc
    except RecursionError:
        return "The JSON is nested too deeply to check."
    except ValueError as exc:
        return str(exc)
    return None


@register(L029, _is_json)
def check_json(ctx: LintContext) -> Iterator[Diagnostic]:
    text = ctx.body
    holes = find_placeholders(text)
    for _ in range(_MAX_RETRIES):
        problem = _decode(text)
        if problem is None:
            return
        if not isinstance(problem, json.JSONDecodeError):
            yield ctx.at_range(L029, 0, 0, problem)
            return
        hole = next((h for h in holes if h.start <= problem.pos < h.end), None)
        if hole is None:
            break
        # An unquoted {{number}} placeholder: judge the JSON around it as if it were a value.
        text = text[:hole.start] + "0" + " " * (hole.end - hole.start - 1) + text[hole.end:]
    assert isinstance(problem, json.JSONDecodeError)
    offset = problem.pos
    yield ctx.at_range(L029, offset, offset + 1, f"JSON syntax error: {problem.msg}.",
                       "Check for a trailing comma, single quotes or an unquoted key near this position.")
