"""A 20 MB minified XML body: formatted in a worker, filled in slices, highlighted where visible.

Speed is measured in benchmarks/bench_ui_large_body.py; here we check that it all arrives intact
and that highlighting reaches whatever part is scrolled to.
"""

from __future__ import annotations

from ctct_desktop.ui.response_view.body_loader import LoadState
from ctct_desktop.ui.response_view.status_line import human_size
from tests.ui.helpers import send_and_wait, type_url


def test_twenty_megabyte_xml_pretty_then_raw(qtbot, workbench, http_server) -> None:
    window = workbench.window
    stages: list[str] = []
    window.response_view.loading.connect(lambda s: stages.append(s.stage) if isinstance(s, LoadState) else None)
    type_url(qtbot, window, http_server.base_url + "/large")
    exchange = send_and_wait(qtbot, window, timeout_ms=60000)
    record = exchange.response
    assert record is not None and record.body_size >= 20 * 1024 * 1024
    assert record.body_path and len(record.body) < record.body_size  # spooled: the view reads the file
    assert window.response_view.status_line.body_size.text() == human_size(record.body_size)  # not the prefix's
    assert {"preparing", "filling"} <= set(stages) and stages[-1] == "done"
    editor = window.response_view.body.current_editor
    document = editor.document()
    assert document.blockCount() > 500_000  # pretty-printed: one element per line
    assert document.lastBlock().previous().text() == "</feed>"
    assert "<EmailAddress>user0@example.com</EmailAddress>" in document.findBlockByNumber(10).text() + \
        "".join(document.findBlockByNumber(n).text().strip() for n in range(5, 15))
    scrollbar = editor.verticalScrollBar()
    scrollbar.setValue(scrollbar.maximum() // 2)
    middle = editor.firstVisibleBlock()
    qtbot.waitUntil(lambda: len(middle.layout().formats()) > 0, timeout=5000)
    assert middle.blockNumber() > 200_000
    far_below = document.findBlockByNumber(middle.blockNumber() + 5000)
    assert len(far_below.layout().formats()) == 0  # only what is on screen gets formatted

    # The Raw view loads on demand and keeps the minified line as received.
    body = window.response_view.body
    assert body.editors[1].document().characterCount() <= 1  # not loaded until asked for
    window.window_actions.raw_view.trigger()
    qtbot.waitUntil(lambda: not body.busy, timeout=60000)
    raw = body.editors[1].document()
    assert raw.blockCount() == 1  # as received: one minified line
    assert raw.characterCount() > 20 * 1024 * 1024
    first = raw.firstBlock()
    qtbot.wait(50)
    assert first.layout().formats() == []  # an absurdly long line is left plain
