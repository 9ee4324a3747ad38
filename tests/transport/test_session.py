"""A transport session keeps one connection across sends (a keep-alive server), and no cookies; its
blocking sends are stopped by a cancel or the deadline in every phase, and let go of their sockets."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from ctct_desktop.core.models import Exchange, FailureKind, RequestModel
from ctct_desktop.transport.sender import SendJob, SendOptions, send
from ctct_desktop.transport.session import TransportSession
from tests.support.hostile import drip_body, hostile
from tests.support.loopback import Handler, serve
from tests.support.ways import Way

_PEERS: list[tuple[str, int]] = []


def _peer(h: Handler) -> None:
    _PEERS.append(h.client_address)
    h.reply(200, str(h.client_address[1]).encode(), headers={"Set-Cookie": "seen=1"})


def _cookie(h: Handler) -> None:
    h.reply(200, (h.headers.get("Cookie") or "none").encode())


ROUTES = {("GET", "/peer"): _peer, ("GET", "/cookie"): _cookie}


def test_sends_through_a_session_share_one_connection_and_keep_no_cookies() -> None:
    _PEERS.clear()
    with serve(ROUTES) as base, TransportSession() as session:
        options = SendOptions(session=session)
        answers = [send(RequestModel(url=f"{base}/peer"), options=options) for _ in range(3)]
        assert all(a.response is not None and a.response.status == 200 for a in answers)
        assert len(set(_PEERS)) == 1  # one client port: one connection for the three
        cookie = send(RequestModel(url=f"{base}/cookie"), options=options)
        assert cookie.response is not None and cookie.response.body == b"none"
    _PEERS.clear()
    with serve(ROUTES) as base:
        for _ in range(2):
            send(RequestModel(url=f"{base}/peer"))
    assert len(set(_PEERS)) == 2  # without a session each send connects anew


def test_a_send_through_a_session_can_be_cancelled_and_the_session_goes_on() -> None:
    with serve() as base, TransportSession() as session:
        job = SendJob(RequestModel(url=f"{base}/slow"), options=SendOptions(session=session))
        outcome = []
        worker = threading.Thread(target=lambda: outcome.append(job.run()))
        worker.start()
        job.cancel()
        worker.join(30)
        assert not worker.is_alive() and outcome[0].failure is not None
        assert outcome[0].failure.kind is FailureKind.CANCELLED, outcome[0].failure
        after = send(RequestModel(url=f"{base}/hello"), options=SendOptions(session=session))
        assert after.response is not None and after.response.status == 200
    assert session.closed


def test_a_missing_sniffio_is_remembered_so_httpcore_does_not_search_for_it_per_lock() -> None:
    import importlib.util
    import sys

    import ctct_desktop.transport.sender  # noqa: F401 - importing it is what remembers

    if sys.modules.get("sniffio") is not None or importlib.util.find_spec("sniffio") is not None:
        return  # installed here: httpcore finds it in sys.modules anyway
    assert "sniffio" in sys.modules and sys.modules["sniffio"] is None


def test_a_session_reports_a_tls_handshake_failure_and_a_refused_connect_and_goes_on() -> None:
    with serve() as base, TransportSession() as session:
        options = SendOptions(session=session)
        tls = send(RequestModel(url=base.replace("http://", "https://") + "/hello", timeout_s=5), options=options)
        assert tls.failure is not None and tls.failure.kind in (FailureKind.TLS, FailureKind.PROTOCOL)
        refused = send(RequestModel(url="http://127.0.0.1:9/x", timeout_s=5), options=options)
        assert refused.failure is not None and refused.failure.kind is FailureKind.REFUSED
        after = send(RequestModel(url=f"{base}/hello"), options=options)
        assert after.response is not None and after.response.status == 200


def _close(h: Handler) -> None:
    h.reply(200, b"bye", headers={"Connection": "close"})


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_session_lets_go_of_each_socket_when_its_connection_closes() -> None:
    """Our duplicate of a socket (kept so a cancel can wake it) must not outlive the connection."""
    with serve({("GET", "/close"): _close, ("GET", "/keep"): _cookie}) as base, TransportSession() as session:
        options = SendOptions(session=session)
        send(RequestModel(url=f"{base}/close"), options=options)
        before = _open_fds()
        for _ in range(20):
            answer = send(RequestModel(url=f"{base}/close"), options=options)
            assert answer.response is not None and answer.response.body == b"bye"
        assert len(session.sockets) == 0 and _open_fds() <= before
        for _ in range(3):
            send(RequestModel(url=f"{base}/keep"), options=options)
        assert len(session.sockets) == 1  # the kept-alive connection, reused by the three
    assert len(session.sockets) == 0


def _run_in_thread(job: SendJob) -> tuple[threading.Thread, list[Exchange]]:
    outcome: list[Exchange] = []
    worker = threading.Thread(target=lambda: outcome.append(job.run()))
    worker.start()
    return worker, outcome


def _late(h: Handler) -> None:
    time.sleep(20)
    h.reply(200, b"late")


def test_a_cancel_wakes_a_send_on_a_kept_alive_connection() -> None:
    """The second send reuses the first one's connection (no connect event): a cancel still stops it."""
    _PEERS.clear()
    routes = {("GET", "/peer"): _peer, ("GET", "/slow"): _late}
    with serve(routes) as base, TransportSession() as session:
        options = SendOptions(session=session)
        assert send(RequestModel(url=f"{base}/peer"), options=options).response is not None
        job = SendJob(RequestModel(url=f"{base}/slow", timeout_s=60), options=options)
        began = time.monotonic()
        worker, outcome = _run_in_thread(job)
        time.sleep(0.3)
        job.cancel()
        worker.join(15)
        assert not worker.is_alive() and time.monotonic() - began < 15  # the route answers after 20 s
        failure = outcome[0].failure
        assert failure is not None and failure.kind is FailureKind.CANCELLED, failure
        after = send(RequestModel(url=f"{base}/peer"), options=options)
        assert after.response is not None and after.response.status == 200


