"""A small threaded HTTP server on loopback for the GUI tests: real sockets, no mocked httpx."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.support.bodies import HOSTILE_XML, large_xml

class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "LoopbackServer"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return

    def _reply(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8",
               extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _echo(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        parts = urlsplit(self.path)
        payload = {"method": self.command, "path": parts.path, "query": parts.query,
                   "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
        self._reply(200, json.dumps(payload).encode(), "application/json", {"X-Echo": "yes"})

    def _route(self) -> None:
        path = urlsplit(self.path).path
        self.server.requests.append(f"{self.command} {self.path}")  # type: ignore[attr-defined]
        if path.startswith("/echo"):
            return self._echo()
        if path == "/item" and self.command == "DELETE":
            return self._reply(204, b"")
        if path == "/missing":
            return self._reply(404, b"Error 404: no such resource", extra={"X-Reason": "missing"})
        if path == "/boom":
            return self._reply(500, b"Error 500: the server broke", extra={"X-Reason": "boom"})
        if path == "/slow":
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and not self.server.stopping.is_set():
                time.sleep(0.05)
            return self._reply(200, b"finally")
        if path == "/large":
            return self._reply(200, large_xml(), "application/atom+xml")
        if path == "/hostile":
            return self._reply(200, HOSTILE_XML, "application/xml")
        return self._reply(404, b"Error 404: unknown test route")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_PURGE = _route  # noqa: N815


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []  # "METHOD /path" of every request that arrived
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, name="ui-test-http", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> "LoopbackServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
