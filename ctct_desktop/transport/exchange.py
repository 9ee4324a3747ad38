"""The steps of an exchange that do not depend on how it waits: build, collect the body, record, fail.

A send goes out either over an ``httpx.AsyncClient`` (a send of its own, cancelled through its
task: sender.py) or over a run's blocking ``httpx.Client`` (cancelled by waking its socket:
blocking.py). Only the few lines that await or block differ between the two; what protects the
app from the server (the decoded-size cap, the spool, the deadline's message, the plain-language
failure) is here, once, so both ways hold the same limits.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx

from ctct_desktop.core.models import Exchange, FailureKind, RequestModel, ResponseRecord, TransportFailure
from ctct_desktop.transport.body import BodyCollector, KeptBody
from ctct_desktop.transport.deadline import DeadlinePassed, ExchangeProgress, timeout_failure
from ctct_desktop.transport.failures import cancelled, classify
from ctct_desktop.transport.prepare import PreparedRequest
from ctct_desktop.transport.spool import SpoolError
from ctct_desktop.transport.timing import TraceClock

ProgressCallback = Callable[[int, int | None], None]  # (bytes received, total or None)
USER_AGENT = "CTCT-Desktop"


class SendCancelled(Exception):
    """A blocking send was stopped by a cancel (the async way raises asyncio.CancelledError)."""


def build(client: httpx.Client | httpx.AsyncClient, prepared: PreparedRequest, hook: Callable[..., Any]) -> httpx.Request:
    """The request for ``client``; ``hook`` is httpcore's trace callback (timings, and the sockets)."""
    timeout = httpx.Timeout(prepared.timeout_s)  # per phase; the whole-exchange deadline bounds the sum
    return client.build_request(prepared.method, prepared.url, headers=list(prepared.headers),
                                content=prepared.content or None, timeout=timeout, extensions={"trace": hook})


class Download:
    """A response body as its raw chunks arrive: decoded under the cap, spooled, progress reported.

    ``feed`` each chunk until it returns False (the cap: stop reading), then ``finish``; on any
    failure ``discard`` deletes what was spooled."""

    def __init__(self, response: httpx.Response, max_body_bytes: int, spool_threshold: int,
                 progress: ExchangeProgress, on_progress: ProgressCallback | None) -> None:
        progress.headers_received = True
        self._collector = BodyCollector(response.headers.get("content-encoding", ""), max_body_bytes,
                                        spool_threshold)
        total = response.headers.get("content-length", "")
        self._expected = int(total) if total.isascii() and total.isdigit() else None
        self._progress = progress
        self._on_progress = on_progress

    def feed(self, chunk: bytes) -> bool:
        self._progress.bytes_received += len(chunk)
        if self._on_progress is not None:
            self._on_progress(self._progress.bytes_received, self._expected)
        return self._collector.feed(chunk)

    def finish(self) -> KeptBody:
        return self._collector.finish()

    def discard(self) -> None:
        self._collector.discard()


def record(response: httpx.Response, kept: KeptBody, clock: TraceClock) -> ResponseRecord:
    finished = time.perf_counter()
    return ResponseRecord(
        status=response.status_code,
        reason=response.reason_phrase,
        http_version=response.http_version,
        headers=tuple((k, v) for k, v in response.headers.multi_items()),
        body=kept.body,
        url=str(response.url),
        elapsed_ms=(finished - clock.start) * 1000.0,
        timings=clock.timings(finished),
        body_truncated=kept.truncated,
        body_path=kept.path,
        body_size=kept.size,
        notes=kept.notes,
    )


def failed(request: RequestModel, prepared: PreparedRequest, exc: BaseException, clock: TraceClock,
           progress: ExchangeProgress) -> Exchange:
    """The exchange of a send that raised: cancelled, past its deadline, spool trouble, or the network."""
    if isinstance(exc, (asyncio.CancelledError, SendCancelled)):
        return Exchange(request, failure=cancelled(), sent_url=prepared.url)
    if isinstance(exc, (DeadlinePassed, httpx.TimeoutException)):
        return Exchange(request, sent_url=prepared.url, failure=timeout_failure(prepared.timeout_s, clock, progress, exc))
    if isinstance(exc, SpoolError):
        return Exchange(request, sent_url=prepared.url,
                        failure=TransportFailure(FailureKind.OTHER, str(exc), repr(exc.__cause__)))
    return Exchange(request, failure=classify(exc, _as_httpx_request(prepared)), sent_url=prepared.url)


def _as_httpx_request(prepared: PreparedRequest) -> httpx.Request | None:
    try:
        return httpx.Request(prepared.method, prepared.url)
    except Exception:  # an unusable URL has no host to name
        return None
