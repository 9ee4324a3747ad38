"""The sender against a real loopback server: success, errors, failures, cancel, timing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, FailureKind, Header, RequestModel
from tests.support.ways import Way
from tests.support.loopback import free_port, serve


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve(big_body=b"<feed>" + b"<entry/>" * 10 + b"</feed>") as url:
        yield url


def test_get_returns_status_headers_body_and_timings(base: str, way: Way) -> None:
    exchange = way.send(RequestModel(url=f"{base}/hello"))
    assert exchange.failure is None and exchange.response is not None
    r = exchange.response
    assert (r.status, r.reason) == (200, "OK")
    assert r.header("x-test") == "yes"
    assert r.body == b"<greeting>hello</greeting>"
    assert r.timings.connect_ms is not None and r.timings.connect_ms >= 0
    assert r.timings.ttfb_ms is not None and r.timings.tls_ms is None  # plain http has no TLS phase
    assert r.elapsed_ms >= r.timings.ttfb_ms


def test_post_sends_body_with_implied_content_type_and_ctct_basic(base: str, way: Way) -> None:
    auth = Auth(kind=AuthKind.CTCT_BASIC, username="joesflowers", api_key="key-1", password="pw")
    request = RequestModel(method="POST", url=f"{base}/echo", body="<entry/>", body_kind=BodyKind.XML,
                           headers=(Header("X-One", "1"), Header("X-Off", "no", enabled=False)), auth=auth)
    echoed = way.send(request).response
    assert echoed is not None
    text = echoed.body.decode()
    assert text.startswith("POST /echo")
    assert "Content-Type: application/atom+xml" in text
    assert "X-One: 1" in text and "X-Off" not in text
    assert "Authorization: Basic a2V5LTElam9lc2Zsb3dlcnM6cHc=" in text  # base64("key-1%joesflowers:pw")
    assert text.endswith("<entry/>")


def test_explicit_content_type_wins(base: str, way: Way) -> None:
    request = RequestModel(method="POST", url=f"{base}/echo", body="a=1", body_kind=BodyKind.XML,
                           headers=(Header("content-type", "text/weird"),))
    text = way.send(request).response.body.decode()  # type: ignore[union-attr]
    assert "text/weird" in text and "atom+xml" not in text


@pytest.mark.parametrize(("method", "path", "status"), [
    ("PUT", "/thing", 204), ("DELETE", "/thing", 204), ("GET", "/missing", 404),
    ("GET", "/broken", 500), ("POST", "/created", 201),
])
def test_status_codes_are_reported_not_raised(base: str, method: str, path: str, status: int, way: Way) -> None:
    exchange = way.send(RequestModel(method=method, url=f"{base}{path}", body="<x/>", body_kind=BodyKind.XML))
    assert exchange.failure is None
    assert exchange.response is not None and exchange.response.status == status


def test_custom_method_and_head(base: str, way: Way) -> None:
    assert way.send(RequestModel(method="PURGE", url=f"{base}/echo")).response.body.startswith(b"PURGE")  # type: ignore[union-attr]
    head = way.send(RequestModel(method="HEAD", url=f"{base}/hello")).response
    assert head is not None and head.status == 200 and head.body == b""


def test_gzip_body_is_decoded(base: str, way: Way) -> None:
    assert way.send(RequestModel(url=f"{base}/gzip")).response.body == b"<a>zipped</a>"  # type: ignore[union-attr]


def test_refused_connection_is_plain_language(way: Way) -> None:
    failure = way.send(RequestModel(url=f"http://127.0.0.1:{free_port()}/x", timeout_s=5)).failure
    assert failure is not None and failure.kind is FailureKind.REFUSED
    assert "refused" in failure.message and "Traceback" not in failure.message
    assert "ConnectionRefusedError" in failure.detail


def test_unknown_host_is_dns_failure(way: Way) -> None:
    failure = way.send(RequestModel(url="http://no-such-host.invalid/", timeout_s=5)).failure
    assert failure is not None and failure.kind is FailureKind.DNS


def test_timeout(base: str, way: Way) -> None:
    failure = way.send(RequestModel(url=f"{base}/slow", timeout_s=0.3)).failure
    assert failure is not None and failure.kind is FailureKind.TIMEOUT
    assert "Timed out" in failure.message


def test_reset_mid_body(base: str, way: Way) -> None:
    failure = way.send(RequestModel(url=f"{base}/reset", timeout_s=5)).failure
    assert failure is not None and failure.kind in (FailureKind.RESET, FailureKind.PROTOCOL)


def test_redirect_loop_when_following(base: str, way: Way) -> None:
    failure = way.send(RequestModel(url=f"{base}/loop", follow_redirects=True)).failure
    assert failure is not None and failure.kind is FailureKind.TOO_MANY_REDIRECTS


def test_redirect_not_followed_by_default(base: str, way: Way) -> None:
    response = way.send(RequestModel(url=f"{base}/loop")).response
    assert response is not None and response.status == 302 and response.header("location") == "/loop"


@pytest.mark.parametrize("url", ["", "not a url", "ftp://example.com/", "http://", "http://x:99999/"])
def test_invalid_urls_fail_without_sending(url: str, way: Way) -> None:
    failure = way.send(RequestModel(url=url)).failure
    assert failure is not None and failure.kind is FailureKind.INVALID_URL
    assert failure.message


def test_tls_verification_failure_against_plain_http_server(base: str, way: Way) -> None:
    failure = way.send(RequestModel(url=base.replace("http://", "https://") + "/hello", timeout_s=5)).failure
    assert failure is not None and failure.kind in (FailureKind.TLS, FailureKind.PROTOCOL)


def test_cancel_stops_a_slow_request_quickly(base: str, way: Way) -> None:
    job = way.job(RequestModel(url=f"{base}/slow", timeout_s=30))
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(job.run()))
    started = time.perf_counter()
    worker.start()
    time.sleep(0.3)
    job.cancel()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert time.perf_counter() - started < 3  # the route sleeps 5 s; a cancel must not wait for it
    failure = result[0].failure  # type: ignore[attr-defined]
    assert failure is not None and failure.kind is FailureKind.CANCELLED


def test_cancel_before_run_sends_nothing(base: str, way: Way) -> None:
    job = way.job(RequestModel(url=f"{base}/hello"))
    job.cancel()
    assert job.run().failure.kind is FailureKind.CANCELLED  # type: ignore[union-attr]


def test_progress_reports_bytes(base: str, way: Way) -> None:
    seen: list[tuple[int, int | None]] = []
    way.job(RequestModel(url=f"{base}/big"), on_progress=lambda got, total: seen.append((got, total))).run()
    assert seen and seen[-1][0] == seen[-1][1]
