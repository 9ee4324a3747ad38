"""Collect phase timings from httpcore's trace hooks (connect, TLS, first byte, download)."""

from __future__ import annotations

import time
from typing import Any

from ctct_desktop.core.models import Timings


class TraceClock:
    """Records when each traced event happened; ``timings()`` turns that into phase durations.

    The instance is the async client's trace hook; a blocking client calls ``mark`` (httpcore
    wants a coroutine function from one and a plain function from the other)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.marks: dict[str, float] = {}

    def mark(self, event: str, _info: dict[str, Any] | None = None) -> None:
        self.marks.setdefault(event, time.perf_counter())

    async def __call__(self, event: str, info: dict[str, Any]) -> None:
        self.mark(event, info)

    def _span(self, begin: str, end: str) -> float | None:
        if begin in self.marks and end in self.marks:
            return (self.marks[end] - self.marks[begin]) * 1000.0
        return None

    def timings(self, finished: float) -> Timings:
        ttfb = None
        for proto in ("http11", "http2"):
            ttfb = ttfb or self._span(f"{proto}.send_request_headers.started",
                                      f"{proto}.receive_response_headers.complete")
        headers_done = next((self.marks[k] for k in ("http11.receive_response_headers.complete",
                                                     "http2.receive_response_headers.complete")
                             if k in self.marks), None)
        download = (finished - headers_done) * 1000.0 if headers_done is not None else None
        return Timings(
            connect_ms=self._span("connection.connect_tcp.started", "connection.connect_tcp.complete"),
            tls_ms=self._span("connection.start_tls.started", "connection.start_tls.complete"),
            ttfb_ms=ttfb,
            download_ms=download,
            total_ms=(finished - self.start) * 1000.0,
        )
