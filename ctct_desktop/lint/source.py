"""Reading tags and values straight from the source of a *plain* body (one where every ``<``
is markup: ``ElementMap.plain``), for rules that look for a needle among 100,000 elements.

Such a rule searches the text in C (``str.count``, one regex) and reads only the few tags
around what it found, instead of asking lxml for every element. The values read here are the
values lxml reports: attribute values normalised as XML says (line breaks and tabs become
spaces) and references replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ctct_desktop.lint.tagindex import START_TAG

_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(r"&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _replace(match: re.Match[str]) -> str:
    hexa, decimal, name = match.groups()
    if name is not None:
        return _NAMED[name]
    return chr(int(hexa, 16) if hexa is not None else int(decimal))


def unescape(raw: str) -> str:
    """Replace XML's five entities and character references (the body is well-formed, so
    no other reference can occur)."""
    return _REFERENCE.sub(_replace, raw) if "&" in raw else raw


@dataclass(frozen=True)
class SourceAttribute:
    name: str
    value: str  # as lxml reports it
    start: int  # offsets of the raw value (inside the quotes) in the body
    end: int


def start_tag_at(text: str, offset: int) -> re.Match[str] | None:
    """The start tag beginning at ``offset`` (``open`` names it, ``empty`` is '/' for ``<x/>``)."""
    return START_TAG.match(text, offset)


def attributes(text: str, tag: re.Match[str]) -> Iterator[SourceAttribute]:
    """The attributes of a start tag, in source order."""
    name_end = tag.start() + 1 + len(tag.group("open"))
    for match in _ATTRIBUTE.finditer(text, name_end, tag.end()):
        group = 2 if match.group(2) is not None else 3
        yield SourceAttribute(match.group(1), attribute_value(match.group(group)), match.start(group), match.end(group))


def attribute_value(raw: str) -> str:
    """An attribute value as the parser reports it (XML 1.0 §3.3.3: line ends and tabs become
    spaces before references are replaced)."""
    if "\r" in raw or "\n" in raw or "\t" in raw:
        raw = raw.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return unescape(raw)


def text_value(raw: str) -> str:
    """Character data as the parser reports it (line ends normalised, references replaced)."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return unescape(raw)
