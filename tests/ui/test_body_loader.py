"""BodyLoader: a new body replaces one still loading, and the old one's late results are dropped."""

from __future__ import annotations

import os
import threading

import pytest

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.ui import offload
from ctct_desktop.ui.body_text import lex_text
from ctct_desktop.ui.response_view.body_loader import BodyLoader
from ctct_desktop.ui.widgets.code_editor import CodeEditor
from tests.support.bodies import large_xml


def test_a_new_body_replaces_one_still_loading(qtbot) -> None:
    editor = CodeEditor()
    qtbot.addWidget(editor)
    editor.setReadOnly(True)
    loader = BodyLoader(editor)
    loader.load(large_xml(3 * 1024 * 1024), "application/atom+xml", pretty_view=True)
    assert loader.busy
    loader.load(b'{"small": true}', "application/json", pretty_view=True)
    assert editor.toPlainText() == '{\n  "small": true\n}\n'
    qtbot.waitUntil(lambda: not loader.busy, timeout=20000)
    qtbot.wait(1500)  # long enough for the abandoned pretty-print to have answered, were it kept
    assert editor.toPlainText() == '{\n  "small": true\n}\n'
    offload.shutdown()


def test_cancelling_offloaded_work_stops_it() -> None:
    text = large_xml(4 * 1024 * 1024).decode().replace("><", ">\n<")
    cancel = threading.Event()
    try:
        helper = offload.run(os.getpid)
        assert helper != os.getpid()
        threading.Timer(0.3, cancel.set).start()
        with pytest.raises(offload.OffloadCancelled):
            offload.run(lex_text, text, Syntax.XML, cancel=cancel)
        assert offload.run(os.getpid) != helper  # the busy helper was stopped; a fresh one took over
        assert offload.run(lex_text, "<a/>", Syntax.XML) is not None
    finally:
        offload.shutdown()


def test_visible_lines_are_highlighted_before_the_full_lexing_arrives(qtbot) -> None:
    from ctct_desktop.ui.highlighting.visible import VisibleHighlighter

    editor = CodeEditor()
    qtbot.addWidget(editor)
    editor.resize(600, 300)
    editor.show()
    editor.setPlainText("".join(f'<entry id="{i}">\n  <title>t</title>\n</entry>\n' for i in range(5000)))
    highlighter = VisibleHighlighter(editor)
    highlighter.set_provisional(Syntax.XML)
    first = editor.document().firstBlock()
    qtbot.waitUntil(lambda: len(first.layout().formats()) > 0, timeout=2000)
    ranges = first.layout().formats()
    assert (ranges[0].start, ranges[0].length) == (0, 6)  # "<entry"
    assert highlighter.spans is None
    far = editor.document().findBlockByNumber(10_000)
    assert far.layout().formats() == []  # nothing beyond the screen


def test_a_spooled_body_is_read_from_its_file_in_the_worker(qtbot, tmp_path) -> None:
    whole = b'{"spooled": [' + b"1, " * 1000 + b'2]}'
    path = tmp_path / "body.bin"
    path.write_bytes(whole)
    editor = CodeEditor()
    qtbot.addWidget(editor)
    loader = BodyLoader(editor)
    loader.load(whole[:20], "application/json", pretty_view=False, path=str(path))
    assert editor.toPlainText() == ""  # not read on the UI thread
    qtbot.waitUntil(lambda: not loader.busy, timeout=20000)
    assert editor.toPlainText() == whole.decode()


def test_a_vanished_spool_file_is_a_plain_message(qtbot, tmp_path) -> None:
    editor = CodeEditor()
    qtbot.addWidget(editor)
    loader = BodyLoader(editor)
    loader.load(b"prefix", "text/plain", pretty_view=False, path=str(tmp_path / "gone.bin"))
    qtbot.waitUntil(lambda: not loader.busy and editor.toPlainText() != "", timeout=20000)
    assert editor.toPlainText().startswith("[the body could not be shown: OSError: the spooled body file is gone")
