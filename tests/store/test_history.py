"""History over real SQLite files: record, list, get, delete, clear, bounds, redaction, threads."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from ctct_desktop.core.models import Auth, AuthKind, Exchange, FailureKind, Header, TransportFailure
from ctct_desktop.core.redaction import MASK
from ctct_desktop.store.history import EntryNotFound, History, HistoryError
from ctct_desktop.store.history_prepare import MAX_STORED_BODY_BYTES
from ctct_desktop.core.paths import app_dirs

from tests.store.test_history_builders import (
    API_KEY,
    PASSWORD,
    TOKEN,
    basic_pair_b64,
    ctct_request,
    exchange,
    failed_exchange,
    response,
)


@pytest.fixture
def history(tmp_path: Path) -> History:
    h = History(tmp_path / "history.sqlite3")
    yield h
    h.close()


def test_record_then_get_restores_request_and_response(history: History) -> None:
    sent = exchange(201, response_body=b"<entry><id>urn:contact:1</id></entry>")
    entry_id = history.record(sent, sent_at="2026-01-02T03:04:05.000Z")
    record = history.get(entry_id)
    assert record.entry.sent_at == "2026-01-02T03:04:05.000Z"
    assert record.entry.status == 201 and record.entry.method == "POST"
    assert record.request.url == sent.request.url
    assert record.request.body == sent.request.body
    assert record.request.headers == sent.request.headers
    assert record.request.auth.kind is AuthKind.CTCT_BASIC and record.request.auth.username == "joe"
    assert record.response is not None
    assert record.response.body == b"<entry><id>urn:contact:1</id></entry>"
    assert record.response.headers == sent.response.headers
    assert record.failure is None and record.exchange().response == record.response
    assert record.entry.response_size == len(sent.response.body)


def test_failure_is_recorded_with_its_kind(history: History) -> None:
    entry_id = history.record(failed_exchange(FailureKind.TIMEOUT, "The server did not answer in 30 s"))
    record = history.get(entry_id)
    assert record.response is None
    assert record.failure == TransportFailure(FailureKind.TIMEOUT, "The server did not answer in 30 s",
                                              "ConnectError: [Errno 111]")
    assert record.entry.status is None and record.entry.failure_kind == "timeout"
    assert record.entry.elapsed_ms is None and record.entry.response_size is None


def test_binary_response_body_is_kept_byte_for_byte(history: History) -> None:
    body = bytes(range(256)) * 20
    entry_id = history.record(exchange(200, "GET", "/image", "", body))
    assert history.get(entry_id).response.body == body  # type: ignore[union-attr]


def test_list_is_newest_first_with_paging(history: History) -> None:
    ids = [history.record(exchange(200 + i)) for i in range(7)]
    listed = history.list()
    assert [e.id for e in listed] == ids[::-1]
    assert [e.status for e in listed] == [206, 205, 204, 203, 202, 201, 200]
    assert [e.id for e in history.list(limit=3, offset=2)] == ids[::-1][2:5]
    assert history.list(limit=0) == []


def test_delete_and_clear(history: History) -> None:
    first, second = history.record(exchange()), history.record(exchange(409))
    assert history.delete(first) is True
    assert history.delete(first) is False
    with pytest.raises(EntryNotFound):
        history.get(first)
    assert [e.id for e in history.list()] == [second]
    assert history.search("409")[0].id == second
    history.clear()
    assert history.list() == [] and history.usage().entries == 0
    assert history.search("409") == [] and history.search("jane") == []


def test_entries_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as first:
        entry_id = first.record(exchange(409, response_body=b"<error>Conflict</error>"))
    with History(path) as again:
        assert again.get(entry_id).response.body == b"<error>Conflict</error>"  # type: ignore[union-attr]
        assert again.take_notices() == []


def test_default_location_is_the_app_data_dir() -> None:
    with History(app_dirs().history_db) as history:
        history.record(exchange())
    assert app_dirs().history_db.is_file()


# ---------------------------------------------------------------------- redaction


def _raw_database_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-journal"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            data += candidate.read_bytes()
    return data


def test_no_secret_reaches_the_file(tmp_path: Path) -> None:
    """Auth, headers, URL, bodies, echoed response headers and failure details are all masked."""
    path = tmp_path / "h.sqlite3"
    request = ctct_request().with_changes(
        url=f"http://127.0.0.1:9/ws/customers/joe/contacts?api_key={API_KEY}&access_token={TOKEN}",
        headers=(Header("Authorization", "Basic " + basic_pair_b64()), Header("X-Trace", TOKEN)),
        body=f"<entry>{PASSWORD}</entry>",
    )
    echo = response(
        401,
        f"<error>bad credentials {API_KEY}%joe:{PASSWORD} {basic_pair_b64()}</error>".encode(),
        (("Location", f"http://127.0.0.1:9/x?api_key={API_KEY}"), ("Set-Cookie", "session=s3cr3t-cookie; Path=/; HttpOnly"),
         ("WWW-Authenticate", f'Basic realm="{TOKEN}"')),
    )
    failure = TransportFailure(FailureKind.OTHER, f"failed with {TOKEN}", f"detail {PASSWORD}")
    with History(path) as history:
        history.record(Exchange(request, echo, None, request.url), secrets=[TOKEN])
        history.record(Exchange(request, None, failure, request.url), secrets=[TOKEN])
        for entry in history.list():
            record = history.get(entry.id)
            assert record.request.auth.password == "" and record.request.auth.api_key == ""
            assert MASK in record.request.url
    raw = _raw_database_bytes(path)
    for secret in (PASSWORD, API_KEY, TOKEN, basic_pair_b64(), "s3cr3t-cookie"):
        assert secret.encode() not in raw, secret


def test_secret_headers_keep_only_an_auth_scheme(history: History) -> None:
    request = ctct_request().with_changes(headers=(
        Header("Cookie", "sid=abc123cookie; theme=dark"),
        Header("Authorization", f"{PASSWORD} trailing"),
        Header("Authorization", "Bearer opaque-token-value"),
    ))
    echo = response(200, b"", (("Set-Cookie", "sid=abc123cookie; Path=/"),))
    record = history.get(history.record(Exchange(request, echo, None, request.url)))
    assert [h.value for h in record.request.headers] == [MASK, MASK, f"Bearer {MASK}"]
    assert record.response.header("Set-Cookie") == MASK  # type: ignore[union-attr]


def test_bearer_token_in_auth_is_masked_by_value(history: History) -> None:
    request = ctct_request().with_changes(auth=Auth(AuthKind.BEARER, token=TOKEN),
                                          body=f'{{"token_echo": "{TOKEN}"}}')
    entry_id = history.record(Exchange(request, response(200, TOKEN.encode()), None, request.url))
    record = history.get(entry_id)
    assert TOKEN not in record.request.body and record.request.auth.token == ""
    assert TOKEN.encode() not in record.response.body  # type: ignore[union-attr]


# ---------------------------------------------------------------------- bounds


def test_pruning_by_count_keeps_the_newest(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3", max_entries=5) as history:
        ids = [history.record(exchange(200 + i)) for i in range(12)]
        assert [e.id for e in history.list()] == ids[::-1][:5]
        assert history.usage().entries == 5
        assert len(history.search("jane")) == 5  # the index forgot the pruned rows too


def test_pruning_by_size_counts_bodies(tmp_path: Path) -> None:
    body = b"x" * 100_000
    with History(tmp_path / "h.sqlite3", max_bytes=450_000) as history:
        ids = [history.record(exchange(200, response_body=body)) for i in range(10)]
        kept = [e.id for e in history.list()]
        assert kept == ids[::-1][:4]
        assert history.usage().stored_bytes <= 450_000


def test_the_newest_entry_is_kept_even_when_alone_over_the_size_bound(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3", max_bytes=1000) as history:
        history.record(exchange())
        newest = history.record(exchange(200, response_body=b"y" * 50_000))
        assert [e.id for e in history.list()] == [newest]


def test_set_limits_prunes_at_once(history: History) -> None:
    for _ in range(10):
        history.record(exchange())
    assert history.set_limits(3, 10**9) == 7
    assert history.usage().entries == 3


def test_space_goes_back_to_the_os_after_clear(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        for _ in range(30):
            history.record(exchange(200, response_body=b"z" * 200_000))
        full = path.stat().st_size + Path(f"{path}-wal").stat().st_size
        history.clear()
    assert path.stat().st_size < full / 5


def test_very_large_bodies_keep_their_head_with_a_flag(history: History) -> None:
    big_text = "<entry>" + "a" * (MAX_STORED_BODY_BYTES + 1000) + "</entry>"
    big_binary = b"\xff\x00" * (MAX_STORED_BODY_BYTES // 2 + 500)
    sent = exchange(200, request_body=big_text, response_body=big_binary)
    record = history.get(history.record(sent))
    assert record.request_body_truncated and record.response_body_truncated
    assert big_text.startswith(record.request.body)
    assert len(record.request.body.encode()) == MAX_STORED_BODY_BYTES
    assert record.response.body == big_binary[:MAX_STORED_BODY_BYTES]  # type: ignore[union-attr]
    assert record.entry.response_size == len(big_binary)
    assert history.usage().stored_bytes < 2 * MAX_STORED_BODY_BYTES + 10_000


def test_small_bodies_are_not_flagged(history: History) -> None:
    record = history.get(history.record(exchange()))
    assert not record.request_body_truncated and not record.response_body_truncated


def test_text_with_lone_surrogates_is_stored_not_rejected(history: History) -> None:
    sent = exchange(200, request_body="before \ud800 after")
    record = history.get(history.record(sent))
    assert record.request.body.startswith("before ") and record.request.body.endswith(" after")


# ---------------------------------------------------------------------- threads and closing


def test_recording_from_many_threads_while_listing(history: History) -> None:
    errors: list[BaseException] = []
    ids: list[int] = []
    lock = threading.Lock()

    def worker(status: int) -> None:
        try:
            for _ in range(25):
                new_id = history.record(exchange(status))
                with lock:
                    ids.append(new_id)
                history.list(limit=20)
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(200 + n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(set(ids)) == 100 and history.usage().entries == 100
    assert len(history.search("4xx")) == 0 and len(history.search("2xx", limit=500)) == 100


def test_using_a_closed_history_is_a_clear_error(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    history.close()
    with pytest.raises(HistoryError, match="closed"):
        history.list()


def test_a_damaged_stored_row_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        entry_id = history.record(exchange())
        conn = sqlite3.connect(path)
        conn.execute("UPDATE entries SET request_json = '{\"method\": 7}' WHERE id = ?", (entry_id,))
        conn.commit()
        conn.close()
        with pytest.raises(HistoryError, match=f"entry {entry_id} is damaged"):
            history.get(entry_id)
