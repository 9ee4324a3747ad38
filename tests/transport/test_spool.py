"""Large bodies go to a spool file, held once; the spool folder stays bounded."""

from __future__ import annotations

import gzip
import os
import stat

import pytest

from ctct_desktop.core.models import BodyUnavailable, FailureKind, RequestModel, ResponseRecord
from ctct_desktop.transport import spool
from ctct_desktop.transport.sender import SendOptions, send
from ctct_desktop.transport.spool import SpoolFolder, SpoolWriter
from tests.support.hostile import blob, hostile

MiB = 1024 * 1024


def test_a_twenty_megabyte_body_is_spooled_and_read_back_whole() -> None:
    body = os.urandom(20_000_000)
    with hostile(blob(body), connections=1) as server:
        record = send(RequestModel(url=server.url + "/large"), options=SendOptions(spool_threshold=MiB)).response
    assert record is not None and not record.body_truncated and record.notes == ()
    assert record.body_path and os.path.exists(record.body_path)
    assert record.body == body[:MiB] and record.body_size == len(body)
    assert record.read_body() == body
    assert b"".join(record.iter_body()) == body and max(len(p) for p in record.iter_body()) <= MiB
    folder = os.path.dirname(record.body_path)
    assert folder == spool.DEFAULT_FOLDER.path()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700


def test_a_gzip_body_is_spooled_decoded() -> None:
    decoded = b"<entry>spooled</entry>" * (3 * MiB // 22)
    with hostile(blob(gzip.compress(decoded), content_encoding="gzip"), connections=1) as server:
        record = send(RequestModel(url=server.url + "/z"), options=SendOptions(spool_threshold=MiB)).response
    assert record is not None and record.body_path
    assert record.read_body() == decoded and record.body == decoded[:MiB] and record.body_size == len(decoded)


def test_a_small_body_stays_in_memory_as_before() -> None:
    with hostile(blob(b"<small/>"), connections=1) as server:
        record = send(RequestModel(url=server.url + "/s")).response
    assert record is not None and record.body == b"<small/>" and record.body_path == "" and record.body_size == 8


def test_the_spool_folder_keeps_at_most_its_bound_of_files() -> None:
    bodies = [bytes([i]) * 64 * 1024 for i in range(20)]
    records: list[ResponseRecord] = []
    for body in bodies:
        with hostile(blob(body), connections=1) as server:
            record = send(RequestModel(url=server.url + "/b"), options=SendOptions(spool_threshold=1024)).response
        assert record is not None and record.body_path
        records.append(record)
        kept = os.listdir(spool.DEFAULT_FOLDER.path())
        assert len(kept) <= spool.MAX_FILES, kept
    assert records[-1].read_body() == bodies[-1]
    assert records[-spool.MAX_FILES].read_body() == bodies[-spool.MAX_FILES]
    with pytest.raises(BodyUnavailable, match="Send the request again"):
        records[0].read_body()


def test_the_spool_folder_keeps_at_most_its_bound_of_bytes(tmp_path: object) -> None:
    folder = SpoolFolder(max_files=100, max_bytes=250)
    paths = []
    for _ in range(5):
        writer = SpoolWriter(0, folder)
        writer.write(b"x" * 100)
        writer.body()
        paths.append(writer.path)
    assert sum(os.path.getsize(p) for p in folder.files()) <= 250
    assert folder.files() == paths[-2:] and not os.path.exists(paths[0])


def test_a_failed_download_leaves_no_spool_file() -> None:
    def half_then_hang_up(conn: object) -> int:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 8000000\r\n\r\n" + b"y" * 4_000_000)  # type: ignore[attr-defined]
        return 4_000_000

    before = set(spool.DEFAULT_FOLDER.files())
    with hostile(half_then_hang_up, connections=1) as server:
        exchange = send(RequestModel(url=server.url + "/half", timeout_s=10), options=SendOptions(spool_threshold=MiB))
    assert exchange.failure is not None and exchange.failure.kind in (FailureKind.RESET, FailureKind.PROTOCOL)
    assert set(spool.DEFAULT_FOLDER.files()) == before
    assert set(os.listdir(spool.DEFAULT_FOLDER.path())) == {os.path.basename(p) for p in before}


def test_records_built_the_old_way_know_their_size() -> None:
    record = ResponseRecord(200, "OK", "HTTP/1.1", (), b"abc", "", 1.0)
    assert record.body_size == 3 and record.read_body() == b"abc" and list(record.iter_body(2)) == [b"ab", b"c"]
    assert not record.body_truncated and record.notes == ()
