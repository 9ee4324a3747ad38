"""One deadline for the whole exchange, and a message that says where it passed.

httpx's timeouts are per read, so a server that drips a byte every 2 s, or never finishes its
headers, keeps a send alive for hours. ``RequestModel.timeout_s`` therefore bounds connect,
send, wait and read together (an asyncio timeout around the whole send); httpx's per-phase
timeouts stay as a second line. Either way the user gets one kind of message.

Messages avoid the words the pasted-error classifier (explain/failure_text.py) reads as another
failure kind (proxy, TLS, DNS...), so they classify as timeouts there too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.core.models import FailureKind, TransportFailure
from ctct_desktop.transport.timing import TraceClock


@dataclass
class ExchangeProgress:
    """What the exchange had got to; written by the send, read when it is cut."""

    headers_received: bool = False
    bytes_received: int = 0  # raw body bytes (as sent on the wire)


class DeadlinePassed(Exception):
    """The whole-exchange deadline passed (raised in place of asyncio's TimeoutError)."""


def _phase(clock: TraceClock) -> str:
    marks = clock.marks
    if "connection.connect_tcp.complete" not in marks:
        return "the connection to the server could not be opened before the deadline passed."
    if "connection.start_tls.started" in marks and "connection.start_tls.complete" not in marks:
        return "the secure connection to the server was still being set up when the deadline passed."
    if not any(f"{p}.send_request_body.complete" in marks for p in ("http11", "http2")):
        return "the request was still being sent when the deadline passed."
    return "the server had not sent a complete status line and headers when the deadline passed."


def timeout_failure(timeout_s: float, clock: TraceClock, progress: ExchangeProgress,
                    cause: BaseException | None = None) -> TransportFailure:
    """The TIMEOUT failure for a send cut at its deadline (or by an httpx per-phase timeout)."""
    limit = f"{timeout_s:g} s"
    if progress.headers_received:
        message = (f"Timed out: no complete answer within {limit}. The server was still sending when the "
                   f"deadline passed (bytes received so far: {progress.bytes_received}).")
        where = f"reading the body, {progress.bytes_received} bytes received"
    else:
        message = f"Timed out: no answer within {limit}; {_phase(clock)}"
        where = "before the response headers were complete"
    if cause is None or isinstance(cause, DeadlinePassed):
        detail = f"timed out: the deadline of {limit} for the whole exchange passed {where}"
    else:
        detail = f"{type(cause).__name__}: {cause or 'timed out'} (per-phase timeout of {limit}, {where})"
    return TransportFailure(FailureKind.TIMEOUT, message, detail)
