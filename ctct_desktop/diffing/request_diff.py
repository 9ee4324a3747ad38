"""Two requests: method, URL (path and query decoded), headers (names case-insensitive, order not
a difference), Content-Type, auth (its shape only: a secret is never shown) and body."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from ctct_desktop.core.models import Auth, AuthKind, RequestModel
from ctct_desktop.diffing import links
from ctct_desktop.diffing.bodies import body_differences
from ctct_desktop.diffing.form_diff import field_differences
from ctct_desktop.diffing.model import Difference

_NOT_HEADERS = frozenset({"content-type", "authorization", "content-length", "host", "user-agent"})
_USER_STRING = re.compile(r"^[^%]+%[^%]+$")


def normal_media_type(value: str | None) -> str:
    if not value:
        return ""
    parts = [p.strip().lower() for p in value.split(";") if p.strip()]
    return "; ".join(parts[:1] + sorted(parts[1:]))


def auth_shape(auth: Auth, header: str | None = None) -> str:
    """What the credentials look like, never what they are."""
    password = "password set" if auth.password else "password empty"
    if auth.kind is AuthKind.CTCT_BASIC:
        key = "API key" if auth.api_key else "no API key"
        return f"Basic, user {key}%username, {password}"
    if auth.kind is AuthKind.BASIC:
        user = auth.username
        shape = ("API key%username" if _USER_STRING.match(user) else
                 f"with {user.count('%')} '%' signs (needs API key%username)" if "%" in user
                 else "without '%' (needs API key%username)")
        return f"Basic, user {shape}, {password}"
    if auth.kind is AuthKind.BEARER:
        return "Bearer token" if auth.token else "Bearer, no token"
    if header:
        return f"{header.split()[0]} (Authorization header)" if header.split() else "empty Authorization header"
    return "none"


def _auth(a: RequestModel, b: RequestModel) -> list[Difference]:
    shape_a, shape_b = auth_shape(a.auth, a.header("Authorization")), auth_shape(b.auth, b.header("Authorization"))
    if shape_a != shape_b:
        return [Difference("request auth", "auth", shape_a, shape_b, "L024", "v1-401-user-string",
                           "v1 Basic auth is API key and username joined by %, then a colon and the password")]
    if a.auth.kind is AuthKind.CTCT_BASIC and a.auth.username != b.auth.username:
        return [Difference("request auth username", "auth", a.auth.username, b.auth.username, "L024",
                           "v1-401-path-user-mismatch")]
    return []


def _headers(a: RequestModel, b: RequestModel, where: str) -> list[Difference]:
    def rows(request: RequestModel) -> list[tuple[str, str]]:
        return [(h.name.strip().lower(), h.value.strip()) for h in request.enabled_headers()
                if h.name.strip().lower() not in _NOT_HEADERS]
    out = field_differences(rows(a), rows(b), where, ("header", "header", "header"))
    return out


def _url(a: RequestModel, b: RequestModel) -> list[Difference]:
    ua, ub = urlsplit(a.url.strip()), urlsplit(b.url.strip())
    out = []
    if (ua.scheme.lower(), ua.netloc.lower()) != (ub.scheme.lower(), ub.netloc.lower()):
        out.append(Difference("request URL host", "url-host", f"{ua.scheme}://{ua.netloc}", f"{ub.scheme}://{ub.netloc}"))
    pa, pb = unquote(ua.path), unquote(ub.path)
    if pa.rstrip("/") != pb.rstrip("/"):
        out.append(Difference("request URL path", "url-path", pa, pb))
    qa = parse_qsl(ua.query, keep_blank_values=True)
    qb = parse_qsl(ub.query, keep_blank_values=True)
    for d in field_differences(qa, qb, "request query", ("query", "query", "query")):
        if d.where.endswith(" email") and d.a and d.b and d.a.replace(" ", "+") == d.b:
            d = Difference(d.where, d.kind, d.a, d.b, "L023", "v1-500-search-miss",
                           "a raw + in the query is read as a space: encode it as %2B")
        out.append(d)
    return out


def request_differences(a: RequestModel, b: RequestModel) -> list[Difference]:
    out: list[Difference] = []
    if a.method.strip().upper() != b.method.strip().upper():
        out.append(Difference("request method", "method", a.method.upper(), b.method.upper()))
    out += _url(a, b)
    ct_a, ct_b = a.content_type() if a.body else a.header("Content-Type"), \
        b.content_type() if b.body else b.header("Content-Type")
    if normal_media_type(ct_a) != normal_media_type(ct_b):
        out.append(Difference("request header Content-Type", "content-type", ct_a, ct_b,
                              *links.content_type_link(urlsplit(b.url.strip()).path)))
    out += _auth(a, b)
    out += _headers(a, b, "request header")
    out += body_differences(a.body, b.body, ct_a or "", ct_b or "", "request body")
    return out
