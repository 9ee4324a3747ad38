"""Fault injection and latency for client testing, at the socket level under werkzeug's server.

The request handler exposes itself to the app through the WSGI environ; a fault is carried out
on the raw connection and then signalled with ``InjectedFault`` (a ConnectionError, which the
server treats as a dropped connection and does not log as a crash).
"""

from __future__ import annotations

import select
import socket
import struct
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from werkzeug.serving import WSGIRequestHandler
from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

HANDLER_KEY = "ctct_desktop.sandbox.handler"
STALL_LIMIT_SECONDS = 600


class InjectedFault(ConnectionError):
    """Raised after a fault has been carried out; the connection is closed without an answer."""


class SandboxRequestHandler(WSGIRequestHandler):
    """werkzeug's handler, plus a reset-on-close mode and quiet logs unless asked for."""

    reset_on_close = False
    log_requests = False

    def make_environ(self) -> WSGIEnvironment:
        environ = super().make_environ()
        environ[HANDLER_KEY] = self
        return environ

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.log_requests:
            super().log_request(code, size)

    def finish(self) -> None:
        super().finish()
        if self.reset_on_close:
            # linger 0 makes close() send RST instead of FIN: the client sees "connection reset".
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()


def apply(kind: str, request: Request, stopping: threading.Event,
          respond: Callable[[], Response]) -> None:
    """Carry out fault ``kind`` ("none" does nothing and returns)."""
    handler = request.environ.get(HANDLER_KEY)
    if kind == "none" or not isinstance(handler, SandboxRequestHandler):
        return
    handler.close_connection = True
    if kind == "reset":
        handler.reset_on_close = True
    elif kind == "drop_mid_body":
        _send_half(handler, respond(), request)
    elif kind == "stall":
        _stall(handler, stopping)
    raise InjectedFault(f"injected fault: {kind}")


def _send_half(handler: SandboxRequestHandler, response: Response, request: Request) -> None:
    """The real status and headers with the full Content-Length, then half the body, then FIN.

    An answer without a body (204) is cut inside its header block instead.
    """
    body = response.get_data()
    head = [f"HTTP/1.1 {response.status}"]
    head += [f"{k}: {v}" for k, v in response.headers.items() if k.lower() != "content-length"]
    head += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    raw_head = "\r\n".join(head).encode("latin-1")
    payload = raw_head + body[: len(body) // 2] if body else raw_head[: len(raw_head) // 2]
    try:
        handler.wfile.write(payload)
        handler.wfile.flush()
    except OSError:
        pass


def _stall(handler: SandboxRequestHandler, stopping: threading.Event) -> None:
    """Answer nothing until the client gives up, the sandbox stops, or ten minutes pass."""
    waited = 0.0
    while waited < STALL_LIMIT_SECONDS and not stopping.wait(0.1):
        waited += 0.1
        if _client_gone(handler.connection):
            return


def _client_gone(connection: socket.socket) -> bool:
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        if not readable:
            return False
        return connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def delay(milliseconds: int, stopping: threading.Event) -> None:
    if milliseconds > 0:
        stopping.wait(milliseconds / 1000)
