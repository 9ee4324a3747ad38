"""Quirks: constructor overrides, quirks.json, the admin endpoint, and each behaviour switch,
including latency and the injected faults (drop mid-body, reset, stall)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.quirks import QuirkError, parse_assignment
from ctct_desktop.sandbox.server import SandboxServer
from tests.sandbox.sandbox_helpers import ADMIN_HEADERS, ATOM_HEADERS, BASIC, client_for, contact_xml, parse, text


def _set(sandbox, **values: str) -> httpx.Response:  # type: ignore[no-untyped-def]
    return httpx.patch(f"{sandbox.base_url}/_sandbox/quirks", json=values, headers=ADMIN_HEADERS, timeout=5)


def test_admin_endpoint_shows_replaces_and_rejects(sandbox) -> None:
    base = f"{sandbox.base_url}/_sandbox/quirks"
    shown = httpx.get(base, headers=ADMIN_HEADERS).json()
    assert shown["quirks"]["scheduling_approved"] == "false" and "fault" in shown["help"]
    replaced = httpx.put(base, json={"search_miss": "500"}, headers=ADMIN_HEADERS).json()
    assert replaced["quirks"]["search_miss"] == "500"
    bad = httpx.put(base, json={"search_miss": "sometimes"}, headers=ADMIN_HEADERS)
    unknown = httpx.patch(base, json={"colour": "blue"}, headers=ADMIN_HEADERS)
    not_json = httpx.put(base, content=b"{", headers=ADMIN_HEADERS)
    assert bad.status_code == 400 and "search_miss" in bad.json()["error"]
    assert unknown.status_code == 400 and "Unknown quirk" in unknown.json()["error"]
    assert not_json.status_code == 400
    assert httpx.get(base, headers=ADMIN_HEADERS).json()["quirks"]["search_miss"] == "500"  # a rejected change changes nothing
    saved = json.loads((sandbox.data_dir / "quirks.json").read_text())
    assert saved["accounts"][demo.DEMO_USERNAME] == {"search_miss": "500"}
    assert httpx.put(base, json={}, headers=ADMIN_HEADERS).json()["quirks"]["search_miss"] == "empty"


def test_quirks_from_file_and_constructor(tmp_path: Path) -> None:
    data = tmp_path / "sb"
    data.mkdir()
    (data / "quirks.json").write_text(json.dumps({"format_version": 1, "accounts": {
        demo.DEMO_USERNAME: {"search_miss": "500", "dnm_post_status": "403"}}}))
    with SandboxServer(data, reset=True, quirks={"dnm_post_status": "409"}) as server:
        snapshot = server.quirks.snapshot()
    assert snapshot["search_miss"] == "500" and snapshot["dnm_post_status"] == "409"
    with pytest.raises(QuirkError):
        SandboxServer(tmp_path / "other", quirks={"fault": "explode"}).start()


def test_parse_assignment() -> None:
    assert parse_assignment("latency_ms=250") == ("latency_ms", "250")
    assert parse_assignment("scheduling_approved=TRUE") == ("scheduling_approved", "true")
    for bad in ("latency_ms", "latency_ms=-1", "nope=1", "fault=boom"):
        with pytest.raises(QuirkError):
            parse_assignment(bad)


def test_search_miss_500(sandbox) -> None:
    _set(sandbox, search_miss="500")
    with client_for(sandbox) as client:
        miss = client.get("/contacts", params={"email": "nobody@example.com"})
        hit = client.get("/contacts", params={"email": demo.SEED_ACTIVE_CONTACT_EMAIL})
    assert miss.status_code == 500 and miss.text.startswith("Error 500: ")
    assert hit.status_code == 200


def test_dnm_post_status_403(sandbox) -> None:
    _set(sandbox, dnm_post_status="403")
    with client_for(sandbox) as client:
        email = text(parse(client.get(f"/contacts/{demo.SEED_DNM_CONTACT_ID}")), "a:content/c:Contact/c:EmailAddress")
        dnm = client.post("/contacts", content=contact_xml(email), headers=ATOM_HEADERS)
        active = client.post("/contacts", content=contact_xml(demo.SEED_ACTIVE_CONTACT_EMAIL), headers=ATOM_HEADERS)
    assert dnm.status_code == 403
    assert active.status_code == 409


def test_old_contact_management_allows_contact_removal(sandbox) -> None:
    _set(sandbox, new_contact_management="false")
    with client_for(sandbox) as client:
        response = client.put("/contacts/1", content=contact_xml(demo.SEED_ACTIVE_CONTACT_EMAIL, [], "ACTION_BY_CONTACT",
                                                                 contact_id=1), headers=ATOM_HEADERS)
        status = text(parse(client.get("/contacts/1")), "a:content/c:Contact/c:Status")
    assert response.status_code == 204 and status == "Removed"


def test_user_mismatch_403(sandbox) -> None:
    _set(sandbox, user_mismatch_status="403")
    response = httpx.get(f"{sandbox.base_url}/ws/customers/otheraccount/contacts", auth=BASIC)
    assert response.status_code == 403
    assert "You don't have permission" in response.text


def test_latency(sandbox) -> None:
    _set(sandbox, latency_ms="300")
    with client_for(sandbox) as client:
        started = time.monotonic()
        assert client.get("/lists").status_code == 200
        elapsed = time.monotonic() - started
    assert elapsed >= 0.3


def test_fault_drop_mid_body(sandbox) -> None:
    _set(sandbox, fault="drop_mid_body")
    with client_for(sandbox) as client, pytest.raises(httpx.RemoteProtocolError) as caught:
        client.get("/contacts")
    assert "without sending complete message body" in str(caught.value)
    assert httpx.get(f"{sandbox.base_url}/_sandbox/quirks", headers=ADMIN_HEADERS).status_code == 200  # admin is never faulted


def test_fault_reset(sandbox) -> None:
    _set(sandbox, fault="reset")
    with client_for(sandbox) as client, pytest.raises(httpx.ReadError) as caught:
        client.get("/contacts")
    assert "reset" in str(caught.value).lower()


def test_fault_stall_until_the_client_gives_up(sandbox) -> None:
    _set(sandbox, fault="stall")
    with client_for(sandbox, timeout=0.5) as client, pytest.raises(httpx.ReadTimeout):
        client.get("/contacts")
    _set(sandbox, fault="none")
    with client_for(sandbox) as client:
        assert client.get("/lists").status_code == 200


def test_stop_ends_a_stalled_request_promptly(tmp_path: Path) -> None:
    import threading

    server = SandboxServer(tmp_path / "sb", reset=True, quirks={"fault": "stall"})
    server.start()
    outcome: list[str] = []

    def call() -> None:
        try:
            httpx.get(server.account_url + "/lists", auth=BASIC, timeout=30)
            outcome.append("answered")
        except httpx.HTTPError as exc:
            outcome.append(type(exc).__name__)

    worker = threading.Thread(target=call)
    worker.start()
    time.sleep(0.3)
    started = time.monotonic()
    server.stop()
    worker.join(timeout=10)
    assert time.monotonic() - started < 3
    assert outcome and outcome[0] != "answered"


def test_fault_drop_on_a_bodiless_answer_cuts_the_headers(sandbox) -> None:
    _set(sandbox, fault="drop_mid_body")
    with client_for(sandbox) as client, pytest.raises(httpx.RemoteProtocolError):
        client.delete("/contacts/3")
    _set(sandbox, fault="none")
    with client_for(sandbox) as client:  # the work was done; only the answer was lost
        assert text(parse(client.get("/contacts/3")), "a:content/c:Contact/c:Status") == "Do Not Mail"
