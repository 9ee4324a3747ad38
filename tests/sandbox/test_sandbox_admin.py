"""The admin endpoints (/_sandbox/*) answer programs on this machine, never a web page: a
cross-site simple request, a rebound DNS name (foreign Host) or a foreign Origin is a 403 and
changes nothing. The CLI refuses a non-loopback --host unless --allow-remote is given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS, is_loopback_name
from ctct_desktop.sandbox.command import host_problem
from tests.sandbox.sandbox_helpers import client_for, parse, text

REPO = Path(__file__).resolve().parents[2]
ADMIN_CALLS = [("GET", "/_sandbox/quirks", None), ("PUT", "/_sandbox/quirks", b'{"search_miss": "500"}'),
               ("PATCH", "/_sandbox/quirks", b'{"search_miss": "500"}'), ("POST", "/_sandbox/reset", b"")]
STATUS = "a:content/c:Contact/c:Status"


def _status_of_contact_1(sandbox) -> str | None:  # type: ignore[no-untyped-def]
    with client_for(sandbox) as client:
        return text(parse(client.get("/contacts/1")), STATUS)


def test_cross_site_simple_post_cannot_reset(sandbox) -> None:
    with client_for(sandbox) as client:
        assert client.delete("/contacts/1").status_code == 204
    page = {"Origin": "http://evil.example", "Content-Type": "text/plain"}
    answer = httpx.post(f"{sandbox.base_url}/_sandbox/reset", headers=page, content=b"x", timeout=10)
    assert answer.status_code == 403 and "X-CTCT-Sandbox" in answer.json()["error"]
    assert "access-control-allow-origin" not in answer.headers
    assert _status_of_contact_1(sandbox) == "Do Not Mail"  # not reseeded


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_CALLS)
def test_every_admin_route_needs_the_header(sandbox, method: str, path: str, body: bytes | None) -> None:
    answer = httpx.request(method, sandbox.base_url + path, content=body, timeout=10)
    assert answer.status_code == 403, answer.text
    preflight = httpx.options(sandbox.base_url + path, headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "x-ctct-sandbox"}, timeout=10)
    assert preflight.status_code == 403 and "access-control-allow-origin" not in preflight.headers
    assert httpx.get(f"{sandbox.base_url}/_sandbox/quirks", headers=ADMIN_HEADERS,
                     timeout=10).json()["quirks"]["search_miss"] == "empty"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}",
                                  "10.0.0.1:{port}", "localhost.evil.example", "[::1", "127.0.0.1:notaport", ""])
def test_a_foreign_host_is_refused_even_with_the_header(sandbox, host: str) -> None:
    port = sandbox.base_url.rsplit(":", 1)[1]
    headers = {**ADMIN_HEADERS, "Host": host.format(port=port)}
    answer = httpx.post(f"{sandbox.base_url}/_sandbox/reset", headers=headers, timeout=10)
    assert answer.status_code == 403, answer.text


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "https://127.0.0.1.evil.example"])
def test_a_foreign_origin_is_refused_even_with_the_header(sandbox, origin: str) -> None:
    answer = httpx.get(f"{sandbox.base_url}/_sandbox/quirks", headers={**ADMIN_HEADERS, "Origin": origin}, timeout=10)
    assert answer.status_code == 403, answer.text


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST", "127.1.2.3:{port}", "[::1]:{port}"])
def test_loopback_hosts_with_the_header_work(sandbox, host: str) -> None:
    port = sandbox.base_url.rsplit(":", 1)[1]
    headers = {**ADMIN_HEADERS, "Host": host.format(port=port), "Origin": f"http://localhost:{port}"}
    assert httpx.get(f"{sandbox.base_url}/_sandbox/quirks", headers=headers, timeout=10).status_code == 200


def test_loopback_names() -> None:
    assert all(is_loopback_name(h) for h in ("localhost", "127.0.0.1", "127.9.9.9", "::1", "[::1]", "localhost."))
    assert not any(is_loopback_name(h) for h in ("0.0.0.0", "::", "192.168.1.2", "evil.example", "", "localhost.x"))


def test_host_problem_needs_allow_remote_for_other_addresses() -> None:
    assert host_problem("127.0.0.1", allow_remote=False) is None
    assert host_problem("localhost", allow_remote=False) is None
    refused = host_problem("0.0.0.0", allow_remote=False)
    assert refused is not None and refused.fatal and "--allow-remote" in refused.message
    allowed = host_problem("0.0.0.0", allow_remote=True)
    assert allowed is not None and not allowed.fatal and "warning" in allowed.message.lower()


def test_cli_refuses_a_remote_host_without_allow_remote(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "ctct_desktop", "sandbox", "--host", "0.0.0.0", "--port", "0",
                           "--data", str(tmp_path)], capture_output=True, text=True, env=env, cwd=REPO, timeout=30)
    assert done.returncode == 2, done.stderr
    assert "--allow-remote" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "sandbox.sqlite3").exists()  # refused before anything started
