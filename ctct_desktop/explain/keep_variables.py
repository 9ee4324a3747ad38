"""Put the user's ``{{variables}}`` back into a request an action built from a sent exchange.

Actions work on the request as sent (variables resolved: ``http://127.0.0.1:46863/ws/…``). A
request written as ``{{base_url}}/contacts`` must give ``{{base_url}}/contacts/1``, and a link
from the response that starts with the resolved base URL turns back into ``{{base_url}}``:
otherwise the built request, and the history entries it makes, go stale when the sandbox port or
the environment changes, and resolved secrets would sit in the editor.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace

from ctct_desktop.core.models import Auth, Header, RequestModel

_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}")


def leading_variable(written_url: str, resolved_url: str) -> tuple[str, str] | None:
    """(name, value) of the variable the written URL starts with, read off the resolved URL."""
    parts = _VARIABLE.split(written_url.strip())
    if len(parts) < 2 or parts[0]:
        return None
    pattern = "".join(re.escape(part) if i % 2 == 0 else "(.*?)" for i, part in enumerate(parts))
    match = re.fullmatch(pattern, resolved_url.strip(), re.DOTALL)
    if match is None or not match.group(1):
        return None
    return parts[1], match.group(1)


def _auth(built: Auth, written: Auth, resolved: Auth) -> Auth:
    if built == resolved:
        return written
    kept = {f.name: getattr(written, f.name) for f in fields(Auth)
            if getattr(built, f.name) == getattr(resolved, f.name) != getattr(written, f.name)}
    return replace(built, **kept) if built.kind is resolved.kind else built


def _headers(built: tuple[Header, ...], written: tuple[Header, ...],
             resolved: tuple[Header, ...]) -> tuple[Header, ...]:
    as_written = {(r.name, r.value): w for r, w in zip(resolved, written) if r.name == w.name}
    return tuple(as_written.get((h.name, h.value), h) if h.enabled else h for h in built)


def keep_variables(built: RequestModel, written: RequestModel, resolved: RequestModel) -> RequestModel:
    """``built`` with the parts it took unchanged from ``resolved`` written as in ``written``."""
    url = built.url
    leading = leading_variable(written.url, resolved.url)
    if leading is not None and url.startswith(leading[1]):
        url = "{{" + leading[0] + "}}" + url[len(leading[1]):]
    return built.with_changes(
        url=url,
        auth=_auth(built.auth, written.auth, resolved.auth),
        headers=_headers(built.headers, written.headers, resolved.headers),
        body=written.body if built.body == resolved.body else built.body,
    )
