"""``{{name}}`` placeholders: finding them (editor highlighting) and resolving them (sending).

Rules, shared by the editor, the linter and the ``send`` command:

- A placeholder is ``{{name}}``; spaces inside the braces are allowed (``{{ name }}``). A name is
  letters, digits, ``_``, ``-`` and ``.``, starting with a letter or ``_``; dynamic variables
  start with ``$`` (``{{$uuid}}``).
- A literal ``{{`` is written ``\\{{``: the backslash is dropped and no placeholder starts there.
  (``\\\\{{name}}`` is a literal backslash followed by the resolved placeholder.)
- Scopes are searched in order (first match wins): the caller passes them highest priority first,
  e.g. command-line ``--var`` values, then the active environment, then collection variables.
  Dynamic variables come last, so a scope can pin ``$uuid`` for a reproducible run.
- Values may themselves hold placeholders (``base_url = .../customers/{{username}}``); they are
  resolved recursively, and a cycle leaves the placeholder unresolved instead of looping.
- A value is encoded for the place it lands: percent-encoded in a URL's query and in a form
  body, XML-escaped in an XML body, JSON-string-escaped in a JSON body, as-is everywhere else
  (URL path, headers, auth fields, text bodies). Variables therefore hold plain, decoded values.
- Each dynamic variable takes one value per resolution, so ``{{$unique_email}}`` used twice in
  one request is the same address both times.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

from ctct_desktop.core.models import Auth, BodyKind, Header, RequestModel

if TYPE_CHECKING:
    from uuid import UUID

_NAME_RE = re.compile(r"\{\{\s*(\$?[A-Za-z_][A-Za-z0-9_.\-]*)\s*\}\}")
MAX_DEPTH = 8


class _Token(NamedTuple):
    """A ``{{`` that matters: a placeholder, or an escaped ``{{`` (``slash_start`` < ``start``).

    A named tuple: every send makes a few per field it resolves, and a frozen dataclass costs
    several times as much to build."""

    slash_start: int  # first of the backslashes right before the braces
    start: int  # the first brace
    end: int
    name: str | None  # None for a bare escaped ``{{``

    @property
    def slashes(self) -> int:
        return self.start - self.slash_start


def _tokens(text: str) -> Iterator[_Token]:
    """Scan once, left to right (linear even on hostile runs of backslashes or braces)."""
    pos = 0
    while True:
        brace = text.find("{{", pos)
        if brace < 0:
            return
        first = brace
        while first > pos and text[first - 1] == "\\":
            first -= 1
        match = _NAME_RE.match(text, brace)
        if match is not None:
            yield _Token(first, brace, match.end(), match.group(1))
            pos = match.end()
        elif first < brace:
            yield _Token(first, brace, brace + 2, None)
            pos = brace + 2
        else:
            pos = brace + 1


@dataclass(frozen=True)
class Placeholder:
    """One ``{{name}}`` in a text: ``text[start:end]`` is the whole placeholder with braces."""

    name: str
    start: int
    end: int

    @property
    def is_dynamic(self) -> bool:
        return self.name.startswith("$")


def find_placeholders(text: str) -> list[Placeholder]:
    """Every live placeholder in ``text``, in order; escaped ones (``\\{{``) are skipped."""
    if "{{" not in text:
        return []
    return [Placeholder(t.name, t.start, t.end) for t in _tokens(text)
            if t.name is not None and t.slashes % 2 == 0]


def _uuid4() -> UUID:
    import uuid  # deferred: start-up (measured: uuid imports platform, ~8 ms)

    return uuid.uuid4()


def _iso_now() -> str:
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


DYNAMIC_VARIABLES: dict[str, tuple[str, Callable[[], str]]] = {
    "$uuid": ("a random UUID (version 4)", lambda: str(_uuid4())),
    "$timestamp": ("the current Unix time in seconds", lambda: str(int(time.time()))),
    "$isoTimestamp": ("the current UTC time as an Atom date-time (2024-05-01T12:00:00.000Z)", _iso_now),
    "$randomInt": ("a random integer from 0 to 1000", lambda: str(random.randint(0, 1000))),
    "$unique_email": ("a fresh, never-used address like demo-1a2b3c4d5e6f@example.com",
                      lambda: f"demo-{_uuid4().hex[:12]}@example.com"),
}


def dynamic_variable_names() -> tuple[str, ...]:
    return tuple(DYNAMIC_VARIABLES)


Encoder = Callable[[str], str]


def _as_is(value: str) -> str:
    return value


def _percent(value: str) -> str:
    return quote(value, safe="-._~")


def _xml_escape(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def _json_escape(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


_BODY_ENCODERS: dict[BodyKind, Encoder] = {
    BodyKind.FORM: _percent,
    BodyKind.XML: _xml_escape,
    BodyKind.JSON: _json_escape,
}


@dataclass(frozen=True)
class Resolution:
    """The request with placeholders replaced, the names left unresolved, and the values used."""

    request: RequestModel
    unresolved: tuple[str, ...] = ()
    used: dict[str, str] = field(default_factory=dict)


class _Resolver:
    """Looks names up through the scopes, memoising values so dynamic ones stay stable."""

    def __init__(self, scopes: Sequence[Mapping[str, str]]) -> None:
        self.scopes = list(scopes)
        self.used: dict[str, str] = {}
        self.unresolved: list[str] = []
        self._active: set[str] = set()  # names being expanded right now: a repeat is a cycle

    def value_of(self, name: str, depth: int = 0) -> str | None:
        if name in self.used:
            return self.used[name]
        raw = None if name in self._active or depth > MAX_DEPTH else self._raw(name)
        if raw is None:
            self._miss(name)
            return None
        self._active.add(name)
        try:
            value = self.substitute(raw, _as_is, depth + 1) if "{{" in raw else raw
        finally:
            self._active.discard(name)
        self.used[name] = value
        return value

    def _raw(self, name: str) -> str | None:
        for scope in self.scopes:
            if name in scope:
                return str(scope[name])
        if name in DYNAMIC_VARIABLES:
            return DYNAMIC_VARIABLES[name][1]()
        return None

    def _miss(self, name: str) -> None:
        if name not in self.unresolved:
            self.unresolved.append(name)

    def substitute(self, text: str, encode: Encoder, depth: int = 0) -> str:
        if "{{" not in text:
            return text
        out: list[str] = []
        cursor = 0
        for token in _tokens(text):
            out.append(text[cursor:token.slash_start])
            out.append("\\" * (token.slashes // 2))
            live = token.name is not None and token.slashes % 2 == 0
            value = self.value_of(token.name, depth) if live and token.name else None
            out.append(text[token.start:token.end] if value is None else encode(value))
            cursor = token.end
        out.append(text[cursor:])
        return "".join(out)


def _substitute_url(resolver: _Resolver, url: str) -> str:
    base, sep, rest = url.partition("?")
    resolved = resolver.substitute(base, _as_is)
    if not sep:
        return resolved
    query, hash_sep, fragment = rest.partition("#")
    return (resolved + "?" + resolver.substitute(query, _percent)
            + (hash_sep + resolver.substitute(fragment, _as_is) if hash_sep else ""))


def _substitute_auth(resolver: _Resolver, auth: Auth) -> Auth:
    return replace(auth, username=resolver.substitute(auth.username, _as_is),
                   password=resolver.substitute(auth.password, _as_is),
                   api_key=resolver.substitute(auth.api_key, _as_is),
                   token=resolver.substitute(auth.token, _as_is),
                   account=resolver.substitute(auth.account, _as_is))


def resolve_request(request: RequestModel, scopes: Sequence[Mapping[str, str]]) -> Resolution:
    """Replace every placeholder in URL, headers, auth fields and body (disabled headers too)."""
    resolver = _Resolver(scopes)
    url = _substitute_url(resolver, request.url)
    headers = tuple(Header(resolver.substitute(h.name, _as_is), resolver.substitute(h.value, _as_is), h.enabled)
                    for h in request.headers)
    auth = _substitute_auth(resolver, request.auth)
    body = resolver.substitute(request.body, _BODY_ENCODERS.get(request.body_kind, _as_is))
    resolved = replace(request, url=url, headers=headers, auth=auth, body=body)
    return Resolution(resolved, tuple(resolver.unresolved), dict(resolver.used))


def resolve_text(text: str, scopes: Sequence[Mapping[str, str]]) -> tuple[str, tuple[str, ...]]:
    """Resolve one plain text with values inserted as-is; returns (text, unresolved names)."""
    resolver = _Resolver(scopes)
    return resolver.substitute(text, _as_is), tuple(resolver.unresolved)


def preview_value(name: str, scopes: Sequence[Mapping[str, str]]) -> str | None:
    """The value a hover tooltip shows for ``name``; None when it is unresolved.

    Dynamic variables are described rather than evaluated, so hovering has no side effects.
    """
    for scope in scopes:
        if name in scope:
            resolver = _Resolver(scopes)
            return resolver.value_of(name)
    if name in DYNAMIC_VARIABLES:
        return f"<{DYNAMIC_VARIABLES[name][0]}>"
    return None


def is_single_placeholder(text: str) -> bool:
    """True when ``text`` is exactly one placeholder, e.g. ``{{api_key}}`` (a secret reference)."""
    found = find_placeholders(text)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(text)
