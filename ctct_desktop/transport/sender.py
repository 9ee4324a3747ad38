"""Send one request with httpx and return an Exchange. Never raises for network trouble.

Each send runs its own asyncio loop (in whatever thread calls ``SendJob.run``), so a cancel
from another thread stops it at once, wherever it is: resolving, connecting, waiting or reading.
Servers are treated as hostile: one deadline covers the whole exchange (deadline.py) and the
body is decoded chunk by chunk under a cap on its decoded size, spooled to disk when large
(body.py).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from ctct_desktop.core.models import Exchange, FailureKind, RequestModel, ResponseRecord, TransportFailure
from ctct_desktop.transport.body import BodyCollector, KeptBody
from ctct_desktop.transport.deadline import DeadlinePassed, ExchangeProgress, timeout_failure
from ctct_desktop.transport.failures import cancelled, classify
from ctct_desktop.transport.prepare import PreparationError, PreparedRequest, prepare
from ctct_desktop.transport.spool import SpoolError
from ctct_desktop.transport.timing import TraceClock

if TYPE_CHECKING:
    from ctct_desktop.transport.session import TransportSession

ProgressCallback = Callable[[int, int | None], None]  # (bytes received, total or None)


def _remember_missing_sniffio() -> None:
    """httpcore runs ``import sniffio`` for every async lock it sets up (six per request); without
    sniffio installed (anyio 4 no longer needs it) each failed import searches sys.path again,
    about 1.2 ms per request (measured: a quarter of a 200-request run). A ``None`` entry makes
    the same ImportError immediate; nothing changes when sniffio is installed."""
    import importlib.util
    import sys

    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


_remember_missing_sniffio()

USER_AGENT = "CTCT-Desktop"


@dataclass(frozen=True)
class SendOptions:
    max_body_bytes: int = 256 * 1024 * 1024  # decoded body bytes kept; past this the download stops
    spool_threshold: int = 8 * 1024 * 1024  # decoded bytes past this go to a spool file, not memory
    # A run's shared loop and clients (session.py); None: this send makes and closes its own.
    session: TransportSession | None = None


async def _send_async(prepared: PreparedRequest, clock: TraceClock, options: SendOptions,
                      progress: ExchangeProgress, on_progress: ProgressCallback | None) -> ResponseRecord:
    """The exchange under one deadline for connect + send + wait + read."""
    deadline = asyncio.timeout(prepared.timeout_s)
    try:
        async with deadline:
            return await _exchange(prepared, clock, options, progress, on_progress)
    except TimeoutError:
        if deadline.expired():
            raise DeadlinePassed() from None
        raise


async def _exchange(prepared: PreparedRequest, clock: TraceClock, options: SendOptions,
                    progress: ExchangeProgress, on_progress: ProgressCallback | None) -> ResponseRecord:
    timeout = httpx.Timeout(prepared.timeout_s)  # per phase; the deadline above bounds the sum
    if options.session is not None:
        shared = options.session.client(prepared.verify_tls)
        try:
            return await _over(shared, prepared, timeout, clock, options, progress, on_progress)
        finally:
            shared.cookies.clear()  # each send stands alone, as with a client of its own
    async with httpx.AsyncClient(verify=prepared.verify_tls, timeout=timeout, trust_env=True,
                                 follow_redirects=prepared.follow_redirects,
                                 headers={"User-Agent": USER_AGENT}) as client:
        return await _over(client, prepared, timeout, clock, options, progress, on_progress)


async def _over(client: httpx.AsyncClient, prepared: PreparedRequest, timeout: httpx.Timeout, clock: TraceClock,
                options: SendOptions, progress: ExchangeProgress,
                on_progress: ProgressCallback | None) -> ResponseRecord:
    """One exchange over ``client`` (its own, or a session's that outlives it)."""
    request = client.build_request(prepared.method, prepared.url, headers=list(prepared.headers),
                                   content=prepared.content or None, timeout=timeout,
                                   extensions={"trace": clock})
    response = await client.send(request, stream=True, follow_redirects=prepared.follow_redirects)
    progress.headers_received = True
    try:
        kept = await _download(response, options, progress, on_progress)
    finally:
        await response.aclose()  # closes the connection when the body was cut short
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


async def _download(response: httpx.Response, options: SendOptions, progress: ExchangeProgress,
                    on_progress: ProgressCallback | None) -> KeptBody:
    """Read raw bytes and decode them as they come; stop reading once the cap is reached."""
    collector = BodyCollector(response.headers.get("content-encoding", ""), options.max_body_bytes,
                              options.spool_threshold)
    total = response.headers.get("content-length", "")
    expected = int(total) if total.isascii() and total.isdigit() else None
    try:
        async for chunk in response.aiter_raw():
            progress.bytes_received += len(chunk)
            if on_progress is not None:
                on_progress(progress.bytes_received, expected)
            if not collector.feed(chunk):
                break
        return collector.finish()
    except BaseException:
        collector.discard()
        raise


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
        clock, progress = TraceClock(), ExchangeProgress()
        session = self.options.session
        loop = session.loop if session is not None else asyncio.new_event_loop()
        try:
            task = loop.create_task(_send_async(prepared, clock, self.options, progress, self.on_progress))
            with self._lock:
                self._loop, self._task = loop, task
            if self.is_cancelled:
                task.cancel()
            try:
                record = loop.run_until_complete(task)
            except asyncio.CancelledError:
                return Exchange(self.request, failure=cancelled(), sent_url=prepared.url)
            except (DeadlinePassed, httpx.TimeoutException) as exc:
                return Exchange(self.request, sent_url=prepared.url,
                                failure=timeout_failure(prepared.timeout_s, clock, progress, exc))
            except SpoolError as exc:
                return Exchange(self.request, sent_url=prepared.url,
                                failure=TransportFailure(FailureKind.OTHER, str(exc), repr(exc.__cause__)))
            except Exception as exc:  # every network problem becomes a plain-language failure
                return Exchange(self.request, failure=classify(exc, _as_httpx_request(prepared)),
                                sent_url=prepared.url)
            return Exchange(self.request, response=record, sent_url=prepared.url)
        finally:
            with self._lock:
                self._loop = self._task = None
            if session is None:
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
