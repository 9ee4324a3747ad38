"""Sends over TLS both ways, against a loopback server whose certificate is self-signed; the TLS
contexts are made once per process and shared by every client (tls.py)."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator

import pytest

from ctct_desktop.core.models import Exchange, FailureKind, RequestModel
from ctct_desktop.transport.tls import tls_context
from tests.support.loopback import Handler
from tests.support.tls_server import serve_tls
from tests.support.ways import Way


def _drip(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", "1000")
    h.end_headers()
    try:
        for _ in range(30):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(1)
    except OSError:  # the client hung up (over TLS: an EOF the ssl module reports as an error)
        pass


ROUTES = {("GET", "/hello"): lambda h: h.reply(200, b"<secure/>", "application/xml"), ("GET", "/drip"): _drip}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_tls(ROUTES, tmp_path_factory.mktemp("tls")) as url:
        yield url


def test_a_verifying_send_refuses_the_untrusted_certificate(base: str, way: Way) -> None:
    failure = way.send(RequestModel(url=f"{base}/hello", timeout_s=10)).failure
    assert failure is not None and failure.kind is FailureKind.TLS, failure


def test_a_send_without_verification_talks_tls_and_times_the_handshake(base: str, way: Way) -> None:
    handshakes = []
    for _ in range(2):  # the second send: the shared context again (and, in a session, the same connection)
        exchange = way.send(RequestModel(url=f"{base}/hello", verify_tls=False, timeout_s=10))
        assert exchange.response is not None and exchange.response.body == b"<secure/>", exchange.failure
        handshakes.append(exchange.response.timings.tls_ms is not None)
    assert handshakes == ([True, False] if way.session is not None else [True, True])


def test_a_cancel_stops_a_tls_body_mid_read(base: str, way: Way) -> None:
    job = way.job(RequestModel(url=f"{base}/drip", verify_tls=False, timeout_s=60))
    outcome: list[Exchange] = []
    worker = threading.Thread(target=lambda: outcome.append(job.run()))
    began = time.monotonic()
    worker.start()
    time.sleep(1.5)
    job.cancel()
    worker.join(15)
    assert not worker.is_alive() and time.monotonic() - began < 15  # the body takes 30 s
    assert outcome[0].failure is not None and outcome[0].failure.kind is FailureKind.CANCELLED, outcome[0]


def test_the_contexts_are_made_once_and_keep_their_verification_choice() -> None:
    verifying, trusting = tls_context(True), tls_context(False)
    assert tls_context(True) is verifying and tls_context(False) is trusting
    assert verifying.verify_mode is ssl.CERT_REQUIRED and verifying.check_hostname
    assert trusting.verify_mode is ssl.CERT_NONE and not trusting.check_hostname
