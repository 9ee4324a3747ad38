"""While the UI thread is busy, a running task gives way (core/ui_pace.py): the UI thread beats
only while tasks run, and a large body's indexing waits out a busy UI thread instead of sharing
the interpreter with it."""

from __future__ import annotations

import time

from ctct_desktop.core.paging.rows import CHUNK_BYTES, RowIndex, index_file
from ctct_desktop.core.ui_pace import PACE
from ctct_desktop.ui import workers


def test_indexing_waits_while_the_ui_thread_is_busy_and_the_beat_stops_after(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "body.xml"
    path.write_bytes(b"<entry><id>1</id></entry>\n" * 2_000_000)  # 52 MB of short lines
    index = RowIndex()
    done: list[object] = []
    workers.start_task(lambda _p: index_file(path, index), done.append, owner=None)
    assert PACE.active  # a task runs: the UI thread beats
    qtbot.waitUntil(lambda: index.size >= 2 * CHUNK_BYTES, timeout=10000)
    time.sleep(0.05)  # the UI thread busy (no event loop, so no beat): late after 8 ms
    settled = index.size  # (how much goes in before the beat is late depends on the machine's speed)
    time.sleep(0.15)  # still busy, and not yet late for STUCK_S
    during = index.size - settled
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert index.complete
    assert during <= CHUNK_BYTES, f"indexed {during} bytes in 150 ms while the UI thread was busy"  # one in hand at most
    qtbot.waitUntil(lambda: not PACE.active, timeout=2000)  # no task: no beat, nobody waits
