"""Offsets <-> 1-based line/column in the body text, without a list of every line.

Columns count Python str characters, which is also what libxml2 reports for UTF-8 input, so
lxml's error positions map straight onto editor positions.

A body can be hundreds of MB with millions of lines: a list of line starts would cost 36 bytes
a line and a Python loop to build. Instead the text is cut into fixed blocks and only the
running count of line breaks at each block start is kept (one ``str.count`` per block, built
on first use); a query counts or finds within one block.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

BLOCK = 1 << 16


class LineIndex:
    """Line positions of one text, computed on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: array[int] | None = None  # line breaks before the start of each block

    @property
    def breaks(self) -> array[int]:
        if self._breaks is None:
            text, total = self.text, 0
            counts = array("q", [0])
            for start in range(0, len(text), BLOCK):
                total += text.count("\n", start, start + BLOCK)
                counts.append(total)
            self._breaks = counts
        return self._breaks

    @property
    def line_count(self) -> int:
        return self.breaks[-1] + 1

    def clamp(self, offset: int) -> int:
        return max(0, min(offset, len(self.text)))

    def line_of(self, offset: int) -> int:
        """The 1-based line of a str offset (clamped into the text)."""
        offset = self.clamp(offset)
        block = min(offset // BLOCK, len(self.breaks) - 1)
        return self.breaks[block] + self.text.count("\n", block * BLOCK, offset) + 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a str offset (clamped into the text)."""
        offset = self.clamp(offset)
        line = self.line_of(offset)
        return line, offset - self.line_start(line) + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of a line (clamped to the existing lines)."""
        line = max(1, min(line, self.line_count))
        wanted = line - 1  # line breaks before the line
        if wanted == 0:
            return 0
        breaks = self.breaks
        block = bisect_left(breaks, wanted) - 1  # breaks[block] < wanted <= breaks[block + 1]
        pos, seen, find = block * BLOCK - 1, breaks[block], self.text.find
        while seen < wanted:
            pos = find("\n", pos + 1)
            seen += 1
        return pos + 1

    def next_line_start(self, line: int) -> int:
        """Offset just after the line's line break (the end of the text for the last line)."""
        if line >= self.line_count:
            return len(self.text)
        return self.line_start(line + 1)

    def line_end(self, line: int) -> int:
        """Offset of the end of a line, before its line break."""
        line = max(1, min(line, self.line_count))
        start = self.line_start(line)
        end = self.next_line_start(line) - 1 if line < self.line_count else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return end

    def offset(self, line: int, column: int) -> int:
        """Str offset of a 1-based (line, column), clamped to that line."""
        start = self.line_start(line)
        return max(start, min(start + max(column, 1) - 1, self.line_end(line)))


def utf16_offset(text: str, offset: int) -> int:
    """The UTF-16 code-unit position of a str offset (Qt's QTextCursor counts in UTF-16:
    characters beyond U+FFFF, such as emoji, take two units there and one here)."""
    offset = max(0, min(offset, len(text)))
    head = text[:offset]
    if head.isascii():
        return offset
    return offset + sum(1 for ch in head if ord(ch) > 0xFFFF)
