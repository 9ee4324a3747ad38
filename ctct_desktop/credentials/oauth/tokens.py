"""Token endpoint calls: code exchange (v1/v2 and v3 PKCE), v3 refresh, token info.

Sent through the app's one transport (transport.sender), so TLS and timeouts behave as for any
request. Replies are parsed defensively; every outcome is a TokenGrant or an OAuthError.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from typing import Any

from ctct_desktop.core.models import BodyKind, Exchange, Header, QueryParam, RequestModel
from ctct_desktop.core.redaction import redact_text
from ctct_desktop.core.urls import build_query
from ctct_desktop.credentials.oauth import errors
from ctct_desktop.credentials.oauth.endpoints import OAuthServer
from ctct_desktop.credentials.oauth.errors import OAuthError

TOKEN_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class TokenGrant:
    """What a token endpoint (or a client-flow fragment) granted. ``repr`` hides the tokens."""

    access_token: str
    token_type: str = "Bearer"
    expires_in: float | None = None
    refresh_token: str = ""
    scope: str = ""
    username: str = ""
    received_at: float = 0.0

    @property
    def expires_at(self) -> float | None:
        return None if self.expires_in is None else self.received_at + self.expires_in

    def __repr__(self) -> str:
        return (f"TokenGrant(token_type={self.token_type!r}, expires_in={self.expires_in!r}, "
                f"refresh_token={'yes' if self.refresh_token else 'no'}, scope={self.scope!r}, "
                f"username={self.username!r})")

    __str__ = __repr__


def parse_expires_in(value: Any) -> float | None:
    """Seconds as int, float or numeric string (v1 sends a string); None when absent or silly."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str) and value.strip().replace(".", "", 1).isdigit():
        seconds = float(value.strip())
    else:
        return None
    return seconds if 0 <= seconds < 1e11 else None


def grant_from_params(params: dict[str, Any], *, now: float | None = None) -> TokenGrant | None:
    """A grant from a JSON reply or a client-flow fragment; None without an access token."""
    token = params.get("access_token")
    if not isinstance(token, str) or not token.strip():
        return None

    def text(key: str) -> str:
        value = params.get(key, "")
        return value if isinstance(value, str) else ""

    return TokenGrant(access_token=token.strip(), token_type=text("token_type") or "Bearer",
                      expires_in=parse_expires_in(params.get("expires_in")),
                      refresh_token=text("refresh_token"), scope=text("scope"),
                      username=text("username") or text("user_name"),
                      received_at=time.time() if now is None else now)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None


def parse_token_reply(exchange: Exchange, secrets: tuple[str, ...] = ()) -> TokenGrant | OAuthError:
    """Turn a token endpoint exchange into a grant or a plain-language error."""
    if exchange.failure is not None or exchange.response is None:
        message = exchange.failure.message if exchange.failure else "no response"
        return errors.network(redact_text(exchange.sent_url, secrets), message)
    response = exchange.response
    document = _json(response.body)
    if not response.ok:
        code = description = ""
        if isinstance(document, dict):
            code = str(document.get("error", "") or "")
            description = str(document.get("error_description", "") or "")
        if not code:
            description = description or response.body[:300].decode("utf-8", "replace").strip()
        return errors.token_refused(response.status, redact_text(code, secrets),
                                    redact_text(description, secrets))
    if not isinstance(document, dict):
        return errors.bad_token_reply(response.status, "the body is not a JSON object")
    grant = grant_from_params(document)
    if grant is None:
        return errors.bad_token_reply(response.status, "it holds no access_token")
    return grant


def _post(url: str, form: list[QueryParam] | None = None, headers: tuple[Header, ...] = ()) -> Exchange:
    from ctct_desktop.transport.sender import send

    body = build_query(form) if form else ""
    request = RequestModel(method="POST", url=url, body=body,
                           body_kind=BodyKind.FORM if body else BodyKind.NONE,
                           headers=(Header("Accept", "application/json"), *headers),
                           timeout_s=TOKEN_TIMEOUT_S)
    return send(request)


def exchange_legacy_code(server: OAuthServer, client_id: str, client_secret: str, code: str,
                         redirect_uri: str) -> TokenGrant | OAuthError:
    """v1/v2 server flow: parameters in the query string, as Constant Contact documents (§2.2)."""
    query = build_query([QueryParam("grant_type", "authorization_code"), QueryParam("client_id", client_id),
                         QueryParam("client_secret", client_secret), QueryParam("code", code),
                         QueryParam("redirect_uri", redirect_uri)])
    exchange = _post(f"{server.legacy_token}?{query}")
    return parse_token_reply(exchange, (client_secret, code))


def _client_auth(client_id: str, client_secret: str) -> tuple[Header, ...]:
    if not client_secret:
        return ()
    pair = base64.b64encode(f"{client_id}:{client_secret}".encode("utf-8")).decode("ascii")
    return (Header("Authorization", f"Basic {pair}"),)


def exchange_v3_code(server: OAuthServer, client_id: str, code: str, redirect_uri: str, verifier: str,
                     client_secret: str = "") -> TokenGrant | OAuthError:
    """v3 authorization code + PKCE verifier, as a form; a client secret goes in Basic auth."""
    form = [QueryParam("grant_type", "authorization_code"), QueryParam("code", code),
            QueryParam("redirect_uri", redirect_uri), QueryParam("client_id", client_id),
            QueryParam("code_verifier", verifier)]
    exchange = _post(server.v3_token, form, _client_auth(client_id, client_secret))
    return parse_token_reply(exchange, (code, verifier, client_secret))


def refresh_v3(server: OAuthServer, client_id: str, refresh_token: str,
               client_secret: str = "") -> TokenGrant | OAuthError:
    """A new v3 access token (and usually a new refresh token) from a refresh token."""
    form = [QueryParam("grant_type", "refresh_token"), QueryParam("refresh_token", refresh_token),
            QueryParam("client_id", client_id)]
    exchange = _post(server.v3_token, form, _client_auth(client_id, client_secret))
    return parse_token_reply(exchange, (refresh_token, client_secret))


def token_info(server: OAuthServer, access_token: str) -> dict[str, Any] | OAuthError:
    """v1/v2 token info: {client_id, user_name, expires_in} (reference §2.2)."""
    exchange = _post(f"{server.tokeninfo}?{build_query([QueryParam('access_token', access_token)])}")
    if exchange.response is None or exchange.failure is not None:
        return errors.network(server.tokeninfo, exchange.failure.message if exchange.failure else "no response")
    document = _json(exchange.response.body)
    if not exchange.response.ok or not isinstance(document, dict):
        return errors.token_refused(exchange.response.status, "invalid_token",
                                    "the token is not valid (any more)")
    return document
