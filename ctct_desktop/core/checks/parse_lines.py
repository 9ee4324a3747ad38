"""All the check lines of one request parsed at once; each bad line is reported, the rest kept."""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.core.checks.grammar import parse_assertion, parse_capture, parse_repeat
from ctct_desktop.core.checks.model import Assertion, Capture, CheckLines, Repeat, RequestChecks
from ctct_desktop.core.checks.tokens import CheckSyntaxError


@dataclass(frozen=True)
class LineProblem:
    """``kind`` is "assertion", "capture" or "repeat"; ``text`` the line as written."""

    kind: str
    text: str
    message: str
    column: int


def parse_checks(lines: CheckLines) -> tuple[RequestChecks, tuple[LineProblem, ...]]:
    problems: list[LineProblem] = []
    assertions: list[Assertion] = []
    captures: list[Capture] = []
    repeat: Repeat | None = None
    for text in lines.assertions:
        try:
            assertions.append(parse_assertion(text))
        except CheckSyntaxError as exc:
            problems.append(LineProblem("assertion", text, exc.message, exc.column))
    for text in lines.captures:
        try:
            captures.append(parse_capture(text))
        except CheckSyntaxError as exc:
            problems.append(LineProblem("capture", text, exc.message, exc.column))
    if lines.repeat.strip():
        try:
            repeat = parse_repeat(lines.repeat)
        except CheckSyntaxError as exc:
            problems.append(LineProblem("repeat", lines.repeat, exc.message, exc.column))
    return RequestChecks(tuple(assertions), tuple(captures), repeat), tuple(problems)
