"""Pretty-printing as a pure function of (bytes, content type).

Used for the response's Pretty view and the editor's Format action. Never raises: a body that
cannot be formatted comes back as text with a note saying why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from urllib.parse import parse_qsl

from lxml import etree

from ctct_desktop.core.xml_safety import parse_bytes, without_position


class Syntax(str, Enum):
    XML = "xml"
    JSON = "json"
    FORM = "form"
    HTML = "html"
    TEXT = "text"
    BINARY = "binary"


@dataclass(frozen=True)
class Formatted:
    text: str
    syntax: Syntax
    note: str | None = None  # why the body is shown raw, if it is


def detect_syntax(data: bytes, content_type: str = "") -> Syntax:
    """Guess the syntax from the Content-Type, then from the first bytes."""
    ct = content_type.lower()
    if "json" in ct:
        return Syntax.JSON
    if "html" in ct and "xhtml" not in ct:
        return Syntax.HTML
    if "xml" in ct:
        return Syntax.XML
    if "x-www-form-urlencoded" in ct:
        return Syntax.FORM
    if b"\x00" in data[:4096]:
        return Syntax.BINARY
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return Syntax.JSON
    if head[:5].lower() in (b"<!doc", b"<html"):
        return Syntax.HTML
    if head.startswith(b"<"):
        return Syntax.XML
    return Syntax.TEXT


def decode_text(data: bytes, content_type: str = "") -> str:
    """Decode with the declared charset, else UTF-8, replacing what does not decode."""
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _pretty_xml(data: bytes) -> Formatted:
    outcome = parse_bytes(data, remove_blank_text=True)
    if outcome.root is None:
        where = f" (line {outcome.line}, column {outcome.column})" if outcome.line else ""
        error = without_position(outcome.error or "") if where else outcome.error
        return Formatted(decode_text(data), Syntax.XML, f"Shown raw: {error}{where}")
    etree.indent(outcome.root, space="  ")
    text = etree.tostring(outcome.root, encoding="unicode")
    head = data[:200].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"<?xml"):
        declaration = head.split(b"?>", 1)[0].decode("ascii", errors="replace") + "?>"
        text = f"{declaration}\n{text}"
    return Formatted(text + "\n", Syntax.XML)


def _pretty_json(data: bytes, content_type: str) -> Formatted:
    text = decode_text(data, content_type)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Formatted(text, Syntax.JSON, f"Shown raw: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        return Formatted(text, Syntax.JSON, "Shown raw: the JSON is nested too deeply to format.")
    return Formatted(json.dumps(value, indent=2, ensure_ascii=False) + "\n", Syntax.JSON)


def _pretty_form(data: bytes) -> Formatted:
    text = decode_text(data)
    pairs = parse_qsl(text.strip(), keep_blank_values=True)
    if not pairs:
        return Formatted(text, Syntax.FORM)
    lines = [f"{k} = {v}" for k, v in pairs]
    return Formatted("\n".join(lines) + "\n", Syntax.FORM, "Decoded view: one parameter per line.")


def pretty(data: bytes, content_type: str = "") -> Formatted:
    """Pretty-print a body for reading. Pure; safe on hostile or binary input."""
    syntax = detect_syntax(data, content_type)
    if syntax is Syntax.BINARY:
        return Formatted(
            f"[binary body, {len(data):,} bytes — not shown as text]", Syntax.BINARY,
            "The body contains NUL bytes; it is not text.",
        )
    if syntax is Syntax.XML:
        return _pretty_xml(data)
    if syntax is Syntax.JSON:
        return _pretty_json(data, content_type)
    if syntax is Syntax.FORM:
        return _pretty_form(data)
    return Formatted(decode_text(data, content_type), syntax)


def format_editor_text(text: str, syntax: Syntax) -> Formatted:
    """The editor's Format action: same as pretty(), but keeps form bodies encoded."""
    if syntax is Syntax.FORM:
        return Formatted(text, Syntax.FORM, "Form bodies are sent as typed; nothing to format.")
    return pretty(text.encode("utf-8"), "application/xml" if syntax is Syntax.XML else "application/json"
                  if syntax is Syntax.JSON else "text/plain")
