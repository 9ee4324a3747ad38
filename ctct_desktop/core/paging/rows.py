"""Display rows of a text file, indexed by byte offset, built chunk by chunk.

A row is a line, or a piece of a line longer than ``MAX_ROW_BYTES`` (a minified 100 MB body
is one line: cut into rows, it scrolls like any other). Rows are cut on UTF-8 character
boundaries. The index keeps the row starts in a machine array (8 bytes per row) and the few rows
that continue a long line, so going from a row to its line number, or from an offset to its
row, is a binary search. Indexing one chunk costs C-level work (split, accumulate), so a worker
thread doing it never holds the GIL for long.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from pathlib import Path

from ctct_desktop.core.paging.folded import FoldedCopy, filling
from ctct_desktop.core.ui_pace import give_way

MAX_ROW_BYTES = 4096
CHUNK_BYTES = 256 << 10  # one feed holds the GIL 1-3 ms (1 MB of short lines: 5-6 ms, and was slower overall)
_SMALL = "I" if array("I").itemsize == 4 else "L"  # row starts of a file under 4 GiB: 4 bytes each
_SMALL_LIMIT = (1 << 32) - 1


class IndexCancelled(Exception):
    """The caller's cancel event was set while the index was being built."""


def _char_start(data: bytes, position: int) -> int:
    """``position`` moved back to the first byte of the UTF-8 character it falls in."""
    floor = max(0, position - 3)
    while position > floor and (data[position] & 0xC0) == 0x80:
        position -= 1
    return position


@dataclass(frozen=True)
class Row:
    start: int  # byte offset of the row in the file
    end: int  # byte offset after the row's last byte (its line break excluded)
    line: int  # 0-based line number the row belongs to
    continues: bool  # True when the row is a later piece of a long line


