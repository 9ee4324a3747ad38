"""A send over a run's blocking client (session.py): the same exchange as the async way, woken to stop.

The steps and limits are exchange.py's; here only the blocking calls, the trace hook that keeps
the connection's socket (interrupt.py) and the deadline armed on the session's watchdog.
"""

from __future__ import annotations

import time
from typing import Any

from ctct_desktop.core.models import Exchange, RequestModel, ResponseRecord
from ctct_desktop.transport.deadline import ExchangeProgress
from ctct_desktop.transport.exchange import Download, ProgressCallback, build, failed, record
from ctct_desktop.transport.interrupt import DEADLINE, OPENED, Interrupt
from ctct_desktop.transport.prepare import PreparedRequest
from ctct_desktop.transport.session import TransportSession
from ctct_desktop.transport.timing import TraceClock


def send_blocking(session: TransportSession, request: RequestModel, prepared: PreparedRequest, clock: TraceClock,
                  progress: ExchangeProgress, interrupt: Interrupt, max_body_bytes: int, spool_threshold: int,
                  on_progress: ProgressCallback | None) -> Exchange:
    """Blocking; ``interrupt.trip`` from another thread stops it. Never raises for network trouble."""
    session.watchdog.arm(prepared.timeout_s, lambda: interrupt.trip(DEADLINE))
    try:
        answer = _exchange(session, prepared, clock, progress, interrupt, max_body_bytes, spool_threshold,
                           on_progress)
    except Exception as exc:  # the reason of a trip wins over the error the woken socket raised
        return failed(request, prepared, interrupt.error() or exc, clock, progress)
    finally:
        session.watchdog.disarm()
        session.sockets.prune()
    return Exchange(request, response=answer, sent_url=prepared.url)


def _exchange(session: TransportSession, prepared: PreparedRequest, clock: TraceClock, progress: ExchangeProgress,
              interrupt: Interrupt, max_body_bytes: int, spool_threshold: int,
              on_progress: ProgressCallback | None) -> ResponseRecord:
    marks, now = clock.marks, time.perf_counter

    def hook(event: str, info: dict[str, Any]) -> None:  # a dozen calls an exchange: kept to the least
        marks.setdefault(event, now())
        if event in OPENED:
            interrupt.traced(event, info)

    client = session.client(prepared.verify_tls)
    try:
        response = client.send(build(client, prepared, hook), stream=True, follow_redirects=prepared.follow_redirects)
        try:
            download = Download(response, max_body_bytes, spool_threshold, progress, on_progress)
            try:
                for chunk in response.iter_raw():
                    if not download.feed(chunk):
                        break
                interrupt.check()  # woken after the last byte, or at an end of stream the wake-up caused
                kept = download.finish()
            except BaseException:
                download.discard()
                raise
        finally:
            response.close()  # closes the connection when the body was cut short
    finally:
        client.cookies.clear()  # each send stands alone, as with a client of its own
    return record(response, kept, clock)
