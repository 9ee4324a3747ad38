"""Keep a response body once: its first bytes in memory, the whole of it in a file when it is large.

Spool files live in one temporary folder per process (created on first use, mode 0700, removed
at interpreter exit). The folder is bounded: past ``MAX_FILES`` files or ``MAX_BYTES`` in all,
the oldest finished files are deleted, so a session of large responses cannot fill the disk.
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import tempfile
import threading
from typing import BinaryIO

MAX_FILES = 16
MAX_BYTES = 2 * 1024 * 1024 * 1024


class SpoolError(OSError):
    """The body could not be written to the spool folder; the message is for the user."""


class SpoolFolder:
    """The per-process folder of spool files, oldest deleted first when over its bounds."""

    def __init__(self, max_files: int = MAX_FILES, max_bytes: int = MAX_BYTES) -> None:
        self.max_files = max_files
        self.max_bytes = max_bytes
        self._path = ""
        self._files: list[str] = []  # creation order: oldest first
        self._writing: set[str] = set()
        self._lock = threading.Lock()

    def path(self) -> str:
        """The folder, created on first use (mkdtemp makes it 0700) and removed at exit."""
        with self._lock:
            if not self._path:
                self._path = tempfile.mkdtemp(prefix="ctct-desktop-spool-")
                atexit.register(shutil.rmtree, self._path, ignore_errors=True)
            return self._path

    def files(self) -> list[str]:
        with self._lock:
            return list(self._files)

    def create(self) -> tuple[BinaryIO, str]:
        """A new spool file open for writing; it is not pruned until ``finished``."""
        fd, name = tempfile.mkstemp(prefix="body-", suffix=".bin", dir=self.path())
        with self._lock:
            self._files.append(name)
            self._writing.add(name)
        return os.fdopen(fd, "wb"), name

    def finished(self, name: str) -> None:
        with self._lock:
            self._writing.discard(name)
            self._prune()

    def remove(self, name: str) -> None:
        with self._lock:
            self._writing.discard(name)
            if name in self._files:
                self._files.remove(name)
            _unlink(name)

    def _prune(self) -> None:
        sizes = {name: _size(name) for name in self._files}
        total = sum(sizes.values())
        for name in list(self._files):
            if len(self._files) <= self.max_files and total <= self.max_bytes:
                return
            if name in self._writing:
                continue
            self._files.remove(name)
            total -= sizes[name]
            _unlink(name)


def _size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


DEFAULT_FOLDER = SpoolFolder()


class SpoolWriter:
    """Collects bytes: up to ``threshold`` in memory; past it, all of them in a spool file too.

    ``body()`` is then the in-memory prefix (BytesIO.getvalue shares its buffer: no copy).
    """

    def __init__(self, threshold: int, folder: SpoolFolder | None = None) -> None:
        self.threshold = max(0, threshold)
        self.folder = folder or DEFAULT_FOLDER
        self.size = 0
        self.path = ""
        self._memory = io.BytesIO()
        self._file: BinaryIO | None = None

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        if self._file is None:
            room = self.threshold - self.size
            if len(view) <= room:
                self._memory.write(view)
                self.size += len(view)
                return
            self._memory.write(view[:room])
            self.size += room
            view = view[room:]
            self._open()
        try:
            assert self._file is not None
            self._file.write(view)
        except OSError as exc:
            raise SpoolError(f"The response body could not be written to {self.path}: {exc}") from exc
        self.size += len(view)

    def _open(self) -> None:
        try:
            self._file, self.path = self.folder.create()
            with self._memory.getbuffer() as prefix:
                self._file.write(prefix)
        except OSError as exc:
            raise SpoolError(f"The response body is too large to keep in memory and could not be written to "
                             f"the temporary folder: {exc}") from exc

    def body(self) -> bytes:
        """Close the file (if any) and return the in-memory prefix (the whole body when small)."""
        if self._file is not None:
            self._file.close()
            self._file = None
            self.folder.finished(self.path)
        return self._memory.getvalue()

    def discard(self) -> None:
        """Forget everything (an abandoned download, or raw bytes no longer needed)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        if self.path:
            self.folder.remove(self.path)
            self.path = ""
        self._memory = io.BytesIO()
        self.size = 0
