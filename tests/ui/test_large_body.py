"""A 20 MB minified XML body, spooled: paged from its file in Pretty (formatted by the helper
process as it streams in) and in Raw (one line cut into rows), searched with the window's Ctrl+F.

Speed is measured in benchmarks/bench_ui_large_body.py; here we check that it all arrives intact,
that the window never holds the body in a text document, and that find works on the file.
"""

from __future__ import annotations

from PySide6 import QtCore

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
    body = window.response_view.body
    assert body.paged_active
    qtbot.waitUntil(lambda: not body.busy, timeout=120000)
    assert "filling" in stages and stages[-1] == "done"
    assert all(editor.document().characterCount() <= 1 for editor in body.editors), "no text document holds it"
    view = body.paged
    source = view.source
    assert body.paged_body.shown == "pretty"
    assert source.index.line_count > 500_000  # pretty-printed: one element per line
    assert source.text(source.row_count - 2) == "</feed>"
    head = "".join(source.text(n).strip() for n in range(0, 30))
    assert "<EmailAddress>user0@example.com</EmailAddress>" in head

    window.window_actions.raw_view.trigger()
    assert body.paged_body.shown == "raw"
    raw = view.source
    qtbot.waitUntil(lambda: raw.index.complete, timeout=60000)
    assert raw.index.line_count == 1 and raw.index.size == record.body_size  # as received: one line
    view.scroll_to_end()
    assert raw.text(raw.row_count - 1).endswith("</feed>")

    view.setFocus()
    window.window_actions.find.trigger()
    find = body.paged_find
    assert find.isVisible()
    find.field.setText("user0@example.com")
    with qtbot.waitSignal(find.counted, timeout=30000) as counted:
        pass
    assert counted.args[0] >= 1
    with qtbot.waitSignal(find.found, timeout=30000) as found:
        qtbot.keyClick(find.field, QtCore.Qt.Key.Key_Return)
    match = found.args[0]
    assert raw.read(match.start, match.end) == b"user0@example.com"
