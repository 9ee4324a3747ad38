"""Turn a RequestModel into the exact bytes-level request to send (a pure function).

Kept apart from sending so tests can assert what would go out without opening a socket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctct_desktop.core.models import AuthKind, BodyKind, RequestModel
from ctct_desktop.core.urls import check_url


_BAD_NAME = re.compile(r"[ :\r\n\t]")
_LINE_BREAK = re.compile(r"[\r\n]")


class PreparationError(ValueError):
    """The request cannot be sent as it stands; the message is for the user."""


@dataclass(frozen=True)
class PreparedRequest:
    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    content: bytes
    timeout_s: float
    verify_tls: bool
    follow_redirects: bool


def _valid_method(method: str) -> str:
    token = method.strip().upper()
    if not token or any(not (ch.isalnum() or ch in "-_") for ch in token):
        raise PreparationError(f"'{method}' is not a valid HTTP method (letters, digits, - and _ only).")
    return token


def prepare(request: RequestModel) -> PreparedRequest:
    """Validate and assemble; raises PreparationError with a plain message when impossible."""
    method = _valid_method(request.method)
    url = request.url.strip()
    problem = check_url(url)
    if problem:
        raise PreparationError(problem)
    headers: list[tuple[str, str]] = []
    for h in request.enabled_headers():
        name = h.name.strip()
        if _BAD_NAME.search(name) or _LINE_BREAK.search(h.value):
            raise PreparationError(f"The header '{name}' contains a space, colon or line break in its name, "
                                   "or a line break in its value.")
        headers.append((name, h.value))
    names = {n.lower() for n, _ in headers}
    if "content-type" not in names and request.body and request.body_kind is not BodyKind.NONE:
        content_type = request.content_type()
        if content_type:
            headers.append(("Content-Type", content_type))
    auth_value = request.auth.authorization_header()
    if auth_value and "authorization" not in names:
        if request.auth.kind is AuthKind.CTCT_BASIC and not request.auth.api_key:
            raise PreparationError("Constant Contact Basic auth needs the API key as well as the username.")
        headers.append(("Authorization", auth_value))
    content = request.body.encode("utf-8") if request.body_kind is not BodyKind.NONE else b""
    if request.timeout_s <= 0:
        raise PreparationError("The timeout must be more than zero seconds.")
    return PreparedRequest(method, url, tuple(headers), content, request.timeout_s,
                           request.verify_tls, request.follow_redirects)
