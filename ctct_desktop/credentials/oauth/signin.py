"""One OAuth 2.0 sign-in, start to finish: authorize URL, browser, loopback redirect, token.

``SignIn(request).run()`` blocks (run it in a worker) and returns a SignInResult; ``cancel()``
from any thread ends it. Before opening the browser it asks the authorize endpoint once, so a
redirect URI mismatch is explained at once instead of leaving the user on an error page.
"""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum

from ctct_desktop.core.models import QueryParam, RequestModel
from ctct_desktop.core.urls import build_query, parse_query, split_url
from ctct_desktop.credentials.oauth import errors
from ctct_desktop.credentials.oauth.endpoints import V3_DEFAULT_SCOPE, OAuthServer
from ctct_desktop.credentials.oauth.errors import OAuthError
from ctct_desktop.credentials.oauth.listener import Callback, RedirectListener, check_redirect_uri
from ctct_desktop.credentials.oauth.pkce import challenge_s256, make_state, make_verifier
from ctct_desktop.credentials.oauth.tokens import (
    TokenGrant,
    exchange_legacy_code,
    exchange_v3_code,
    grant_from_params,
)

Opener = Callable[[str], bool]


class FlowKind(str, Enum):
    SERVER = "server"  # v1/v2: response_type=code, exchanged with the client secret
    CLIENT = "client"  # v1/v2: response_type=token, token in the URL fragment
    V3_PKCE = "v3"  # v3: authorization code + PKCE (S256), refresh tokens


@dataclass(frozen=True)
class SignInRequest:
    flow: FlowKind
    client_id: str
    redirect_uri: str  # exactly as registered, e.g. http://127.0.0.1:8765/oauth/callback
    server: OAuthServer
    client_secret: str = field(default="", repr=False)
    scope: str = V3_DEFAULT_SCOPE
    timeout_s: float = 300.0
    extra_params: tuple[tuple[str, str], ...] = ()  # added to the authorize URL only
    require_state: bool = True
    preflight: bool = True


@dataclass(frozen=True)
class SignInResult:
    grant: TokenGrant | None = None
    error: OAuthError | None = None
    authorize_url: str = ""

    @property
    def ok(self) -> bool:
        return self.grant is not None and self.error is None


def build_authorize_url(request: SignInRequest, state: str, verifier: str = "",
                        *, with_extras: bool = True) -> str:
    """The URL the browser opens; every value percent-encoded by core.urls."""
    if request.flow is FlowKind.V3_PKCE:
        params = [QueryParam("response_type", "code"), QueryParam("client_id", request.client_id),
                  QueryParam("redirect_uri", request.redirect_uri), QueryParam("scope", request.scope),
                  QueryParam("state", state), QueryParam("code_challenge", challenge_s256(verifier)),
                  QueryParam("code_challenge_method", "S256")]
        base = request.server.v3_authorize
    else:
        response_type = "code" if request.flow is FlowKind.SERVER else "token"
        params = [QueryParam("response_type", response_type), QueryParam("client_id", request.client_id),
                  QueryParam("redirect_uri", request.redirect_uri), QueryParam("state", state)]
        base = request.server.legacy_authorize
    if with_extras:
        params.extend(QueryParam(k, v) for k, v in request.extra_params)
    return f"{base}?{build_query(params)}"


def preflight(url: str, request: SignInRequest) -> OAuthError | None:
    """GET the authorize URL without following redirects; explain a refusal before the browser opens."""
    from ctct_desktop.transport.sender import send

    exchange = send(RequestModel(method="GET", url=url, timeout_s=30.0))
    if exchange.response is None:
        message = exchange.failure.message if exchange.failure else "no response"
        return errors.network(split_url(url)[0], message)
    response = exchange.response
    text = response.body[:20000].decode("utf-8", "replace").lower()
    location = response.header("location") or ""
    said = {p.name: p.value for p in parse_query(split_url(location)[1])}
    mismatch = ("redirect_uri_mismatch" in text or "invalid redirect" in text
                or said.get("error") == "redirect_uri_mismatch"
                or (response.status >= 400 and "redirect_uri" in text))  # e.g. v3: "'redirect_uri' must be ..."
    if mismatch:
        return errors.redirect_mismatch(request.redirect_uri, request.client_id, f"HTTP {response.status}")
    if response.status >= 400:
        return errors.server_error(f"http_{response.status}", f"the authorize page answered {response.status} "
                                   f"{response.reason}", request.redirect_uri)
    return None


