"""Offsets <-> 1-based line/column in the body text, built lazily (bodies can be 10 MB).

Columns count Python str characters, which is also what libxml2 reports for UTF-8 input, so
lxml's error positions map straight onto editor positions.
"""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Line starts of one text, computed on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._starts = starts
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def clamp(self, offset: int) -> int:
        return max(0, min(offset, len(self.text)))

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a str offset (clamped into the text)."""
        offset = self.clamp(offset)
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        line = max(1, min(line, self.line_count))
        return self.starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset of the end of a line, before its line break."""
        line = max(1, min(line, self.line_count))
        end = self.starts[line] - 1 if line < self.line_count else len(self.text)
        if end > self.starts[line - 1] and self.text[end - 1] == "\r":
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
