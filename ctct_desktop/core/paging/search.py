"""Find in a body file: count every match, and find the next or previous one from an offset.

Counting reads the file in chunks and lets C do the scanning (``bytes.count``, or a compiled
pattern's ``findall``), so a 100 MB body is counted in a fraction of a second from a worker
without holding the GIL for long. Matches are not all kept: the view asks for the next one from
where the user is and highlights the ones on screen itself (``matches_in``).

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
from pathlib import Path

from ctct_desktop.core.paging.prefilter import Plan, iter_matches, plan_for
from ctct_desktop.core.ui_pace import give_way

CHUNK_BYTES = 4 << 20
SLOW_CHUNK_BYTES = 256 << 10  # a regex with no literal to look for first steps ~150 MB/s holding the
# GIL until its next match: a window this size bounds one step to a couple of milliseconds
OVERLAP = 4096
_SAFE_CUT = re.compile(rb"[\s>,;}\]]")


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


def _windows(path: str | Path, chunk: int, literal_length: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(offset, bytes) windows of the file. For a literal of ``literal_length`` bytes each window
    keeps the previous one's last ``literal_length - 1`` bytes (too short to hold a match, so none
    is lost at a seam; a needle that overlaps itself can then be seen twice, which
    ``count_matches`` guards against); for a regex, windows end at a safe cut."""
    with open(path, "rb") as handle:
        carry, offset = b"", 0
        while True:
            piece = handle.read(chunk)
            data = carry + piece
            if not piece:
                if data and literal_length is None:
                    yield offset, data
                return
            if literal_length is not None:
                yield offset, data
                keep = min(len(data), max(0, literal_length - 1))
                carry, offset = data[len(data) - keep:], offset + len(data) - keep
                continue
            cut = data.rfind(b"\n") + 1
            if cut <= 0:
                last = None
                for last in _SAFE_CUT.finditer(data, max(0, len(data) - OVERLAP)):
                    pass
                cut = last.end() if last is not None else len(data)
            yield offset, data[:cut]
            carry, offset = data[cut:], offset + cut


def _literal_length(query: Query) -> int | None:
    return None if query.regex else len(query.text.encode("utf-8"))


def _overlaps_itself(needle: bytes) -> bool:
    """True when a proper prefix of the needle is also its suffix ("aa", "abab"): two matches
    of it can overlap, so a window's carried tail may start a match already counted."""
    return any(needle[:k] == needle[-k:] for k in range(1, len(needle)))


def count_matches(path: str | Path, query: Query, *, chunk: int = CHUNK_BYTES,
                  cancel: threading.Event | None = None) -> int:
    """How many times ``query`` matches in the file (non-overlapping, as find-next steps)."""
    if not query.text:
        return 0
    literal = None if query.regex or not query.case_sensitive else query.text.encode("utf-8")
    folded = None
    if not query.regex and not query.case_sensitive and query.text.isascii():
        folded = query.text.lower().encode("ascii")
    if (literal is not None and _overlaps_itself(literal)) or (folded is not None and _overlaps_itself(folded)):
        literal = folded = None  # counted by position below, so a seam never counts one twice
    pattern = query.compile()
    plan = plan_for(pattern)
    total = 0
    resume = 0  # absolute offset where the last counted match ended
    for offset, data in _windows(path, _chunk_for(plan, chunk), _literal_length(query)):
        if cancel is not None and cancel.is_set():
            raise SearchCancelled()
        give_way()  # core/ui_pace.py
        if literal is not None:
            total += data.count(literal)
        elif folded is not None:
            total += data.lower().count(folded)
        else:
            for _start, end in iter_matches(pattern, plan, data, max(0, resume - offset)):
                total += 1
                resume = offset + end
    return total


def _chunk_for(plan: Plan, chunk: int) -> int:
    """Smaller windows for a pattern ``re`` must step through a character at a time."""
    return chunk if plan.literal is not None else min(chunk, SLOW_CHUNK_BYTES)


def find_next(path: str | Path, query: Query, offset: int, *, chunk: int = CHUNK_BYTES,
              cancel: threading.Event | None = None) -> Match | None:
    """The first match starting at or after ``offset``, wrapping around to the start."""
    pattern = query.compile()
    plan = plan_for(pattern)
    chunk = _chunk_for(plan, chunk)
    for window_start, data in _windows(path, chunk, _literal_length(query)):
        if cancel is not None and cancel.is_set():
            raise SearchCancelled()
        if window_start + len(data) <= offset:
            continue
        for start, end in iter_matches(pattern, plan, data, max(0, offset - window_start)):
            return Match(window_start + start, window_start + end)
    if offset > 0:  # wrap around: from the start up to where the search began
        for window_start, data in _windows(path, chunk, _literal_length(query)):
            if cancel is not None and cancel.is_set():
                raise SearchCancelled()
            if window_start >= offset:
                break
            for start, end in iter_matches(pattern, plan, data):
                return Match(window_start + start, window_start + end)
    return None


def find_previous(path: str | Path, query: Query, offset: int, *, chunk: int = CHUNK_BYTES,
                  cancel: threading.Event | None = None) -> Match | None:
    """The last match starting before ``offset``, wrapping around to the end."""
    pattern = query.compile()
    plan = plan_for(pattern)
    best: Match | None = None
    last_anywhere: Match | None = None
    for window_start, data in _windows(path, _chunk_for(plan, chunk), _literal_length(query)):
        if cancel is not None and cancel.is_set():
            raise SearchCancelled()
        for start, end in iter_matches(pattern, plan, data):
            found = Match(window_start + start, window_start + end)
            if found.start < offset:
                best = found
            last_anywhere = found
        if best is not None and window_start + len(data) >= offset:
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
