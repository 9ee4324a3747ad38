"""A small real HTTP server on loopback for transport and GUI tests.

Routes are plain functions, so a test reads like the exchange it provokes. Threaded, so a slow
route never blocks the next test's requests.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.bodies import ENTITY_BOMB, XXE

Route = Callable[["Handler"], None]

class Handler(BaseHTTPRequestHandler):
    routes: dict[tuple[str, str], Route] = {}
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        return

    def body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def reply(self, status: int, body: bytes = b"", content_type: str = "text/plain",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _dispatch(self) -> None:
        path = self.path.split("?", 1)[0]
        method = "GET" if self.command == "HEAD" else self.command
        route = self.routes.get((method, path)) or self.routes.get(("*", path))
        if route is None:
            self.reply(404, b"Error 404: no such route")
            return
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def __getattr__(self, name: str) -> Callable[[], None]:
        """Any method, custom ones included, goes through the route table."""
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)


def _echo(h: Handler) -> None:
    body = h.body()
    lines = [f"{h.command} {h.path}"] + [f"{k}: {v}" for k, v in h.headers.items()] + ["", body.decode("utf-8", "replace")]
    h.reply(200, "\n".join(lines).encode("utf-8"), "text/plain; charset=utf-8",
            {"X-Echo-Method": h.command})


def _slow(h: Handler) -> None:
    time.sleep(5)
    h.reply(200, b"too late")


def default_routes(big_body: bytes) -> dict[tuple[str, str], Route]:
    return {
        ("GET", "/hello"): lambda h: h.reply(200, b"<greeting>hello</greeting>", "application/xml",
                                             {"X-Test": "yes"}),
        ("*", "/echo"): _echo,
        ("POST", "/created"): lambda h: (h.body(), h.reply(201, b"<entry xmlns=\"http://www.w3.org/2005/Atom\"/>",
                                                            "application/atom+xml",
                                                            {"Location": "/created/1"}))[1],
        ("PUT", "/thing"): lambda h: (h.body(), h.reply(204))[1],
        ("DELETE", "/thing"): lambda h: h.reply(204),
        ("GET", "/missing"): lambda h: h.reply(404, b"Error 404: Not Found"),
        ("GET", "/broken"): lambda h: h.reply(500, b"Error 500: Internal Server Error"),
        ("GET", "/slow"): _slow,
        ("GET", "/big"): lambda h: h.reply(200, big_body, "application/atom+xml"),
        ("GET", "/bomb"): lambda h: h.reply(200, ENTITY_BOMB, "application/xml"),
        ("GET", "/xxe"): lambda h: h.reply(200, XXE, "application/xml"),
        ("GET", "/json"): lambda h: h.reply(200, b'{"a": [1, 2, {"b": null}]}', "application/json"),
        ("GET", "/gzip"): lambda h: h.reply(200, __import__("gzip").compress(b"<a>zipped</a>"), "application/xml",
                                            {"Content-Encoding": "gzip"}),
        ("GET", "/loop"): lambda h: h.reply(302, b"", headers={"Location": "/loop"}),
        ("GET", "/reset"): _reset,
    }


def _reset(h: Handler) -> None:
    """Answer half a response, then abort the connection with a TCP reset."""
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial")
    h.wfile.flush()
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    h.connection.close()
    h.close_connection = True


@contextmanager
def serve(routes: dict[tuple[str, str], Route] | None = None, big_body: bytes = b"") -> Iterator[str]:
    """Serve on a free loopback port; yields the base URL."""
    handler = type("RoutedHandler", (Handler,), {"routes": routes or default_routes(big_body)})
    with serve_handler(handler) as base:
        yield base


@contextmanager
def serve_handler(handler: type[BaseHTTPRequestHandler],
                  wrap: Callable[[socket.socket], socket.socket] | None = None) -> Iterator[str]:
    """Serve ``handler`` on a free loopback port in a thread; yields the base URL. ``wrap`` turns
    the listening socket into another (TLS: https URLs), as tests/support/tls_server.py does."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if wrap is not None:
        server.socket = wrap(server.socket)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if wrap is not None else 'http'}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port nothing listens on (bound then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
