"""Find a byte pattern in a body of any size, and read what the hex view's find and go-to fields say.

The search reads the body in chunks (its spool file, or the bytes held in memory, never a second
copy of it), overlapping each chunk by the pattern's length less one so a match across a chunk
edge is found once. ``bytes.find`` over one chunk holds the GIL well under a millisecond, so it
runs in a worker without stalling the window; the offsets of the first ``MAX_KEPT`` matches are
kept for next/previous, every match is counted.
"""

from __future__ import annotations

import bisect
import re
import threading
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ctct_desktop.core.binary.source import ByteSource

CHUNK_BYTES = 1 << 20
MAX_KEPT = 1_000_000  # offsets kept for next/previous: 8 MB at most
MAX_PATTERN_BYTES = 4096
_SEPARATORS = re.compile(r"[\s,:\-]+")
_HEX = re.compile(r"[0-9a-fA-F]*")


class PatternError(ValueError):
    """What the user typed cannot be searched for or gone to; ``str()`` is one sentence to show."""


class SearchCancelled(Exception):
    pass


def parse_hex(text: str) -> bytes:
    """``de ad be ef``, ``deadbeef``, ``0xde 0xad``, ``de:ad`` -> the bytes."""
    groups = [g[2:] if g[:2].lower() == "0x" else g for g in _SEPARATORS.split(text.strip()) if g]
    digits = "".join(groups)
    if not digits:
        raise PatternError("Type the bytes to find as hex pairs, like de ad be ef.")
    if not _HEX.fullmatch(digits):
        bad = next(ch for ch in digits if not ch.isascii() or ch not in "0123456789abcdefABCDEF")
        raise PatternError(f"{bad!r} is not a hex digit: bytes are pairs of 0-9 and a-f, like de ad be ef.")
    if len(digits) % 2:
        raise PatternError("Hex bytes come in pairs of digits (an odd number was typed), like de ad be ef.")
    return bytes.fromhex(digits)


def parse_pattern(text: str, as_hex: bool) -> bytes:
    """The bytes to find: hex pairs, or the text as UTF-8."""
    pattern = parse_hex(text) if as_hex else text.encode("utf-8")
    if not pattern:
        raise PatternError("Type the text to find.")
    if len(pattern) > MAX_PATTERN_BYTES:
        raise PatternError(f"The pattern is {len(pattern):,} bytes; find takes up to {MAX_PATTERN_BYTES:,}.")
    return pattern


def parse_offset(text: str, size: int) -> int:
    """A byte offset typed as decimal (``1234``) or hex (``0x4d2``), within a body of ``size`` bytes."""
    typed = text.strip().replace("_", "").replace(",", "")
    try:
        if typed[:2].lower() == "0x":
            if not typed[2:].isascii():
                raise ValueError
            offset = int(typed[2:], 16)
        elif typed.isascii() and typed.isdigit():
            offset = int(typed)
        else:
            raise ValueError
    except ValueError:
        raise PatternError(f"{text.strip() or 'Nothing'} is not an offset: type it in decimal (1234) "
                           "or hex (0x4d2).") from None
    if offset >= max(1, size):
        raise PatternError(f"Offset {offset:,} (0x{offset:x}) is past the end of the body "
                           f"({size:,} bytes; the last is 0x{max(0, size - 1):x}).")
    return offset


@dataclass(frozen=True)
class ByteMatches:
    """Where ``pattern`` occurs: ``offsets`` of the first ``MAX_KEPT``, ``count`` of them all."""

    pattern: bytes
    offsets: array[int] = field(default_factory=lambda: array("q"))
    count: int = 0

    @property
    def cut(self) -> bool:
        return self.count > len(self.offsets)

    def after(self, offset: int) -> int | None:
        """The index of the first kept match starting after ``offset`` (wrapping to the first)."""
        if not self.offsets:
            return None
        index = bisect.bisect_right(self.offsets, offset)
        return index if index < len(self.offsets) else 0

    def before(self, offset: int) -> int | None:
        """The index of the last kept match starting before ``offset`` (wrapping to the last)."""
        if not self.offsets:
            return None
        index = bisect.bisect_left(self.offsets, offset) - 1
        return index if index >= 0 else len(self.offsets) - 1


def find_all(source: ByteSource, pattern: bytes, *, cancel: threading.Event | None = None,
             progress: Callable[[int, int], None] | None = None, chunk: int = CHUNK_BYTES,
             keep: int = MAX_KEPT) -> ByteMatches:
    """Every (possibly overlapping) match of ``pattern`` in the body; ``SearchCancelled`` when
    ``cancel`` is set. Reads the spool file through its own handle (the view keeps reading its)."""
    offsets: array[int] = array("q")
    count = 0
    carry = b""
    base = 0  # file offset of ``carry + piece``'s first byte
    overlap = len(pattern) - 1
    total = source.size
    for piece in _pieces(source, chunk):
        if cancel is not None and cancel.is_set():
            raise SearchCancelled
        block = carry + piece if carry else piece
        at = block.find(pattern)
        while at >= 0:
            count += 1
            if len(offsets) < keep:
                offsets.append(base + at)
            at = block.find(pattern, at + 1)
        keep_from = max(0, len(block) - overlap) if overlap else len(block)
        carry = block[keep_from:]
        base += keep_from
        if progress is not None:
            progress(base + len(carry), total)
    return ByteMatches(pattern, offsets, count)


def _pieces(source: ByteSource, chunk: int) -> Iterator[bytes]:
    if source.path and not source.error:
        yield from source.chunks(chunk)
        return
    data = memoryview(source.data)
    for start in range(0, len(data), chunk):
        yield bytes(data[start:start + chunk])

