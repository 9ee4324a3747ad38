"""Lifecycle: fast start, endpoint.json, restart keeps state, reset reseeds, the admin reset,
the deterministic seed behind demo.sandbox_environment, and the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.server import SandboxServer
from tests.sandbox.sandbox_helpers import (ADMIN_HEADERS, ATOM_HEADERS, BASIC, SCHEDULE, client_for, contact_xml, entries, parse,
                                           text)

REPO = Path(__file__).resolve().parents[2]


def test_endpoint_file_is_written_and_removed(tmp_path: Path) -> None:
    server = SandboxServer(tmp_path / "sb", reset=True)
    server.start()
    endpoint = json.loads((tmp_path / "sb" / "endpoint.json").read_text())
    assert endpoint == {"base_url": server.base_url, "account_url": server.account_url, "pid": os.getpid()}
    assert server.account_url == server.base_url + "/ws/customers/joesflowers"
    server.stop()
    server.stop()  # idempotent
    assert not (tmp_path / "sb" / "endpoint.json").exists()


def test_restart_keeps_state_and_reset_reseeds(tmp_path: Path) -> None:
    data = tmp_path / "sb"
    with SandboxServer(data, reset=True) as first, client_for(first) as client:
        assert client.post("/contacts", content=contact_xml("kept@example.com"), headers=ATOM_HEADERS).status_code == 201
    with SandboxServer(data) as second, client_for(second) as client:
        assert len(entries(client.get("/contacts", params={"email": "kept@example.com"}))) == 1
    with SandboxServer(data, reset=True) as third, client_for(third) as client:
        assert entries(client.get("/contacts", params={"email": "kept@example.com"})) == []


def test_admin_reset_reseeds_a_running_sandbox(sandbox) -> None:
    with client_for(sandbox) as client:
        client.delete("/contacts/1")
        assert httpx.post(f"{sandbox.base_url}/_sandbox/reset", headers=ADMIN_HEADERS).json()["reset"] is True
        assert text(parse(client.get("/contacts/1")), "a:content/c:Contact/c:Status") == "Active"


def test_sandbox_environment_points_at_seeded_resources(sandbox) -> None:
    env = demo.sandbox_environment(sandbox.base_url)
    assert env["base_url"] == sandbox.account_url and env["host"] == sandbox.base_url
    with client_for(sandbox) as client:
        contact = parse(client.get(f"/contacts/{env['contact_id']}"))
        dnm = parse(client.get(f"/contacts/{env['dnm_contact_id']}"))
        listing = parse(client.get(f"/lists/{env['list_id']}"))
        campaign = parse(client.get(f"/campaigns/{env['campaign_id']}"))
        scheduled = parse(client.get(f"/campaigns/{env['scheduled_campaign_id']}"))
        email = parse(client.get(f"/settings/emailaddresses/{env['from_email_id']}"))
    assert text(contact, "a:content/c:Contact/c:EmailAddress") == env["contact_email"]
    assert text(contact, "a:content/c:Contact/c:Status") == "Active"
    assert text(dnm, "a:content/c:Contact/c:Status") == "Do Not Mail"
    assert text(listing, "a:id") == env["list_uri"]
    assert text(campaign, "a:content/c:Campaign/c:Status") == "Draft"
    assert text(scheduled, "a:content/c:Campaign/c:Status") == "Scheduled"
    assert text(email, "a:content/c:Email/c:EmailAddress") == env["from_email"]
    assert text(email, "a:content/c:Email/c:Status") == "Verified"
    assert {env["oauth_client_id"], env["oauth_client_secret"], env["v3_client_id"]} == {
        demo.OAUTH_CLIENT_ID, demo.OAUTH_CLIENT_SECRET, demo.V3_CLIENT_ID}


def test_one_seeded_address_has_a_plus(sandbox) -> None:
    with client_for(sandbox) as client:
        found = entries(client.get("/contacts", params={"email": demo.SEED_PLUS_CONTACT_EMAIL}))
    assert "+" in demo.SEED_PLUS_CONTACT_EMAIL and len(found) == 1


def _read_banner(process: subprocess.Popen[str]) -> str:
    lines: list[str] = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = process.stdout.readline()  # type: ignore[union-attr]
        if not line:
            break
        lines.append(line)
        if line.startswith("Press Ctrl+C"):
            return "".join(lines)
    raise AssertionError("no banner: " + "".join(lines))


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_cli_resets_serves_and_stops_on_signal(tmp_path: Path, stop_signal: signal.Signals) -> None:
    data = tmp_path / "x"
    with SandboxServer(data, reset=True) as before, client_for(before) as client:
        assert client.post("/contacts", content=contact_xml("old@example.com"), headers=ATOM_HEADERS).status_code == 201
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "ctct_desktop", "sandbox", "--port", "0", "--data", str(data), "--reset",
         "--quirk", "scheduling_approved=true"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    try:
        banner = _read_banner(process)
        account_url = next(line.split()[-1] for line in banner.splitlines() if "Account URL" in line)
        with httpx.Client(base_url=account_url, auth=BASIC, timeout=10) as client:
            assert client.get("/contacts").status_code == 200
            assert entries(client.get("/contacts", params={"email": "old@example.com"})) == []  # --reset reseeded
            scheduled = client.post("/campaigns/1/schedules", content=SCHEDULE, headers=ATOM_HEADERS)
        assert scheduled.status_code == 201, scheduled.text  # the --quirk took effect
        for needle in (demo.DEMO_API_KEY, demo.DEMO_PASSWORD, demo.OAUTH_CLIENT_SECRET, demo.OAUTH_REDIRECT_URI,
                       demo.V3_CLIENT_ID, "scheduling_approved=true"):
            assert needle in banner
        assert (data / "endpoint.json").exists()
        process.send_signal(stop_signal)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Sandbox stopped." in out
    assert "Traceback" not in err
    assert not (data / "endpoint.json").exists()


def test_cli_rejects_a_bad_quirk_without_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "ctct_desktop", "sandbox", "--port", "0", "--data", str(tmp_path),
                           "--quirk", "fault=explode"], capture_output=True, text=True, env=env, cwd=REPO, timeout=30)
    assert done.returncode == 2
    assert "fault must be one of" in done.stderr and "Traceback" not in done.stderr


def test_cli_module_does_not_import_qt_or_the_server_at_import_time() -> None:
    code = ("import sys; import ctct_desktop.sandbox.command as c; "
            "print('PySide6' in sys.modules, 'ctct_desktop.sandbox.server' in sys.modules, c.NAME)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=30)
    assert out.stdout.split() == ["False", "False", "sandbox"], out.stderr


def test_stop_under_load_answers_no_500(tmp_path: Path) -> None:
    import threading

    server = SandboxServer(tmp_path / "sb", reset=True)
    server.start()
    statuses: list[int] = []
    done = threading.Event()

    def hammer() -> None:
        with client_for(server, timeout=5) as client:
            while not done.is_set():
                try:
                    statuses.append(client.post("/contacts", content=contact_xml(
                        f"load{threading.get_ident()}.{len(statuses)}@example.com"), headers=ATOM_HEADERS).status_code)
                except httpx.HTTPError:
                    return

    workers = [threading.Thread(target=hammer) for _ in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(0.5)
    server.stop()
    done.set()
    for worker in workers:
        worker.join(timeout=10)
    assert statuses and 500 not in statuses


def test_newer_schema_and_broken_quirks_file_are_clear_errors(tmp_path: Path) -> None:
    import sqlite3

    from ctct_desktop.sandbox.db import SchemaError
    from ctct_desktop.sandbox.quirks import QuirkError

    data = tmp_path / "sb"
    SandboxServer(data).stop()  # stop before start is a no-op
    with SandboxServer(data, reset=True):
        pass
    with sqlite3.connect(data / "sandbox.sqlite3") as conn:
        conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(SchemaError, match="newer sandbox"):
        SandboxServer(data).start()
    with SandboxServer(data, reset=True) as server:  # --reset recovers
        assert server.base_url.startswith("http://127.0.0.1:")
    (data / "quirks.json").write_text("{not json")
    with pytest.raises(QuirkError, match="quirks.json"):
        SandboxServer(data).start()
