"""Exports a user can hand to someone else: a support report of one exchange, a cURL command.

Both pass through the redaction module: Authorization values, secret parameters and every
secret the caller knows are masked, so a report can be attached to a ticket as it is.
"""

from __future__ import annotations

import platform
import shlex
from collections.abc import Sequence
from datetime import datetime, timezone

from ctct_desktop import __version__
from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.core.redaction import (
    auth_secrets,
    known_secrets,
    redact_header_value,
    redact_request,
    redact_text,
)
from ctct_desktop.transport.prepare import PreparationError, prepare

MAX_BODY_CHARS = 1_000_000


def _body(text: str) -> str:
    if len(text) > MAX_BODY_CHARS:
        return text[:MAX_BODY_CHARS] + f"\n[... {len(text) - MAX_BODY_CHARS:,} more characters not included]"
    return text


def _wire_headers(request: RequestModel) -> list[tuple[str, str]]:
    """The headers as they went out (Content-Type implied by the body kind, Authorization composed)."""
    try:
        return list(prepare(request).headers)
    except PreparationError:
        return [(h.name, h.value) for h in request.enabled_headers()]


def exchange_report(exchange: Exchange, secrets: Sequence[str] = (), *,
                    explanations: Sequence[str] = (), now: datetime | None = None) -> str:
    """A plain-text report of one exchange for a support ticket, with every secret masked."""
    known = tuple(secrets) + auth_secrets(exchange.request.auth) + known_secrets()
    request = exchange.request
    safe = redact_request(request, known)
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = [f"CTCT Desktop {__version__} exchange report, {stamp}",
             f"Python {platform.python_version()} on {platform.system()} {platform.release()}", "",
             "== Request", f"{safe.method} {redact_text(exchange.sent_url or request.url, known)}"]
    lines += [f"{name}: {redact_header_value(name, value, known)}" for name, value in _wire_headers(request)]
    lines += ["", _body(safe.body)] if safe.body else []
    lines += ["", "== Response"]
    if exchange.response is not None:
        r = exchange.response
        lines.append(f"{r.http_version} {r.status} {r.reason} ({r.elapsed_ms:.0f} ms, {len(r.body):,} bytes)")
        lines += [f"{k}: {redact_header_value(k, v, known)}" for k, v in r.headers]
        text = decode_text(r.body, r.content_type)
        lines += ["", _body(redact_text(text, known))] if text else []
        t = r.timings
        lines += ["", "== Timing", f"connect {_ms(t.connect_ms)}, TLS {_ms(t.tls_ms)}, first byte {_ms(t.ttfb_ms)}, "
                  f"download {_ms(t.download_ms)}, total {_ms(t.total_ms)}"]
    elif exchange.failure is not None:
        f = exchange.failure
        lines += [f"No response: {f.kind.value}", redact_text(f.message, known), redact_text(f.detail, known)]
    if explanations:
        lines += ["", "== Explanation"] + [redact_text(e, known) for e in explanations]
    return "\n".join(lines).rstrip() + "\n"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


def as_curl(request: RequestModel, secrets: Sequence[str] = ()) -> str:
    """The request as a cURL command line, secrets masked (paste it into a ticket, not a shell)."""
    known = tuple(secrets) + auth_secrets(request.auth) + known_secrets()
    parts = ["curl", "-X", request.method, redact_text(request.url, known)]
    for name, value in _wire_headers(request):
        parts += ["-H", f"{name}: {redact_header_value(name, value, known)}"]
    if request.body:
        parts += ["--data-binary", redact_text(request.body, known)]
    if not request.verify_tls:
        parts.append("--insecure")
    return " ".join(shlex.quote(p) for p in parts)
