"""Look for secrets in a ticket's files before they leave the machine (bundle export and import).

Redaction already masks what the pipeline knew when an exchange was recorded; this scan is the
second look at everything a bundle holds, including files a person edited by hand: credentials
in an Authorization header or a request file's auth fields, secret query/form/JSON parameters,
private keys, and any value the caller knows is a secret. A masked value or a ``{{variable}}``
reference is not a hit. A hit says where and what kind, never the value.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ctct_desktop.core.redaction import MASK, SECRET_PARAMS

_REFERENCE = re.compile(r"^\{\{\s*\$?[\w.-]+\s*\}\}$")
_AUTH_HEADER = re.compile(r"(?i)\b(?:proxy-)?authorization\b[\"']?\s*[:,=]\s*\[?\s*[\"']?\s*(?:[\"']?authorization[\"']?\s*,\s*)?"
                          r"[\"']?(?P<scheme>basic|bearer|token)\s+(?P<value>[^\s\"',\]]+)")
_AUTH_FIELD = re.compile(r"(?im)^\s*(?P<name>password|api_key|token|client_secret)\s*=\s*(?P<q>['\"])(?P<value>.*?)(?P=q)\s*$")
_PARAM = re.compile(r"(?i)(?:^|[?&;\s\"'])(?P<name>" + "|".join(sorted(SECRET_PARAMS)) + r")=(?P<value>[^&#\s\"'<]+)")
_JSON = re.compile(r"(?i)\"(?P<name>" + "|".join(sorted(SECRET_PARAMS)) + r")\"\s*:\s*\"(?P<value>[^\"]+)\"")
_PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")
_USERPWD = re.compile(r"(?i)CURLOPT_USERPWD\s*,\s*[\"'](?P<value>[^\"']+)[\"']")
MIN_KNOWN_LENGTH = 4  # shorter "secrets" would hit ordinary words


@dataclass(frozen=True)
class SecretHit:
    file: str
    line: int
    kind: str  # "Authorization header", "password field", "api_key parameter", "known secret"…

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}"


def _masked(value: str) -> bool:
    return not value or MASK in value or set(value) <= {"*", "•", "x", "X"} or bool(_REFERENCE.match(value)) \
        or value.startswith("{{")


def _basic_has_password(value: str) -> bool:
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return True  # not Base64: still a credential in an Authorization header
    return ":" in decoded and bool(decoded.split(":", 1)[1]) and not _masked(decoded.split(":", 1)[1])


def scan_text(text: str, file: str, known: Iterable[str] = ()) -> list[SecretHit]:
    hits: list[SecretHit] = []

    def line_of(position: int) -> int:
        return text.count("\n", 0, position) + 1

    for match in _AUTH_HEADER.finditer(text):
        value = match.group("value")
        if _masked(value):
            continue
        if match.group("scheme").lower() == "basic" and not _basic_has_password(value):
            continue
        hits.append(SecretHit(file, line_of(match.start()), "Authorization header"))
    for match in _AUTH_FIELD.finditer(text):
        if not _masked(match.group("value")):
            hits.append(SecretHit(file, line_of(match.start()), f"{match.group('name')} field"))
    for pattern in (_PARAM, _JSON):
        for match in pattern.finditer(text):
            if not _masked(match.group("value")):
                hits.append(SecretHit(file, line_of(match.start()), f"{match.group('name').lower()} parameter"))
    for match in _USERPWD.finditer(text):
        value = match.group("value")
        if ":" in value and not _masked(value.split(":", 1)[1]):
            hits.append(SecretHit(file, line_of(match.start()), "CURLOPT_USERPWD credentials"))
    for match in _PRIVATE_KEY.finditer(text):
        hits.append(SecretHit(file, line_of(match.start()), "private key"))
    for secret in {s for s in known if len(s) >= MIN_KNOWN_LENGTH}:
        encoded = base64.b64encode(secret.encode()).decode().rstrip("=")
        for form in (secret, encoded):
            position = text.find(form)
            if position >= 0:
                hits.append(SecretHit(file, line_of(position), "known secret"))
                break
    unique = {(h.file, h.line, h.kind): h for h in hits}
    return sorted(unique.values(), key=lambda h: (h.file, h.line, h.kind))
