"""URL <-> query-parameter table, with percent-encoding done right.

The table holds decoded values. Building a URL encodes every reserved character, so an email
typed as ``a+b@example.com`` goes out as ``a%2Bb%40example.com`` and never as a ``+`` that a
server would read as a space (reference §9.1 item 1). Parsing a URL decodes with ``unquote``,
not ``unquote_plus``, so a raw ``+`` the user typed stays visible as ``+`` in the table (the
linter flags it in the URL).
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

from ctct_desktop.core.models import QueryParam

# RFC 3986 unreserved characters are the only ones left as they are in a query component.
_SAFE = "-._~"


def encode_component(text: str) -> str:
    """Percent-encode a query name or value (UTF-8), leaving only unreserved characters."""
    return quote(text, safe=_SAFE)


def split_url(url: str) -> tuple[str, str, str]:
    """Split into (before '?', query, '#fragment' or ''), without touching any encoding."""
    fragment = ""
    if "#" in url:
        url, frag = url.split("#", 1)
        fragment = "#" + frag
    if "?" in url:
        base, query = url.split("?", 1)
    else:
        base, query = url, ""
    return base, query, fragment


def parse_query(query: str) -> list[QueryParam]:
    """Decode a raw query string into table rows (empty pairs are dropped)."""
    params: list[QueryParam] = []
    for pair in query.split("&"):
        if not pair:
            continue
        name, sep, value = pair.partition("=")
        params.append(QueryParam(unquote(name), unquote(value) if sep else ""))
    return params


def params_of(url: str) -> list[QueryParam]:
    return parse_query(split_url(url)[1])


def build_query(params: list[QueryParam] | tuple[QueryParam, ...]) -> str:
    parts = []
    for p in params:
        if not p.enabled or not p.name:
            continue
        parts.append(f"{encode_component(p.name)}={encode_component(p.value)}")
    return "&".join(parts)


def with_params(url: str, params: list[QueryParam] | tuple[QueryParam, ...]) -> str:
    """Replace the URL's query with the encoded table; keeps base and fragment as typed."""
    base, _query, fragment = split_url(url)
    query = build_query(params)
    return f"{base}?{query}{fragment}" if query else f"{base}{fragment}"


_SPACE = re.compile(r"\s")


def check_url(url: str) -> str | None:
    """Return a plain-language reason the URL cannot be sent, or None when it looks sendable."""
    text = url.strip()
    if not text:
        return "The URL is empty. Type one, or pick a template from the tree."
    if _SPACE.search(text):  # the same characters as str.isspace, in one C call (a run checks every URL)
        return "The URL contains a space or line break; encode it as %20 or remove it."
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        return f"The URL cannot be parsed: {exc}."
    if parts.scheme not in ("http", "https"):
        if not parts.scheme:
            return "The URL has no scheme; start it with https:// (or http:// for the local sandbox)."
        return f"The scheme '{parts.scheme}' is not supported; use http or https."
    if not parts.hostname:
        return "The URL has no host name."
    try:
        parts.port  # noqa: B018 - raises on an out-of-range or non-numeric port
    except ValueError:
        return "The port in the URL is not a number between 0 and 65535."
    return None
