"""Fold all for a paged body: one level's folds, by the same rule as the editors' ranges."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from ctct_desktop.core.fold_level import FoldLevelCancelled, scan_level_folds
from ctct_desktop.core.folding import FoldedRows, fold_ranges


def _lines_of(text: str, folds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    data = text.encode()
    return [(data[:start].count(b"\n"), data[:last].count(b"\n")) for start, last in folds]


@pytest.mark.parametrize("chunk", [17, 64, 1 << 16])
def test_a_feed_folds_each_entry(tmp_path: Path, chunk: int) -> None:
    entry = "  <entry>\n    <id>{n}</id>\n    <content>\n      <p/>\n    </content>\n  </entry>\n"
    xml = "<?xml version='1.0'?>\n<feed>\n  <title>t</title>\n\n" + "".join(entry.format(n=n) for n in range(40)) + "</feed>\n"
    path = tmp_path / "feed.xml"
    path.write_text(xml)
    found = scan_level_folds(path, chunk=chunk)
    lines = xml.split("\n")
    assert _lines_of(xml, found.folds) == [(s, e) for s, e in fold_ranges(xml) if lines[s] == "  <entry>"]
    assert found.depth == 2


def test_a_single_large_member_is_folded_a_level_deeper(tmp_path: Path) -> None:
    text = json.dumps({"meta": {"n": 1}, "results": [{"id": n, "o": {"x": n}} for n in range(30)]}, indent=2)
    path = tmp_path / "body.json"
    path.write_text(text)
    found = scan_level_folds(path, chunk=50)
    lines = text.split("\n")
    expected = [(s, e) for s, e in fold_ranges(text) if lines[s] in ('  "meta": {', "    {")]
    assert _lines_of(text, found.folds) == expected and len(expected) == 31


def test_nothing_to_fold_says_so(tmp_path: Path) -> None:
    path = tmp_path / "line.json"
    path.write_text('{"a": [1, 2, 3]}')
    found = scan_level_folds(path)
    assert not found.folds and found.reason is not None and "Nothing to fold" in found.reason


def test_cancel(tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_text(json.dumps({"a": list(range(1000))}, indent=2))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(FoldLevelCancelled):
        scan_level_folds(path, cancel=cancel)


def test_folded_rows_of_many_leaves_nested_and_empty_ranges_out() -> None:
    rows = FoldedRows.of([(10, 20), (1, 5), (2, 3), (7, 7), (21, 30)])
    assert rows.ranges() == [(1, 5), (10, 20), (21, 30)] and len(rows) == 3 and rows.hidden == 4 + 10 + 9
    assert rows.to_file(1) == 1 and rows.to_file(2) == 6 and rows.to_shown(25) == 21 - 4 - 10