class RowIndex:
    """Rows of a file known so far; ``complete`` once the whole file is indexed.

    Memory is 4 bytes per row (8 past 4 GiB): the row starts, and the numbers of the rows that
    continue a long line (few: none in a file of short lines), from which a row's line number is
    worked out (rows before it minus the continuations before it). The pretty form of a 100 MB
    JSON body has ten million rows: at 16 bytes a row the index alone was 1.6 times the body. Each chunk's rows are worked out outside
    the lock and added under it in two C calls, so a reader on the UI thread never waits for a
    chunk being indexed."""

    def __init__(self, max_row: int = MAX_ROW_BYTES) -> None:
        self.max_row = max(16, max_row)
        self.starts = array(_SMALL)
        self._continuations = array("q")  # row numbers of the later pieces of long lines, ascending
        self.size = 0  # bytes indexed so far
        self.complete = False
        self._line_start = 0  # where the line being read began
        self._row_start = 0  # where the row being read began
        self._line = 0
        self._tail = b""  # the previous chunk's last bytes: a cut may step back into them
        self._last_start = -1  # the last row start emitted (in ``starts`` or in the chunk's own)
        self._new_starts = array(_SMALL)  # the chunk's rows, added to ``starts`` under the lock at its end
        self._new_continuations = array("q")
        self._lock = threading.Lock()  # readers on the UI thread, the writer in a worker

    # ------------------------------------------------------------------ building

    def feed(self, chunk: bytes) -> None:
        """Index the next ``chunk`` of the file (chunks in order, any size)."""
        if self.size + len(chunk) > _SMALL_LIMIT and self.starts.typecode == _SMALL:
            with self._lock:  # offsets past 4 GiB: 8 bytes a row from here on (one copy)
                self.starts = array("q", self.starts)
                self._new_starts = array("q", self._new_starts)
        self._feed(chunk)
        self._publish(self.size + len(chunk))

    def finish(self) -> None:
        self._emit_row(self._row_start, self._line)
        self._publish(self.size)
        self.complete = True

    def _publish(self, size: int) -> None:
        with self._lock:
            self.starts.extend(self._new_starts)
            self._continuations.extend(self._new_continuations)
            self.size = size
        self._new_starts = array(self.starts.typecode)
        self._new_continuations = array("q")

    def _emit_row(self, start: int, line: int) -> None:
        if self._last_start != start:
            self._new_starts.append(start)
            self._last_start = start

    def _feed(self, chunk: bytes) -> None:
        base = self.size
        parts = chunk.split(b"\n")
        lengths = list(map(len, parts))
        first_line_long = base + lengths[0] - self._row_start > self.max_row
        if len(parts) > 1 and not first_line_long and max(lengths[1:]) <= self.max_row:
            self._feed_short_lines(base, lengths)
        else:
            self._feed_any(chunk, base)
        self._tail = (self._tail + chunk[-3:])[-3:]

    def _feed_short_lines(self, base: int, lengths: list[int]) -> None:
        """Every line in the chunk fits one row: the row starts come from the line lengths alone."""
        self._emit_row(self._row_start, self._line)
        first = base + lengths[0] + 1
        starts = array(self._new_starts.typecode, accumulate(map(add, lengths[1:-1], repeat(1)), initial=first))
        # The last start is where the chunk's unfinished line begins: emitted once it has bytes
        # or the file ends (by the next feed or by finish).
        finished = len(starts) - 1
        if finished:
            self._new_starts.extend(starts[:finished])
            self._last_start = starts[finished - 1]
        self._line += finished + 1
        self._line_start = self._row_start = starts[-1]

    def _feed_any(self, chunk: bytes, base: int) -> None:
        """The general path: cut long lines into rows at character boundaries."""
        position = 0
        end = len(chunk)
        lead = self._tail
        window = lead + chunk
        while True:
            newline = chunk.find(b"\n", position)
            line_end = end if newline < 0 else newline
            self._emit_row(self._row_start, self._line)
            while base + line_end - self._row_start > self.max_row:
                wanted = self._row_start + self.max_row
                cut = base - len(lead) + _char_start(window, wanted - base + len(lead))
                self._row_start = cut if cut > self._row_start else wanted
                self._emit_continuation(self._row_start)
            if newline < 0:
                return
            self._line += 1
            self._line_start = self._row_start = base + newline + 1
            position = newline + 1
            if position >= end:
                return

    def _emit_continuation(self, start: int) -> None:
        self._new_continuations.append(len(self.starts) + len(self._new_starts))
        self._new_starts.append(start)
        self._last_start = start

    # ------------------------------------------------------------------ reading

    @property
    def row_count(self) -> int:
        return len(self.starts) if self.starts else (1 if self.complete else 0)

    @property
    def line_count(self) -> int:
        with self._lock:
            rows = len(self.starts)
            return (rows - len(self._continuations)) if rows else (1 if self.complete else 0)

    def _is_continuation(self, row: int) -> bool:
        found = bisect_left(self._continuations, row)
        return found < len(self._continuations) and self._continuations[found] == row

    def line_of(self, row: int) -> int:
        """The 0-based line number row ``row`` belongs to."""
        with self._lock:
            return row - bisect_right(self._continuations, row)

    def row(self, index: int) -> Row:
        with self._lock:
            starts = self.starts
            start = starts[index]
            index = index if index >= 0 else len(starts) + index
            line = index - bisect_right(self._continuations, index)
            if index + 1 < len(starts):
                following = starts[index + 1]
                end = following if self._is_continuation(index + 1) else following - 1
            else:
                end = self.size
            return Row(start, max(start, end), line, self._is_continuation(index))

    def row_of_offset(self, offset: int) -> int:
        with self._lock:
            return max(0, bisect_right(self.starts, offset) - 1)

    def first_row_of_line(self, line: int) -> int:
        """The row a 0-based line number starts on (the last line when past the end)."""
        with self._lock:
            continuations = self._continuations
            rows = len(self.starts)
            if line <= 0 or not continuations:
                return min(max(0, line), max(0, rows - 1))
            # the first row whose line is ``line``: line(r) = r - continuations up to r, rising with r
            low, high = 0, rows
            while low < high:
                middle = (low + high) // 2
                if middle - bisect_right(continuations, middle) < line:
                    low = middle + 1
                else:
                    high = middle
            return min(low, max(0, rows - 1))


def index_file(path: str | Path, index: RowIndex | None = None, *, chunk: int = CHUNK_BYTES,
               cancel: threading.Event | None = None,
               progress: Callable[[int], None] | None = None, folded: FoldedCopy | None = None) -> RowIndex:
    """Index ``path`` in chunks (in a worker); ``progress(bytes_done)`` after each chunk;
    ``folded`` gets every chunk too, for case-insensitive searches."""
    index = index if index is not None else RowIndex()
    with filling(folded):
        for piece in iter_chunks(path, chunk):
            if cancel is not None and cancel.is_set():
                raise IndexCancelled()
            give_way()  # while the UI thread is late (painting a screen), it has the interpreter
            index.feed(piece)
            if folded is not None:
                folded.write(piece)
            if progress is not None:
                progress(index.size)
        index.finish()
    return index


def iter_chunks(path: str | Path, chunk: int = CHUNK_BYTES) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while piece := handle.read(chunk):
            yield piece
