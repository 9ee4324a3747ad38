"""A small TOML writer for our own files: stable output, readable multi-line bodies.

Reading uses the standard library's ``tomllib``; writing is ours so that key order is fixed and a
body is one multi-line string that diffs line by line. Every string written here reads back
exactly, whatever it holds (quotes, backslashes, CRLF, trailing spaces, control characters).
"""

from __future__ import annotations

import math
import re

_BARE_KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
# Characters a literal string may not hold (TOML 1.0): controls other than tab, plus DEL.
_NOT_IN_LITERAL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NOT_IN_MULTILINE_LITERAL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class TomlWriteError(ValueError):
    """A value that TOML cannot hold (for example a lone surrogate in a string)."""


def _check_encodable(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise TomlWriteError(f"The text holds a character that cannot be saved as UTF-8 ({exc.reason}).") from exc


def key(name: str) -> str:
    """A key, bare when possible, quoted otherwise."""
    return name if _BARE_KEY_RE.match(name) else basic_string(name)


def _escape_char(ch: str) -> str:
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    if ord(ch) < 0x20 or ord(ch) == 0x7F:
        return f"\\u{ord(ch):04X}"
    return ch


def basic_string(text: str) -> str:
    """A one-line ``"..."`` string with every needed escape."""
    _check_encodable(text)
    return '"' + "".join(_escape_char(ch) for ch in text) + '"'


def _multiline_basic(text: str) -> str:
    """``\"\"\"`` string: newlines stay real, everything else that needs it is escaped."""
    out: list[str] = []
    for index, ch in enumerate(text):
        if ch == "\n":
            out.append("\n")
        elif ch == '"':
            # A quote is escaped when another follows or it ends the text, so no run of three
            # unescaped quotes (or a quote glued to the closing delimiter) can appear.
            following = text[index + 1] if index + 1 < len(text) else ""
            out.append('\\"' if following in ('"', "") else '"')
        elif ch == "\t":
            out.append("\t")
        else:
            out.append(_escape_char(ch))
    return '"""\n' + "".join(out) + '"""'


def _literal_allowed_multiline(text: str) -> bool:
    return ("'''" not in text and not text.endswith("'")
            and not _NOT_IN_MULTILINE_LITERAL_RE.search(text))


def text_value(text: str, *, multiline: bool = False) -> str:
    """The most readable exact form: literal ``'''`` when possible, else an escaped basic string.

    ``multiline`` asks for a multi-line string whenever the text has a line break (bodies,
    descriptions), so the file shows the text line by line.
    """
    _check_encodable(text)
    if multiline and "\n" in text:
        if _literal_allowed_multiline(text):
            return "'''\n" + text + "'''"
        return _multiline_basic(text)
    if text and "'" not in text and not _NOT_IN_LITERAL_RE.search(text) and '"' in text:
        return "'" + text + "'"
    return basic_string(text)


def number(value: float | int) -> str:
    if isinstance(value, bool):
        raise TomlWriteError("A boolean is not a number.")
    if isinstance(value, int):
        return str(value)
    if math.isnan(value) or math.isinf(value):
        raise TomlWriteError("Timeouts and other numbers must be finite.")
    return repr(float(value))


def boolean(value: bool) -> str:
    return "true" if value else "false"


def line(name: str, rendered: str) -> str:
    return f"{key(name)} = {rendered}"
