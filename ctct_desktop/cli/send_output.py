"""What ``send`` prints: the response on standard output, notes and diagnostics on standard error.

Everything printed passes through the result's ``SecretSet``: a URL with a secret in its query,
an echoed credential in a body, an Authorization header in a failure's detail.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.redaction import redact_header_value, redact_text
from ctct_desktop.lint import Diagnostic
from ctct_desktop.send import SendResult


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
    text = redact_text(decode_text(response.body, response.content_type), secrets)
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    print(f"{response.status} {response.reason} in {response.elapsed_ms:.0f} ms", file=sys.stderr)


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
        "body": redact_text(decode_text(response.body, response.content_type), secrets) if response else None,
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


def print_json(result: SendResult, source: Path, notes: list[str]) -> None:
    print(json.dumps(result_data(result, source, notes), indent=2, ensure_ascii=False))
