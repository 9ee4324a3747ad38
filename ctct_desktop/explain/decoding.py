"""Bodies as text for the explainer: by their byte-order mark, their charset, their XML
declaration, or the shape of BOM-less UTF-16, else UTF-8. Never raises.

A UTF-16 error body decoded as UTF-8 becomes text with a NUL after every letter: no article
matches it and a card prints the NULs. Whatever still cannot be decoded is replaced, and
control characters are shown as U+FFFD (see ``printable``).
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED = re.compile(rb"""\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip("\"' "):
            return value.strip("\"' ")
    return None


def _sniffed(data: bytes) -> tuple[str, int]:
    """(codec, bytes to skip) from the first bytes alone."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    head = data[:64]
    if len(head) >= 4 and head.count(0) * 2 >= len(head) - 1:  # every other byte NUL: UTF-16
        return ("utf-16-le" if head[1] == 0 and head[0] != 0 else "utf-16-be"), 0
    declared = _DECLARED.match(data)
    return (declared.group(1).decode("ascii"), 0) if declared else ("", 0)


def decode_body(data: bytes, content_type: str = "") -> str:
    """The body as text (lossy only where the bytes are not text at all)."""
    codec, skip = _sniffed(data)
    if not skip:  # a byte-order mark outranks a charset parameter; a charset outranks guessing
        codec = _charset(content_type) or codec
    for name in (codec, "utf-8"):
        if not name:
            continue
        try:
            return data[skip:].decode(name, errors="replace")
        except LookupError:
            skip = 0
    return data.decode("utf-8", errors="replace")


def printable(text: str) -> str:
    """Text with control characters (NUL and friends) shown as U+FFFD, for cards and terminals."""
    return _CONTROL.sub("\ufffd", text)
