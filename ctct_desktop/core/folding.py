"""Where pretty-printed XML and JSON fold: (start_line, end_line) ranges found by indentation.

A line starts a fold when the next non-blank line is indented deeper; the fold runs to the last
line indented deeper, and takes in the closing line (``</a>``, ``}``, ``]``) when that stands at
the opening line's own indentation, so a folded element reads as one line. Lines are 0-based
and the ranges inclusive; one pass with a stack, so the cost is linear in the text.

A body file too large for an editor folds by the same rule, one fold at a time: ``scan_fold_end``
looks forward from the folded line (in a worker, in small chunks), and ``FoldedRows`` maps the
rows on screen to the rows of the file around the folded ranges.
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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


# ----- folds of a body file (the paged view): rows hidden without reading the body ---------------

YIELD_EVERY = 1 << 14  # loops over many folds give the GIL away this often
MAX_FOLD_SCAN_BYTES = 64 << 20  # a fold's end is looked for this far, then the fold is refused
SCAN_CHUNK_BYTES = 64 << 10  # one regex search at a time holds the GIL this long at most (~1 ms)
_MAX_HEAD_LINE = 64 << 10  # a longer opening line (minified) does not fold


@dataclass(frozen=True)
class FoldScan:
    """Where a fold of a file ends: ``last`` is an offset on its last line, or None with ``reason``."""

    last: int | None
    reason: str | None = None


def _byte_indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" \t"))


def scan_fold_end(path: Path, line_start: int, *, complete: bool = True, max_bytes: int = MAX_FOLD_SCAN_BYTES,
                  chunk: int = SCAN_CHUNK_BYTES, cancel: threading.Event | None = None) -> FoldScan:
    """The end of the fold opened by the line starting at byte ``line_start``, by the same rule as
    ``fold_ranges``: the lines after it indented deeper, and the closing line at its own
    indentation. ``complete``: the file is written to its end (else reaching its end says so)."""
    with path.open("rb") as handle:
        handle.seek(line_start)
        head = handle.read(_MAX_HEAD_LINE)
        newline = head.find(b"\n")
        if newline < 0:
            return FoldScan(None, "This line does not open a fold.")
        depth = _byte_indent(head.rstrip(b"\r"))
        shallow = re.compile(rb"^[ \t]{0,%d}(?=[^ \t\r\n])" % depth, re.MULTILINE)
        position = line_start + newline + 1  # the start of the line being looked at
        handle.seek(position)
        carry, deeper_seen, scanned = b"", False, 0
        while True:
            if cancel is not None and cancel.is_set():
                return FoldScan(None, "Cancelled.")
            data = handle.read(chunk)
            scanned += len(data)
            block = carry + data
            cut = len(block) if not data else block.rfind(b"\n") + 1  # whole lines only, but the last
            lines, carry = block[:cut], block[cut:]
            if not deeper_seen:
                deeper_seen, verdict = _first_line_is_deeper(lines, depth, final=not data)
                if verdict is not None:
                    return FoldScan(None, verdict)
            found = shallow.search(lines) if deeper_seen else None
            if found is not None:
                return FoldScan(_fold_last(lines, found.start(), position, depth))
            position += len(lines)
            if not data:
                if not complete:
                    return FoldScan(None, "The body is still being read; fold again when it is complete.")
                return FoldScan(max(line_start, position - 1))
            if scanned > max_bytes:
                return FoldScan(None, f"This fold is larger than {max_bytes >> 20} MB; it is not folded.")


def _first_line_is_deeper(lines: bytes, depth: int, final: bool) -> tuple[bool, str | None]:
    """Whether the first non-blank line of ``lines`` is indented deeper than ``depth``; a reason
    when it is not (no fold), (False, None) when ``lines`` holds only blank lines so far."""
    for line in lines.split(b"\n"):
        if line.strip():
            return (True, None) if _byte_indent(line) > depth else (False, "This line does not open a fold.")
    return (False, "This line does not open a fold.") if final else (False, None)


def _fold_last(lines: bytes, at: int, base: int, depth: int) -> int:
    """The fold's last offset given the first line at ``at`` (in ``lines``, which starts at file
    offset ``base``) that is not deeper: that line itself when it closes at the same depth."""
    end = lines.find(b"\n", at)
    line = lines[at:end if end >= 0 else len(lines)]
    if _byte_indent(line) == depth and line.lstrip().startswith(tuple(c.encode() for c in _CLOSERS)):
        return base + at
    return base + at - 1


class FoldedRows:
    """Folded row ranges of a paged body and the mapping between rows on screen and rows of the
    file: a sorted list of (start, end) ranges, rows start+1..end hidden, so mapping a row is a
    binary search and nothing grows with the body, only with the folds."""

    def __init__(self) -> None:
        # arrays, not lists: Fold all makes half a million ranges, and lists of that many ints
        # cost the GIL tens of milliseconds to free and to walk in each garbage collection
        self._starts = array("q")
        self._ends = array("q")
        self._shown_starts = array("q")  # each range's start row, counted in rows on screen
        self._hidden_before = array("q")  # rows hidden by the ranges before each one
        self.hidden = 0

    def __bool__(self) -> bool:
        return bool(self._starts)

    def __len__(self) -> int:
        return len(self._starts)

    @classmethod
    def of(cls, ranges: Iterable[tuple[int, int]]) -> FoldedRows:
        """Many folds at once (Fold all: one rebuild, not one a fold), best in order of their
        starts; ranges inside an earlier one, and empty ones, are left out. A plain loop: built
        in a worker, C-level work over half a million ranges would hold the GIL for tens of ms."""
        rows = cls()
        starts, ends = rows._starts, rows._ends
        for number, (start, end) in enumerate(ranges):
            if not number % YIELD_EVERY:
                time.sleep(0)  # a worker's long loop gives the UI thread the GIL (see core/fold_level)
            if starts and start < starts[-1]:
                return cls.of(sorted([*zip(starts, ends), (start, end), *ranges]))  # not in order after all
            if end > start and (not starts or start > ends[-1]):
                starts.append(start)
                ends.append(end)
        rows._index()
        return rows

    def ranges(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends))

    def clear(self) -> None:
        self._rebuild([])

    def add(self, start: int, end: int) -> None:
        """Fold rows start+1..end; ranges inside it are absorbed (unfolding it opens them too)."""
        kept = [(s, e) for s, e in self.ranges() if not start <= s <= end]
        if any(s < start <= e for s, e in kept):
            return  # already hidden by an enclosing fold
        self._rebuild(sorted(kept + [(start, end)]))

    def remove(self, start: int) -> bool:
        ranges = self.ranges()
        kept = [(s, e) for s, e in ranges if s != start]
        self._rebuild(kept)
        return len(kept) != len(ranges)

    def end_of(self, start: int) -> int | None:
        index = bisect.bisect_left(self._starts, start)
        return self._ends[index] if index < len(self._starts) and self._starts[index] == start else None

    def containing(self, row: int) -> int | None:
        """The start of the fold hiding ``row`` (or starting on it); None when it is shown unfolded."""
        index = bisect.bisect_right(self._starts, row) - 1
        return self._starts[index] if index >= 0 and row <= self._ends[index] else None

    def shown_count(self, rows: int) -> int:
        return max(0, rows - self.hidden)

    def to_file(self, shown: int) -> int:
        """The file row shown at screen row ``shown``."""
        index = bisect.bisect_right(self._shown_starts, shown) - 1
        if index < 0:
            return shown
        if shown == self._shown_starts[index]:
            return self._starts[index]
        return shown + self._hidden_before[index] + self._ends[index] - self._starts[index]

    def to_shown(self, row: int) -> int:
        """The screen row of file row ``row`` (a hidden row: its fold's first row)."""
        index = bisect.bisect_right(self._starts, row) - 1
        if index < 0:
            return row
        if row <= self._ends[index]:
            return self._shown_starts[index]
        return row - self._hidden_before[index] - (self._ends[index] - self._starts[index])

    def _rebuild(self, ranges: list[tuple[int, int]]) -> None:
        self._starts = array("q", (s for s, _ in ranges))
        self._ends = array("q", (e for _, e in ranges))
        self._index()

    def _index(self) -> None:
        """The screen-row columns for ``_starts`` / ``_ends``."""
        self._shown_starts, self._hidden_before = array("q"), array("q")
        hidden = 0
        for number, (start, end) in enumerate(zip(self._starts, self._ends)):
            if not number % YIELD_EVERY:
                time.sleep(0)
            self._hidden_before.append(hidden)
            self._shown_starts.append(start - hidden)
            hidden += end - start
        self.hidden = hidden
