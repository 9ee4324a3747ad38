"""Progress of a run, reported as it goes to one callback (the text reporter, the window's view).

The callback runs in the run's own thread; a window turns each event into a signal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ctct_desktop.runner.results import RequestRun, RunResult
from ctct_desktop.runner.source import RunItem


@dataclass(frozen=True)
class RunStarted:
    title: str
    total: int  # requests x iterations
    iterations: int = 1


@dataclass(frozen=True)
class RequestStarted:
    item: RunItem
    iteration: int
    index: int  # 0-based position in the whole run
    attempt: int = 1  # a polled request is sent again: 2, 3…


@dataclass(frozen=True)
class RequestFinished:
    run: RequestRun
    index: int


@dataclass(frozen=True)
class RunFinished:
    result: RunResult


RunEvent = RunStarted | RequestStarted | RequestFinished | RunFinished
OnEvent = Callable[[RunEvent], None]
