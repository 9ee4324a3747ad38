"""Small, exact edits of a request: element text in an XML body (every other byte untouched),
headers replaced in place, the account part of a v1 URL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from ctct_desktop.core.models import Header, RequestModel


def _element_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"<((?:[\w.-]+:)?){name}(\s[^<>]*)?>([^<]*)</\1{name}\s*>")


def _ranges(body: str, name: str) -> list[tuple[int, int]]:
    """Character ranges of every <name ...>...</name> (or <name/>) block, to exclude from edits."""
    pattern = re.compile(rf"<((?:[\w.-]+:)?){name}\b[^<>]*?(?:/>|>.*?</\1{name}\s*>)", re.DOTALL)
    return [(m.start(), m.end()) for m in pattern.finditer(body)]


def element_texts(body: str, name: str, exclude_inside: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, text) of the text of each simple <name>text</name>, outside excluded blocks."""
    blocked = [r for block in exclude_inside for r in _ranges(body, block)]
    out = []
    for match in _element_pattern(name).finditer(body):
        if any(a <= match.start() < b for a, b in blocked):
            continue
        out.append((match.start(3), match.end(3), match.group(3)))
    return out


def replace_spans(body: str, spans: list[tuple[int, int, str]]) -> str:
    """Apply (start, end, replacement) edits, right to left so offsets stay valid."""
    for start, end, replacement in sorted(spans, reverse=True):
        body = body[:start] + replacement + body[end:]
    return body


def insert_after_element(body: str, anchor: str, element: str, value: str) -> str | None:
    """Insert ``<element>value</element>`` on its own line after ``</anchor>``, indented alike."""
    match = re.search(rf"^([ \t]*)<((?:[\w.-]+:)?){anchor}\b.*?</\2{anchor}\s*>", body, re.DOTALL | re.MULTILINE)
    if not match:
        return None
    indent, prefix = match.group(1), match.group(2)
    line_break = "\r\n" if "\r\n" in body else "\n"
    addition = f"{line_break}{indent}<{prefix}{element}>{value}</{prefix}{element}>"
    return body[: match.end()] + addition + body[match.end():]


def set_header(request: RequestModel, name: str, value: str) -> RequestModel:
    """Set ``name`` to ``value``: the first enabled header of that name keeps its place, other
    enabled duplicates are dropped, and the header is appended when absent."""
    headers: list[Header] = []
    done = False
    for header in request.headers:
        if header.enabled and header.name.strip().lower() == name.lower():
            if not done:
                headers.append(Header(header.name, value))
                done = True
            continue
        headers.append(header)
    if not done:
        headers.append(Header(name, value))
    return request.with_changes(headers=tuple(headers))


def drop_header(request: RequestModel, name: str) -> RequestModel:
    kept = tuple(h for h in request.headers if h.name.strip().lower() != name.lower())
    return request.with_changes(headers=kept)


ACCOUNT_PATH = re.compile(r"^(.*?/ws/customers/)([^/?#]*)(.*)$", re.DOTALL)


def account_base(url: str) -> str | None:
    """``scheme://host/ws/customers/{user}`` of a v1 URL (as typed), or None."""
    match = ACCOUNT_PATH.match(url.strip())
    return match.group(1) + match.group(2) if match else None


def same_origin_url(reference_url: str, target: str) -> str:
    """Point ``target`` (an absolute id URI or a root-relative edit link) at the host and scheme
    the user is actually calling, as clients must (reference §1.1)."""
    ref = urlsplit(reference_url.strip())
    parts = urlsplit(target.strip())
    return urlunsplit((ref.scheme or "https", ref.netloc, parts.path, parts.query, ""))
