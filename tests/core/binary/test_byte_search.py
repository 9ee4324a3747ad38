"""Byte find over a body file or bytes in memory: hex and text patterns, matches across chunk
edges, counts past the kept offsets, cancel, and what the find and go-to fields accept."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.binary.byte_search import (ByteMatches, PatternError, SearchCancelled, find_all,
                                                  parse_hex, parse_offset, parse_pattern)
from ctct_desktop.core.binary.source import ByteSource


def _naive(data: bytes, pattern: bytes) -> list[int]:
    return [i for i in range(len(data) - len(pattern) + 1) if data[i:i + len(pattern)] == pattern]


@pytest.mark.parametrize("typed", ["de ad be ef", "deadbeef", "0xde 0xad 0xbe 0xef", "DE:AD:BE:EF", "de-ad, be ef"])
def test_hex_patterns_in_the_usual_spellings(typed: str) -> None:
    assert parse_hex(typed) == b"\xde\xad\xbe\xef"


@pytest.mark.parametrize(("typed", "said"), [("de a", "pairs"), ("zz", "'z' is not a hex digit"), ("", "hex pairs"),
                                             ("١٢", "not a hex digit")])
def test_bad_hex_is_one_sentence(typed: str, said: str) -> None:
    with pytest.raises(PatternError) as caught:
        parse_hex(typed)
    assert said in str(caught.value) and "\n" not in str(caught.value)


def test_text_is_found_as_utf8_and_empty_is_refused() -> None:
    assert parse_pattern("café", as_hex=False) == "café".encode()
    with pytest.raises(PatternError):
        parse_pattern("", as_hex=False)


@pytest.mark.parametrize(("typed", "offset"), [("0", 0), ("1234", 1234), ("0x4d2", 1234), ("0X4D2", 1234),
                                               ("1,024", 1024)])
def test_offsets_decimal_or_hex(typed: str, offset: int) -> None:
    assert parse_offset(typed, 4096) == offset


@pytest.mark.parametrize(("typed", "said"), [("4096", "past the end"), ("0x1000", "past the end"), ("abc", "not an offset"),
                                             ("-1", "not an offset"), ("١", "not an offset"), ("", "not an offset")])
def test_bad_offsets_say_why(typed: str, said: str) -> None:
    with pytest.raises(PatternError) as caught:
        parse_offset(typed, 4096)
    assert said in str(caught.value)


def test_matches_across_chunk_edges_in_a_file_are_found_once(tmp_path: Path) -> None:
    data = bytearray(bytes(range(256)) * 64)
    for at in (0, 1021, 2046, 4094, len(data) - 4):
        data[at:at + 4] = b"\xde\xad\xbe\xef"
    path = tmp_path / "body.bin"
    path.write_bytes(bytes(data))
    found = find_all(ByteSource(bytes(data[:100]), str(path)), b"\xde\xad\xbe\xef", chunk=1024)
    assert list(found.offsets) == _naive(bytes(data), b"\xde\xad\xbe\xef")
    assert found.count == 5 and not found.cut


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=600), st.binary(min_size=1, max_size=5), st.integers(1, 64))
def test_same_as_a_naive_scan(data: bytes, pattern: bytes, chunk: int) -> None:
    found = find_all(ByteSource(data), pattern, chunk=chunk)
    assert list(found.offsets) == _naive(data, pattern) and found.count == len(found.offsets)


def test_every_match_is_counted_beyond_the_kept_offsets() -> None:
    found = find_all(ByteSource(b"ab" * 50), b"ab", keep=10)
    assert found.count == 50 and len(found.offsets) == 10 and found.cut


def test_next_and_previous_wrap_around() -> None:
    found = ByteMatches(b"x", find_all(ByteSource(b"x..x..x"), b"x").offsets, 3)
    assert found.after(0) == 1 and found.after(6) == 0
    assert found.before(6) == 1 and found.before(0) == 2


def test_cancel_stops_the_search(tmp_path: Path) -> None:
    path = tmp_path / "body.bin"
    path.write_bytes(b"\x00" * (4 << 20))
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, _total: int) -> None:
        seen.append(done)
        cancel.set()

    with pytest.raises(SearchCancelled):
        find_all(ByteSource(b"", str(path)), b"\x01", cancel=cancel, progress=progress, chunk=1 << 20)
    assert len(seen) == 1
