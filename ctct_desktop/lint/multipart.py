"""Reading a multipart/form-data body as text: its boundary and its fields with their offsets.

PHP sends an array in CURLOPT_POSTFIELDS as multipart (casebook T2), so an imported /activities
body can be multipart while its Content-Type says something else; rules read it here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FIRST = re.compile(r"\A[ \t\r\n]*--([0-9A-Za-z'()+_,./:=?-]{1,70})[ \t]*\r?\n")
_NAME = re.compile(r"""Content-Disposition:[^\r\n]*?\bname="((?:[^"\\]|\\.)*)\"""", re.IGNORECASE)
_BLANK = re.compile(r"\r?\n\r?\n")


@dataclass(frozen=True)
class Part:
    name: str
    value: str
    start: int  # the part's first character (its headers)
    end: int  # just past its value


def boundary_of(body: str) -> str | None:
    """The boundary a multipart body opens with, when its first part is form-data."""
    match = _FIRST.match(body)
    if match is None:
        return None
    head = body[match.end():match.end() + 2048]
    return match.group(1) if _NAME.match(head.lstrip()) or "content-disposition" in head[:200].lower() else None


def parts(body: str, boundary: str) -> list[Part]:
    """The named parts, in order (a part without a name is skipped)."""
    found: list[Part] = []
    delimiter = "--" + boundary
    position = body.find(delimiter)
    while position >= 0:
        start = position + len(delimiter)
        if body.startswith("--", start):
            break
        following = body.find(delimiter, start)
        end = following if following >= 0 else len(body)
        part = _part(body, start, end)
        if part is not None:
            found.append(part)
        position = following
    return found


def _part(body: str, start: int, end: int) -> Part | None:
    blank = _BLANK.search(body, start, end)
    if blank is None:
        return None
    name = _NAME.search(body, start, blank.start())
    if name is None:
        return None
    value_end = end
    for ending in ("\r\n", "\n"):
        if body.endswith(ending, blank.end(), end):
            value_end = end - len(ending)
            break
    return Part(name.group(1).replace('\\"', '"'), body[blank.end():value_end], start, value_end)
