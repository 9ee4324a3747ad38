"""Find in a body file: counts, next and previous with wrap-around, options, bad patterns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ctct_desktop.core.paging import search
from ctct_desktop.core.paging.search import BadPattern, Query, count_matches, find_next, find_previous


@pytest.fixture
def body(tmp_path: Path) -> Path:
    path = tmp_path / "body.xml"
    path.write_bytes(b"<feed>\n" + b"".join(b"  <entry><title>Contact %d</title></entry>\n" % i
                                             for i in range(1000)) + b"</feed>\n")
    return path


def test_counts_with_and_without_case(body: Path):
    assert count_matches(body, Query("Contact", case_sensitive=True)) == 1000
    assert count_matches(body, Query("contact", case_sensitive=True)) == 0
    assert count_matches(body, Query("contact")) == 1000
    assert count_matches(body, Query(r"Contact 9\d\b", regex=True)) == 10


def test_next_and_previous_wrap_around(body: Path):
    query = Query("Contact 999")
    data = body.read_bytes()
    last = data.index(b"Contact 999")
    assert find_next(body, query, last + 1) == search.Match(last, last + 11)  # wrapped to the start
    first = find_next(body, Query("entry"), 0)
    assert first is not None and data[first.start:first.end] == b"entry"
    before = find_previous(body, Query("entry"), first.start)
    assert before is not None and before.start > first.start  # wrapped to the end


def test_a_bad_regex_says_why(body: Path):
    with pytest.raises(BadPattern, match="not valid"):
        count_matches(body, Query("(unclosed", regex=True))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab \n>", max_size=400) | st.text(alphabet="ab", max_size=400), st.sampled_from(["a", "ab", "b a", "aa"]),
       st.integers(8, 64))
@example(text=">>>>>>>>>>>aaa", needle="aa", chunk=13)  # a self-overlapping needle across a seam
@example(text="abababababab", needle="aa", chunk=8)
def test_counts_agree_with_re_for_any_chunk_size(tmp_path_factory, text, needle, chunk):
    path = tmp_path_factory.mktemp("find") / "body"
    path.write_text(text)
    expected = len(re.findall(re.escape(needle), text))
    assert count_matches(path, Query(needle, case_sensitive=True), chunk=chunk) == expected
    assert count_matches(path, Query(needle.upper()), chunk=chunk) == expected
    starts, offset = [], 0
    while (found := find_next(path, Query(needle, case_sensitive=True), offset, chunk=chunk)) is not None:
        if found.start < offset:
            break  # wrapped around
        starts.append(found.start)
        offset = found.end
    assert starts == [m.start() for m in re.finditer(re.escape(needle), text)]


_WORDS = st.lists(st.text(alphabet="abAB", min_size=1, max_size=4), max_size=120)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=6), st.sampled_from([rb"[ab]+", rb"a[ab]*b", rb"\bab\b"]), st.integers(8, 64),
       st.booleans())
def test_regex_counts_and_jumps_agree_with_re_for_any_chunk_size(tmp_path_factory, lines, source, chunk, case):
    """Windows are read into one reused buffer and cut at line breaks or spaces: whatever the chunk,
    a regex that cannot cross those finds what ``re`` finds in the whole file."""
    path = tmp_path_factory.mktemp("find-regex") / "body"
    path.write_text("\n".join(" ".join(words) for words in lines))
    data = path.read_bytes()
    pattern = re.compile(source, (0 if case else re.IGNORECASE) | re.MULTILINE)
    expected = [m.start() for m in pattern.finditer(data) if m.end() > m.start()]
    query = Query(source.decode(), regex=True, case_sensitive=case)
    assert count_matches(path, query, chunk=chunk) == len(expected)
    starts, offset = [], 0
    while (found := find_next(path, query, offset, chunk=chunk)) is not None and found.start >= offset:
        starts.append(found.start)
        offset = found.end
    assert starts == expected
    last = find_previous(path, query, len(data), chunk=chunk)
    assert (last.start if last is not None else None) == (expected[-1] if expected else None)

