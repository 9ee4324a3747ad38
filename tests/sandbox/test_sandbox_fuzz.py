"""Hostile input never reaches a 500: fuzzed bodies, mutated valid entries, paths, queries,
headers and forms all get a 4xx (or a success) with a message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct_desktop.sandbox.server import SandboxServer
from tests.sandbox.sandbox_helpers import ADMIN_HEADERS, ATOM_HEADERS, BASIC, campaign_xml, contact_xml, list_xml

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TARGETS = [("POST", "/contacts"), ("PUT", "/contacts/1"), ("POST", "/lists"), ("PUT", "/lists/1"),
           ("POST", "/campaigns"), ("PUT", "/campaigns/1")]
VALID = [contact_xml("fuzz@example.com"), contact_xml("fuzz@example.com", contact_id=1), list_xml("Fuzz"),
         list_xml("Fuzz", 1), campaign_xml(), campaign_xml(campaign_id=1)]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    sandbox = SandboxServer(Path(tmp_path_factory.mktemp("fuzz")) / "sb", reset=True,
                            quirks={"scheduling_approved": "true"})
    sandbox.start()
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def client(server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.account_url, auth=BASIC, timeout=10) as http:
        yield http


def _assert_answered(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    has_body = response.request.method != "HEAD"
    if has_body and response.status_code >= 400 and response.headers.get("content-type", "").startswith("text/plain"):
        assert response.text.startswith(f"Error {response.status_code}: "), response.text


@FUZZ
@given(target=st.sampled_from(range(len(TARGETS))), body=st.binary(max_size=400))
def test_random_bytes(client: httpx.Client, target: int, body: bytes) -> None:
    method, path = TARGETS[target]
    _assert_answered(client.request(method, path, content=body, headers=ATOM_HEADERS))


@FUZZ
@given(target=st.sampled_from(range(len(TARGETS))), data=st.data())
def test_mutated_valid_entries(client: httpx.Client, target: int, data: st.DataObject) -> None:
    method, path = TARGETS[target]
    text = VALID[target]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    insert = data.draw(st.text(alphabet=st.sampled_from('<>/="&;: aZ\u00e9\x00\ufeff'), max_size=12))
    _assert_answered(client.request(method, path, content=(text[:start] + insert + text[end:]).encode("utf-8", "replace"),
                                    headers=ATOM_HEADERS))


@FUZZ
@given(segments=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
                         min_size=1, max_size=4),
       method=st.sampled_from(["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"]))
def test_random_paths(client: httpx.Client, segments: list[str], method: str) -> None:
    from urllib.parse import quote

    path = "/" + "/".join(quote(s, safe="") for s in segments)
    _assert_answered(client.request(method, path, content=b"x", headers=ATOM_HEADERS))


@FUZZ
@given(params=st.lists(st.tuples(st.sampled_from(["email", "next", "updatedsince", "listtype", "listid", "status", "x"]),
                                 st.text(max_size=30)), max_size=5),
       path=st.sampled_from(["/contacts", "/lists", "/campaigns", "/activities", "/lists/1/members", "/lists/active/members"]))
def test_random_queries(client: httpx.Client, params: list[tuple[str, str]], path: str) -> None:
    _assert_answered(client.get(path, params=params))


@FUZZ
@given(prefix=st.sampled_from(["Basic ", "Bearer ", "Digest ", ""]),
       rest=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60))
def test_random_authorization_headers(server: SandboxServer, prefix: str, rest: str) -> None:
    value = (prefix + rest).strip() or "x"
    response = httpx.get(server.account_url + "/lists", headers={"Authorization": value}, timeout=10)
    assert response.status_code == 401, (value, response.text)


@FUZZ
@given(form=st.lists(st.tuples(st.sampled_from(["activityType", "data", "lists", "listId", "fileType", "columns",
                                                "sortBy", "exportOptDate"]),
                               st.one_of(st.sampled_from(["SV_ADD", "EXPORT_CONTACTS", "CLEAR_CONTACTS_FROM_LISTS",
                                                          "CSV", "Email Address\nz@example.com",
                                                          "http://api.constantcontact.com/ws/customers/joesflowers/lists/1"]),
                                         st.text(max_size=40))), max_size=6))
def test_random_activity_forms(client: httpx.Client, form: list[tuple[str, str]]) -> None:
    from urllib.parse import urlencode

    _assert_answered(client.post("/activities", content=urlencode(form),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"}))


@FUZZ
@given(body=st.binary(max_size=200), path=st.sampled_from(["/oauth2/oauth/token", "/oauth2/default/v1/token",
                                                             "/oauth2/tokeninfo.htm", "/_sandbox/quirks"]))
def test_random_oauth_and_admin_bodies(server: SandboxServer, body: bytes, path: str) -> None:
    method = "PATCH" if path == "/_sandbox/quirks" else "POST"
    response = httpx.request(method, server.base_url + path, content=body,
                             headers={"Content-Type": "application/x-www-form-urlencoded", **ADMIN_HEADERS}, timeout=10)
    assert 200 <= response.status_code < 500
    if path == "/_sandbox/quirks":
        httpx.put(server.base_url + path, json={"scheduling_approved": "true"}, headers=ADMIN_HEADERS, timeout=10)
