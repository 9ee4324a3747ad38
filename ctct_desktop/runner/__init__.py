"""The collection runner, Qt-free: ordered runs with assertions, captures, polling and data rows.

It sends only through the request pipeline (``ctct_desktop.send``: plan, then run) and reports
progress through a callback, so ``ctct-desktop run`` and the window's runner view share it.
"""

from ctct_desktop.runner.data import read_rows
from ctct_desktop.runner.engine import CollectionRun, RunOptions
from ctct_desktop.runner.events import OnEvent, RequestFinished, RequestStarted, RunEvent, RunFinished, RunStarted
from ctct_desktop.runner.results import Outcome, RequestRun, RunResult
from ctct_desktop.runner.source import RunInputError, RunItem, RunSource, load_source

__all__ = ["CollectionRun", "OnEvent", "Outcome", "RequestFinished", "RequestRun", "RequestStarted", "RunEvent",
           "RunFinished", "RunInputError", "RunItem", "RunOptions", "RunResult", "RunSource", "RunStarted",
           "load_source", "read_rows"]
