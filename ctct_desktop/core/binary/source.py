"""A body's bytes by offset, whether held in memory or spooled to a file.

The hex view reads one screen (a few KiB) at a time through this, so a 100 MB body costs the
UI thread what one screen costs; the file is opened on first read and kept until ``close``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO


class ByteSource:
    """``data`` (the whole body), or ``path`` (the whole body; ``data`` then only its start)."""

    def __init__(self, data: bytes = b"", path: str = "") -> None:
        self.data, self.path = data, path
        self._file: BinaryIO | None = None
        self._size = len(data)
        self.error = ""  # why the file could not be read, when it could not
        if path:
            try:
                self._size = os.path.getsize(path)
            except OSError as exc:
                self.error = f"the spooled body file is gone or unreadable ({exc.strerror or exc})"
                self._size = len(data)

    @property
    def size(self) -> int:
        return self._size

    @property
    def head(self) -> bytes:
        return self.data[:4096]

    def read(self, start: int, end: int) -> bytes:
        """Bytes [start, end), clipped to the body; the memory copy when the file has gone."""
        start, end = max(0, start), min(self._size, end)
        if end <= start:
            return b""
        if not self.path or self.error:
            return self.data[start:end]
        try:
            if self._file is None:
                self._file = open(self.path, "rb")  # noqa: SIM115 - held for the view's life, closed by close()
            self._file.seek(start)
            return self._file.read(end - start)
        except OSError as exc:
            self.error = f"the spooled body file is gone or unreadable ({exc.strerror or exc})"
            return self.data[start:end]

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        """The whole body in pieces of ``size`` (for a copy in a worker: its own file handle)."""
        if not self.path:
            for start in range(0, len(self.data), size):
                yield self.data[start:start + size]
            return
        with open(self.path, "rb") as handle:
            while piece := handle.read(size):
                yield piece

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


