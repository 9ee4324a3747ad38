"""A small real OAuth 2.0 server on loopback for the sign-in tests.

It follows the sandbox's OAuth contract (v1/v2 siteowner authorize + query-string token call,
v3 authorize with PKCE + form token call with refresh) with a registered redirect URI the test
chooses, so tests can use a free port. It also serves one protected resource per API version
that checks the credentials the way Constant Contact does.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

CLIENT_ID = "test-api-key"
CLIENT_SECRET = "test-client-secret"
V3_CLIENT_ID = "test-v3-client"
USERNAME = "joesflowers"


class OAuthTestServer:
    def __init__(self, registered_redirect: str, *, v3_ttl_s: int = 7200) -> None:
        self.registered_redirect = registered_redirect
        self.v3_ttl_s = v3_ttl_s
        self.codes: dict[str, dict[str, str]] = {}
        self.access_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.basic_pairs: set[str] = set()
        self.token_calls: list[dict[str, str]] = []
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.app = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "OAuthTestServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def new_token(self) -> str:
        token = "at-" + secrets.token_hex(12)
        self.access_tokens.add(token)
        return token


def _pkce_ok(verifier: str, challenge: str) -> bool:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii") == challenge


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    @property
    def app(self) -> OAuthTestServer:
        return self.server.app  # type: ignore[attr-defined,no-any-return]

    def _send(self, status: int, body: bytes = b"", content_type: str = "application/json",
              location: str = "") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, document: object) -> None:
        self._send(status, json.dumps(document).encode())

    def do_GET(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        if parts.path in ("/oauth2/oauth/siteowner/authorize", "/oauth2/default/v1/authorize"):
            self._authorize(parts.path.startswith("/oauth2/default"), query)
        elif parts.path.startswith("/ws/customers/") or parts.path.startswith("/v2/") or \
                parts.path.startswith("/v3/"):
            self._resource(parts.path, query)
        else:
            self._send(404, b"not found", "text/plain")

    def _authorize(self, v3: bool, query: dict[str, str]) -> None:
        expected_client = V3_CLIENT_ID if v3 else CLIENT_ID
        if query.get("client_id") != expected_client:
            self._send(400, b"<html>invalid client_id</html>", "text/html")
            return
        redirect = query.get("redirect_uri", "")
        if redirect != self.app.registered_redirect:
            self._send(400, b"<html><h1>Error: redirect_uri_mismatch</h1>Invalid redirect</html>", "text/html")
            return
        if "sandbox_user" not in query:
            self._send(200, b"<html><form>Sign in to Constant Contact</form></html>", "text/html")
            return
        state = query.get("state", "")
        if query.get("sandbox_decision") == "deny":
            target = redirect + "?" + urlencode({"error": "access_denied",
                                                 "error_description": "User denied authentication.",
                                                 "state": state})
            self._send(302, location=target)
            return
        if v3 and (query.get("code_challenge_method") != "S256" or not query.get("code_challenge")):
            self._send(400, b"<html>PKCE required</html>", "text/html")
            return
        if query.get("response_type") == "token":
            fragment = urlencode({"access_token": self.app.new_token(), "token_type": "Bearer",
                                  "expires_in": "308874923", "username": USERNAME, "state": state})
            self._send(302, location=f"{redirect}#{fragment}")
            return
        code = "code-" + secrets.token_hex(8)
        with self.app.lock:
            self.app.codes[code] = {"redirect_uri": redirect, "challenge": query.get("code_challenge", ""),
                                    "client_id": expected_client}
        self._send(302, location=redirect + "?" + urlencode({"code": code, "username": USERNAME,
                                                             "state": state}))

    def do_POST(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        length = int(self.headers.get("Content-Length", "0") or 0)
        form = dict(parse_qsl(self.rfile.read(length).decode()))
        with self.app.lock:
            self.app.token_calls.append({**query, **form})
        if parts.path == "/oauth2/oauth/token":
            self._legacy_token(query)
        elif parts.path == "/oauth2/default/v1/token":
            self._v3_token(form)
        elif parts.path == "/oauth2/tokeninfo.htm":
            ok = query.get("access_token") in self.app.access_tokens
            self._json(200 if ok else 400, {"client_id": CLIENT_ID, "user_name": USERNAME, "expires_in": 100}
                       if ok else {"error": "invalid_token"})
        else:
            self._send(404, b"not found", "text/plain")

    def _take_code(self, code: str) -> dict[str, str] | None:
        with self.app.lock:
            return self.app.codes.pop(code, None)

    def _legacy_token(self, query: dict[str, str]) -> None:
        issued = self._take_code(query.get("code", ""))
        if query.get("client_secret") != CLIENT_SECRET or query.get("client_id") != CLIENT_ID:
            self._json(401, {"error": "invalid_client", "error_description": "bad client credentials"})
        elif issued is None or issued["redirect_uri"] != query.get("redirect_uri"):
            self._json(400, {"error": "invalid_grant", "error_description": "unknown code"})
        else:
            self._json(200, {"access_token": self.app.new_token(), "expires_in": "308874923",
                             "token_type": "Bearer"})

    def _v3_token(self, form: dict[str, str]) -> None:
        if form.get("grant_type") == "refresh_token":
            if form.get("refresh_token") not in self.app.refresh_tokens:
                self._json(400, {"error": "invalid_grant", "error_description": "refresh token unknown"})
                return
            self.app.refresh_tokens.discard(form["refresh_token"])
        else:
            issued = self._take_code(form.get("code", ""))
            if issued is None or not _pkce_ok(form.get("code_verifier", ""), issued["challenge"]):
                self._json(400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
                return
        refresh = "rt-" + secrets.token_hex(12)
        self.app.refresh_tokens.add(refresh)
        self._json(200, {"access_token": self.app.new_token(), "refresh_token": refresh,
                         "token_type": "Bearer", "expires_in": self.app.v3_ttl_s,
                         "scope": "contact_data offline_access"})

    def _resource(self, path: str, query: dict[str, str]) -> None:
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            ok = base64.b64decode(header[6:]).decode() in self.app.basic_pairs
        else:
            ok = header.startswith("Bearer ") and header[7:] in self.app.access_tokens
        if path.startswith("/v2/") and not query.get("api_key"):
            ok = False
        # Echo the request line and the credentials, as a careless server would: whatever is
        # recorded from this reply must still hold no secret.
        echo = {"request": self.path, "authorization": header}
        self._json(200 if ok else 401, echo if ok else [{"error_key": "unauthorized", **echo}])
