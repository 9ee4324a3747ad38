"""What the history hands to the UI: a light row for the list, a full record to restore."""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.core.models import Exchange, RequestModel, ResponseRecord, TransportFailure


class HistoryError(Exception):
    """The history could not do what was asked (disk full, no permission...); the text says why."""


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the history panel."""

    id: int
    sent_at: str  # UTC, ISO 8601 with a trailing Z
    method: str
    url: str
    status: int | None  # None when no response arrived
    failure_kind: str | None  # FailureKind value when no response arrived
    elapsed_ms: float | None
    response_size: int | None  # bytes as received, before any truncation


@dataclass(frozen=True)
class HistoryRecord:
    """Everything stored for one send, redacted, ready to restore in the editor."""

    entry: HistoryEntry
    request: RequestModel
    response: ResponseRecord | None
    failure: TransportFailure | None
    sent_url: str
    request_body_truncated: bool = False  # the stored body is the head of a larger one
    response_body_truncated: bool = False

    @property
    def id(self) -> int:
        return self.entry.id

    def exchange(self) -> Exchange:
        """The stored send as the Exchange the response view already knows how to show."""
        return Exchange(self.request, self.response, self.failure, self.sent_url)


ENTRY_COLUMNS = "id, sent_at, method, url, status, failure_kind, elapsed_ms, response_size"


def _number(value: object, column: str) -> int | float:
    """A numeric column's value; ValueError when a damaged row holds something else there."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"the history column {column!r} holds {type(value).__name__}, not a number")
    return value


def entry_from_row(row: tuple[object, ...]) -> HistoryEntry:
    """A HistoryEntry from a row selected with ENTRY_COLUMNS."""
    id_, sent_at, method, url, status, failure_kind, elapsed_ms, size = row
    return HistoryEntry(
        id=int(_number(id_, "id")),
        sent_at=str(sent_at),
        method=str(method),
        url=str(url),
        status=None if status is None else int(_number(status, "status")),
        failure_kind=None if failure_kind is None else str(failure_kind),
        elapsed_ms=None if elapsed_ms is None else float(_number(elapsed_ms, "elapsed_ms")),
        response_size=None if size is None else int(_number(size, "response_size")),
    )
