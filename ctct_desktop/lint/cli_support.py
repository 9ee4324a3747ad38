"""The lint command's pieces: reading a body file, building the request, rendering results.

Kept apart from ``command.py`` so that module stays cheap to import for ``--help``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sys
from pathlib import Path

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.lint.model import Diagnostic

_DECLARED = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_MAX_BYTES = 256 * 1024 * 1024


class UsageError(Exception):
    """A problem with the command line or the input file; the message is for the user."""


def read_body(path: str) -> tuple[str, bytes | None]:
    """The body as text, plus its raw bytes when they are not plain UTF-8 (for encoding checks)."""
    data = _read_bytes(path)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UsageError(f"{path}: looks like a binary file (it contains NUL bytes), not a request body")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    return _decode_other(data), data


def _read_bytes(path: str) -> bytes:
    """The file's bytes, or standard input's, refused past the same limit either way (reading
    one byte more tells a 300 MB input from a 256 MiB one without holding more)."""
    if path == "-":
        data = sys.stdin.buffer.read(_MAX_BYTES + 1)
        if len(data) > _MAX_BYTES:
            raise UsageError(f"standard input is larger than {_limit()}; not a request body")
        return data
    file = Path(path)
    try:
        if file.is_dir():
            raise UsageError(f"{path}: is a directory, not a body file")
        if file.stat().st_size > _MAX_BYTES:
            raise UsageError(f"{path}: larger than {_limit()}; not a request body")
        return file.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except PermissionError:
        raise UsageError(f"{path}: permission denied") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _limit() -> str:
    mib, rest = divmod(_MAX_BYTES, 1024 * 1024)
    return f"{mib} MiB" if mib and not rest else f"{_MAX_BYTES:,} bytes"


def _decode_other(data: bytes) -> str:
    """Decode with the BOM's or the declaration's encoding, else Latin-1 (never fails)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    declared = _DECLARED.match(data)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("latin-1")


def parse_header(text: str) -> Header:
    name, sep, value = text.partition(":")
    name = name.strip()
    if not sep or not name or any(ch.isspace() for ch in name):
        raise UsageError(f"bad -H '{text}': write it as 'Name: value'")
    return Header(name, value.strip())


def _auth_from(headers: list[Header]) -> tuple[list[Header], Auth]:
    """Turn a Basic Authorization header into an Auth so the credential rules can read it."""
    for header in headers:
        if header.name.lower() != "authorization" or not header.value.lower().startswith("basic "):
            continue
        try:
            user, _, password = base64.b64decode(header.value[6:].strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise UsageError("the Authorization header is not valid Basic (base64 of user:password)") from None
        rest = [h for h in headers if h is not header]
        if user.count("%") == 1:
            key, _, name = user.partition("%")
            return rest, Auth(AuthKind.CTCT_BASIC, username=name, password=password, api_key=key)
        return rest, Auth(AuthKind.BASIC, username=user, password=password)
    return headers, Auth()


def _body_kind(text: str, headers: list[Header]) -> BodyKind:
    ctype = next((h.value.lower() for h in headers if h.name.lower() == "content-type"), "")
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        return BodyKind.NONE
    if "xml" in ctype:
        return BodyKind.XML
    if "json" in ctype:
        return BodyKind.JSON
    if "form" in ctype:
        return BodyKind.FORM
    if stripped.startswith(("<", "?xml")):
        return BodyKind.XML
    if stripped[0] in "{[":
        return BodyKind.JSON
    if re.match(r"[A-Za-z_][\w.%-]*=", stripped):
        return BodyKind.FORM
    return BodyKind.TEXT


def build_request(text: str, method: str, url: str, raw_headers: list[str],
                  raw_vars: list[str] | None) -> tuple[RequestModel, dict[str, str] | None]:
    headers = [parse_header(h) for h in raw_headers]
    headers, auth = _auth_from(headers)
    variables = None
    if raw_vars is not None:
        variables = {}
        for item in raw_vars:
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise UsageError(f"bad --var '{item}': write it as NAME=VALUE")
            variables[name.strip()] = value
    request = RequestModel(method=method.strip().upper() or "POST", url=url, headers=tuple(headers),
                           body=text, body_kind=_body_kind(text, headers), auth=auth)
    return request, variables


def render(diagnostics: list[Diagnostic], label: str, fmt: str) -> str:
    if fmt == "json":
        return json.dumps([d.to_json() for d in diagnostics], indent=2, ensure_ascii=False)
    return "\n".join(_text_line(d, label) for d in diagnostics)


def _text_line(d: Diagnostic, label: str) -> str:
    hint = f" ({d.hint})" if d.hint else ""
    if d.line is not None:
        return f"{label}:{d.line}:{d.column}: {d.severity.value}[{d.code}]: {d.message}{hint}"
    return f"{label}: {d.severity.value}[{d.code}]: {d.where.value}: {d.message}{hint}"
