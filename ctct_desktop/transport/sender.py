"""Send one request with httpx and return an Exchange. Never raises for network trouble.

Each send runs its own asyncio loop (in whatever thread calls ``SendJob.run``), so a cancel
from another thread stops it at once, wherever it is: resolving, connecting, waiting or reading.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from ctct_desktop.core.models import Exchange, RequestModel, ResponseRecord
from ctct_desktop.transport.failures import cancelled, classify
from ctct_desktop.transport.prepare import PreparationError, PreparedRequest, prepare
from ctct_desktop.core.models import FailureKind, TransportFailure
from ctct_desktop.transport.timing import TraceClock

ProgressCallback = Callable[[int, int | None], None]  # (bytes received, total or None)

USER_AGENT = "CTCT-Desktop"


@dataclass(frozen=True)
class SendOptions:
    max_body_bytes: int = 512 * 1024 * 1024  # refuse to hold more than this in memory


async def _send_async(prepared: PreparedRequest, clock: TraceClock, options: SendOptions,
                      on_progress: ProgressCallback | None) -> ResponseRecord:
    timeout = httpx.Timeout(prepared.timeout_s)
    async with httpx.AsyncClient(verify=prepared.verify_tls, timeout=timeout, trust_env=True,
                                 follow_redirects=prepared.follow_redirects,
                                 headers={"User-Agent": USER_AGENT}) as client:
        request = client.build_request(prepared.method, prepared.url, headers=list(prepared.headers),
                                       content=prepared.content or None,
                                       extensions={"trace": clock})
        response = await client.send(request, stream=True)
        try:
            total = response.headers.get("content-length")
            expected = int(total) if total and total.isdigit() else None
            chunks: list[bytes] = []
            received = 0
            async for chunk in response.aiter_raw():
                chunks.append(chunk)
                received += len(chunk)
                if received > options.max_body_bytes:
                    raise _TooLarge(received)
                if on_progress is not None:
                    on_progress(received, expected)
            raw = b"".join(chunks)
        finally:
            await response.aclose()
        body = _decode_content(response, raw)
        finished = time.perf_counter()
        return ResponseRecord(
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            headers=tuple((k, v) for k, v in response.headers.multi_items()),
            body=body,
            url=str(response.url),
            elapsed_ms=(finished - clock.start) * 1000.0,
            timings=clock.timings(finished),
        )


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _decode_content(response: httpx.Response, raw: bytes) -> bytes:
    """Undo gzip/deflate/br content-encoding the way httpx would, keeping bytes on failure."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if not encoding or encoding == "identity":
        return raw
    try:
        decoded = httpx.Response(200, headers={"content-encoding": encoding}, content=raw)
        return decoded.read()
    except httpx.DecodingError:
        return raw


class SendJob:
    """One send, runnable in a worker thread and cancellable from any other thread."""

    def __init__(self, request: RequestModel, *, options: SendOptions | None = None,
                 on_progress: ProgressCallback | None = None) -> None:
        self.request = request
        self.options = options or SendOptions()
        self.on_progress = on_progress
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[ResponseRecord] | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    @property
    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Thread-safe; stops the send wherever it is. Harmless after completion."""
        self._cancelled.set()
        with self._lock:
            if self._loop is not None and self._task is not None and not self._loop.is_closed():
                self._loop.call_soon_threadsafe(self._task.cancel)

    def run(self) -> Exchange:
        """Blocking: send and return the exchange (response or failure)."""
        try:
            prepared = prepare(self.request)
        except PreparationError as exc:
            return Exchange(self.request, failure=TransportFailure(FailureKind.INVALID_URL, str(exc), str(exc)),
                            sent_url=self.request.url)
        if self.is_cancelled:
            return Exchange(self.request, failure=cancelled(), sent_url=prepared.url)
        clock = TraceClock()
        loop = asyncio.new_event_loop()
        try:
            task = loop.create_task(_send_async(prepared, clock, self.options, self.on_progress))
            with self._lock:
                self._loop, self._task = loop, task
            if self.is_cancelled:
                task.cancel()
            try:
                record = loop.run_until_complete(task)
            except asyncio.CancelledError:
                return Exchange(self.request, failure=cancelled(), sent_url=prepared.url)
            except _TooLarge as exc:
                return Exchange(self.request, sent_url=prepared.url, failure=TransportFailure(
                    FailureKind.OTHER,
                    f"The response body passed {self.options.max_body_bytes // (1024 * 1024)} MiB and was "
                    "not kept in full.", f"received {exc.size} bytes"))
            except Exception as exc:  # every network problem becomes a plain-language failure
                return Exchange(self.request, failure=classify(exc, _as_httpx_request(prepared)),
                                sent_url=prepared.url)
            return Exchange(self.request, response=record, sent_url=prepared.url)
        finally:
            with self._lock:
                self._loop = self._task = None
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()


def _as_httpx_request(prepared: PreparedRequest) -> httpx.Request | None:
    try:
        return httpx.Request(prepared.method, prepared.url)
    except Exception:  # an unusable URL has no host to name
        return None


def send(request: RequestModel, *, options: SendOptions | None = None) -> Exchange:
    """Blocking convenience for the CLI and tests."""
    return SendJob(request, options=options).run()
