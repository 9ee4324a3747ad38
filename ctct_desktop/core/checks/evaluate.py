"""Evaluating assertions and captures against one response; every result says expected vs actual.

Pure functions of the response: the runner calls them in its own thread, the window will show
the same results beside each line of its Tests tab. XPath and JSONPath go through
``core/query`` (Atom and CTCT namespaces predeclared as ``atom:`` and ``ctct:``); an XPath
compares and captures the string value of its first match (an element's text, not its markup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctct_desktop.core.checks.model import Assertion, Capture, Op, Subject
from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import BodyUnavailable, ResponseRecord
from ctct_desktop.core.query import QueryError, evaluate_jsonpath, evaluate_xpath

SHOWN_CHARS = 200  # an actual value longer than this is cut in results (a whole body, an element)


@dataclass(frozen=True)
class AssertionResult:
    assertion: Assertion
    passed: bool
    expected: str
    actual: str

    @property
    def line(self) -> str:
        mark = "✓" if self.passed else "✗"
        detail = "" if self.passed else f" (expected {self.expected}, got {self.actual})"
        return f"{mark} {self.assertion.text}{detail}"


@dataclass(frozen=True)
class CaptureResult:
    capture: Capture
    value: str | None  # None when the source was absent or the pattern did not match
    problem: str = ""


class _Lookup(Exception):
    """The subject could not be read (not XML, a bad expression); the message is the actual value."""


def _shown(value: str) -> str:
    flat = value.replace("\r", "\\r").replace("\n", "\\n")
    return flat if len(flat) <= SHOWN_CHARS else flat[:SHOWN_CHARS] + f"… ({len(value):,} characters)"


def _body_bytes(response: ResponseRecord) -> bytes:
    try:
        return response.read_body()
    except BodyUnavailable:
        return response.body


def _xpath_text(body: bytes, expression: str) -> tuple[str, ...]:
    """The string value of the first match (an element's text, not its markup), () when none.

    ``string((EXPR))`` is XPath's own rule for that; only an empty answer needs the expression
    itself, to tell an empty element from no match."""
    try:
        text = evaluate_xpath(body, f"string(({expression}))").values
    except QueryError:
        text = ()
    if text and text[0]:
        return text[:1]
    found = evaluate_xpath(body, expression).values  # the real error message, or no match
    return ("",) if found else ()


def _values(subject: Subject, argument: str, response: ResponseRecord, *, text: bool = True) -> tuple[str, ...]:
    if subject is Subject.STATUS:
        return (str(response.status),)
    if subject is Subject.TIME:
        return (f"{response.elapsed_ms:.0f}",)
    if subject is Subject.HEADER:
        wanted = argument.strip().lower()
        return tuple(v for k, v in response.headers if k.lower() == wanted)
    body = _body_bytes(response)
    if subject is Subject.BODY:
        return (decode_text(body, response.content_type),)
    try:
        if subject is Subject.XPATH:
            return _xpath_text(body, argument) if text else evaluate_xpath(body, argument).values
        return evaluate_jsonpath(body, argument).values
    except QueryError as exc:
        raise _Lookup(exc.message) from None


def _number(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return None


def _holds(op: Op, actual: str, operand: tuple[str, ...], subject: Subject) -> bool:
    if op is Op.EQ:
        return actual == operand[0]
    if op is Op.NE:
        return actual != operand[0]
    if op is Op.IN:
        return actual in operand
    if op is Op.IS:
        return actual[:1] == operand[0][:1]
    if op is Op.MATCHES:
        return re.search(operand[0], actual) is not None
    if op is Op.CONTAINS:
        return operand[0] in actual
    left, right = _number(actual), _number(operand[0])
    if left is None or right is None:
        return False
    return {Op.LT: left < right, Op.LE: left <= right, Op.GT: left > right, Op.GE: left >= right}[op]


def evaluate_assertion(assertion: Assertion, response: ResponseRecord) -> AssertionResult:
    """Whether the assertion holds for the response; never raises."""
    expected = assertion.expected
    try:
        values = _values(assertion.subject, assertion.argument, response, text=assertion.op is not Op.EXISTS)
    except _Lookup as exc:
        return AssertionResult(assertion, False, expected, str(exc))
    if assertion.op is Op.EXISTS:
        passed = bool(values) != assertion.negated
        return AssertionResult(assertion, passed, expected, _shown(values[0]) if values else "absent")
    if not values:
        return AssertionResult(assertion, False, expected, "absent")
    actual = values[0]
    passed = _holds(assertion.op, actual, assertion.operand, assertion.subject) != assertion.negated
    shown = f"{actual} ms" if assertion.subject is Subject.TIME else _shown(actual)
    return AssertionResult(assertion, passed, expected, shown)


def _source_words(capture: Capture) -> str:
    if capture.subject is Subject.HEADER:
        return f"the header {capture.argument}"
    if capture.subject in (Subject.XPATH, Subject.JSONPATH):
        return f"{capture.subject.value} \"{capture.argument}\""
    return f"the {capture.subject.value}"


def evaluate_capture(capture: Capture, response: ResponseRecord) -> CaptureResult:
    """The captured value, or None with the reason (absent, no match); never raises."""
    try:
        values = _values(capture.subject, capture.argument, response)
    except _Lookup as exc:
        return CaptureResult(capture, None, str(exc))
    if not values:
        return CaptureResult(capture, None, f"{_source_words(capture)} found nothing")
    value = values[0]
    if capture.regex is None:
        return CaptureResult(capture, value)
    match = re.search(capture.regex, value)
    if match is None:
        return CaptureResult(capture, None, f"regex \"{capture.regex}\" did not match {_source_words(capture)} "
                                            f"({_shown(value)})")
    return CaptureResult(capture, match.group(1) if match.re.groups else match.group(0))
