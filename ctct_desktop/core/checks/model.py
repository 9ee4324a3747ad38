"""What a request file says to check and to keep after a response: assertions, captures, polling.

Each item keeps the one-line text it was written as (``status in [200, 201]``), so the file is
written back byte for byte and the window's Tests tab edits text, not a form; the parsed fields
beside it are what the runner evaluates.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Subject(str, Enum):
    """What part of the response an assertion or a capture reads."""

    STATUS = "status"
    TIME = "time"
    HEADER = "header"
    BODY = "body"
    XPATH = "xpath"
    JSONPATH = "jsonpath"


class Op(str, Enum):
    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    IS = "is"  # status class: ``status is 2xx``
    MATCHES = "matches"
    CONTAINS = "contains"
    EXISTS = "exists"


@dataclass(frozen=True)
class Assertion:
    """One check, e.g. ``header Content-Type matches "atom"``; ``operand`` holds the value(s)."""

    text: str
    subject: Subject
    op: Op
    argument: str = ""  # the header name, or the XPath / JSONPath expression
    operand: tuple[str, ...] = ()
    negated: bool = False  # ``not contains``, ``not exists``, ``not matches``

    @property
    def expected(self) -> str:
        """The expectation in words, shown beside the actual value."""
        word = f"not {self.op.value}" if self.negated else self.op.value
        if self.op is Op.EXISTS:
            return word
        if self.op is Op.IN:
            return f"{word} [{', '.join(self.operand)}]"
        if self.subject is Subject.TIME:
            return f"{word} {self.operand[0]} ms"
        return f"{word} {self.operand[0]}"


@dataclass(frozen=True)
class Capture:
    """``name = source [regex "pattern"]``: a value kept in the run's scope for later requests."""

    text: str
    name: str
    subject: Subject
    argument: str = ""
    regex: str | None = None  # group 1 when the pattern has a group, else the whole match


@dataclass(frozen=True)
class Repeat:
    """``until ASSERTION at most N times every T s``: send again until the assertion holds."""

    text: str
    until: Assertion
    times: int
    every_s: float


@dataclass(frozen=True)
class RequestChecks:
    """Everything a request file holds besides the request itself, for a run."""

    assertions: tuple[Assertion, ...] = ()
    captures: tuple[Capture, ...] = ()
    repeat: Repeat | None = None

    @property
    def empty(self) -> bool:
        return not self.assertions and not self.captures and self.repeat is None


@dataclass(frozen=True)
class CheckLines:
    """The lines as the file holds them, bad ones included: saving never loses a line the user wrote."""

    assertions: tuple[str, ...] = ()
    captures: tuple[str, ...] = ()
    repeat: str = ""

    @property
    def empty(self) -> bool:
        return not self.assertions and not self.captures and not self.repeat
