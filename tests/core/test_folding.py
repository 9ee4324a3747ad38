from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from ctct_desktop.core.folding import FoldedRows, fold_ranges, scan_fold_end
from ctct_desktop.core.formatting import pretty

XML = """<feed>
  <entry>
    <title>A</title>
    <content>
      <C/>
    </content>
  </entry>
  <entry/>
</feed>"""


def test_xml_elements_fold_through_their_closing_tag() -> None:
    assert fold_ranges(XML) == [(0, 8), (1, 6), (3, 5)]


def test_json_objects_and_arrays_fold_through_their_closing_bracket() -> None:
    text = json.dumps({"a": {"b": [1, 2], "c": {}}, "d": 1}, indent=2)
    assert fold_ranges(text) == [(0, 9), (1, 7), (2, 5)]


def test_lines_without_deeper_followers_do_not_fold() -> None:
    assert fold_ranges("a\nb\nc") == []
    assert fold_ranges("") == []


def test_indentation_without_closer_ends_at_the_last_deeper_line() -> None:
    assert fold_ranges("head\n  one\n  two\nnext\n  three") == [(0, 2), (3, 4)]


def test_blank_lines_inside_a_fold_belong_to_it() -> None:
    assert fold_ranges("<a>\n  <b/>\n\n  <c/>\n</a>") == [(0, 4)]


def test_formatted_atom_feed_folds_each_entry() -> None:
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title></entry>'
            b'<entry><title>B</title></entry></feed>')
    text = pretty(body, "application/atom+xml").text
    lines = text.split("\n")
    starts = [lines[start].strip() for start, _ in fold_ranges(text)]
    assert starts.count("<entry>") == 2


@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(["x", "</x>", "}", "]", ""])), max_size=60))
def test_ranges_are_inside_the_text_and_nest(lines: list[tuple[int, str]]) -> None:
    text = "\n".join(" " * depth + word for depth, word in lines)
    ranges = fold_ranges(text)
    count = len(text.split("\n"))
    for start, end in ranges:
        assert 0 <= start < end < count
    for a_start, a_end in ranges:  # any two ranges are nested or apart, never overlapping
        for b_start, b_end in ranges:
            assert a_end < b_start or b_end < a_start or (a_start <= b_start and b_end <= a_end) \
                or (b_start <= a_start and a_end <= b_end)




# ----- folds of a file ------------------------------------------------------------------------

def _offsets(text: str) -> list[int]:
    starts, position = [], 0
    for line in text.split("\n"):
        starts.append(position)
        position += len(line.encode()) + 1
    return starts


def _line_of(text: str, offset: int) -> int:
    return text.encode()[:offset].count(b"\n")


@pytest.mark.parametrize("chunk", [7, 64, 1 << 16])
def test_file_scan_agrees_with_fold_ranges(tmp_path: Path, chunk: int) -> None:
    text = XML + "\n" + json.dumps({"a": {"b": [1, 2], "c": {}}, "d": 1}, indent=2)
    path = tmp_path / "body"
    path.write_text(text)
    starts = _offsets(text)
    expected = dict(fold_ranges(text))
    for line, start in enumerate(starts):
        scan = scan_fold_end(path, start, chunk=chunk)
        if line in expected:
            assert scan.last is not None and _line_of(text, scan.last) == expected[line], (line, scan)
        else:
            assert scan.last is None and scan.reason, line


def test_file_scan_is_bounded_and_knows_an_unfinished_file(tmp_path: Path) -> None:
    path = tmp_path / "body"
    path.write_bytes(b"<a>\n" + b"  <b/>\n" * 10_000)
    assert scan_fold_end(path, 0).last is not None  # to the end of a complete file
    unfinished = scan_fold_end(path, 0, complete=False)
    assert unfinished.last is None and "still being read" in (unfinished.reason or "")
    bounded = scan_fold_end(path, 0, max_bytes=1024, chunk=512)
    assert bounded.last is None and "larger than" in (bounded.reason or "")


def test_folded_rows_map_screen_rows_to_file_rows() -> None:
    rows = FoldedRows()
    rows.add(2, 5)  # rows 3, 4, 5 hidden
    rows.add(8, 9)  # row 9 hidden
    assert rows.hidden == 4 and rows.shown_count(12) == 8
    shown = [rows.to_file(n) for n in range(rows.shown_count(12))]
    assert shown == [0, 1, 2, 6, 7, 8, 10, 11]
    assert [rows.to_shown(r) for r in shown] == list(range(8))
    assert rows.to_shown(4) == 2 and rows.containing(4) == 2 and rows.containing(6) is None
    rows.add(1, 7)  # encloses the first fold, which it absorbs
    assert rows.ranges() == [(1, 7), (8, 9)]
    rows.add(3, 4)  # inside a folded range: nothing to do
    assert rows.ranges() == [(1, 7), (8, 9)]
    assert rows.remove(1) and rows.ranges() == [(8, 9)]
    assert not rows.remove(1)
    rows.clear()
    assert not rows and rows.to_file(5) == 5


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=8))
def test_folded_rows_mapping_is_a_bijection_on_shown_rows(folds: list[tuple[int, int]]) -> None:
    rows = FoldedRows()
    for start, length in folds:
        rows.add(start, start + length)
    total = 70
    hidden = {r for s, e in rows.ranges() for r in range(s + 1, e + 1)}
    shown = [r for r in range(total) if r not in hidden]
    assert [rows.to_file(n) for n in range(rows.shown_count(total))] == shown
