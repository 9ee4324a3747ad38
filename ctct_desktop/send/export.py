"""Exports a user can hand to someone else: a support report of one exchange, a cURL command.

Both pass through the redaction module: Authorization values, secret parameters and every
secret the caller knows are masked, so a report can be attached to a ticket as it is.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from ctct_desktop import __version__
from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.core.redaction import (
    as_secret_set,
    auth_secrets,
    redact_header_value,
    redact_request,
    redact_text,
)
from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.transport.prepare import PreparationError, prepare

MAX_BODY_CHARS = 1_000_000
REPORT_FORMAT = 1


def _platform_line() -> str:
    import platform  # deferred: start-up (measured: ~8 ms; only an export needs it)

    return f"Python {platform.python_version()} on {platform.system()} {platform.release()}"


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


def exchange_report(exchange: Exchange, secrets: Iterable[str] = (), *,
                    explanations: Iterable[str] = (), now: datetime | None = None) -> str:
    """A plain-text report of one exchange for a support ticket, with every secret masked."""
    known = as_secret_set(secrets) | SecretSet.of(auth_secrets(exchange.request.auth))
    request = exchange.request
    safe = redact_request(request, known)
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = [f"CTCT Desktop {__version__} exchange report, {stamp}",
             _platform_line(), "",
             "== Request", f"{safe.method} {redact_text(exchange.sent_url or request.url, known)}"]
    lines += [f"{name}: {redact_header_value(name, value, known)}" for name, value in _wire_headers(request)]
    lines += ["", _body(safe.body)] if safe.body else []
    lines += ["", "== Response"]
    if exchange.response is not None:
        r = exchange.response
        lines.append(f"{r.http_version} {r.status} {r.reason} ({r.elapsed_ms:.0f} ms, {r.body_size:,} bytes)")
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


def exchange_report_data(exchange: Exchange, secrets: Iterable[str] = (), *,
                         explanations: Sequence[str] = (), now: datetime | None = None) -> dict[str, object]:
    """The same report as ``exchange_report``, as data for a ``.json`` file (format 1)."""
    known = as_secret_set(secrets) | SecretSet.of(auth_secrets(exchange.request.auth))
    request = exchange.request
    safe = redact_request(request, known)
    data: dict[str, object] = {
        "format": REPORT_FORMAT,
        "generator": f"CTCT Desktop {__version__}",
        "created": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "platform": _platform_line(),
        "request": {"method": safe.method, "url": redact_text(exchange.sent_url or request.url, known),
                    "headers": [[n, redact_header_value(n, v, known)] for n, v in _wire_headers(request)],
                    "body": _body(safe.body)},
        "response": None, "failure": None,
        "explanation": [redact_text(e, known) for e in explanations],
    }
    if exchange.response is not None:
        r = exchange.response
        t = r.timings
        data["response"] = {
            "status": r.status, "reason": r.reason, "http_version": r.http_version,
            "headers": [[k, redact_header_value(k, v, known)] for k, v in r.headers],
            "body": _body(redact_text(decode_text(r.body, r.content_type), known)),
            "size": r.body_size, "truncated": r.body_truncated, "notes": list(r.notes), "elapsed_ms": round(r.elapsed_ms, 3),
            "timing_ms": {"connect": t.connect_ms, "tls": t.tls_ms, "first_byte": t.ttfb_ms,
                          "download": t.download_ms, "total": t.total_ms}}
    elif exchange.failure is not None:
        f = exchange.failure
        data["failure"] = {"kind": f.kind.value, "message": redact_text(f.message, known),
                           "detail": redact_text(f.detail, known)}
    return data


def write_exchange_report(path: Path, exchange: Exchange, secrets: Iterable[str] = (), *,
                          explanations: Sequence[str] = ()) -> None:
    """Write the report as JSON when ``path`` ends in ``.json``, else as text; atomically."""
    if path.suffix.lower() == ".json":
        text = json.dumps(exchange_report_data(exchange, secrets, explanations=explanations),
                          indent=2, ensure_ascii=False) + "\n"
    else:
        text = exchange_report(exchange, secrets, explanations=explanations)
    write_atomic(path, text.encode("utf-8"))


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


def as_curl(request: RequestModel, secrets: Iterable[str] = ()) -> str:
    """The request as a cURL command line, secrets masked (paste it into a ticket, not a shell)."""
    known = as_secret_set(secrets) | SecretSet.of(auth_secrets(request.auth))
    parts = ["curl", "-X", request.method, redact_text(request.url, known)]
    for name, value in _wire_headers(request):
        parts += ["-H", f"{name}: {redact_header_value(name, value, known)}"]
    if request.body:
        parts += ["--data-binary", redact_text(request.body, known)]
    if not request.verify_tls:
        parts.append("--insecure")
    return " ".join(shlex.quote(p) for p in parts)
