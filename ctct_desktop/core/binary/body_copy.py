"""Copy a response body to a file the user chose: streamed, atomic, cancellable, and every
failure said in words (the file the user pointed at is left as it was)."""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from ctct_desktop.core.atomic import write_atomic_stream
from ctct_desktop.core.binary.source import ByteSource

CHUNK = 1 << 20


class CopyCancelled(Exception):
    """The user stopped the copy; nothing was written."""


class CopyFailed(Exception):
    """The body could not be written; the message is for the user."""


def _why(exc: OSError, target: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk holding {target.parent} is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"permission denied: {target.parent} cannot be written by this app"
    if exc.errno == errno.ENOENT and exc.filename and str(exc.filename) != str(target):
        return "the body's spooled file is gone (a later response may have replaced it); send the request again"
    if exc.errno == errno.EFBIG:
        return "the file would be larger than this disk or account allows"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and not target.parent.is_dir():
        return f"{target.parent} is not a folder"
    if exc.errno == errno.EISDIR:
        return f"{target} is a folder"
    return exc.strerror or str(exc)


def copy_body(source: ByteSource, target: Path, *, progress: Callable[[int, int], None] | None = None,
              cancel: threading.Event | None = None, mode: int | None = None) -> int:
    """Write the whole body to ``target`` (bytes as received); returns the bytes written.

    Raises CopyCancelled or CopyFailed; in both cases ``target`` is untouched."""
    total = source.size
    done = 0

    def pieces() -> Iterator[bytes]:
        nonlocal done
        for piece in source.chunks(CHUNK):
            if cancel is not None and cancel.is_set():
                raise CopyCancelled
            done += len(piece)
            yield piece
            if progress is not None:
                progress(done, total)

    try:
        write_atomic_stream(target, pieces(), mode=mode)
    except CopyCancelled:
        raise
    except OSError as exc:
        raise CopyFailed(f"The body was not saved to {target}: {_why(exc, target)}.") from exc
    return done
