"""The one-shot loopback listener that receives the OAuth redirect.

Server flow: the browser GETs ``redirect_uri?code=..&state=..``. Client flow: the token is in the
URL fragment, which browsers never send, so the callback page runs a tiny script that POSTs the
fragment back to the same path. A callback whose ``state`` is not ours is refused and waiting
goes on (a web page cannot end or hijack the sign-in). Request lines are never logged.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from ctct_desktop.credentials.oauth import errors
from ctct_desktop.credentials.oauth.errors import OAuthError
from ctct_desktop.credentials.oauth.pages import DONE_PAGE, FRAGMENT_PAGE, FAILED_PAGE

MAX_POST_BYTES = 64 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
RESULT_KEYS = ("code", "access_token", "error")


@dataclass(frozen=True)
class Callback:
    """What the redirect carried: decoded query or fragment parameters."""

    params: dict[str, str]

    def get(self, key: str) -> str:
        return self.params.get(key, "")


def check_redirect_uri(redirect_uri: str) -> tuple[str, int, str] | OAuthError:
    """(host, port, path) when the URI is a loopback http URI this app can listen on."""
    try:
        parts = urlsplit(redirect_uri)
        port = parts.port
    except ValueError:
        return errors.bad_redirect_uri(redirect_uri, "The redirect URI cannot be parsed.")
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        return errors.bad_redirect_uri(redirect_uri, "The redirect URI is not http on 127.0.0.1 or localhost.")
    if port is None:
        return errors.bad_redirect_uri(redirect_uri, "The redirect URI has no port.")
    return parts.hostname, port, parts.path or "/"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # POSIX: rebind while old connections sit in TIME_WAIT (a second sign-in right after the
    # first); a live listener still blocks the bind. Windows: SO_REUSEADDR would allow stealing.
    allow_reuse_address = os.name != "nt"
    listener: "RedirectListener"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "CTCT-Desktop-SignIn"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Silent: request lines carry codes and tokens."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        listener = self.server.listener
        parts = urlsplit(self.path)
        if parts.path != listener.path:
            self._reply(404, "text/plain; charset=utf-8", b"Not found")
            return
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        if any(k in params for k in RESULT_KEYS):
            self._deliver(params)
        elif listener.fragment_mode:
            self._reply(200, "text/html; charset=utf-8", FRAGMENT_PAGE.encode("utf-8"))
        else:
            self._reply(400, "text/html; charset=utf-8", FAILED_PAGE.encode("utf-8"))

    def do_POST(self) -> None:  # noqa: N802
        listener = self.server.listener
        if urlsplit(self.path).path != listener.path or not listener.fragment_mode:
            self._reply(404, "text/plain; charset=utf-8", b"Not found")
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0 or length > MAX_POST_BYTES:
            self._reply(413, "text/plain; charset=utf-8", b"Too large")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        self._deliver(dict(parse_qsl(body.lstrip("#"), keep_blank_values=True)))

    def _deliver(self, params: dict[str, str]) -> None:
        accepted = self.server.listener.offer(params)
        if accepted:
            page = FAILED_PAGE if "error" in params else DONE_PAGE
            self._reply(200, "text/html; charset=utf-8", page.encode("utf-8"))
        else:
            self._reply(400, "text/plain; charset=utf-8", b"This callback does not belong to the sign-in "
                                                          b"in progress.")

    def _reply(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)


class RedirectListener:
    """Listen on the redirect URI's port until one callback with our state arrives."""

    def __init__(self, redirect_uri: str, *, state: str, fragment_mode: bool = False,
                 require_state: bool = True) -> None:
        self.redirect_uri = redirect_uri
        self.state = state
        self.fragment_mode = fragment_mode
        self.require_state = require_state
        self.path = "/"
        self.forged_seen = False
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._result: Callback | None = None
        self._arrived = threading.Event()
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    def start(self) -> OAuthError | None:
        """Bind and serve in a background thread; an error when the URI or port is unusable."""
        checked = check_redirect_uri(self.redirect_uri)
        if isinstance(checked, OAuthError):
            return checked
        _host, port, self.path = checked
        try:
            server = _Server(("127.0.0.1", port), _Handler)
        except OSError as exc:
            return errors.port_in_use(self.redirect_uri, exc.strerror or str(exc))
        server.listener = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="oauth-redirect-listener", daemon=True)
        self._thread.start()
        return None

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else 0

    def offer(self, params: dict[str, str]) -> bool:
        """Called by the handler: keep the first callback whose state matches."""
        with self._lock:
            if self._result is not None:
                return False
            got = params.get("state")
            if got != self.state and (self.require_state or got is not None):
                self.forged_seen = True
                return False
            self._result = Callback(params)
        self._arrived.set()
        return True

    def wait(self, timeout_s: float) -> Callback | OAuthError:
        """Block until the callback, a cancel or the timeout."""
        deadline = time.monotonic() + timeout_s
        while not self._arrived.is_set():
            if self._cancelled.is_set():
                return errors.cancelled()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return errors.timeout(timeout_s, self.redirect_uri, self.forged_seen)
            self._arrived.wait(min(remaining, 0.05))
        assert self._result is not None
        return self._result

    def cancel(self) -> None:
        self._cancelled.set()

    def close(self) -> None:
        """Stop serving and free the port (idempotent)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> "RedirectListener":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
