"""The sandbox WSGI application: routing, faults and latency, authentication, dispatch.

Every failure becomes an answer with a message; a 500 comes from a quirk, or from a bug, which
is logged with its traceback so it can be fixed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.routing import MapAdapter
from werkzeug.wrappers import Request, Response

from ctct_desktop.sandbox import admin, admin_guard, errors, faults, oauth_authorize, oauth_tokens
from ctct_desktop.sandbox.activities import ActivityWorker
from ctct_desktop.sandbox.auth import authenticate, check_path_user
from ctct_desktop.sandbox.context import Ctx
from ctct_desktop.sandbox.db import Database
from ctct_desktop.sandbox.quirks import Quirks
from ctct_desktop.sandbox.routes import API_METHODS, URL_MAP

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

log = logging.getLogger("ctct_desktop.sandbox")
MAX_REQUEST = 16 * 1024 * 1024


class SandboxRequest(Request):
    max_content_length = MAX_REQUEST
    max_form_memory_size = MAX_REQUEST


class SandboxApp:
    def __init__(self, db: Database, quirks: Quirks, worker: ActivityWorker, stopping: threading.Event) -> None:
        self.db, self.quirks, self.worker, self.stopping = db, quirks, worker, stopping
        self._active = 0
        self._idle = threading.Condition()

    def wait_idle(self, timeout: float) -> bool:
        """Wait for requests in flight to finish (before the database closes); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, timeout)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        with self._idle:
            self._active += 1
        try:
            return self._answer(SandboxRequest(environ))(environ, start_response)
        finally:
            with self._idle:
                self._active -= 1
                self._idle.notify_all()

    def _answer(self, request: Request) -> Response:
        if self.stopping.is_set():
            return errors.ApiError(503, "The sandbox is stopping.").to_response()
        try:
            response = self._dispatch(request)
        except faults.InjectedFault:
            raise
        except errors.ApiError as exc:
            response = exc.to_response()
        except oauth_tokens.OAuthError as exc:
            response = exc.to_response()
        except HTTPException as exc:
            response = errors.ApiError(exc.code or 400, exc.description or exc.name).to_response()
        except Exception:
            log.exception("sandbox bug while answering %s %s", request.method, request.path)
            response = errors.ApiError(500, "The sandbox failed while answering; its log has the details.").to_response()
        return _with_standard_reason(response)

    def _dispatch(self, request: Request) -> Response:
        adapter = URL_MAP.bind("sandbox", url_scheme="http")
        if request.path.startswith("/ws/"):
            return self._api(request, adapter)
        try:
            endpoint, _ = adapter.match(request.path, method="GET")
        except NotFound:
            raise errors.not_found(f"The resource {request.path}") from None
        return self._other(endpoint, request)

    def _other(self, endpoint: str, request: Request) -> Response:
        if endpoint.startswith("admin_"):
            refused = admin_guard.refusal(request)
            if refused is not None:
                return admin.refused(refused)
        if endpoint == "admin_quirks":
            return admin.quirks_endpoint(request, self.quirks)
        if endpoint == "admin_reset":
            return admin.reset_endpoint(request, self.db)
        if endpoint in ("v1_authorize", "v3_authorize"):
            return oauth_authorize.authorize(request, self.db, endpoint[:2])
        allowed = {"v1_token": ("POST",), "v3_token": ("POST",), "tokeninfo": ("POST", "GET")}
        if request.method not in allowed.get(endpoint, ("GET", "HEAD")):
            raise oauth_tokens.OAuthError("invalid_request", f"{request.method} is not supported on {request.path}.", 405)
        if endpoint == "v1_token":
            return oauth_tokens.v1_token(request, self.db)
        if endpoint == "v3_token":
            return oauth_tokens.v3_token(request, self.db, self.quirks)
        if endpoint == "tokeninfo":
            return oauth_tokens.tokeninfo(request, self.db)
        return Response("CTCT Desktop sandbox: the Constant Contact v1 API is under /ws/customers/joesflowers/\n",
                        content_type="text/plain; charset=utf-8")

    def _api(self, request: Request, adapter: MapAdapter) -> Response:
        faults.delay(self.quirks.number("latency_ms"), self.stopping)
        fault = self.quirks.get("fault")
        if fault != "none":
            faults.apply(fault, request, self.stopping, lambda: self._api_answer(request, adapter))
        return self._api_answer(request, adapter)

    def _api_answer(self, request: Request, adapter: MapAdapter) -> Response:
        try:
            return self._api_checked(request, adapter)
        except errors.ApiError as exc:
            return exc.to_response()

    def _api_checked(self, request: Request, adapter: MapAdapter) -> Response:
        parts = request.path.split("/")
        path_user = parts[3] if len(parts) > 3 and parts[2] == "customers" else None
        if path_user is not None and "%" in path_user:
            raise errors.bad_request(
                "Bad Request: the URI holds '%'; the API key belongs in the Basic credential "
                "(apikey%username), never in the URI path.")
        user = authenticate(request, self.db)
        if path_user is None:
            raise errors.not_found(f"The resource {request.path}")
        check_path_user(path_user, user, self.quirks.number("user_mismatch_status"))
        try:
            endpoint, matched = adapter.match(request.path, method="GET")
        except NotFound:
            raise errors.not_found(f"The resource {request.path}") from None
        values = {name: value for name, value in matched.items() if name != "username"}
        method = "GET" if request.method == "HEAD" else request.method
        handler = API_METHODS[endpoint].get(method)
        if handler is None:
            raise errors.unsupported_method(request.method, request.path)
        ctx = Ctx(request, self.db, user, self.quirks, self.worker)
        return handler(ctx, **values)


def _with_standard_reason(response: Response) -> Response:
    """Werkzeug upper-cases reason phrases ("201 CREATED"); servers, the real API's included,
    send them as the RFC writes them ("201 Created"), and that is what users see in the status line."""
    phrase = HTTP_STATUS_CODES.get(response.status_code)
    if phrase:
        response.status = f"{response.status_code} {phrase}"
    return response