def test_a_cancel_stops_a_dripping_body_and_says_cancelled() -> None:
    with hostile(drip_body(interval_s=1.0), connections=1) as server, TransportSession() as session:
        job = SendJob(RequestModel(url=server.url + "/drip", timeout_s=60), options=SendOptions(session=session))
        worker, outcome = _run_in_thread(job)
        time.sleep(1.5)
        job.cancel()
        worker.join(15)
        sent = server.wait_finished(15)
    assert not worker.is_alive()
    assert outcome[0].failure is not None and outcome[0].failure.kind is FailureKind.CANCELLED, outcome[0]
    whole = len(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n") + 30
    assert sent < whole - 15  # the head and a few of the 30 body bytes: the server saw the client hang up


@pytest.fixture
def silent_tls_port() -> Iterator[int]:
    """A port that completes TCP connects (the kernel's backlog) but never answers a TLS hello."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield int(listener.getsockname()[1])


def test_the_deadline_ends_a_tls_handshake_that_never_answers(silent_tls_port: int, way: Way) -> None:
    began = time.monotonic()
    failure = way.send(RequestModel(url=f"https://127.0.0.1:{silent_tls_port}/x", timeout_s=2)).failure
    assert time.monotonic() - began < 12
    assert failure is not None and failure.kind is FailureKind.TIMEOUT, failure
    assert "secure connection to the server was still being set up" in failure.message


def test_a_cancel_ends_a_tls_handshake_that_never_answers(silent_tls_port: int, way: Way) -> None:
    job = way.job(RequestModel(url=f"https://127.0.0.1:{silent_tls_port}/x", timeout_s=60))
    began = time.monotonic()
    worker, outcome = _run_in_thread(job)
    time.sleep(0.5)
    job.cancel()
    worker.join(15)
    assert not worker.is_alive() and time.monotonic() - began < 15
    assert outcome[0].failure is not None and outcome[0].failure.kind is FailureKind.CANCELLED, outcome[0]
