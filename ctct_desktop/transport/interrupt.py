"""Stop a blocking httpx send from another thread: a cancel, or the whole-exchange deadline.

A blocking socket call cannot be cancelled like a task, but it can be woken: ``shutdown`` on its
socket makes the read or write in flight return at once (end of stream, or a broken pipe), httpx
raises, and the send reports why it was stopped (``Interrupt.reason``) rather than the error it
saw. The sockets come from httpcore's trace hook (the documented ``trace`` extension: the
``connection.connect_tcp.complete`` event carries the new network stream, whose
``get_extra_info("socket")`` is its socket). Each is duplicated (``dup``) as it opens, so the
shutdown goes to a descriptor this module owns: never a number the worker closed and the process
reused meanwhile, and still the same socket while TLS wraps it (the wrap detaches the original
socket object, and the TLS one exists only once the handshake is done).

What cannot be woken: the name lookup and the TCP connect (no socket exists yet). A cancel or a
deadline that comes then takes effect as soon as the connect ends, at the latest at httpx's
connect timeout, which is the request's timeout.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

from ctct_desktop.transport.deadline import DeadlinePassed
from ctct_desktop.transport.exchange import SendCancelled

CANCELLED = "cancelled"
DEADLINE = "deadline"
# The trace events at which a connection's socket (or its TLS stream) becomes known.
OPENED = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})


def _socket_of(stream: Any) -> socket.socket | None:
    try:
        found = stream.get_extra_info("socket")
    except Exception:  # a stream without sockets (a test transport): nothing to wake
        return None
    return found if isinstance(found, socket.socket) else None


def _closed(stream: Any) -> bool:
    found = _socket_of(stream)
    return found is None or found.fileno() == -1


class ConnectionSockets:
    """Our duplicate of every socket a session's client opened, for as long as its connection lives.

    A kept-alive connection serves later sends without a new connect event, so the duplicates
    belong to the session, not to one send; ``prune`` (after each send) closes those whose
    connection httpcore has closed, so the socket is released when httpcore releases it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: list[tuple[Any, socket.socket]] = []  # (the connection's latest stream, our dup)

    def traced(self, event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.complete":
            found = _socket_of(info.get("return_value"))
            if found is not None:
                with self._lock:
                    self._open.append((info["return_value"], found.dup()))
        elif event == "connection.start_tls.complete":
            with self._lock:  # the TLS stream is the connection's from now on
                if self._open:
                    self._open[-1] = (info.get("return_value"), self._open[-1][1])

    def shutdown(self) -> None:
        """Wake whatever is blocked on the session's sockets (idle kept-alive ones end too)."""
        with self._lock:
            for _, dup in self._open:
                try:
                    dup.shutdown(socket.SHUT_RDWR)
                except OSError:  # not connected any more
                    pass

    def prune(self) -> None:
        with self._lock:
            keep = []
            for stream, dup in self._open:
                if _closed(stream):
                    dup.close()
                else:
                    keep.append((stream, dup))
            self._open = keep

    def close(self) -> None:
        with self._lock:
            for _, dup in self._open:
                dup.close()
            self._open = []

    def __len__(self) -> int:
        with self._lock:
            return len(self._open)


class Interrupt:
    """One blocking send's stop switch; ``trip`` from any thread, ``traced`` from the trace hook."""

    def __init__(self, sockets: ConnectionSockets) -> None:
        self.reason = ""
        self._sockets = sockets

    def trip(self, reason: str) -> None:
        """The first reason stands. It is set before the sockets are woken, so whatever the worker
        sees after the wake-up (an error, or an end of stream that looks like the body's end) is
        read as this reason."""
        if self.reason:
            return
        self.reason = reason
        self._sockets.shutdown()

    def error(self) -> BaseException | None:
        """The exception that says why the send was stopped, or None while it was not."""
        if self.reason == CANCELLED:
            return SendCancelled()
        if self.reason == DEADLINE:
            return DeadlinePassed()
        return None

    def check(self) -> None:
        error = self.error()
        if error is not None:
            raise error

    def traced(self, event: str, info: dict[str, Any]) -> None:
        """At an ``OPENED`` event: keep the connection's socket; if a trip came while nothing could
        be woken (during the connect), stop as the connection opens, closing its stream first
        (httpcore drops a connection that failed to open without closing it). Later phases need
        no check here: their sockets are woken, and the send checks once more at its end."""
        self._sockets.traced(event, info)
        if self.reason:
            stream = info.get("return_value")
            if stream is not None:
                stream.close()
            self.check()

