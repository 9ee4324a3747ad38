"""The helper process runs pure functions and gives the same answers as running them here."""

from __future__ import annotations

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.ui import offload
from ctct_desktop.ui.body_text import lex_text, prepare_text


def test_prepare_and_lex_in_the_helper_process() -> None:
    body = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry></feed>'
    try:
        remote = offload.run(prepare_text, body, "application/atom+xml", True)
        assert remote == prepare_text(body, "application/atom+xml", True)
        spans = offload.run(lex_text, remote.text, Syntax.XML)
        local = lex_text(remote.text, Syntax.XML)
        assert spans is not None and local is not None
        assert [spans.spans_of(n) for n in range(spans.line_count)] == \
            [local.spans_of(n) for n in range(local.line_count)]
    finally:
        offload.shutdown()


def test_work_that_quitting_drops_ends_as_cancelled_not_as_a_traceback() -> None:
    """shutdown() cancels queued work; the worker threads waiting on it get OffloadCancelled
    (before, a queued call raised concurrent.futures.CancelledError out of the worker)."""
    import threading
    import time

    outcomes: dict[str, object] = {}

    def call(name: str, seconds: float) -> None:
        try:
            outcomes[name] = offload.run(time.sleep, seconds)
        except offload.OffloadCancelled:
            outcomes[name] = "cancelled"
        except BaseException as exc:  # noqa: BLE001 - what the test is about
            outcomes[name] = exc

    threads = [threading.Thread(target=call, args=(name, 30.0)) for name in ("running", "queued", "waiting")]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while len(getattr(offload._pool, "_pending_work_items", {})) < 3:  # all three submitted
            assert time.monotonic() < deadline, "the calls never reached the helper's queue"
            time.sleep(0.01)
    finally:
        offload.shutdown()
        for thread in threads:
            thread.join(30)
    assert outcomes == {"running": "cancelled", "queued": "cancelled", "waiting": "cancelled"}
