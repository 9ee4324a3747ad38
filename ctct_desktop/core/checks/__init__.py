"""Assertions, captures and polling of a request file: their one-line forms, parsed and evaluated.

The grammar and the models load without the query engines; ``evaluate`` brings lxml and
jsonpath (``core/query``) and is imported by the runner when it evaluates.
"""

from ctct_desktop.core.checks.grammar import parse_assertion, parse_capture, parse_repeat
from ctct_desktop.core.checks.model import Assertion, Capture, CheckLines, Op, Repeat, RequestChecks, Subject
from ctct_desktop.core.checks.parse_lines import LineProblem, parse_checks
from ctct_desktop.core.checks.tokens import CheckSyntaxError

__all__ = ["Assertion", "Capture", "CheckLines", "CheckSyntaxError", "LineProblem", "Op", "Repeat", "RequestChecks", "Subject",
           "parse_assertion", "parse_capture", "parse_checks", "parse_repeat"]
