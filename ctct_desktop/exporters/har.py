"""HAR 1.2 (the browser developer tools' format): one entry per request, with its recorded
response when there is one. Credentials are left out (a HAR holds headers as sent, and the
Authorization header would be the secret itself); each entry's comment says so."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ctct_desktop import __version__
from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Exchange, RequestModel, ResponseRecord
from ctct_desktop.core.redaction import auth_secrets, redact_text
from ctct_desktop.exporters.secrets import reference

NO_CREDENTIALS = "Credentials are not included: add the Authorization header (v1: Basic apikey%username:password)."
AUTH_FIELD = "_auth"  # HAR 1.2 allows custom fields that start with "_": the auth kind, secrets as references


def auth_field(auth: Auth) -> dict[str, str] | None:
    """What the request's auth is, without a secret: its kind, user name, and ``{{references}}``."""
    if auth.kind is AuthKind.NONE:
        return None
    shown = {"kind": auth.kind.value}
    if auth.username:
        shown["username"] = auth.username
    if auth.kind is AuthKind.CTCT_BASIC:
        shown["api_key"] = reference(auth.api_key, "api_key")
    if auth.kind in (AuthKind.BASIC, AuthKind.CTCT_BASIC):
        shown["password"] = reference(auth.password, "password")
    if auth.kind is AuthKind.BEARER:
        shown["token"] = reference(auth.token, "access_token")
    return shown


def _headers(pairs: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": n, "value": v} for n, v in pairs if n.lower() != "authorization"]


def _request(request: RequestModel, sent_url: str, secrets: tuple[str, ...]) -> dict[str, Any]:
    url = sent_url or request.url.strip()
    headers = [(h.name.strip(), redact_text(h.value, secrets)) for h in request.enabled_headers()]
    content_type = request.content_type()
    if content_type and not any(n.lower() == "content-type" for n, _ in headers) and request.body:
        headers.append(("Content-Type", content_type))
    body = redact_text(request.body, secrets) if request.body and request.body_kind is not BodyKind.NONE else ""
    out: dict[str, Any] = {
        "method": request.method.upper(), "url": redact_text(url, secrets), "httpVersion": "HTTP/1.1",
        "cookies": [], "headers": _headers(headers),
        "queryString": [{"name": k, "value": v} for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True)],
        "headersSize": -1, "bodySize": len(body.encode("utf-8")),
    }
    described = auth_field(request.auth)
    if described is not None:
        out[AUTH_FIELD] = described
    if body:
        post: dict[str, Any] = {"mimeType": content_type or "text/plain", "text": body}
        if request.body_kind is BodyKind.FORM:
            post["params"] = [{"name": k, "value": v} for k, v in parse_qsl(body, keep_blank_values=True)]
        out["postData"] = post
    return out


def _response(response: ResponseRecord | None, secrets: tuple[str, ...]) -> dict[str, Any]:
    if response is None:  # HAR has no "not sent": status 0, as browsers write a failed request
        return {"status": 0, "statusText": "", "httpVersion": "", "cookies": [], "headers": [],
                "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "", "headersSize": -1, "bodySize": -1}
    text = redact_text(decode_text(response.body, response.content_type), secrets)
    return {"status": response.status, "statusText": response.reason, "httpVersion": response.http_version or "HTTP/1.1",
            "cookies": [], "headers": [{"name": k, "value": redact_text(v, secrets)} for k, v in response.headers],
            "content": {"size": response.body_size, "mimeType": response.content_type or "x-unknown", "text": text},
            "redirectURL": response.header("location") or "", "headersSize": -1, "bodySize": response.body_size}


def _entry(exchange: Exchange, started: datetime, extra: tuple[str, ...]) -> dict[str, Any]:
    request, response = exchange.request, exchange.response
    secrets = (*auth_secrets(request.auth), *extra)
    time_ms = round(response.elapsed_ms, 3) if response is not None else 0
    entry: dict[str, Any] = {
        "startedDateTime": started.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "time": time_ms, "request": _request(request, exchange.sent_url, secrets),
        "response": _response(response, secrets),
        "cache": {}, "timings": {"send": 0, "wait": time_ms, "receive": 0},
    }
    if request.auth.kind is not AuthKind.NONE or request.header("Authorization") is not None:
        entry["comment"] = NO_CREDENTIALS
    return entry


def har_document(items: Iterable[RequestModel | Exchange], *, now: datetime | None = None,
                 secrets: Iterable[str] = ()) -> dict[str, Any]:
    """Requests (no response yet) or recorded exchanges, in order, as a HAR 1.2 log; ``secrets``
    are masked besides each request's own auth secrets (a send plan's SecretSet)."""
    started = now or datetime.now(timezone.utc)
    extra = tuple(secrets)
    entries = [_entry(i if isinstance(i, Exchange) else Exchange(i), started, extra) for i in items]
    return {"log": {"version": "1.2", "creator": {"name": "CTCT Desktop", "version": __version__},
                    "entries": entries}}


def har_text(items: Iterable[RequestModel | Exchange], *, now: datetime | None = None,
             secrets: Iterable[str] = ()) -> str:
    return json.dumps(har_document(items, now=now, secrets=secrets), indent=2, ensure_ascii=False) + "\n"
