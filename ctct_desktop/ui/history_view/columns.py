"""How one history entry reads in the table: status, local time, duration, size (plain functions)."""

from __future__ import annotations

from datetime import UTC, datetime

from ctct_desktop.store.history import HistoryEntry

HEADERS = ("Method", "URL", "Status", "Sent", "Duration", "Size")
METHOD, URL, STATUS, SENT, DURATION, SIZE = range(len(HEADERS))

_FAILURE_WORDS = {
    "invalid-url": "invalid URL", "dns": "host not found", "refused": "refused", "tls": "TLS error",
    "timeout": "timed out", "reset": "connection reset", "proxy": "proxy error",
    "redirect-loop": "redirect loop", "protocol": "protocol error", "cancelled": "cancelled", "other": "failed",
}


def status_text(entry: HistoryEntry) -> str:
    if entry.status is not None:
        return str(entry.status)
    return _FAILURE_WORDS.get(entry.failure_kind or "", "no response")


def status_class(entry: HistoryEntry) -> int:
    """The status class the Status column is coloured by (2 for 2xx…); a failure counts as 5."""
    if entry.status is None:
        return 5
    return entry.status // 100


def local_time(sent_at: str) -> str:
    """``2026-11-29T07:40:12.345Z`` as local ``2026-11-29 08:40:12``; unparsable text as-is."""
    try:
        moment = datetime.fromisoformat(sent_at)  # Python 3.11+ reads the trailing Z
    except (ValueError, TypeError):
        return str(sent_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def duration_text(elapsed_ms: float | None) -> str:
    if elapsed_ms is None:
        return ""
    if elapsed_ms < 1000:
        return f"{elapsed_ms:.0f} ms"
    return f"{elapsed_ms / 1000:.2f} s"


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KiB", "MiB"):
        value /= 1024
        if value < 1024:
            return f"{value:.1f} {unit}"
    return f"{value / 1024:.1f} GiB"


def cell_text(entry: HistoryEntry, column: int) -> str:
    texts = (entry.method, entry.url, status_text(entry), local_time(entry.sent_at),
             duration_text(entry.elapsed_ms), size_text(entry.response_size))
    return texts[column] if 0 <= column < len(texts) else ""
