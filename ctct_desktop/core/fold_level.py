"""Fold all, for a body file too large for an editor: every fold at one level, found in one pass.

The editors fold every range; a paged body of millions of lines folds the level that gives its
outline: the children of the outermost element or object (each ``<entry>`` of a feed, each
member of the top object), going one level deeper while that level holds a single fold spanning
most of the body (``{"results": [ … ]}`` folds each result). The rule is ``core.folding``'s: a
line opens a fold when the next non-blank line is deeper, the fold runs to the last deeper line
and takes in a closing line (``</a>``, ``}``, ``]``) at its own depth.

One regex finds the lines at or above the level in each 64 KiB block (about a millisecond of GIL
a block), so the scan runs in a worker at C speed and never reads a line it does not need.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from ctct_desktop.core.folding import SCAN_CHUNK_BYTES

MAX_LEVEL_FOLDS = 1_000_000
_MAX_DESCENT = 4
_HEAD_BYTES = 64 << 10
_CLOSERS = (b"</", b"}", b"]")
_NONBLANK = re.compile(rb"[^ \t\r\n]")


class FoldLevelCancelled(Exception):
    pass


@dataclass(frozen=True)
class LevelFolds:
    """``starts[i]``: the offset of a fold's opening line, ``lasts[i]``: an offset on its last
    line, in file order (arrays: half a million tuples would cost the GIL in every garbage
    collection); empty with ``reason`` when the body has nothing to fold at any level."""

    starts: array[int] = field(default_factory=lambda: array("q"))
    lasts: array[int] = field(default_factory=lambda: array("q"))
    depth: int = 0
    reason: str | None = None

    @property
    def folds(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.lasts))


_Folds = tuple["array[int]", "array[int]"]


def _indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" \t"))


def _child_depth(path: Path, start: int) -> int | None:
    """The indentation of the first non-blank line after the line starting at ``start``, when it
    is deeper than that line (the line opens a fold); None otherwise."""
    with path.open("rb") as handle:
        handle.seek(start)
        head = handle.read(_HEAD_BYTES)
    lines = head.split(b"\n")
    opener = lines[0].rstrip(b"\r")
    for line in lines[1:-1]:
        if line.strip():
            return _indent(line) if _indent(line) > _indent(opener) else None
    return None


def _first_opener(path: Path) -> int | None:
    """The offset of the first line that opens a fold (the outermost element or object)."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    offset = 0
    lines = head.split(b"\n")[:-1]
    for number, line in enumerate(lines):
        following = next((later for later in lines[number + 1:] if later.strip()), None)
        if line.strip() and following is not None and _indent(following) > _indent(line):
            return offset
        offset += len(line) + 1
    return None


def folds_at_depth(path: Path, depth: int, *, cancel: threading.Event | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   chunk: int = SCAN_CHUNK_BYTES) -> _Folds:
    """Every fold opened by a line indented exactly ``depth``: (starts, lasts)."""
    shallow = re.compile(rb"^([ \t]{0,%d})(?=[^ \t\r\n])" % depth, re.MULTILINE)
    starts, lasts = array("q"), array("q")
    size = path.stat().st_size
    opener: int | None = None  # the open candidate's offset
    deeper = False  # a non-blank (so deeper) line was seen since the candidate's line
    scan_from = 0  # where in the block to look for deeper lines next
    base = 0
    carry = b""
    with path.open("rb") as handle:
        while True:
            if cancel is not None and cancel.is_set():
                raise FoldLevelCancelled
            data = handle.read(chunk)
            time.sleep(0)  # let the UI thread take the GIL: measured, without it the loop kept it
            # from one read to the next and the window stalled 100-200 ms at 100 MB
            block = carry + data
            cut = len(block) if not data else block.rfind(b"\n") + 1
            if cut <= 0 and data:  # no line end in this block: a long line, read on
                carry = block
                continue
            for match in shallow.finditer(block, 0, cut):
                at = match.start()
                if opener is not None and not deeper:
                    deeper = _NONBLANK.search(block, scan_from, at) is not None
                closes = len(match.group(1)) == depth and block.startswith(_CLOSERS, match.end())
                if opener is not None and deeper:
                    starts.append(opener)
                    lasts.append(base + at if closes else base + at - 1)
                    if len(starts) > MAX_LEVEL_FOLDS:
                        return starts, lasts
                    if closes:
                        opener = None
                        continue
                opener = None
                if len(match.group(1)) == depth and not closes:
                    opener, deeper = base + at, False
                    line_end = block.find(b"\n", at)
                    scan_from = line_end + 1 if line_end >= 0 else cut
            if opener is not None and not deeper:
                deeper = _NONBLANK.search(block, scan_from, cut) is not None
            scan_from = 0
            base += cut
            carry = block[cut:]
            if progress is not None:
                progress(base, size)
            if not data:
                break
    if opener is not None and deeper:
        starts.append(opener)
        lasts.append(max(opener, size - 1))
    return starts, lasts


def scan_level_folds(path: Path, *, cancel: threading.Event | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     chunk: int = SCAN_CHUNK_BYTES) -> LevelFolds:
    """The folds Fold all makes in a paged body (see the module's docstring)."""
    root = _first_opener(path)
    depth = _child_depth(path, root) if root is not None else None
    if depth is None:
        return LevelFolds(reason="Nothing to fold: no line of this body opens an indented block.")
    size = max(1, path.stat().st_size)
    kept: list[tuple[int, int]] = []  # the folds of the levels above, beside the one descended into (few)
    starts, lasts = array("q"), array("q")
    for _ in range(_MAX_DESCENT):
        starts, lasts = folds_at_depth(path, depth, cancel=cancel, progress=progress, chunk=chunk)
        if len(starts) + len(kept) > MAX_LEVEL_FOLDS:
            return LevelFolds(depth=depth, reason=f"More than {MAX_LEVEL_FOLDS:,} folds at one level: not folded.")
        spans = [last - start for start, last in zip(starts, lasts)] if len(starts) <= 64 else []
        largest = spans.index(max(spans)) if spans else None  # many folds: none holds most of the body
        if largest is None or spans[largest] < size // 2:
            break
        deeper = _child_depth(path, starts[largest])
        if deeper is None:
            break
        kept += [pair for number, pair in enumerate(zip(starts, lasts)) if number != largest]
        depth = deeper
    if kept:
        starts, lasts = _merge(kept, starts, lasts)
    if not starts:
        return LevelFolds(depth=depth, reason="Nothing to fold at the top level of this body.")
    return LevelFolds(starts, lasts, depth)


def _merge(kept: list[tuple[int, int]], starts: array[int], lasts: array[int]) -> _Folds:
    """The few ``kept`` folds and the many of (starts, lasts), both in order, into one order
    (a loop into arrays: no tuple a fold, and no C-level sort holding the GIL)."""
    merged_starts, merged_lasts = array("q"), array("q")
    pending = sorted(kept)
    for start, last in zip(starts, lasts):
        while pending and pending[0][0] < start:
            merged_starts.append(pending[0][0])
            merged_lasts.append(pending.pop(0)[1])
        merged_starts.append(start)
        merged_lasts.append(last)
    for start, last in pending:
        merged_starts.append(start)
        merged_lasts.append(last)
    return merged_starts, merged_lasts
