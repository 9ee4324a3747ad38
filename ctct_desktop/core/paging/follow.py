"""Index a file while another process is still writing it (the Pretty form of a large body,
formatted in the helper process): read what has been appended, index it, wait a little, again,
until the writer is done. The view shows the rows as they come, so its first screen is the
first chunk the writer flushed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from ctct_desktop.core.paging.folded import FoldedCopy, filling
from ctct_desktop.core.paging.rows import CHUNK_BYTES, IndexCancelled, RowIndex
from ctct_desktop.core.ui_pace import give_way

POLL_S = 0.02


def follow_file(path: Path, index: RowIndex, writer_done: Callable[[], bool], *,
                cancel: threading.Event | None = None, progress: Callable[[int], None] | None = None,
                chunk: int = CHUNK_BYTES, poll_s: float = POLL_S, folded: FoldedCopy | None = None) -> RowIndex:
    """Index ``path`` as it grows until ``writer_done()`` and nothing more is left to read;
    ``progress(bytes indexed)`` after each piece; ``folded`` gets every piece too. A file that
    does not exist yet is waited for."""
    handle = None
    with filling(folded):
        try:
            while True:
                if cancel is not None and cancel.is_set():
                    raise IndexCancelled()
                finished = writer_done()  # asked before reading: what it wrote before saying so is read below
                if handle is None and path.exists():
                    handle = open(path, "rb")  # noqa: SIM115 - closed in finally
                piece = handle.read(chunk) if handle is not None else b""
                if piece:
                    give_way()  # core/ui_pace.py
                    index.feed(piece)
                    if folded is not None:
                        folded.write(piece)
                    if progress is not None:
                        progress(index.size)
                    continue
                if finished:
                    break
                time.sleep(poll_s)
        finally:
            if handle is not None:
                handle.close()
        index.finish()
    return index
