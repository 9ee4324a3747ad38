"""A transport session: one event loop and one httpx client per TLS choice, kept across sends.

A single send makes its own loop and client (sender.py), which costs a TLS context and a new
connection each time. A collection run sends hundreds of requests in one thread, one after the
other: sharing the session keeps the connection alive between them (the run's benchmark target
is within 1.2x of a raw httpx loop). Cookies are not kept between sends, as with a send of its
own. Use it from one thread at a time; ``close`` when done.
"""

from __future__ import annotations

import asyncio

import httpx

from ctct_desktop.transport.sender import USER_AGENT


class TransportSession:
    """Owns its loop and clients; sends through it run one at a time in the thread that calls them."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._clients: dict[bool, httpx.AsyncClient] = {}
        self.closed = False

    def client(self, verify_tls: bool) -> httpx.AsyncClient:
        """The client for this TLS choice (verification is fixed per client in httpx)."""
        if self.closed:
            raise RuntimeError("the transport session is closed")
        found = self._clients.get(verify_tls)
        if found is None:
            found = httpx.AsyncClient(verify=verify_tls, trust_env=True, headers={"User-Agent": USER_AGENT})
            self._clients[verify_tls] = found
        return found

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            leftover = asyncio.all_tasks(self.loop)  # a send an interrupt (Ctrl+C) left behind
            for task in leftover:
                task.cancel()
            if leftover:
                self.loop.run_until_complete(asyncio.gather(*leftover, return_exceptions=True))
            for client in self._clients.values():
                self.loop.run_until_complete(client.aclose())
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        finally:
            self._clients.clear()
            self.loop.close()

    def __enter__(self) -> TransportSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
