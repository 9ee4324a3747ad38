"""A transport session: one blocking httpx client per TLS choice, kept across a run's sends.

A single send makes its own event loop and async client (sender.py), which costs a TLS context
and a new connection each time. A collection run sends hundreds of requests in one worker
thread, one after the other, and nothing else happens in that thread meanwhile: there a plain
``httpx.Client`` is the faster way (an event loop per exchange cost about a third more than the
raw blocking loop the run's benchmark compares with, whose target is 1.2x). Sharing the session
keeps connections alive between sends; cookies are not kept, as with a send of its own.

A blocking send is stopped from another thread by waking its socket (interrupt.py), and its
whole-exchange deadline is kept by the session's watchdog thread (watchdog.py). Use a session
from one thread at a time (cancels may come from any); ``close`` when done.
"""

from __future__ import annotations

import httpx

from ctct_desktop.transport.exchange import USER_AGENT
from ctct_desktop.transport.interrupt import ConnectionSockets
from ctct_desktop.transport.tls import tls_context
from ctct_desktop.transport.watchdog import Watchdog


class TransportSession:
    """Owns its clients, its connections' sockets and the deadline thread."""

    def __init__(self) -> None:
        self._clients: dict[bool, httpx.Client] = {}
        self.sockets = ConnectionSockets()
        self.watchdog = Watchdog()
        self.closed = False

    def client(self, verify_tls: bool) -> httpx.Client:
        """The client for this TLS choice (verification is fixed per client in httpx)."""
        if self.closed:
            raise RuntimeError("the transport session is closed")
        found = self._clients.get(verify_tls)
        if found is None:
            found = httpx.Client(verify=tls_context(verify_tls), trust_env=True, headers={"User-Agent": USER_AGENT})
            self._clients[verify_tls] = found
        return found

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.watchdog.close()
            for client in self._clients.values():
                client.close()
        finally:
            self._clients.clear()
            self.sockets.close()

    def __enter__(self) -> TransportSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
