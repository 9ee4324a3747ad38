"""Where pretty-printed XML and JSON fold: (start_line, end_line) ranges found by indentation.

A line starts a fold when the next non-blank line is indented deeper; the fold runs to the last
line indented deeper, and takes in the closing line (``</a>``, ``}``, ``]``) when that stands at
the opening line's own indentation, so a folded element reads as one line. Lines are 0-based
and the ranges inclusive; one pass with a stack, so the cost is linear in the text.
"""

from __future__ import annotations

from collections.abc import Iterable

_CLOSERS = ("</", "}", "]")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def fold_ranges(text: str) -> list[tuple[int, int]]:
    """The fold ranges of ``text``, sorted by start line."""
    return fold_ranges_of_lines(text.split("\n"))


def fold_ranges_of_lines(lines: Iterable[str]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    stack: list[tuple[int, int]] = []  # (indent, line) of the open candidates, indents increasing
    previous = -1  # the last non-blank line seen
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        depth = _indent(line)
        while stack and stack[-1][0] > depth:
            _close(ranges, stack.pop()[1], previous)
        if stack and stack[-1][0] == depth:
            start = stack.pop()[1]
            closes = line.lstrip().startswith(_CLOSERS) and previous > start
            _close(ranges, start, number if closes else previous)
            if closes:
                previous = number
                continue
        stack.append((depth, number))
        previous = number
    while stack:
        _close(ranges, stack.pop()[1], previous)
    ranges.sort()
    return ranges


def _close(ranges: list[tuple[int, int]], start: int, end: int) -> None:
    if end > start:
        ranges.append((start, end))
