"""What the Tests tab shows beside each line: a parse error, or the result of the last run or send.

Plain functions, no widgets. A result belongs to a line when the line's text is the one the
result was evaluated from (an edited line shows nothing until it runs again); every actual value
passes through ``redact_text`` with the exchange's secrets before it is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ctct_desktop.core.checks import CheckSyntaxError, parse_assertion, parse_capture, parse_repeat
from ctct_desktop.core.redaction import redact_text


@dataclass(frozen=True)
class LineResults:
    """Results by the line text they came from: "✓ held", "✗ expected 201, got 409", "= 1234"."""

    assertions: Mapping[str, str] = field(default_factory=dict)
    captures: Mapping[str, str] = field(default_factory=dict)
    where: str = ""  # "last run" or "last send", said above the results


def assertion_results(results: Iterable[object], secrets: Iterable[str]) -> dict[str, str]:
    """From ``AssertionResult``s (runner or a send); a polled request's "until …" keeps that prefix."""
    from ctct_desktop.core.checks.evaluate import AssertionResult

    shown: dict[str, str] = {}
    for one in results:
        if isinstance(one, AssertionResult):
            text = "✓ held" if one.passed else f"✗ expected {one.expected}, got {one.actual}"
            shown[one.assertion.text] = redact_text(text, secrets)
    return shown


def capture_results(results: Iterable[object], secrets: Iterable[str]) -> dict[str, str]:
    from ctct_desktop.core.checks.evaluate import CaptureResult

    shown: dict[str, str] = {}
    for one in results:
        if isinstance(one, CaptureResult):
            text = f"= {one.value}" if one.value is not None else f"✗ {one.problem}"
            shown[one.capture.text] = redact_text(text, secrets)
    return shown


def _problem(kind: str, line: str) -> str:
    parse = {"assertion": parse_assertion, "capture": parse_capture, "repeat": parse_repeat}[kind]
    try:
        parse(line)
    except CheckSyntaxError as exc:
        return f"✗ {exc.message} (column {exc.column})"
    return ""


def beside(kind: str, lines: Sequence[str], results: Mapping[str, str]) -> list[str]:
    """One text per line: the parse error, else the result for that exact line, else nothing."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            out.append("")
            continue
        problem = _problem(kind, line)
        if problem:
            out.append(problem)
        elif kind == "repeat":
            out.append(next((v for k, v in results.items() if k.startswith("until ") and line.startswith(k)), ""))
        else:
            out.append(results.get(line, ""))
    return out