def _browser_open(url: str) -> bool:
    try:
        return bool(webbrowser.open(url, new=1))
    except webbrowser.Error:
        return False


class SignIn:
    """A cancellable sign-in; ``authorize_url`` is set once run() has prepared it."""

    def __init__(self, request: SignInRequest, *, opener: Opener | None = None,
                 on_authorize_url: Callable[[str], None] | None = None) -> None:
        self.request = request
        self.opener = opener or _browser_open
        self.on_authorize_url = on_authorize_url
        self.authorize_url = ""
        self.browser_opened = False
        self._state = make_state()
        self._verifier = make_verifier() if request.flow is FlowKind.V3_PKCE else ""
        self._listener: RedirectListener | None = None
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()
        if self._listener is not None:
            self._listener.cancel()

    def run(self) -> SignInResult:
        request = self.request
        self.authorize_url = build_authorize_url(request, self._state, self._verifier)
        unusable = check_redirect_uri(request.redirect_uri)
        if isinstance(unusable, OAuthError):
            return SignInResult(error=unusable, authorize_url=self.authorize_url)
        if request.preflight:
            problem = preflight(build_authorize_url(request, make_state(), self._verifier, with_extras=False),
                                request)
            if problem is not None:
                return SignInResult(error=problem, authorize_url=self.authorize_url)
        if self._cancelled.is_set():
            return SignInResult(error=errors.cancelled(), authorize_url=self.authorize_url)
        listener = RedirectListener(request.redirect_uri, state=self._state,
                                    fragment_mode=request.flow is FlowKind.CLIENT,
                                    require_state=request.require_state)
        problem = listener.start()
        if problem is not None:
            return SignInResult(error=problem, authorize_url=self.authorize_url)
        self._listener = listener
        try:
            if self._cancelled.is_set():
                listener.cancel()
            if self.on_authorize_url is not None:
                self.on_authorize_url(self.authorize_url)
            self.browser_opened = self.opener(self.authorize_url)
            outcome = listener.wait(request.timeout_s)
        finally:
            listener.close()
        if isinstance(outcome, OAuthError):
            return SignInResult(error=outcome, authorize_url=self.authorize_url)
        return self._finish(outcome)

    def _finish(self, callback: Callback) -> SignInResult:
        request = self.request
        url = self.authorize_url
        if callback.get("error"):
            return SignInResult(error=_callback_error(callback, request), authorize_url=url)
        if request.flow is FlowKind.CLIENT:
            grant = grant_from_params(callback.params)
            if grant is None:
                return SignInResult(error=errors.bad_token_reply(200, "the redirect fragment holds no "
                                                                      "access_token"), authorize_url=url)
            return SignInResult(grant=grant, authorize_url=url)
        code = callback.get("code")
        if request.flow is FlowKind.V3_PKCE:
            got = exchange_v3_code(request.server, request.client_id, code, request.redirect_uri,
                                   self._verifier, request.client_secret)
        else:
            got = exchange_legacy_code(request.server, request.client_id, request.client_secret, code,
                                       request.redirect_uri)
        if isinstance(got, OAuthError):
            return SignInResult(error=got, authorize_url=url)
        if not got.username and callback.get("username"):
            got = replace(got, username=callback.get("username"))
        return SignInResult(grant=got, authorize_url=url)


def _callback_error(callback: Callback, request: SignInRequest) -> OAuthError:
    code = callback.get("error")
    description = callback.get("error_description")
    if code == "access_denied":
        return errors.access_denied(description)
    if code == "redirect_uri_mismatch":
        return errors.redirect_mismatch(request.redirect_uri, request.client_id, description)
    return errors.server_error(code, description, request.redirect_uri)
