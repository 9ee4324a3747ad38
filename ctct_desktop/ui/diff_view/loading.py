"""The work behind the window, off the UI thread: read both sides, compare them.

``Comparison.of_exchanges`` is the one way to compare two exchanges for the window, whatever they
come from (two history entries, two of a ticket's recorded exchanges): each caller only reads its
exchanges and names the sides."""

from __future__ import annotations

from dataclasses import dataclass, field

from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import Exchange
from ctct_desktop.diffing import Difference, ranked, request_differences, response_differences
from ctct_desktop.store.history import History, HistoryError
from ctct_desktop.store.history_models import HistoryRecord

MAX_PANE_CHARS = 200_000  # a pane is a QPlainTextEdit: large bodies stay out of it (design: Threads)


@dataclass(frozen=True)
class Comparison:
    request: list[Difference] = field(default_factory=list)
    response: list[Difference] = field(default_factory=list)
    error: str = ""
    # The two sides' bodies for the panes under the list: request (a, b), response (a, b), cut to MAX_PANE_CHARS.
    request_bodies: tuple[str, str] = ("", "")
    response_bodies: tuple[str, str] = ("", "")
    titles: tuple[str, str] = ("", "")  # what A and B are, as the window names them

    @classmethod
    def of_exchanges(cls, a: Exchange, b: Exchange, title_a: str = "A", title_b: str = "B") -> Comparison:
        """Rank the request and response differences of ``a`` and ``b`` and keep their bodies for the panes."""
        return cls(ranked(request_differences(a.request, b.request)), ranked(response_differences(a, b)), "",
                   (pane_text(a.request.body), pane_text(b.request.body)),
                   (pane_text(response_text(a)), pane_text(response_text(b))), (title_a, title_b))

    @classmethod
    def failed(cls, message: str) -> Comparison:
        return cls(error=message)


def pane_text(text: str) -> str:
    """``text`` cut to what a body pane holds, saying how much was left out."""
    if len(text) <= MAX_PANE_CHARS:
        return text
    return text[:MAX_PANE_CHARS] + f"\n[... {len(text) - MAX_PANE_CHARS:,} more characters not shown]"


def response_text(exchange: Exchange) -> str:
    """The status line and decoded body (or the failure) of the response side of ``exchange``."""
    r = exchange.response
    if r is None:
        return exchange.failure.message if exchange.failure is not None else ""
    head = f"{r.status} {r.reason}\n\n"
    return head + decode_text(r.body, r.content_type)


def record_title(record: HistoryRecord) -> str:
    """A history entry as a side's title: its id, method, URL and status."""
    entry = record.entry
    status = str(record.response.status) if record.response is not None else "no response"
    return f"#{entry.id} {entry.method} {entry.url} → {status}"


def compare_entries(history: History, first_id: int, second_id: int) -> Comparison:
    try:
        first, second = history.get(first_id), history.get(second_id)
    except HistoryError as exc:
        return Comparison.failed(str(exc))
    return Comparison.of_exchanges(first.exchange(), second.exchange(), record_title(first), record_title(second))
