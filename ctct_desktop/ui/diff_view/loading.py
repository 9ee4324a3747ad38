"""The work behind the window, off the UI thread: read both entries, compare them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ctct_desktop.diffing import Difference, ranked, request_differences, response_differences
from ctct_desktop.store.history import History, HistoryError
from ctct_desktop.store.history_models import HistoryRecord


@dataclass(frozen=True)
class Comparison:
    first: HistoryRecord | None = None
    second: HistoryRecord | None = None
    request: list[Difference] = field(default_factory=list)
    response: list[Difference] = field(default_factory=list)
    error: str = ""


def compare_entries(history: History, first_id: int, second_id: int) -> Comparison:
    try:
        first, second = history.get(first_id), history.get(second_id)
    except HistoryError as exc:
        return Comparison(error=str(exc))
    a, b = first.exchange(), second.exchange()
    return Comparison(first, second, ranked(request_differences(a.request, b.request)),
                      ranked(response_differences(a, b)))
