"""Where the tags are: compact indexes of a body's start and end tags, and the span type.

``TagIndex`` is one pass over a body with comments, CDATA, PIs or a DOCTYPE, into offset
arrays (8 bytes a tag, not an object each). ``StartIndex`` counts start tags per block of a
plain body with ``str.count`` and finds the n-th within one block. ``ElementMap`` (xmlmap)
builds either only when an element cannot be read from its own line.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass

START_TAG = re.compile(r"""<(?P<open>[^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(?P<empty>/?)>""")
_START_AT = re.compile(r"<(?=[^/?!])")
_OPAQUE = re.compile(r"<[!?]")
_TOKEN = re.compile(
    r"""<!--.*?-->
    |<!\[CDATA\[.*?\]\]>
    |<\?.*?\?>
    |<!DOCTYPE(?:[^\[>]|\[.*?\])*>
    |</(?P<close>[^\s>]+)\s*>
    |<(?P<open>[^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(?P<empty>/?)>""",
    re.S | re.X,
)


@dataclass(slots=True)
class ElementSpan:
    """Offsets in the body str: the start tag, its name, and the end tag (if any)."""

    start: int
    name_end: int
    open_end: int
    close_start: int | None = None
    close_end: int | None = None

    @property
    def end(self) -> int:
        return self.close_end if self.close_end is not None else self.open_end

    @property
    def content(self) -> tuple[int, int]:
        if self.close_start is None:
            return self.open_end, self.open_end
        return self.open_end, self.close_start

    @property
    def name_range(self) -> tuple[int, int]:
        return self.start + 1, self.name_end

    @property
    def close_name_range(self) -> tuple[int, int] | None:
        if self.close_start is None or self.close_end is None:
            return None
        return self.close_start + 2, self.close_start + 2 + (self.name_end - self.start - 1)


def has_opaque_sections(text: str, start: int = 0) -> bool:
    """True when a ``<`` may be text: a comment, CDATA, PI or DOCTYPE (the XML declaration
    at the very start does not count)."""
    found = _OPAQUE.search(text, start)
    if found is not None and text.startswith("<?xml", found.start()) \
            and not text[start:found.start()].strip("\ufeff \t\r\n"):
        end = text.find("?>", found.start())
        found = _OPAQUE.search(text, end) if end >= 0 else found
    return found is not None


class TagIndex:
    """Every element's tag offsets in document order, from one pass (compact arrays)."""

    def __init__(self, text: str, start: int = 0) -> None:
        self.starts, self.name_ends, self.open_ends = array("q"), array("q"), array("q")
        self.close_starts, self.close_ends = array("q"), array("q")
        stack: list[int] = []
        for match in _TOKEN.finditer(text, start):
            opened = match.group("open")
            if opened is not None:
                self.starts.append(match.start())
                self.name_ends.append(match.start() + 1 + len(opened))
                self.open_ends.append(match.end())
                self.close_starts.append(-1)
                self.close_ends.append(-1)
                if not match.group("empty"):
                    stack.append(len(self.starts) - 1)
            elif match.group("close") is not None and stack:
                rank = stack.pop()
                self.close_starts[rank], self.close_ends[rank] = match.start(), match.end()

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, rank: int) -> ElementSpan:
        close = self.close_starts[rank]
        return ElementSpan(self.starts[rank], self.name_ends[rank], self.open_ends[rank],
                           close if close >= 0 else None, self.close_ends[rank] if close >= 0 else None)

    def ranks_on_line(self, line_start: int, next_line_start: int) -> tuple[int, int]:
        """[low, high): ranks of the start tags whose ``>`` lies in [line_start, next_line_start)."""
        return bisect_left(self.open_ends, line_start + 1), bisect_left(self.open_ends, next_line_start + 1)


class StartIndex:
    """How many start tags each block of a plain body holds, from ``str.count`` (three counts
    per block, in C); the n-th start tag is then found within one block."""

    BLOCK = 1 << 16

    def __init__(self, text: str, start: int = 0) -> None:
        self.text, self.start = text, start
        self.before = array("q", [0])  # start tags before each block
        total, count = 0, text.count
        for low in range(start, len(text), self.BLOCK):
            high = min(low + self.BLOCK, len(text))
            # A two-character mark counts in the block where it starts (hence high + 1).
            total += count("<", low, high) - count("</", low, high + 1)
            if low == start:  # the XML declaration (a plain body has no other "<?")
                total -= count("<?", low, high + 1)
            self.before.append(total)

    def __len__(self) -> int:
        return self.before[-1]

    def offset(self, rank: int) -> int | None:
        """The offset of the start tag of rank ``rank`` (0-based, document order)."""
        if not 0 <= rank < len(self):
            return None
        block = bisect_left(self.before, rank + 1) - 1  # before[block] <= rank < before[block + 1]
        low = self.start + block * self.BLOCK
        seen = self.before[block]
        for match in _START_AT.finditer(self.text, low):  # no end: a "<" may close a block
            if match.start() >= low + self.BLOCK:
                return None
            if seen == rank:
                return match.start()
            seen += 1
        return None
