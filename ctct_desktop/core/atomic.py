"""The one place files are written: temp file in the same folder, fsync, rename.

A crash or kill at any moment leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

# write_atomic's temp files are ".NAME." + mkstemp's 8 random characters + ".tmp"; a killed
# save leaves one behind. temp_target() recognises exactly these, and nothing else.
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
GITIGNORE_TEMP_PATTERN = ".*.????????" + TEMP_SUFFIX  # the same names, as a .gitignore line


def temp_target(name: str) -> str | None:
    """The file whose interrupted save left the temp file ``name``; None for any other name."""
    match = _TEMP_NAME.fullmatch(name)
    return match.group("target") if match else None


def write_atomic(path: Path | str, data: bytes | str, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically (text is written as UTF-8 with '\\n' endings)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    write_atomic_stream(path, (payload,), mode=mode)


def write_atomic_stream(path: Path | str, chunks: Iterable[bytes], *, mode: int | None = None) -> None:
    """Replace ``path`` with the concatenated ``chunks`` atomically, never holding more than one
    chunk (a 100 MB response body is copied this way). An exception from ``chunks`` (a cancel, a
    vanished source) or from the disk leaves the old file as it was and no temp file behind."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        elif target.exists():
            os.chmod(tmp_name, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp_name, 0o644 & ~_umask())
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
