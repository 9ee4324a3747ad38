"""Hostile HTTP servers on loopback, on raw sockets: drips, endless headers, bombs, floods.

Every server is bounded: it accepts at most ``connections`` connections, lives at most
``lifetime_s`` seconds, and every behaviour sends a bounded number of bytes, stopping at the
first failed write (the client hung up). So a test that goes wrong cannot leave one running.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

Behaviour = Callable[[socket.socket], int]  # writes the answer; returns the bytes it managed to send


@dataclass
class HostileServer:
    url: str
    sent: list[int] = field(default_factory=list)  # bytes each finished connection managed to send
    finished: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))

    def wait_finished(self, timeout_s: float = 10.0) -> int:
        """Bytes sent on the next connection to finish (raises when none finishes in time)."""
        if not self.finished.acquire(timeout=timeout_s):
            raise AssertionError(f"no connection finished within {timeout_s} s")
        return self.sent[-1]


def _read_request(conn: socket.socket) -> None:
    """Read up to the end of the request head (bounded); request bodies are not expected."""
    data = b""
    conn.settimeout(5)
    while b"\r\n\r\n" not in data and len(data) < 65536:
        piece = conn.recv(4096)
        if not piece:
            return
        data += piece


def _serve(listener: socket.socket, behaviour: Behaviour, server: HostileServer, connections: int,
           until: float, stop: threading.Event) -> None:
    accepted = 0
    while accepted < connections and time.monotonic() < until and not stop.is_set():
        try:
            conn, _ = listener.accept()
        except (TimeoutError, OSError):
            continue
        accepted += 1
        threading.Thread(target=_handle, args=(conn, behaviour, server), daemon=True).start()
    listener.close()


def _handle(conn: socket.socket, behaviour: Behaviour, server: HostileServer) -> None:
    sent = 0
    with conn:
        try:
            _read_request(conn)
            conn.settimeout(30)
            sent = behaviour(conn)
        except OSError:
            pass
    server.sent.append(sent)
    server.finished.release()


@contextmanager
def hostile(behaviour: Behaviour, *, connections: int = 4, lifetime_s: float = 60.0) -> Iterator[HostileServer]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    server = HostileServer(f"http://127.0.0.1:{listener.getsockname()[1]}")
    stop = threading.Event()
    thread = threading.Thread(target=_serve, daemon=True,
                              args=(listener, behaviour, server, connections, time.monotonic() + lifetime_s, stop))
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join(timeout=2)


def _write(conn: socket.socket, pieces: Iterable[bytes]) -> int:
    sent = 0
    try:
        for piece in pieces:
            conn.sendall(piece)
            sent += len(piece)
    except OSError:
        pass
    return sent


def _head(status: str = "200 OK", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def drip_body(interval_s: float = 2.0, max_bytes: int = 30) -> Behaviour:
    """Complete headers, then one body byte every ``interval_s`` (a body that never completes)."""
    def behave(conn: socket.socket) -> int:
        def pieces() -> Iterator[bytes]:
            yield _head(Content_Type="text/plain", Content_Length="1000")
            for _ in range(max_bytes):
                yield b"x"
                time.sleep(interval_s)
        return _write(conn, pieces())
    return behave


def drip_headers(interval_s: float = 1.0, max_bytes: int = 60) -> Behaviour:
    """A status line, then one header byte every ``interval_s``: headers that never finish."""
    def behave(conn: socket.socket) -> int:
        def pieces() -> Iterator[bytes]:
            yield b"HTTP/1.1 200 OK\r\nX-Slow: "
            for _ in range(max_bytes):
                time.sleep(interval_s)
                yield b"a"
        return _write(conn, pieces())
    return behave


def blob(body: bytes | Path, content_encoding: str = "", content_type: str = "application/octet-stream",
         chunk: int = 64 * 1024) -> Behaviour:
    """A complete answer with Content-Length; ``body`` may be a file (sent in chunks)."""
    def behave(conn: socket.socket) -> int:
        size = body.stat().st_size if isinstance(body, Path) else len(body)
        headers = {"Content_Type": content_type, "Content_Length": str(size)}
        if content_encoding:
            headers["Content_Encoding"] = content_encoding
        return _write(conn, _pieces(_head(**headers), body, chunk))
    return behave


def _pieces(head: bytes, body: bytes | Path, chunk: int) -> Iterator[bytes]:
    yield head
    if isinstance(body, bytes):
        for start in range(0, len(body), chunk):
            yield body[start:start + chunk]
        return
    with body.open("rb") as handle:
        while piece := handle.read(chunk):
            yield piece


def zeros_bomb(decoded_bytes: int, *, raw_deflate: bool = False) -> Path:
    """A compressed file of ``decoded_bytes`` zeros (gzip, or raw deflate), made once and cached in tmp.

    2 GiB of zeros compress to about 2 MB; making it takes a few seconds, so it is kept between runs.
    """
    kind = "deflate" if raw_deflate else "gzip"
    folder = Path(tempfile.gettempdir()) / "ctct-desktop-test-bombs"
    folder.mkdir(exist_ok=True)
    path = folder / f"zeros-{decoded_bytes}.{kind}"
    if path.exists():
        return path
    wbits = -zlib.MAX_WBITS if raw_deflate else 16 + zlib.MAX_WBITS
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(1024 * 1024)
    partial = folder / f"{path.name}.{os.getpid()}.part"
    with partial.open("wb") as out:
        left = decoded_bytes
        while left > 0:
            out.write(compressor.compress(zeros[:min(left, len(zeros))]))
            left -= len(zeros)
        out.write(compressor.flush())
    partial.replace(path)  # atomic: a concurrent or interrupted run never sees half a bomb
    return path
