"""Bodies of any size in the paged view, Raw and Pretty: a one-line 100 MB body scrolls to its end
and finds a word there; Pretty streams in and falls back to Raw, with the reason, for hostile or
broken XML at size; another load cancels the previous one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctct_desktop.ui.paged_view.body_pages import PagedBody, PagesState
from ctct_desktop.ui.paged_view.find_bar import PagedFindBar
from ctct_desktop.ui.paged_view.view import PagedTextView


@pytest.fixture
def pages(qtbot):  # type: ignore[no-untyped-def]
    view = PagedTextView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    body = PagedBody(view)
    yield body
    body.cancel()


def _wait_done(qtbot, body: PagedBody, timeout: int = 120_000) -> None:
    qtbot.waitUntil(lambda: not body.busy, timeout=timeout)


def test_a_one_line_100_mb_body_in_raw_scrolls_to_the_end_and_finds_a_word_there(pages, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    with open(path, "wb") as out:
        block = b"lorem ipsum dolor sit amet " * 40_000  # about 1 MB, no line break
        for _ in range(100):
            out.write(block)
        out.write(b"the closing word is zanzibar")
    pages.load(path, "text/plain", pretty=True)  # text has no Pretty form: Raw
    view = pages.view
    qtbot.waitUntil(lambda: view.source is not None and view.source.row_count > 0, timeout=10_000)
    _wait_done(qtbot, pages)
    assert pages.shown == "raw" and view.source.index.line_count == 1
    view.scroll_to_end()
    last = view.source.row_count - 1
    assert view.source.text(last).endswith("zanzibar")
    find = PagedFindBar(view)
    qtbot.addWidget(find)
    find.open_bar()
    find.field.setText("zanzibar")
    with qtbot.waitSignal(find.found, timeout=20_000) as found:
        find.find_next()
    offset = path.stat().st_size - len("zanzibar")
    assert (found.args[0].start, found.args[0].end) == (offset, offset + 8)
    assert view.first_row() <= last <= view.first_row() + view.visible_rows()
    with qtbot.waitSignal(find.counted, timeout=20_000) as counted:
        find._count()
    assert counted.args == [1]


def test_pretty_json_streams_in_and_matches_json_dumps(pages, qtbot, tmp_path: Path) -> None:
    value = {"results": [{"id": i, "email": f"c{i}@example.com", "lists": [1, 2]} for i in range(30_000)]}
    path = tmp_path / "body.json"
    path.write_text(json.dumps(value))
    states: list[PagesState] = []
    pages.state.connect(states.append)
    pages.load(path, "application/json")
    _wait_done(qtbot, pages)
    assert pages.shown == "pretty" and states[-1].note is None and not states[-1].formatting
    source = pages.view.source
    formatted = json.dumps(value, indent=2)
    assert source.read(0, source.index.size).decode() == formatted + "\n"
    assert source.index.line_count == formatted.count("\n") + 2
    pages.set_pretty(False)
    assert pages.shown == "raw" and pages.view.source.index.line_count == 1


def test_hostile_xml_at_size_falls_back_to_raw_with_the_reason(pages, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><feed>')
        for i in range(300_000):
            out.write(b"<entry><title>&b; %d</title></entry>" % i)
        out.write(b"</feed>")
    states: list[PagesState] = []
    pages.state.connect(states.append)
    pages.load(path, "application/atom+xml")
    _wait_done(qtbot, pages)
    assert pages.shown == "raw"
    assert states[-1].note is not None and "declares XML entities" in states[-1].note
    assert not path.with_name(path.name + ".pretty").exists()
    assert pages.view.source.text(0).startswith('<?xml version="1.0"?><!DOCTYPE feed')


def test_xml_broken_near_its_end_shows_pretty_first_then_raw_with_where(pages, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    with open(path, "wb") as out:
        out.write(b"<feed>\n")
        for i in range(200_000):
            out.write(b"<entry><id>%d</id></entry>\n" % i)
        out.write(b"<entry></feed>\n")
    shown: list[str] = []
    states: list[PagesState] = []
    pages.state.connect(lambda state: (states.append(state), shown.append(state.view)))
    pages.load(path, "application/xml")
    _wait_done(qtbot, pages)
    assert "pretty" in shown, "the formatted first screen was shown while formatting"
    assert pages.shown == "raw" and states[-1].note is not None
    assert states[-1].note.startswith("Shown raw: ") and "line 200002" in states[-1].note


def test_another_load_cancels_the_previous_one(pages, qtbot, tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    with open(big, "wb") as out:
        out.write(b"<feed>" + b"<entry><id>1</id></entry>" * 1_000_000 + b"</feed>")
    small = tmp_path / "small.xml"
    small.write_bytes(b"<a><b>done</b></a>")
    pages.load(big, "application/xml")
    pages.load(small, "application/xml")
    _wait_done(qtbot, pages)
    assert pages.view.source.read(0, 100) == b"<a>\n  <b>done</b>\n</a>\n"
    qtbot.waitUntil(lambda: not big.with_name("big.xml.pretty").exists(), timeout=5000)  # the helper's file goes
    qtbot.waitUntil(lambda: not [*tmp_path.glob("big.xml*.folded")], timeout=5000)  # and the lower-cased copies


def test_both_forms_get_a_lower_cased_copy_for_find_and_lose_it_with_the_body(pages, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<Feed>" + b"<Entry><Title>Needle %d</Title></Entry>" * 50_000 % tuple(range(50_000)) + b"</Feed>")
    pages.load(path, "application/xml")
    _wait_done(qtbot, pages)
    pretty = pages.view.source
    assert pages.shown == "pretty" and pretty.folded_path is not None
    assert pretty.folded_path.read_bytes() == pretty.path.read_bytes().lower()
    pages.set_pretty(False)
    raw = pages.view.source
    assert raw.folded_path is not None and raw.folded_path.read_bytes() == path.read_bytes().lower()
    find = PagedFindBar(pages.view)
    qtbot.addWidget(find)
    find.open_bar()
    find.field.setText("NEEDLE")
    with qtbot.waitSignal(find.counted, timeout=20_000) as counted:
        find._count()
    assert counted.args == [50_000]
    copies = [pretty.folded_path, raw.folded_path]
    pages.cancel()
    assert not any(copy.exists() for copy in copies)


def test_a_large_body_held_in_memory_is_paged_too_and_its_copy_removed_after(qtbot) -> None:
    from ctct_desktop.ui.response_view.body_view import PAGED_FROM_BYTES, BodyView

    body = BodyView()
    qtbot.addWidget(body)
    body.resize(800, 500)
    body.show()
    data = json.dumps([{"n": i, "text": "x" * 40} for i in range(PAGED_FROM_BYTES // 40)]).encode()
    body.show_body(data, "application/json")
    assert body.paged_active
    copy = Path(body._copy)
    assert copy.is_file() and copy.read_bytes() == data
    qtbot.waitUntil(lambda: not body.busy, timeout=60_000)
    assert body.paged_body.shown == "pretty" and body.paged.source.text(1) == "  {"
    body.show_body(b'{"small": true}', "application/json")
    assert not body.paged_active and not copy.exists()
    qtbot.waitUntil(lambda: not body.busy, timeout=10_000)
    assert '"small": true' in body.current_editor.toPlainText()
