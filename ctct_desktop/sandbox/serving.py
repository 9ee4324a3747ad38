"""The sandbox's HTTP server: a fixed pool of worker threads, and no thread for a slow client.

werkzeug's threaded server starts one thread per connection and never times one out: 3,000
partial requests held open made 3,000 threads. Here one thread (``_HeadWaiter``) collects
request heads from every new connection without blocking; a connection whose head has not
arrived within ``idle_timeout`` is closed. Only a complete head goes to a worker (at most
``workers`` of them, started as needed), whose socket reads also time out after
``idle_timeout``. Beyond ``max_connections`` open connections a new one is answered 503 at once.
"""

from __future__ import annotations

import io
import queue
import selectors
import socket
import threading
import time
from collections.abc import Callable
from socketserver import StreamRequestHandler
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler

MAX_HEAD = 64 * 1024  # a longer head goes to the worker, whose HTTP parser refuses it
Address = Any  # what socket.accept() returns as the peer


def _plain_answer(status: str, text: str) -> bytes:
    """A complete close-delimited answer in the sandbox's error style (``Error NNN: ...``)."""
    body = f"Error {status.split()[0]}: {text}\n".encode()
    head = (f"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    return head + body


_BUSY = _plain_answer("503 Service Unavailable", "The sandbox has too many open connections; try again.")
_TIMED_OUT = _plain_answer("408 Request Timeout", "The request head did not arrive in time.")


def _send_and_close(sock: socket.socket, answer: bytes) -> None:
    """Best effort, never blocking: the client may be gone or not reading."""
    try:
        sock.setblocking(False)
        sock.send(answer)
    except OSError:
        pass
    sock.close()


class _PrefixedSocketReader(io.RawIOBase):
    """The bytes the head waiter already read, then the socket."""

    def __init__(self, prefix: bytes, sock: socket.socket) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            count = min(len(buffer), len(self._prefix))
            buffer[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        return self._sock.recv_into(buffer)


class PrefetchedInputHandler(StreamRequestHandler):
    """Mixin for the request handler: read first what the head waiter already took in."""

    server: BoundedWSGIServer

    def setup(self) -> None:
        super().setup()
        prefix = self.server.take_prefetched(self.connection)
        if prefix:
            self.rfile.close()
            self.rfile = io.BufferedReader(_PrefixedSocketReader(prefix, self.connection))


class _Pending:
    __slots__ = ("address", "buffer", "deadline")

    def __init__(self, address: Address, deadline: float) -> None:
        self.address, self.buffer, self.deadline = address, bytearray(), deadline


class _HeadWaiter:
    """One thread, one selector: reads request heads without blocking, closes the late."""

    def __init__(self, deliver: Callable[[socket.socket, Address, bytes], None],
                 release: Callable[[], None], idle_timeout: float) -> None:
        self._deliver, self._release, self._idle_timeout = deliver, release, idle_timeout
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._inbox: queue.SimpleQueue[tuple[socket.socket, Address]] = queue.SimpleQueue()
        self._pending: dict[socket.socket, _Pending] = {}
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sandbox-heads", daemon=True)
        self._thread.start()

    def add(self, sock: socket.socket, address: Address) -> None:
        if self._stopping.is_set():
            sock.close()
            self._release()
            return
        self._inbox.put((sock, address))
        self._wake()

    def close(self) -> None:
        self._stopping.set()
        self._wake()
        self._thread.join(timeout=5)

    def _wake(self) -> None:
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                self._take_inbox()
                for key, _ in self._selector.select(timeout=self._next_timeout()):
                    if key.fileobj is self._wake_r:
                        self._drain_wake()
                    else:
                        self._read(key.fileobj)  # type: ignore[arg-type]
                self._expire()
        finally:
            self._take_inbox()
            for sock in list(self._pending):
                self._drop(sock)
            self._selector.close()
            self._wake_r.close()
            self._wake_w.close()

    def _take_inbox(self) -> None:
        while True:
            try:
                sock, address = self._inbox.get_nowait()
            except queue.Empty:
                return
            sock.setblocking(False)
            self._pending[sock] = _Pending(address, time.monotonic() + self._idle_timeout)
            self._selector.register(sock, selectors.EVENT_READ)

    def _next_timeout(self) -> float:
        if not self._pending:
            return 1.0
        soonest = min(p.deadline for p in self._pending.values())
        return max(0.0, min(1.0, soonest - time.monotonic()))

    def _drain_wake(self) -> None:
        try:
            while self._wake_r.recv(4096):
                pass
        except OSError:
            pass

    def _read(self, sock: socket.socket) -> None:
        pending = self._pending[sock]
        try:
            chunk = sock.recv(MAX_HEAD)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._drop(sock)
            return
        start = max(0, len(pending.buffer) - 3)
        pending.buffer += chunk
        if _head_complete(pending.buffer, start) or len(pending.buffer) >= MAX_HEAD:
            self._selector.unregister(sock)
            del self._pending[sock]
            self._deliver(sock, pending.address, bytes(pending.buffer))

    def _expire(self) -> None:
        now = time.monotonic()
        for sock in [s for s, p in self._pending.items() if p.deadline <= now]:
            self._drop(sock, _TIMED_OUT if self._pending[sock].buffer else None)

    def _drop(self, sock: socket.socket, answer: bytes | None = None) -> None:
        self._pending.pop(sock, None)
        try:
            self._selector.unregister(sock)
        except (KeyError, ValueError):
            pass
        if answer is not None:
            _send_and_close(sock, answer)
        else:
            sock.close()
        self._release()


def _head_complete(buffer: bytearray, start: int) -> bool:
    """An empty line ends the head (http.server accepts bare LF line ends too)."""
    return buffer.find(b"\r\n\r\n", start) >= 0 or buffer.find(b"\n\n", start) >= 0


class _BindFailed(Exception):
    """Carries the bind's OSError past werkzeug, which would print it and call ``sys.exit(1)``."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class BoundedWSGIServer(BaseWSGIServer):
    """werkzeug's server with a bounded worker pool and timeouts for idle connections.

    A port that cannot be bound (taken by another program, not permitted) raises the bind's
    ``OSError`` (``errno.EADDRINUSE`` for a taken port), never ``SystemExit``, and prints nothing."""

    multithread = True  # several requests at once: werkzeug then speaks HTTP/1.1

    def __init__(self, host: str, port: int, app: Any, handler: type[WSGIRequestHandler], *,
                 workers: int = 32, idle_timeout: float = 30.0, max_connections: int = 512) -> None:
        self.idle_timeout = idle_timeout
        self._max_workers, self._max_connections = workers, max_connections
        self._lock = threading.Lock()  # before werkzeug's __init__: a failed bind calls server_close
        self._open = 0  # connections accepted and not yet closed
        self._idle_workers = 0
        self._workers: list[threading.Thread] = []
        self._ready: queue.SimpleQueue[tuple[socket.socket, Address] | None] = queue.SimpleQueue()
        self._prefetched: dict[socket.socket, bytes] = {}
        self._active: set[socket.socket] = set()
        self._closed = False
        self._heads: _HeadWaiter | None = None
        try:
            super().__init__(host, port, app, handler=handler)
        except _BindFailed as failed:
            raise failed.error from None
        self._heads = _HeadWaiter(self._dispatch, self._release, idle_timeout)

    def server_bind(self) -> None:
        try:
            super().server_bind()
        except OSError as exc:
            raise _BindFailed(exc) from exc

    def server_activate(self) -> None:
        try:
            super().server_activate()
        except OSError as exc:
            raise _BindFailed(exc) from exc

    # ----- counts, for callers and tests ------------------------------------------------------
    @property
    def worker_count(self) -> int:
        return len(self._workers)

    @property
    def open_connections(self) -> int:
        return self._open

    # ----- accepting --------------------------------------------------------------------------
    def process_request(self, request: Any, client_address: Address) -> None:
        """Called by serve_forever for each accepted connection: hand it to the head waiter."""
        heads = self._heads  # set once werkzeug's __init__ has bound the port
        with self._lock:
            accepted = heads is not None and not self._closed and self._open < self._max_connections
            if accepted:
                self._open += 1
        if accepted and heads is not None:
            heads.add(request, client_address)
        else:
            _send_and_close(request, _BUSY)

    def _release(self) -> None:
        with self._lock:
            self._open -= 1

    def _dispatch(self, sock: socket.socket, address: Address, prefix: bytes) -> None:
        """A complete head: queue the connection for a worker, starting one if none is idle."""
        with self._lock:
            self._prefetched[sock] = prefix
            start = self._idle_workers == 0 and len(self._workers) < self._max_workers and not self._closed
            if start:
                worker = threading.Thread(target=self._work_loop, name=f"sandbox-worker-{len(self._workers) + 1}",
                                          daemon=True)
                self._workers.append(worker)
                self._idle_workers += 1
        self._ready.put((sock, address))
        if start:
            worker.start()

    def take_prefetched(self, sock: socket.socket) -> bytes:
        with self._lock:
            return self._prefetched.pop(sock, b"")

    # ----- working ----------------------------------------------------------------------------
    def _work_loop(self) -> None:
        while True:
            item = self._ready.get()
            if item is None:
                return
            with self._lock:
                self._idle_workers -= 1
                self._active.add(item[0])
            try:
                self._serve(*item)
            finally:
                with self._lock:
                    self._active.discard(item[0])
                    self._idle_workers += 1

    def _serve(self, sock: socket.socket, address: Address) -> None:
        try:
            sock.settimeout(self.idle_timeout)
            self.finish_request(sock, address)
        except Exception:
            self.handle_error(sock, address)
        finally:
            with self._lock:
                self._prefetched.pop(sock, None)
            self.shutdown_request(sock)
            self._release()

    # ----- stopping ---------------------------------------------------------------------------
    def server_close(self) -> None:
        """Stop accepting, close connections still sending their heads, refuse queued ones.
        Requests being answered finish (the app answers 503 while stopping); see drop_connections."""
        super().server_close()
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers = len(self._workers)
        if self._heads is not None:
            self._heads.close()
        while True:
            try:
                item = self._ready.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                self.take_prefetched(item[0])
                _send_and_close(item[0], _BUSY)
                self._release()
        for _ in range(workers):
            self._ready.put(None)

    def drop_connections(self) -> None:
        """Cut the connections still being served (a client dripping its body); used after
        the app had its chance to finish, just before the sandbox's database closes."""
        with self._lock:
            active = list(self._active)
        for sock in active:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
