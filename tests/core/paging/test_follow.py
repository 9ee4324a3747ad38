"""Following a file another writer is still appending to: rows arrive before the writer is done,
and the index ends complete and equal to indexing the finished file."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from ctct_desktop.core.paging.follow import follow_file
from ctct_desktop.core.paging.rows import IndexCancelled, RowIndex, index_file


def test_rows_arrive_while_the_writer_writes(tmp_path: Path) -> None:
    path = tmp_path / "growing"
    done = threading.Event()
    seen_before_done: list[int] = []
    index = RowIndex()

    def writer() -> None:
        time.sleep(0.05)  # the follower starts before the file exists
        with open(path, "wb") as out:
            for i in range(50):
                out.write(b"line %d of the pretty body\n" % i * 100)
                out.flush()
                time.sleep(0.005)
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    follow_file(path, index, done.is_set, progress=lambda size: seen_before_done.append(size) if not done.is_set() else None,
                chunk=4096, poll_s=0.002)
    thread.join()
    assert seen_before_done, "rows were indexed before the writer finished"
    whole = index_file(path)
    assert index.complete and list(index.starts) == list(whole.starts) and [index.line_of(r) for r in range(index.row_count)] == [whole.line_of(r) for r in range(whole.row_count)]


def test_cancel_stops_following(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(IndexCancelled):
        follow_file(tmp_path / "never", RowIndex(), lambda: False, cancel=cancel)
