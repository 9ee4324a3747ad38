"""Incremental Content-Encoding decoding under a cap: correct, lazy, and calm about hostile input."""

from __future__ import annotations

import sys

import gzip
import os
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.transport.body import BodyCollector, describe_size
from ctct_desktop.transport.decoding import PIECE, decoder_for

TEXT = b"<feed>" + b"<entry>decoded</entry>" * 5000 + b"</feed>"


def _deflate(data: bytes, wbits: int) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return compressor.compress(data) + compressor.flush()


def _collect(encoding: str, raw: bytes, chunk: int = 1000, cap: int = 1 << 30) -> tuple[bytes, bool, tuple[str, ...]]:
    collector = BodyCollector(encoding, cap, spool_threshold=1 << 30)
    for start in range(0, len(raw), chunk):
        if not collector.feed(raw[start:start + chunk]):
            break
    kept = collector.finish()
    return kept.body, kept.truncated, kept.notes


@pytest.mark.parametrize(("encoding", "raw"), [
    ("gzip", gzip.compress(TEXT)),
    ("x-gzip", gzip.compress(TEXT)),
    ("deflate", _deflate(TEXT, zlib.MAX_WBITS)),  # zlib-wrapped, as the RFC says
    ("deflate", _deflate(TEXT, -zlib.MAX_WBITS)),  # raw, as many servers send it
    ("GZIP, identity", gzip.compress(TEXT)),
    ("deflate, gzip", gzip.compress(_deflate(TEXT, zlib.MAX_WBITS))),  # gzip applied last, undone first
])
@pytest.mark.parametrize("chunk", [1, 7, 65536])
def test_encodings_decode_whatever_the_chunking(encoding: str, raw: bytes, chunk: int) -> None:
    assert _collect(encoding, raw, chunk) == (TEXT, False, ())


def test_inflating_never_runs_ahead_of_the_consumer() -> None:
    bomb = _deflate(bytes(64 * 1024 * 1024), -zlib.MAX_WBITS)
    decoder, _ = decoder_for("deflate")
    assert decoder is not None
    pieces = decoder.feed(bomb)
    assert [len(next(pieces)) for _ in range(3)] == [PIECE] * 3  # 64 MiB are there; only 3 pieces made


def test_the_cap_counts_decoded_bytes() -> None:
    body, truncated, notes = _collect("gzip", gzip.compress(bytes(8 * 1024 * 1024)), chunk=65536, cap=1024 * 1024)
    assert truncated and body == bytes(1024 * 1024)
    assert notes == ("The response body passed 1 MiB once decoded and was cut there; the rest was not downloaded.",)


@pytest.mark.parametrize(("encoding", "words"), [
    ("zstd", "'zstd', which this app cannot decode"),
    ("gzip, gzip, gzip, gzip, gzip", "encoded 5 times over"),
])
def test_encodings_not_undone_keep_the_bytes_with_a_note(encoding: str, words: str) -> None:
    body, truncated, notes = _collect(encoding, b"\x28\xb5\x2f\xfd whatever")
    assert body == b"\x28\xb5\x2f\xfd whatever" and not truncated
    assert len(notes) == 1 and words in notes[0] and "shown as received" in notes[0]


def test_brotli_without_a_module_keeps_the_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "brotli", None)  # as on a machine without it: the import fails
    body, _, notes = _collect("br", b"\x8b\x03\x80hello\x03")
    assert body == b"\x8b\x03\x80hello\x03" and "Brotli" in notes[0]


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_damaged_data_is_kept_raw_with_a_note(encoding: str) -> None:
    raw = b"\xff" + b"this is not compressed at all" * 300
    body, truncated, notes = _collect(encoding, raw, chunk=500)
    assert body == raw and not truncated
    assert notes[0].startswith(f"The body could not be decoded: the {encoding} data is damaged")


def test_a_one_byte_deflate_body_is_kept_raw() -> None:
    assert _collect("deflate", b"x")[0] == b"x"


def test_an_empty_body_with_an_encoding_has_nothing_to_say() -> None:
    assert _collect("gzip", b"") == (b"", False, ())


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["gzip", "deflate", "gzip, deflate", "br", "identity", ""]),
       st.lists(st.binary(max_size=300), max_size=6), st.integers(min_value=0, max_value=2000))
def test_hostile_bytes_never_raise(encoding: str, chunks: list[bytes], cap: int) -> None:
    collector = BodyCollector(encoding, cap, spool_threshold=512)
    for chunk in chunks:
        if not collector.feed(chunk):
            break
    kept = collector.finish()
    assert kept.size <= cap
    assert kept.size == (os.path.getsize(kept.path) if kept.path else len(kept.body))
    collector.discard()


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=4000), st.integers(min_value=1, max_value=600))
def test_gzip_round_trips_for_any_body_and_chunking(data: bytes, chunk: int) -> None:
    assert _collect("gzip", gzip.compress(data), chunk) == (data, False, ())


def test_sizes_are_described_as_people_write_them() -> None:
    assert [describe_size(n) for n in (256 * 1024 * 1024, 64 * 1024, 1000, 3 * 1024 ** 3)] == \
        ["256 MiB", "64 KiB", "1000 bytes", "3 GiB"]


def _bounded_brotli() -> object | None:
    try:
        import brotli  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return None
    return brotli if hasattr(brotli.Decompressor, "can_accept_more_data") else None


needs_brotli = pytest.mark.skipif(_bounded_brotli() is None, reason="no brotli module that can bound its output")


@needs_brotli
@pytest.mark.parametrize("chunk", [1, 4096])
def test_brotli_decodes(chunk: int) -> None:
    brotli = _bounded_brotli()
    assert _collect("br", brotli.compress(TEXT), chunk) == (TEXT, False, ())  # type: ignore[attr-defined]


@needs_brotli
def test_a_brotli_bomb_is_inflated_only_as_far_as_it_is_consumed() -> None:
    brotli = _bounded_brotli()
    bomb = brotli.compress(bytes(256 * 1024 * 1024), quality=5)  # type: ignore[attr-defined]
    decoder, _ = decoder_for("br")
    assert decoder is not None and len(bomb) < 1024 * 1024
    pieces = decoder.feed(bomb)
    assert all(0 < len(next(pieces)) <= 2 * PIECE for _ in range(3))  # brotli's limit is a buffer size
    body, truncated, _ = _collect("br", bomb, chunk=len(bomb), cap=2 * 1024 * 1024)
    assert truncated and body == bytes(2 * 1024 * 1024)
