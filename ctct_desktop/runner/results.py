"""What a run found: one ``RequestRun`` per request and iteration, and the run as a whole.

Plain frozen data: the headless reporters print it, the window's runner view will show it, and
every text in it is redacted by the consumer with ``RunResult.secrets`` (the union of the plans').
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ctct_desktop.core.checks.evaluate import AssertionResult, CaptureResult
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.runner.source import RunItem
from ctct_desktop.send import SendResult


class Outcome(str, Enum):
    PASSED = "passed"  # a response came, and every assertion and capture held
    FAILED = "failed"  # an assertion or capture did not hold, or no response came
    ERROR = "error"  # not sent: lint errors (without force), unresolved variables, a bad check line
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class RequestRun:
    item: RunItem
    iteration: int  # 1-based
    outcome: Outcome
    result: SendResult | None  # the last exchange (a polled request's final attempt)
    assertions: tuple[AssertionResult, ...] = ()
    captures: tuple[CaptureResult, ...] = ()
    attempts: int = 1
    message: str = ""  # why it did not pass, in words

    @property
    def status(self) -> int | None:
        response = self.result.response if self.result is not None else None
        return response.status if response is not None else None

    @property
    def elapsed_ms(self) -> float | None:
        response = self.result.response if self.result is not None else None
        return response.elapsed_ms if response is not None else None

    @property
    def secrets(self) -> SecretSet:
        return self.result.secrets if self.result is not None else SecretSet()


@dataclass(frozen=True)
class RunResult:
    title: str
    runs: tuple[RequestRun, ...]
    iterations: int
    duration_s: float
    cancelled: bool = False
    bailed: bool = False  # stopped at the first failure (--bail)
    planned: int = 0  # requests x iterations the run meant to do
    secrets: SecretSet = field(default_factory=SecretSet)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.runs if r.outcome is outcome)

    @property
    def passed(self) -> bool:
        """True when every request ran and passed (the exit status 0 of ``ctct-desktop run``)."""
        return not self.cancelled and len(self.runs) == self.planned and \
            all(r.outcome is Outcome.PASSED for r in self.runs)

    def captured(self, iteration: int | None = None) -> dict[str, str]:
        """The values captured (the last iteration's unless one is named), for a front end that
        offers to keep them in the environment."""
        wanted = iteration if iteration is not None else (self.runs[-1].iteration if self.runs else 0)
        return {c.capture.name: c.value for r in self.runs if r.iteration == wanted
                for c in r.captures if c.value is not None}

    @property
    def assertion_counts(self) -> tuple[int, int]:
        """(held, failed) over every assertion evaluated."""
        held = sum(1 for r in self.runs for a in r.assertions if a.passed)
        total = sum(len(r.assertions) for r in self.runs)
        return held, total - held
