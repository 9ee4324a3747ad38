"""History redacts a large body in a worker while the window shows it: the redaction waits
between slices while the UI thread says it is busy, instead of competing with it."""

from __future__ import annotations

import threading
import time

from ctct_desktop.core import redaction
from ctct_desktop.core.ui_pace import PACE


def test_redacting_a_large_text_in_a_worker_waits_while_the_ui_thread_is_busy() -> None:
    text = ("lorem ipsum dolor sit amet " * 40_000) + "api_key=SECRET123"  # ~1 MB: many slices
    finished: list[float] = []
    result: list[str] = []

    def work() -> None:
        result.append(redaction.redact_text(text))
        finished.append(time.monotonic())

    with PACE.busy():
        began = time.monotonic()
        worker = threading.Thread(target=work)
        worker.start()
        time.sleep(0.15)
        still_working = worker.is_alive()
        released = time.monotonic()
    worker.join(timeout=10)
    assert still_working  # alone it takes a few milliseconds
    assert finished and finished[0] >= released
    assert result[0].endswith(f"api_key={redaction.MASK}")
    assert released - began < 1
