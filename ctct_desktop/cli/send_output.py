"""What ``send`` prints: the response on standard output, notes and diagnostics on standard error.

Everything printed passes through the result's ``SecretSet``: a URL with a secret in its query,
an echoed credential in a body, an Authorization header in a failure's detail.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path
from typing import Any

from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import BodyUnavailable, ResponseRecord
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.core.redaction import redact_header_value, redact_text
from ctct_desktop.lint import Diagnostic
from ctct_desktop.send import SendResult

_MARGIN = 4096  # longer than any secret in any of its encodings


def _diagnostic_line(d: Diagnostic) -> str:
    where = f"{d.where.value}:{d.line}:{d.column}" if d.line else d.where.value
    hint = f" ({d.hint})" if d.hint else ""
    return f"{where}: {d.severity.value}[{d.code}]: {d.message}{hint}"


def print_text(result: SendResult, notes: list[str]) -> None:
    secrets = result.secrets
    for note in notes:
        print(f"note: {redact_text(note, secrets)}", file=sys.stderr)
    for d in result.plan.diagnostics:
        print(redact_text(_diagnostic_line(d), secrets), file=sys.stderr)
    failure, response = result.failure, result.response
    if failure is not None and response is None:
        if result.sent:
            print(f"No response: {redact_text(failure.message, secrets)}", file=sys.stderr)
        else:
            hint = " (or use --force to send despite lint errors)" if result.plan.sendable else ""
            print(redact_text(failure.message, secrets) + hint, file=sys.stderr)
        return
    if response is None:
        return
    print(f"{response.http_version} {response.status} {response.reason}")
    for name, value in response.headers:
        print(f"{name}: {redact_header_value(name, value, secrets)}")
    print()
    last = _write_body(response, secrets)
    if last and not last.endswith("\n"):
        sys.stdout.write("\n")
    for note in response.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"{response.status} {response.reason} in {response.elapsed_ms:.0f} ms", file=sys.stderr)


def _write_body(response: ResponseRecord, secrets: SecretSet) -> str:
    """Stream the body (a spooled one from its file), masked piece by piece; returns the last text."""
    if not response.body_path:
        text = redact_text(decode_text(response.body, response.content_type), secrets)
        sys.stdout.write(text)
        return text
    decoder = codecs.getincrementaldecoder(_charset(response.content_type))(errors="replace")
    carry, last = "", ""
    try:
        for piece in response.iter_body():
            text = carry + decoder.decode(piece)
            cut = safe_cut(text, secrets)
            out = redact_text(text[:cut], secrets)
            carry = text[cut:]
            sys.stdout.write(out)
            last = out or last
    except BodyUnavailable as exc:
        print(f"note: {exc}", file=sys.stderr)
    tail = redact_text(carry + decoder.decode(b"", final=True), secrets)
    sys.stdout.write(tail)
    return tail or last


def safe_cut(text: str, secrets: SecretSet) -> int:
    """Where ``text`` may be split so that no secret, in any form, and no ``key=value`` pair is cut.

    The rest (at least ``_MARGIN`` characters) is masked together with the next piece.
    """
    cut = len(text) - _MARGIN
    if cut <= 0:
        return 0
    boundary = max(text.rfind(ch, 0, cut) for ch in "\n<>&\" ")
    cut = boundary + 1 if boundary >= 0 else cut
    for form in secrets:
        start = text.find(form, max(0, cut - len(form) + 1), cut + len(form))
        while start != -1 and start < cut:
            if start + len(form) > cut:
                cut = start
                break
            start = text.find(form, start + 1, cut + len(form))
    return cut


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value.strip(' "'):
            try:
                return codecs.lookup(value.strip(' "')).name
            except LookupError:
                break
    return "utf-8"


def result_data(result: SendResult, source: Path, notes: list[str]) -> dict[str, Any]:
    secrets = result.secrets
    exchange, response = result.exchange, result.response
    data: dict[str, Any] = {
        "request": {"method": result.plan.resolved.method,
                    "url": redact_text(exchange.sent_url or result.plan.resolved.url, secrets),
                    "file": str(source)},
        "sent": result.sent,
        "status": response.status if response else None,
        "reason": response.reason if response else None,
        "http_version": response.http_version if response else None,
        "headers": [[k, redact_header_value(k, v, secrets)] for k, v in response.headers] if response else [],
        "body": redact_text(decode_text(_whole(response), response.content_type), secrets) if response else None,
        "body_size": response.body_size if response else None,
        "body_truncated": response.body_truncated if response else False,
        "response_notes": list(response.notes) if response else [],
        "elapsed_ms": round(response.elapsed_ms, 3) if response else None,
        "diagnostics": [d.to_json() for d in result.plan.diagnostics],
        "unresolved": list(result.plan.unresolved),
        "notes": [redact_text(n, secrets) for n in notes],
        "error": None,
    }
    failure = exchange.failure
    if failure is not None:
        data["error"] = {"kind": failure.kind.value, "message": redact_text(failure.message, secrets),
                         "detail": redact_text(failure.detail, secrets)}
    return data


def _whole(response: ResponseRecord) -> bytes:
    """JSON holds the body in one string, so a spooled body is read whole (up to the cap)."""
    try:
        return response.read_body()
    except BodyUnavailable:
        return response.body


def print_json(result: SendResult, source: Path, notes: list[str]) -> None:
    print(json.dumps(result_data(result, source, notes), indent=2, ensure_ascii=False))
