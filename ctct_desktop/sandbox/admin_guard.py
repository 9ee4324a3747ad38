"""Who may use the sandbox's own endpoints (``/_sandbox/*``): programs on this machine, not web pages.

A web page can POST a CORS "simple" request to loopback (no preflight), and a rebound DNS name
(evil.example resolving to 127.0.0.1) reaches loopback with a foreign ``Host``. So an admin
request must carry ``X-CTCT-Sandbox: 1`` (a browser sends a custom header cross-origin only after
a preflight, which the sandbox never approves), name a loopback ``Host``, come from a loopback
peer, and, when it carries an ``Origin``, come from a loopback origin.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # werkzeug stays off the import path of `ctct-desktop sandbox --help`
    from werkzeug.wrappers import Request

ADMIN_HEADER = "X-CTCT-Sandbox"
ADMIN_HEADERS = {ADMIN_HEADER: "1"}


def is_loopback_name(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ::1 (brackets allowed); no DNS lookup."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_of(authority: str) -> str | None:
    """The host part of a ``Host`` header or an origin's authority; None when malformed."""
    try:
        parts = urlsplit("//" + authority)
        _ = parts.port  # raises ValueError on a bad port
    except ValueError:
        return None
    return parts.hostname


def refusal(request: Request) -> str | None:
    """Why this admin request is refused, or None when it may go ahead."""
    if request.headers.get(ADMIN_HEADER, "").strip() != ADMIN_HEADERS[ADMIN_HEADER]:
        return (f"The sandbox admin endpoints need the header {ADMIN_HEADER}: 1 (web pages cannot send it "
                "without a preflight, so a page you visit cannot reset or reconfigure the sandbox).")
    host = _host_of(request.headers.get("Host", ""))
    if host is None or not is_loopback_name(host):
        return ("The sandbox admin endpoints answer only a loopback Host (localhost, 127.0.0.1, [::1]); "
                f"this request named {request.headers.get('Host', '(none)')!r}.")
    if not is_loopback_name(request.remote_addr or ""):
        return "The sandbox admin endpoints answer only programs on this machine."
    origin = request.headers.get("Origin")
    if origin is not None:
        parsed = urlsplit(origin)
        origin_host = _host_of(parsed.netloc) if parsed.scheme in ("http", "https") else None
        if origin_host is None or not is_loopback_name(origin_host):
            return f"The sandbox admin endpoints do not answer requests from the web page {origin!r}."
    return None
