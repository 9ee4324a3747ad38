"""The regex pre-filter finds exactly what ``finditer`` finds, by whichever plan it picks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.paging import prefilter
from ctct_desktop.core.paging.prefilter import iter_matches, plan_for

PATTERNS = [rb"needle", rb"\bneedle\b", rb"need\w+", rb"\d+ needle", rb"con.{0,5}tact", rb"(?i)NEEDLE",
            rb"x(?=y)needle", rb"(abc|needle)+", rb"ne+dle", rb"[0-9]needle[0-9]?", rb"^needle", rb"needle$",
            rb"(need)le", rb"a.*needle", rb"needleneedle", rb"nee(dle)?dle", rb"\Bneedle", rb"(?<=a)needle",
            rb"x?needle", rb"(?i:need)le", rb"aaa\d", rb"\baaa", rb"[ab]aab"]
PIECES = [b"needle", b"NEEDLE", b"Needle", b" ", b"\n", b"a", b"1", b"con", b"tact", b"x", b"y", b"le", b"need",
          b"abc", b"\xc3\xa9", b"aa", b"b"]
FLAGS = [0, re.IGNORECASE, re.IGNORECASE | re.MULTILINE]


def finditer(pattern: re.Pattern[bytes], data: bytes, pos: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(data, pos) if m.end() > m.start()]


@pytest.mark.parametrize("dense", [1, 10**9], ids=["literal-plans", "dense-fallback"])
@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=80), start=st.integers(min_value=0, max_value=400))
def test_same_matches_as_finditer(dense: int, pieces: list[bytes], start: int) -> None:
    data = b"".join(pieces)
    pos = min(start, len(data))
    old = prefilter._DENSE
    prefilter._DENSE = dense  # 1: every hit is tried by the plan; 10**9: the plan hands over to re at once
    try:
        for source in PATTERNS:
            for flags in FLAGS:
                pattern = re.compile(source, flags)
                assert list(iter_matches(pattern, plan_for(pattern), data, pos)) == finditer(pattern, data, pos), \
                    (source, flags)
    finally:
        prefilter._DENSE = old


def test_plans_for_common_patterns() -> None:
    """Words, \\b-bounded words and word-prefixed patterns are found by their literal first,
    case-insensitively too; lookarounds and literal-free patterns are left to re."""
    word = plan_for(re.compile(rb"\bneedle\b", re.IGNORECASE))
    assert (word.literal, word.fold, word.prefix) == (b"needle", True, True)
    assert plan_for(re.compile(rb"Need\d+")).literal == b"Need"
    inside = plan_for(re.compile(rb"[0-9]{2}needle"))
    assert (inside.literal, inside.prefix, inside.max_width) == (b"needle", False, 8)
    assert plan_for(re.compile(rb"a.*needle")).literal is None  # unbounded before the literal
    assert plan_for(re.compile(rb"x(?=y)needle")).literal is None
    assert plan_for(re.compile(rb"\d{3}")).literal is None
    assert plan_for(re.compile(rb"ab")).literal is None  # too short to be worth it


def test_many_hits_hand_over_to_re() -> None:
    data = b"needle " * 10_000 + b"needles"
    pattern = re.compile(rb"needles", re.IGNORECASE)
    assert list(iter_matches(pattern, plan_for(pattern), data)) == finditer(pattern, data, 0)


@pytest.mark.parametrize(("source", "data"), [(rb"aaa\d", b"aaaa1 aaaaa2"), (rb"[0-9]aab", b"aaab 1aab aaaab"),
                                              (rb"\baaa\d", b"aaaa1 aaa1")])
def test_a_failed_hit_is_followed_by_the_next_overlapping_one(source: bytes, data: bytes) -> None:
    pattern = re.compile(source)
    old = prefilter._DENSE
    prefilter._DENSE = 1
    try:
        assert list(iter_matches(pattern, plan_for(pattern), data)) == finditer(pattern, data, 0) != []
    finally:
        prefilter._DENSE = old
