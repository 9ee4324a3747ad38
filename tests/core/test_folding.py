from __future__ import annotations

import json

from hypothesis import given, strategies as st

from ctct_desktop.core.folding import fold_ranges
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


