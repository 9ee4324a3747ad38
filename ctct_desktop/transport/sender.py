"""Send one request with httpx and return an Exchange. Never raises for network trouble.

A send of its own runs its own asyncio loop (in whatever thread calls ``SendJob.run``), so a
cancel from another thread stops it at once, wherever it is: resolving, connecting, waiting or
reading. A send through a run's ``TransportSession`` goes over the session's blocking client
instead (blocking.py: faster for a run's stream of sends), stopped by waking its socket.
Either way servers are treated as hostile, with the same code (exchange.py): one deadline covers
the whole exchange (deadline.py) and the body is decoded chunk by chunk under a cap on its
decoded size, spooled to disk when large (body.py).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from ctct_desktop.core.models import Exchange, FailureKind, RequestModel, ResponseRecord, TransportFailure
from ctct_desktop.transport.blocking import send_blocking
from ctct_desktop.transport.deadline import DeadlinePassed, ExchangeProgress
from ctct_desktop.transport.exchange import USER_AGENT, Download, ProgressCallback, build, failed, record
from ctct_desktop.transport.failures import cancelled
from ctct_desktop.transport.interrupt import CANCELLED, Interrupt
from ctct_desktop.transport.prepare import PreparationError, PreparedRequest, prepare
from ctct_desktop.transport.timing import TraceClock
from ctct_desktop.transport.tls import tls_context

if TYPE_CHECKING:
    from ctct_desktop.transport.session import TransportSession

__all__ = ["USER_AGENT", "ProgressCallback", "SendJob", "SendOptions", "send"]


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


@dataclass(frozen=True)
class SendOptions:
    max_body_bytes: int = 256 * 1024 * 1024  # decoded body bytes kept; past this the download stops
    spool_threshold: int = 8 * 1024 * 1024  # decoded bytes past this go to a spool file, not memory
    # A run's blocking clients (session.py); None: this send makes and closes its own loop and client.
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
    async with httpx.AsyncClient(verify=tls_context(prepared.verify_tls), trust_env=True,
                                 follow_redirects=prepared.follow_redirects,
                                 headers={"User-Agent": USER_AGENT}) as client:
        response = await client.send(build(client, prepared, clock), stream=True,
                                     follow_redirects=prepared.follow_redirects)
        try:
            download = Download(response, options.max_body_bytes, options.spool_threshold, progress, on_progress)
            try:
                async for chunk in response.aiter_raw():
                    if not download.feed(chunk):
                        break
                kept = download.finish()
            except BaseException:
                download.discard()
                raise
        finally:
            await response.aclose()  # closes the connection when the body was cut short
        return record(response, kept, clock)


class SendJob:
    """One send, runnable in a worker thread and cancellable from any other thread."""

    def __init__(self, request: RequestModel, *, options: SendOptions | None = None,
                 on_progress: ProgressCallback | None = None) -> None:
        self.request = request
        self.options = options or SendOptions()
        self.on_progress = on_progress
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[ResponseRecord] | None = None
        self._interrupt: Interrupt | None = None  # a blocking send's (through a session)
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    @property
    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Thread-safe; stops the send wherever it is. Harmless after completion."""
        self._cancelled.set()
        with self._lock:
            if self._interrupt is not None:
                self._interrupt.trip(CANCELLED)
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
        if self.options.session is not None:
            return self._run_blocking(self.options.session, prepared, clock, progress)
        loop = asyncio.new_event_loop()
        try:
            task = loop.create_task(_send_async(prepared, clock, self.options, progress, self.on_progress))
            with self._lock:
                self._loop, self._task = loop, task
            if self.is_cancelled:
                task.cancel()
            try:
                answer = loop.run_until_complete(task)
            except (asyncio.CancelledError, Exception) as exc:  # every network problem: a plain-language failure
                return failed(self.request, prepared, exc, clock, progress)
            return Exchange(self.request, response=answer, sent_url=prepared.url)
        finally:
            with self._lock:
                self._loop = self._task = None
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def _run_blocking(self, session: TransportSession, prepared: PreparedRequest, clock: TraceClock,
                      progress: ExchangeProgress) -> Exchange:
        interrupt = Interrupt(session.sockets)
        with self._lock:
            self._interrupt = interrupt
        if self.is_cancelled:  # a cancel that came before the switch was in place
            interrupt.trip(CANCELLED)
        try:
            return send_blocking(session, self.request, prepared, clock, progress, interrupt,
                                 self.options.max_body_bytes, self.options.spool_threshold, self.on_progress)
        finally:
            with self._lock:
                self._interrupt = None


def send(request: RequestModel, *, options: SendOptions | None = None) -> Exchange:
    """Blocking convenience for the CLI and tests."""
    return SendJob(request, options=options).run()
