"""Find in a body file: count every match, and find the next or previous one from an offset.

Counting reads the file in chunks and lets C do the scanning (``bytes.count``, or a compiled
pattern's ``findall``), so a 100 MB body is counted in a fraction of a second from a worker
without holding the GIL for long. Matches are not all kept: the view asks for the next one from
where the user is and highlights the ones on screen itself (``matches_in``).

A case-insensitive search reads the body's lower-cased copy (``folded.py``) instead of the
body when it is given, and no part of the pattern minds case: the copy is lowered once, while
the body is indexed, instead of at every search.

Offsets are byte offsets in the file. Text is UTF-8 (bodies in another charset are searched as
UTF-8 after a best-effort decode of the needle; the view decodes rows the same way). A literal is
found wherever it is. A regex match may not cross a line break: chunks are cut after a line
break, or, in a line longer than a chunk, after a space or ``>`` near the chunk's end (a match
is lost only where a line of over a chunk has no such character for ``OVERLAP`` characters).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from io import RawIOBase
from pathlib import Path

from ctct_desktop.core.paging.prefilter import Plan, case_blind, iter_matches, plan_for
from ctct_desktop.core.ui_pace import give_way

CHUNK_BYTES = 1 << 20  # one window's count holds the GIL ~0.6 ms (4 MB: 2.6 ms), and as fast overall
SLOW_CHUNK_BYTES = 256 << 10  # a regex with no literal to look for first steps ~150 MB/s holding the
# GIL until its next match: a window this size bounds one step to a couple of milliseconds
OVERLAP = 4096
_SAFE_CUT = re.compile(rb"[\s>,;}\]]")


def warm_up(chunk: int = CHUNK_BYTES) -> None:
    """Make and free a window buffer now (from a worker, when a large body is shown), so the
    find bar's first search gets its buffer from memory the allocator has used before.

    A process's first count of a 100 MB body took 0.15 s where later ones took 0.09 s: reading
    into a block glibc had just mapped from the system cost 60-80 ms of kernel time, against
    15 ms into heap memory used before (measured on the project's 2-core VMs). Once a block
    of a size has been freed, glibc serves that size from its heap."""
    _buffer_for(chunk, None)  # made (zero-filled, so touched) and freed at once


def _buffer_for(chunk: int, literal_length: int | None) -> bytearray:
    return bytearray(2 * chunk + max(OVERLAP, (literal_length or 0) - 1))


class SearchCancelled(Exception):
    """The caller's cancel event was set during the search."""


class BadPattern(ValueError):
    """The regular expression does not compile; the message says why, in the user's terms."""


@dataclass(frozen=True)
class Query:
    text: str
    regex: bool = False
    case_sensitive: bool = False

    def compile(self) -> re.Pattern[bytes]:
        """The query as a bytes pattern (a literal is escaped)."""
        source = self.text.encode("utf-8")
        flags = 0 if self.case_sensitive else re.IGNORECASE
        if not self.regex:
            return re.compile(re.escape(source), flags)
        try:
            return re.compile(source, flags | re.MULTILINE)
        except re.error as exc:
            raise BadPattern(f"The regular expression is not valid: {exc.msg} (at character {exc.pos})") from None


@dataclass(frozen=True)
class Match:
    start: int
    end: int


def _windows(path: str | Path, chunk: int, literal_length: int | None = None) -> Iterator[tuple[int, bytearray, int]]:
    """(offset, buffer, end) windows of the file: the window is ``buffer[:end]``. For a literal of
    ``literal_length`` bytes each window keeps the previous one's last ``literal_length - 1``
    bytes (too short to hold a match, so none is lost at a seam; a needle that overlaps itself
    can then be seen twice, which ``count_matches`` guards against); for a regex, windows end at
    a safe cut.

    The file is read into one buffer, again for each window, so use a window before asking for
    the next. (A new 4 MB object per window, and the copies that joined and cut them, took as
    long as the count itself: 0.11 s of a 100 MB body's 0.19 s regex count.)"""
    buffer = _buffer_for(chunk, literal_length)
    with open(path, "rb", buffering=0) as handle:
        held, offset = 0, 0  # bytes the previous window left at the buffer's start
        while True:
            if len(buffer) < held + chunk:  # a regex window's tail after an early line break
                buffer.extend(bytes(held + chunk - len(buffer)))
            end = held + _fill(handle, buffer, held, chunk)
            if end == held:
                if held and literal_length is None:
                    yield offset, buffer, held
                return
            if literal_length is not None:
                yield offset, buffer, end
                keep = min(end, max(0, literal_length - 1))
                buffer[:keep] = buffer[end - keep:end]
                held, offset = keep, offset + end - keep
                continue
            cut = buffer.rfind(b"\n", 0, end) + 1
            if cut <= 0:
                last = None
                for last in _SAFE_CUT.finditer(buffer, max(0, end - OVERLAP), end):
                    pass
                cut = last.end() if last is not None else end
            yield offset, buffer, cut
            buffer[:end - cut] = buffer[cut:end]
            held, offset = end - cut, offset + cut


def _fill(handle: RawIOBase, buffer: bytearray, start: int, size: int) -> int:
    """Read up to ``size`` bytes into ``buffer`` from ``start``; fewer only at the end of the file."""
    done = 0
    with memoryview(buffer) as view:
        while done < size:
            got = handle.readinto(view[start + done:start + size])
            if not got:
                break
            done += got
    return done


def _literal_length(query: Query) -> int | None:
    return None if query.regex else len(query.text.encode("utf-8"))


def _overlaps_itself(needle: bytes) -> bool:
    """True when a proper prefix of the needle is also its suffix ("aa", "abab"): two matches
    of it can overlap, so a window's carried tail may start a match already counted."""
    return any(needle[:k] == needle[-k:] for k in range(1, len(needle)))


def _searched(path: str | Path, pattern: re.Pattern[bytes], folded: Path | None) -> tuple[str | Path, bool]:
    """The file to scan, and whether it is the lower-cased copy: the copy, when there is one and
    the pattern cannot tell a byte from its lower case (it finds the same matches at the same
    offsets in the copy as in the body)."""
    if folded is not None and case_blind(pattern):
        return folded, True
    return path, False


def count_matches(path: str | Path, query: Query, *, chunk: int = CHUNK_BYTES,
                  cancel: threading.Event | None = None, folded: Path | None = None) -> int:
    """How many times ``query`` matches in the file (non-overlapping, as find-next steps);
    ``folded``: the body's complete lower-cased copy, if there is one."""
    if not query.text:
        return 0
    pattern = query.compile()
    plan = plan_for(pattern)
    path, lowered = _searched(path, pattern, folded)
    literal = None if query.regex or not query.case_sensitive else query.text.encode("utf-8")
    needle = None  # the lower-cased literal of a case-insensitive search: each chunk is lowered for it
    if not query.regex and not query.case_sensitive and query.text.isascii():
        needle = query.text.lower().encode("ascii")
        if lowered:
            literal, needle = needle, None  # the chunks are lowered already
    if (literal is not None and _overlaps_itself(literal)) or (needle is not None and _overlaps_itself(needle)):
        literal = needle = None  # counted by position below, so a seam never counts one twice
    total = 0
    resume = 0  # absolute offset where the last counted match ended
    for offset, data, end in _windows(path, _chunk_for(plan, chunk), _literal_length(query)):
        if cancel is not None and cancel.is_set():
            raise SearchCancelled()
        give_way()  # core/ui_pace.py
        if literal is not None:
            total += data.count(literal, 0, end)
        elif needle is not None:
            total += data[:end].lower().count(needle)
        else:
            for _start, stop in iter_matches(pattern, plan, data, max(0, resume - offset), data if lowered else None,
                                             end):
                total += 1
                resume = offset + stop
    return total


def _chunk_for(plan: Plan, chunk: int) -> int:
    """Smaller windows for a pattern ``re`` must step through a character at a time."""
    return chunk if plan.literal is not None else min(chunk, SLOW_CHUNK_BYTES)


def find_next(path: str | Path, query: Query, offset: int, *, chunk: int = CHUNK_BYTES,
              cancel: threading.Event | None = None, folded: Path | None = None) -> Match | None:
    """The first match starting at or after ``offset``, wrapping around to the start."""
    pattern = query.compile()
    plan = plan_for(pattern)
    chunk = _chunk_for(plan, chunk)
    path, lowered = _searched(path, pattern, folded)
    for window_start, data, window_end in _windows(path, chunk, _literal_length(query)):
        if cancel is not None and cancel.is_set():
            raise SearchCancelled()
        if window_start + window_end <= offset:
            continue
        for start, end in iter_matches(pattern, plan, data, max(0, offset - window_start), data if lowered else None,
                                       window_end):
            return Match(window_start + start, window_start + end)
    if offset > 0:  # wrap around: from the start up to where the search began
        for window_start, data, window_end in _windows(path, chunk, _literal_length(query)):
            if cancel is not None and cancel.is_set():
                raise SearchCancelled()
            if window_start >= offset:
                break
            for start, end in iter_matches(pattern, plan, data, 0, data if lowered else None, window_end):
                return Match(window_start + start, window_start + end)
    return None


def find_previous(path: str | Path, query: Query, offset: int, *, chunk: int = CHUNK_BYTES,
                  cancel: threading.Event | None = None, folded: Path | None = None) -> Match | None:
    """The last match starting before ``offset``, wrapping around to the end."""
    pattern = query.compile()
    plan = plan_for(pattern)
    path, lowered = _searched(path, pattern, folded)
    best: Match | None = None
    last_anywhere: Match | None = None
    for window_start, data, window_end in _windows(path, _chunk_for(plan, chunk), _literal_length(query)):
        if cancel is not None and cancel.is_set():
            raise SearchCancelled()
        for start, end in iter_matches(pattern, plan, data, 0, data if lowered else None, window_end):
            found = Match(window_start + start, window_start + end)
            if found.start < offset:
                best = found
            last_anywhere = found
        if best is not None and window_start + window_end >= offset:
            return best
    return best if best is not None else last_anywhere


def matches_in(text: str, query: Query, limit: int = 10_000) -> list[tuple[int, int]]:
    """(start, end) character positions of the matches in a row on screen, for highlighting."""
    if not query.text:
        return []
    flags = 0 if query.case_sensitive else re.IGNORECASE
    try:
        pattern = re.compile(query.text if query.regex else re.escape(query.text), flags)
    except re.error:
        return []
    found = []
    for match in pattern.finditer(text):
        if match.end() > match.start():
            found.append((match.start(), match.end()))
            if len(found) >= limit:
                break
    return found
