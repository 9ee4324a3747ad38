"""A port another program holds: an OSError the caller can handle, never SystemExit or stderr noise,
and from the CLI a clear sentence with exit code 2."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ctct_desktop.sandbox.server import SandboxServer
from ctct_desktop.sandbox.serving import BoundedWSGIServer, PrefetchedInputHandler
from werkzeug.serving import WSGIRequestHandler

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def held_port() -> Iterator[int]:
    """A loopback port with another program's socket listening on it."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def test_binding_a_taken_port_raises_oserror_and_prints_nothing(held_port: int,
                                                                 capfd: pytest.CaptureFixture[str]) -> None:
    handler = type("Handler", (PrefetchedInputHandler, WSGIRequestHandler), {})
    with pytest.raises(OSError) as caught:  # werkzeug alone calls sys.exit(1) here
        BoundedWSGIServer("127.0.0.1", held_port, lambda env, start: [], handler)
    assert caught.value.errno == errno.EADDRINUSE
    assert capfd.readouterr().err == ""


def test_a_sandbox_refused_its_port_starts_on_another_when_asked_again(tmp_path: Path, held_port: int) -> None:
    server = SandboxServer(tmp_path / "sandbox", port=held_port)
    with pytest.raises(OSError) as caught:
        server.start()
    assert caught.value.errno == errno.EADDRINUSE
    server.port = 0
    server.start()
    try:
        assert server.port != held_port
        assert httpx.get(server.account_url + "/contacts", timeout=10).status_code == 401  # up, wants credentials
    finally:
        server.stop()


def test_cli_on_a_taken_port_says_so_and_exits_2(tmp_path: Path, held_port: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "ctct_desktop", "sandbox", "--port", str(held_port),
                           "--data", str(tmp_path)], capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    assert done.returncode == 2, done.stderr
    assert f"port {held_port} on 127.0.0.1 is already in use by another program" in done.stderr
    assert "--port 0 picks a free one" in done.stderr
    assert "Traceback" not in done.stderr and "Address already in use" not in done.stderr


@pytest.mark.parametrize(("error", "expected"), [
    (OSError(errno.EACCES, "Permission denied"), "this user may not listen on port 80 of 127.0.0.1"),
    (OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address"),
     "cannot listen on 127.0.0.1:80: Cannot assign requested address."),
])
def test_other_listen_problems_are_sentences(error: OSError, expected: str) -> None:
    from ctct_desktop.sandbox.command import listen_problem

    assert listen_problem("127.0.0.1", 80, error).startswith(expected)
