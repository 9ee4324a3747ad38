"""The work behind the window, off the UI thread: read both entries, compare them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import Exchange
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
    # The two sides' bodies for the panes under the list: request (a, b), response (a, b), cut to MAX_PANE_CHARS.
    request_bodies: tuple[str, str] = ("", "")
    response_bodies: tuple[str, str] = ("", "")


MAX_PANE_CHARS = 200_000  # a pane is a QPlainTextEdit: large bodies stay out of it (design: Threads)


def _cut(text: str) -> str:
    if len(text) <= MAX_PANE_CHARS:
        return text
    return text[:MAX_PANE_CHARS] + f"\n[... {len(text) - MAX_PANE_CHARS:,} more characters not shown]"


def _response_text(exchange: Exchange) -> str:
    r = exchange.response
    if r is None:
        return exchange.failure.message if exchange.failure is not None else ""
    head = f"{r.status} {r.reason}\n\n"
    return head + decode_text(r.body, r.content_type)


def compare_entries(history: History, first_id: int, second_id: int) -> Comparison:
    try:
        first, second = history.get(first_id), history.get(second_id)
    except HistoryError as exc:
        return Comparison(error=str(exc))
    a, b = first.exchange(), second.exchange()
    return Comparison(first, second, ranked(request_differences(a.request, b.request)),
                      ranked(response_differences(a, b)), "",
                      (_cut(a.request.body), _cut(b.request.body)), (_cut(_response_text(a)), _cut(_response_text(b))))
