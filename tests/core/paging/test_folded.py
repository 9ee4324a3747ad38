"""The body's lower-cased copy: written while the body is indexed, used by case-insensitive
searches once complete, and never left behind when indexing stops or the body goes away."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.paging.folded import FoldedCopy
from ctct_desktop.core.paging.follow import follow_file
from ctct_desktop.core.paging.prefilter import case_blind
from ctct_desktop.core.paging.rows import IndexCancelled, RowIndex, index_file
from ctct_desktop.core.paging.search import Query, count_matches, find_next, find_previous


def _body(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "body.xml"
    path.write_bytes(data)
    return path


def test_indexing_writes_the_copy_and_it_is_ready_only_when_complete(tmp_path: Path) -> None:
    data = b"".join(b"<Entry>Caf\xc3\xa9 NEEDLE %d</Entry>\n" % i for i in range(5000))
    path = _body(tmp_path, data)
    folded = FoldedCopy(path)
    assert folded.ready is None  # created empty, not complete
    index_file(path, RowIndex(), chunk=4096, folded=folded)
    assert folded.ready == folded.path
    assert folded.path.read_bytes() == data.lower()  # ASCII only: the UTF-8 of "é" is kept as it is


def test_a_followed_file_gets_its_copy_too(tmp_path: Path) -> None:
    data = b"Line ONE\nline Two\n" * 1000
    path = _body(tmp_path, data)
    folded = FoldedCopy(path)
    follow_file(path, RowIndex(), lambda: True, folded=folded, chunk=1000)
    assert folded.ready is not None and folded.path.read_bytes() == data.lower()


def test_a_cancelled_index_leaves_no_copy(tmp_path: Path) -> None:
    path = _body(tmp_path, b"x" * 100_000)
    folded = FoldedCopy(path)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(IndexCancelled):
        index_file(path, RowIndex(), cancel=cancel, folded=folded)
    assert folded.ready is None
    assert not folded.path.exists()


def test_discarding_while_the_worker_writes_leaves_no_file(tmp_path: Path) -> None:
    path = _body(tmp_path, b"abc\n" * 10_000)
    folded = FoldedCopy(path)
    folded.write(b"ABC\n")
    folded.discard()  # the body was replaced while its index was being built
    folded.write(b"ABC\n")
    folded.finish()
    assert folded.ready is None
    assert not folded.path.exists()


def test_an_unwritable_folder_means_no_copy_not_an_error(tmp_path: Path) -> None:
    folded = FoldedCopy(tmp_path / "missing-folder" / "body.xml")
    folded.write(b"ABC")
    folded.finish()
    assert folded.ready is None


def test_case_insensitive_searches_read_the_copy_alone(tmp_path: Path) -> None:
    """A copy that says otherwise than the body shows which one was read."""
    body = _body(tmp_path, b"delta bbbbb delta\n" * 10)
    copy = tmp_path / "copy"
    copy.write_bytes(b"delta delta delta\n" * 10)  # same length, one more "delta" per line
    assert count_matches(body, Query("DELTA")) == 20
    assert count_matches(body, Query("DELTA"), folded=copy) == 30
    assert count_matches(body, Query(r"\bdelta\b", regex=True), folded=copy) == 30
    assert count_matches(body, Query(r"d.lta", regex=True), folded=copy) == 30  # no literal to look for first
    hit = find_next(body, Query("DELTA"), 1, folded=copy)
    assert hit is not None and hit.start == 6
    hit = find_previous(body, Query("DELTA"), 12, folded=copy)
    assert hit is not None and hit.start == 6
    # what minds case reads the body itself
    assert count_matches(body, Query("delta", case_sensitive=True), folded=copy) == 20
    assert count_matches(body, Query(r"(?-i:d)elta", regex=True), folded=copy) == 20


@pytest.mark.parametrize(("source", "flags", "blind"), [
    (rb"needle", re.IGNORECASE, True),
    (rb"(?i)\bnee[d-f]le\b", 0, True),
    (rb"(a)\1", re.IGNORECASE, True),
    (rb"needle", 0, False),
    (rb"(?i:needle)", 0, False),  # only a part ignores case
    (rb"ne(?-i:E)dle", re.IGNORECASE, False),
    (rb"x|(y|(?-i:Z))", re.IGNORECASE, False),  # however deep
])
def test_case_blind_patterns(source: bytes, flags: int, blind: bool) -> None:
    assert case_blind(re.compile(source, flags)) is blind


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet="aAbB \n>é", max_size=300), st.sampled_from(["a", "Ab", "b A", "aa", "é", "(?-i:A)b"]),
       st.booleans(), st.integers(8, 64))
def test_searches_with_the_copy_agree_with_re(tmp_path_factory, text: str, needle: str, regex: bool,
                                              chunk: int) -> None:
    folder = tmp_path_factory.mktemp("folded")
    path = _body(folder, text.encode("utf-8"))
    folded = FoldedCopy(path)
    index_file(path, RowIndex(), chunk=chunk, folded=folded)
    ready = folded.ready
    assert ready is not None
    if needle.startswith("(?"):
        regex = True  # a pattern only
    source = needle if needle.startswith("(?") else re.escape(needle) if not regex else re.escape(needle).replace("a", "[a]")
    pattern = re.compile(source.encode("utf-8"), re.IGNORECASE | re.MULTILINE)
    data = path.read_bytes()
    expected = [m.start() for m in pattern.finditer(data) if m.end() > m.start()]
    query = Query(source if regex else needle, regex=regex)
    assert count_matches(path, query, chunk=chunk, folded=ready) == len(expected)
    first = find_next(path, query, 0, chunk=chunk, folded=ready)
    assert (first.start if first is not None else None) == (expected[0] if expected else None)
    last = find_previous(path, query, len(data), chunk=chunk, folded=ready)
    assert (last.start if last is not None else None) == (expected[-1] if expected else None)
