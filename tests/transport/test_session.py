"""A transport session keeps one connection across sends (a keep-alive server), and no cookies."""

from __future__ import annotations

import threading

from ctct_desktop.core.models import RequestModel
from ctct_desktop.transport.sender import SendJob, SendOptions, send
from ctct_desktop.transport.session import TransportSession
from tests.support.loopback import Handler, serve

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
    from ctct_desktop.core.models import FailureKind

    with serve() as base, TransportSession() as session:
        options = SendOptions(session=session)
        tls = send(RequestModel(url=base.replace("http://", "https://") + "/hello", timeout_s=5), options=options)
        assert tls.failure is not None and tls.failure.kind in (FailureKind.TLS, FailureKind.PROTOCOL)
        refused = send(RequestModel(url="http://127.0.0.1:9/x", timeout_s=5), options=options)
        assert refused.failure is not None and refused.failure.kind is FailureKind.REFUSED
        after = send(RequestModel(url=f"{base}/hello"), options=options)
        assert after.response is not None and after.response.status == 200
