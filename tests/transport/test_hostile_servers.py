"""The sender against servers that try to keep it busy or make it hold too much.

Each server here is real (raw sockets on loopback, tests/support/hostile.py) and stops by itself.
Memory is measured in a child process (tests/support/child_send.py); times only against generous
bounds the issue names.
"""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest

from ctct_desktop.core.models import FailureKind, RequestModel
from ctct_desktop.explain.failure_text import classify_error_text
from ctct_desktop.transport.sender import SendOptions
from tests.support.child_send import send_in_child
from tests.support.ways import Way
from tests.support.hostile import blob, drip_body, drip_headers, hostile, zeros_bomb

MiB = 1024 * 1024
GiB = 1024 * MiB
DEFAULT_CAP = SendOptions().max_body_bytes
RSS_LIMIT = 300 * 1000 * 1000


@pytest.fixture(scope="session")
def gzip_bomb() -> Path:
    return zeros_bomb(2 * GiB)


@pytest.fixture(scope="session")
def deflate_bomb() -> Path:
    return zeros_bomb(512 * MiB, raw_deflate=True)


def _assert_bomb_defused(report: dict[str, object], label: str) -> None:
    peak = report["peak_rss_bytes"]
    assert isinstance(peak, int)
    print(f"\n{label}: peak RSS of the sending process {peak / 1e6:.1f} MB")
    assert report["failure"] is None, report
    assert peak < RSS_LIMIT, f"{label}: peak RSS {peak / 1e6:.1f} MB (limit {RSS_LIMIT / 1e6:.0f} MB)"
    assert report["truncated"] is True and report["body_size"] == DEFAULT_CAP, report
    assert report["spooled"] is True and report["in_memory"] == SendOptions().spool_threshold, report
    notes = report["notes"]
    assert isinstance(notes, list) and any("was cut there" in note and "once decoded" in note for note in notes)


WAYS = ["alone", "session"]  # the child sends on its own, or through a run's transport session


@pytest.mark.parametrize("way_name", WAYS)
def test_gzip_bomb_is_cut_at_the_decoded_cap_with_bounded_memory(gzip_bomb: Path, way_name: str) -> None:
    assert gzip_bomb.stat().st_size < 3 * MiB  # 2 GiB of zeros, as a server would send it
    with hostile(blob(gzip_bomb, content_encoding="gzip"), connections=1) as server:
        report = send_in_child(server.url + "/bomb", way=way_name)
    _assert_bomb_defused(report, f"gzip bomb (2 GiB decoded), {way_name}")


@pytest.mark.parametrize("way_name", WAYS)
def test_raw_deflate_bomb_is_cut_at_the_decoded_cap(deflate_bomb: Path, way_name: str) -> None:
    with hostile(blob(deflate_bomb, content_encoding="deflate"), connections=1) as server:
        report = send_in_child(server.url + "/bomb", way=way_name)
    _assert_bomb_defused(report, f"raw deflate bomb (512 MiB decoded), {way_name}")


def test_a_dripping_body_ends_at_the_deadline_with_bytes_received(way: Way) -> None:
    with hostile(drip_body(interval_s=2.0), connections=1) as server:
        began = time.monotonic()
        exchange = way.send(RequestModel(url=server.url + "/drip", timeout_s=3))
        took = time.monotonic() - began
    failure = exchange.failure
    assert failure is not None and failure.kind is FailureKind.TIMEOUT, exchange
    assert took < 15, f"the send took {took:.1f} s"
    assert "within 3 s" in failure.message and "still sending" in failure.message
    assert "bytes received so far: " in failure.message
    received = int(failure.message.split("bytes received so far: ")[1].split(")")[0])
    assert 1 <= received <= 3  # one byte at once, then one every 2 s
    assert classify_error_text(failure.message) is FailureKind.TIMEOUT


def test_headers_that_never_finish_end_at_the_deadline(way: Way) -> None:
    with hostile(drip_headers(interval_s=1.0), connections=1) as server:
        began = time.monotonic()
        exchange = way.send(RequestModel(url=server.url + "/slow-headers", timeout_s=3))
        took = time.monotonic() - began
    failure = exchange.failure
    assert failure is not None and failure.kind is FailureKind.TIMEOUT, exchange
    assert took < 15, f"the send took {took:.1f} s"
    assert "no answer within 3 s" in failure.message
    assert "had not sent a complete status line and headers" in failure.message
    assert "bytes received" not in failure.message  # nothing of a response arrived
    assert classify_error_text(failure.message) is FailureKind.TIMEOUT


def test_a_plain_body_past_a_small_cap_is_cut_and_the_connection_closed(way: Way) -> None:
    body = os.urandom(64 * MiB)
    with hostile(blob(body), connections=1) as server:
        exchange = way.send(RequestModel(url=server.url + "/big"), options=SendOptions(max_body_bytes=MiB))
        sent = server.wait_finished()
    record = exchange.response
    assert record is not None and exchange.failure is None
    assert record.status == 200 and record.header("content-length") == str(len(body))
    assert record.body_truncated and record.body_size == MiB and record.body == body[:MiB]
    assert record.notes == ("The response body passed 1 MiB and was cut there; the rest was not downloaded.",)
    assert sent < 32 * MiB, f"the server sent {sent} bytes: the download did not stop"


def test_a_body_at_exactly_the_cap_is_not_truncated(way: Way) -> None:
    body = b"x" * MiB
    with hostile(blob(body), connections=1) as server:
        record = way.send(RequestModel(url=server.url + "/x"), options=SendOptions(max_body_bytes=MiB)).response
    assert record is not None and not record.body_truncated and record.body == body and record.notes == ()


def test_a_gzip_body_past_a_small_cap_is_cut_once_decoded(way: Way) -> None:
    decoded = b"<entry/>" * (4 * MiB // 8)
    with hostile(blob(gzip.compress(decoded), content_encoding="gzip"), connections=1) as server:
        record = way.send(RequestModel(url=server.url + "/z"), options=SendOptions(max_body_bytes=MiB)).response
    assert record is not None and record.body_truncated
    assert record.body == decoded[:MiB] and record.body_size == MiB
    assert "passed 1 MiB once decoded" in record.notes[0]


def test_a_damaged_gzip_body_is_kept_as_received_with_a_note(way: Way) -> None:
    damaged = b"<a>this was never gzip</a>" * 100
    with hostile(blob(damaged, content_encoding="gzip"), connections=1) as server:
        record = way.send(RequestModel(url=server.url + "/bad")).response
    assert record is not None and record.body == damaged and not record.body_truncated
    assert record.notes and "could not be decoded" in record.notes[0] and "shown as received" in record.notes[0]


def test_a_gzip_body_cut_short_keeps_what_decoded_with_a_note(way: Way) -> None:
    whole = gzip.compress(b"<a>fine</a>" * 1000)
    with hostile(blob(whole[:len(whole) // 2], content_encoding="gzip"), connections=1) as server:
        record = way.send(RequestModel(url=server.url + "/short")).response
    assert record is not None and record.body and (b"<a>fine</a>" * 1000).startswith(record.body)
    assert record.notes == ("The gzip stream ended before its end marker: the body may be incomplete.",)


def test_double_gzip_is_decoded_in_order(way: Way) -> None:
    twice = gzip.compress(gzip.compress(b"<a>twice</a>"))
    with hostile(blob(twice, content_encoding="gzip, gzip"), connections=1) as server:
        record = way.send(RequestModel(url=server.url + "/twice")).response
    assert record is not None and record.body == b"<a>twice</a>" and record.notes == ()
