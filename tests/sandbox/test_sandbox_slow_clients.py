"""Slow clients cost no thread: partial requests wait in one selector thread and are closed
after the idle timeout, workers are a bounded pool, and past max_connections a new
connection is answered 503 at once. The server keeps answering throughout."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from ctct_desktop.sandbox.server import SandboxServer
from tests.sandbox.sandbox_helpers import ADMIN_HEADERS, client_for

PARTIAL = b"GET /ws/customers/joesflowers/lists HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n"
PARTIALS = 300


def _wait_for(condition, what: str, seconds: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    """A generous deadline (2 shared cores), never a timing assertion."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


@contextmanager
def _sandbox(tmp_path: Path, **limits: float) -> Iterator[SandboxServer]:
    server = SandboxServer(tmp_path / "sb", reset=True, **limits)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _partial_connection(server: SandboxServer, stack: ExitStack, payload: bytes = PARTIAL) -> socket.socket:
    sock = stack.enter_context(socket.create_connection(("127.0.0.1", server.port), timeout=10))
    if payload:
        sock.sendall(payload)
    return sock


def test_hundreds_of_partial_requests_take_no_threads_and_the_server_still_answers(tmp_path: Path) -> None:
    with _sandbox(tmp_path) as server, ExitStack() as stack, client_for(server) as client:
        assert client.get("/lists").status_code == 200
        threads_before = threading.active_count()
        for _ in range(PARTIALS):
            _partial_connection(server, stack)
        _wait_for(lambda: server.open_connections >= PARTIALS, "the partial connections to be accepted")
        assert threading.active_count() - threads_before <= 2, threading.active_count() - threads_before
        with client_for(server) as fresh:
            assert fresh.get("/lists").status_code == 200
            assert fresh.get("/contacts/1").status_code == 200
        assert server.worker_threads <= 32
        assert threading.active_count() - threads_before <= 33


def test_a_partial_request_is_closed_after_the_idle_timeout(tmp_path: Path) -> None:
    with _sandbox(tmp_path, idle_timeout=0.5) as server, ExitStack() as stack:
        talker = _partial_connection(server, stack)
        silent = _partial_connection(server, stack, b"")
        answer = talker.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408 ") and b"Error 408: " in answer
        assert talker.recv(4096) == b""
        assert silent.recv(4096) == b""  # nothing sent: closed without an answer
        _wait_for(lambda: server.open_connections == 0, "the closed connections to be released")
        with client_for(server) as client:
            assert client.get("/lists").status_code == 200


def test_a_body_that_never_comes_frees_its_worker(tmp_path: Path) -> None:
    head = (b"POST /ws/customers/joesflowers/lists HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/atom+xml\r\nContent-Length: 500\r\n"
            b"Authorization: Basic c2FuZGJveC1hcGkta2V5JWpvZXNmbG93ZXJzOnNhbmRib3gtcGFzc3dvcmQ=\r\n\r\n<entry")
    with _sandbox(tmp_path, idle_timeout=0.5, workers=2) as server, ExitStack() as stack:
        stalled = [_partial_connection(server, stack, head) for _ in range(2)]
        for sock in stalled:
            answer = sock.recv(4096)
            assert answer == b"" or answer.startswith(b"HTTP/1.1 4"), answer
        _wait_for(lambda: server.open_connections == 0, "the stalled uploads to be closed")
        with client_for(server) as client:
            assert client.get("/lists").status_code == 200
        assert server.worker_threads <= 2


def test_workers_are_bounded_and_extra_requests_wait_their_turn(tmp_path: Path) -> None:
    with _sandbox(tmp_path, workers=2) as server:
        assert httpx.patch(f"{server.base_url}/_sandbox/quirks", json={"latency_ms": "100"},
                           headers=ADMIN_HEADERS, timeout=10).status_code == 200
        statuses: list[int] = []

        def one() -> None:
            with client_for(server) as client:
                statuses.append(client.get("/lists").status_code)

        threads = [threading.Thread(target=one) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert statuses == [200] * 8
        assert server.worker_threads <= 2


def test_past_max_connections_a_new_connection_gets_a_503(tmp_path: Path) -> None:
    with _sandbox(tmp_path, max_connections=20) as server, ExitStack() as stack:
        held = [_partial_connection(server, stack) for _ in range(20)]
        _wait_for(lambda: server.open_connections == 20, "20 open connections")
        extra = _partial_connection(server, stack)
        answer = extra.recv(4096)
        assert answer.startswith(b"HTTP/1.1 503 ") and b"Error 503: " in answer
        for sock in held:
            sock.close()
        _wait_for(lambda: server.open_connections == 0, "the held connections to be released")
        with client_for(server) as client:
            assert client.get("/lists").status_code == 200


def test_stop_closes_waiting_connections(tmp_path: Path) -> None:
    with ExitStack() as stack:
        with _sandbox(tmp_path) as server:
            waiting = _partial_connection(server, stack)
            _wait_for(lambda: server.open_connections == 1, "the connection to be accepted")
        try:
            closed = waiting.recv(4096) == b""
        except ConnectionResetError:  # closed with unread bytes: the kernel answers with a reset
            closed = True
        assert closed
        assert server.open_connections == 0


@pytest.mark.parametrize("value", ["0", "-1", "abc", "5000"])
def test_cli_refuses_a_bad_idle_timeout(value: str) -> None:
    import argparse

    from ctct_desktop.sandbox.command import add_arguments

    parser = argparse.ArgumentParser(exit_on_error=False)
    add_arguments(parser)
    with pytest.raises((argparse.ArgumentError, SystemExit)):
        parser.parse_args(["--idle-timeout", value])
    assert parser.parse_args(["--idle-timeout", "2.5"]).idle_timeout == 2.5
