"""The file behind a paged view: rows read back by offset, decoded, and kept for a while.

A row's text keeps undecodable bytes as lone surrogates (``surrogateescape``), so a column maps
back to the exact byte offset (selection and copy are byte-exact); the painted text shows them
as U+FFFD. Tabs are shown as one space each (columns stay one per character).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path
from typing import BinaryIO

from ctct_desktop.core.paging.folded import FoldedCopy
from ctct_desktop.core.paging.rows import Row, RowIndex

_CACHED_ROWS = 512
_PREFETCH_LIMIT = 4 << 20  # bytes read at once for a screen of rows (rows are at most 4 KiB)
_SURROGATES = re.compile("[\udc80-\udcff]")
COPY_LIMIT_BYTES = 64 << 20  # a larger selection is copied up to this, and the view says so


class PagedSource:
    """A body file and its row index (which a worker may still be filling), and the file's
    lower-cased copy for case-insensitive searches when one is being written."""

    def __init__(self, path: Path, index: RowIndex, folded: FoldedCopy | None = None) -> None:
        self.path, self.index, self.folded = path, index, folded
        self._file: BinaryIO | None = None  # opened on first read: a Pretty file may not exist yet
        self._texts: OrderedDict[int, str] = OrderedDict()

    @property
    def folded_path(self) -> Path | None:
        """The lower-cased copy, once complete (searches use it instead of lowering each chunk)."""
        return self.folded.ready if self.folded is not None else None

    def close(self) -> None:
        if self.folded is not None:
            self.folded.discard()
        if self._file is not None:
            self._file.close()
            self._file = None
        self._texts.clear()

    @property
    def row_count(self) -> int:
        return self.index.row_count

    def row(self, number: int) -> Row:
        return self.index.row(number)

    def read(self, start: int, end: int) -> bytes:
        """Bytes [start, end) of the file (read on the UI thread only, so the seek is ours)."""
        if self._file is None:
            try:
                self._file = open(self.path, "rb")  # noqa: SIM115 - held for the view's life, closed by close()
            except OSError:
                return b""
        self._file.seek(start)
        return self._file.read(max(0, end - start))

    def text(self, number: int) -> str:
        """A row's text (surrogate-escaped), from the cache or the file."""
        cached = self._texts.get(number)
        if cached is not None:
            self._texts.move_to_end(number)
            return cached
        row = self.index.row(number)
        text = self.read(row.start, row.end).decode("utf-8", "surrogateescape").rstrip("\r")
        self._texts[number] = text
        if len(self._texts) > _CACHED_ROWS:
            self._texts.popitem(last=False)
        return text

    def prefetch(self, first: int, last: int) -> None:
        """Rows [first, last) read in one go, so a repaint reads the file once, not once per row:
        each read lets go of the GIL, and taking it back from a busy worker costs up to a switch
        interval (5 ms), which per row added up to stalls of a quarter of a second."""
        last = min(last, self.index.row_count)
        missing = [number for number in range(first, last) if number not in self._texts]
        if not missing:
            return
        low, high = self.index.row(missing[0]), self.index.row(missing[-1])
        if high.end - low.start > _PREFETCH_LIMIT:
            return
        data = self.read(low.start, high.end)
        for number in missing:
            row = self.index.row(number)
            piece = data[row.start - low.start:row.end - low.start]
            self._texts[number] = piece.decode("utf-8", "surrogateescape").rstrip("\r")
        while len(self._texts) > _CACHED_ROWS:
            self._texts.popitem(last=False)

    def forget_from(self, number: int) -> None:
        """Rows from ``number`` on may have changed (the last row grows while the index fills)."""
        for key in [k for k in self._texts if k >= number]:
            del self._texts[key]

    @staticmethod
    def shown(text: str) -> str:
        """The text as painted: undecodable bytes as U+FFFD, tabs as spaces (same length)."""
        return _SURROGATES.sub("\ufffd", text).replace("\t", " ")

    @staticmethod
    def byte_column(text: str, column: int) -> int:
        """The byte length of the first ``column`` characters of a row's text."""
        return len(text[:column].encode("utf-8", "surrogateescape"))

    def column_of(self, number: int, offset: int) -> int:
        """The character column of a byte offset inside row ``number``."""
        row = self.index.row(number)
        prefix = self.read(row.start, min(max(offset, row.start), row.end))
        return len(prefix.decode("utf-8", "surrogateescape"))

    def selected_bytes(self, start: int, end: int) -> tuple[bytes, bool]:
        """The bytes of a selection, cut at ``COPY_LIMIT_BYTES``; True when cut."""
        cut = end - start > COPY_LIMIT_BYTES
        return self.read(start, min(end, start + COPY_LIMIT_BYTES)), cut
