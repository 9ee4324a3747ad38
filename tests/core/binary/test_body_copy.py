"""Saving a body: bytes as received, streamed from memory or the spool file, atomic, cancellable,
and each failure a sentence with the file the user chose left as it was."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ctct_desktop.core.binary.body_copy import CHUNK, CopyCancelled, CopyFailed, copy_body
from ctct_desktop.core.binary.source import ByteSource

BODY = bytes(range(256)) * 4096 + b"\r\n\x00tail"  # 1 MiB and a bit: more than one chunk


def test_a_body_in_memory_is_saved_byte_for_byte(tmp_path: Path) -> None:
    target = tmp_path / "out" / "body.bin"
    assert copy_body(ByteSource(BODY), target) == len(BODY)
    assert target.read_bytes() == BODY


def test_a_spooled_body_is_streamed_from_its_file_with_progress(tmp_path: Path) -> None:
    spool = tmp_path / "spool.bin"
    spool.write_bytes(BODY * 3)
    seen: list[tuple[int, int]] = []
    target = tmp_path / "saved.bin"
    copy_body(ByteSource(BODY[:100], str(spool)), target, progress=lambda d, t: seen.append((d, t)))
    assert target.read_bytes() == BODY * 3  # the whole file, not the prefix held in memory
    assert len(seen) == -(-len(BODY) * 3 // CHUNK) and seen[-1] == (len(BODY) * 3, len(BODY) * 3)


def test_a_cancelled_copy_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "keep.xml"
    target.write_bytes(b"precious")
    cancel = threading.Event()
    with pytest.raises(CopyCancelled):
        copy_body(ByteSource(BODY * 2), target, progress=lambda _d, _t: cancel.set(), cancel=cancel)
    assert target.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.xml"]


def test_a_vanished_spool_file_is_said_and_nothing_is_written(tmp_path: Path) -> None:
    spool = tmp_path / "spool.bin"
    spool.write_bytes(BODY)
    source = ByteSource(BODY[:10], str(spool))
    spool.unlink()
    target = tmp_path / "saved.bin"
    with pytest.raises(CopyFailed, match="spooled file is gone"):
        copy_body(source, target)
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_a_folder_that_is_a_file_is_said(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(CopyFailed, match="not a folder"):
        copy_body(ByteSource(b"abc"), tmp_path / "file" / "saved.bin")


_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from ctct_desktop.core.binary.body_copy import CopyFailed, copy_body
from ctct_desktop.core.binary.source import ByteSource
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))  # the disk "fills" at 1 MiB
try:
    copy_body(ByteSource(b"x" * (3 << 20)), Path(sys.argv[1]))
except CopyFailed as exc:
    print(exc)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_disk_that_fills_up_is_said_and_the_old_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "keep.bin"
    target.write_bytes(b"precious")
    done = subprocess.run([sys.executable, "-c", _FULL_DISK, str(target)], capture_output=True, text=True,
                          timeout=60, check=True)
    assert "was not saved to" in done.stdout and "larger than this disk" in done.stdout, done.stdout + done.stderr
    assert target.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.bin"]
