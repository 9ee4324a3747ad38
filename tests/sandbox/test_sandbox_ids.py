"""Ids are ASCII digits within SQLite's range, read in one place (sandbox/ids.py): Unicode
digits never alias a real id, ids of 2**63 and more never reach SQLite, and a hostile
credential byte is a 401. Never a 500."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct_desktop.sandbox.ids import MAX_ID, parse_id, parse_int
from ctct_desktop.sandbox.server import SandboxServer
from tests.sandbox.sandbox_helpers import (ATOM_HEADERS, BASIC, LIST_URI, campaign_xml, client_for, contact_xml,
                                           list_xml)

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
UNICODE_DIGITS = ["²", "①", "¹²", "١", "١٢", "߁", "𝟏", "¹"]
TOO_LARGE = [str(2**63), str(2**64 + 1), "9" * 19, "9" * 40]
ID_PATHS = ["/contacts/{}", "/contacts/{}/events/opens", "/lists/{}", "/lists/{}/members", "/campaigns/{}",
            "/campaigns/{}/schedules", "/campaigns/1/schedules/{}", "/settings/emailaddresses/{}",
            "/activities/{}"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    sandbox = SandboxServer(Path(tmp_path_factory.mktemp("ids")) / "sb", reset=True)
    sandbox.start()
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def client(server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.account_url, auth=BASIC, timeout=10) as http:
        yield http


def test_parse_id_takes_ascii_digits_within_sqlite_range() -> None:
    assert parse_id("1") == 1 and parse_id("007") == 7 and parse_id(str(MAX_ID)) == MAX_ID
    for text in [*UNICODE_DIGITS, *TOO_LARGE, "", "-1", "+1", " 1", "1 ", "1\n", "0x1", "1_000", "1.0"]:
        assert parse_id(text) is None, text
    assert parse_int("-5", -10, 10) == -5 and parse_int("١", 0, 10) is None and parse_int("11", 0, 10) is None


@pytest.mark.parametrize("digits", UNICODE_DIGITS + TOO_LARGE)
@pytest.mark.parametrize("path", ID_PATHS)
def test_unicode_digits_and_huge_ids_in_paths_are_not_found(client: httpx.Client, path: str, digits: str) -> None:
    response = client.get(path.format(quote(digits)))
    assert response.status_code == 404, (path, digits, response.text)


def test_arabic_indic_one_does_not_alias_list_one(client: httpx.Client) -> None:
    assert client.delete("/lists/%D9%A1").status_code == 404
    assert client.put("/lists/%D9%A1", content=list_xml("Renamed"), headers=ATOM_HEADERS).status_code == 404
    assert client.delete("/contacts/%D9%A1").status_code == 404
    assert client.get("/lists/1").status_code == 200
    assert "General Interest" in client.get("/lists/1").text


@pytest.mark.parametrize("digits", UNICODE_DIGITS + TOO_LARGE)
def test_unicode_digits_and_huge_ids_in_listid_are_not_found(client: httpx.Client, digits: str) -> None:
    response = client.get("/contacts", params={"updatedsince": "2000-01-01T00:00:00Z", "listid": digits})
    assert response.status_code == 404, (digits, response.text)


@pytest.mark.parametrize("value", ["²", "١", str(2**63), "9" * 30])
def test_unicode_digits_in_other_numbers_are_never_read_as_numbers(client: httpx.Client, value: str) -> None:
    assert client.get("/lists", params={"next": value}).status_code == 400
    # SortOrder has no evidence of a server refusal (README, 400 audit): an unreadable one is the default
    sort_order = list_xml(f"Sorted {len(value)}{value[:1]}").replace("<SortOrder>99</SortOrder>",
                                                                     f"<SortOrder>{value}</SortOrder>")
    created = client.post("/lists", content=sort_order, headers=ATOM_HEADERS)
    assert created.status_code == 201, created.text
    shown = client.get(created.headers["Location"].split("/ws/customers/joesflowers", 1)[1]).text
    assert "<SortOrder>99</SortOrder>" in shown, shown


@pytest.mark.parametrize("list_id", [str(2**63), str(2**64), "١"])
def test_list_ids_in_bodies_beyond_sqlite_or_unicode_are_refused(client: httpx.Client, list_id: str) -> None:
    contact = contact_xml("bigid@example.com", lists=[list_id])  # type: ignore[list-item]
    created = client.post("/contacts", content=contact, headers=ATOM_HEADERS)
    assert created.status_code in (400, 404), created.text
    updated = client.put("/contacts/1", content=contact_xml("ada.abbott@example.com", lists=[list_id],  # type: ignore[list-item]
                                                            contact_id=1), headers=ATOM_HEADERS)
    assert updated.status_code in (400, 404), updated.text
    campaign = client.post("/campaigns", content=campaign_xml(lists=[list_id]), headers=ATOM_HEADERS)  # type: ignore[list-item]
    assert campaign.status_code in (400, 404), campaign.text
    for field in ("lists", "listId"):
        form = {"activityType": "SV_ADD" if field == "lists" else "EXPORT_CONTACTS",
                "data": "Email Address\nbulk@example.com", field: LIST_URI.format(list_id)}
        if field == "listId":
            form.pop("data")
            form["fileType"] = "CSV"
        answer = client.post("/activities", data=form)
        assert answer.status_code in (400, 404), answer.text
    assert client.get("/lists/1").status_code == 200


def test_contact_id_beyond_sqlite_in_a_put_body(client: httpx.Client) -> None:
    huge = 2**63
    body = contact_xml("ada.abbott@example.com", contact_id=huge)
    assert client.put(f"/contacts/{huge}", content=body, headers=ATOM_HEADERS).status_code == 404
    assert client.put("/contacts/1", content=body, headers=ATOM_HEADERS).status_code == 400


def test_campaign_email_ids_in_unicode_digits_are_refused(sandbox: SandboxServer) -> None:
    body = campaign_xml().replace("settings/emailaddresses/1", "settings/emailaddresses/\u0661")
    with client_for(sandbox) as client:
        answer = client.post("/campaigns", content=body, headers=ATOM_HEADERS)
    assert answer.status_code == 400 and "FromEmail" in answer.text, answer.text


def _basic(raw: bytes) -> bytes:
    return b"Basic " + base64.b64encode(raw)


@pytest.mark.parametrize("value", [
    "Basic \u00e9\u00e9".encode("latin-1"), b"Basic c2FuZGJveC1hcGkta2V5\xff", b"Bearer \xe9t\xff",
    _basic(b"sandbox-api-key%joesflowers:p\xe9ss"), _basic(b"\xff\xfe%\xfd:\xfc"), b"Basic", b"\xe9\xe9"])
def test_non_ascii_bytes_in_credentials_are_401(server: SandboxServer, value: bytes) -> None:
    response = httpx.get(server.account_url + "/lists", headers={b"Authorization": value}, timeout=10)
    assert response.status_code == 401, response.text
    assert response.text.startswith("Error 401: ")


_SEGMENT = st.one_of(
    st.text(alphabet=st.characters(categories=("Nd", "No", "Nl")), min_size=1, max_size=6),
    st.integers(min_value=-1, max_value=2**70).map(str),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8))


@FUZZ
@given(path=st.sampled_from(ID_PATHS), segment=_SEGMENT, method=st.sampled_from(["GET", "PUT", "DELETE", "POST"]))
def test_fuzzed_path_ids_never_500(client: httpx.Client, path: str, segment: str, method: str) -> None:
    body = contact_xml("fuzz@example.com") if "contacts" in path else list_xml("Fuzz")
    response = client.request(method, path.format(quote(segment, safe="")), content=body, headers=ATOM_HEADERS)
    assert response.status_code < 500, response.text
    if parse_id(segment) is None and segment.isdigit() and method == "GET":
        assert response.status_code == 404, response.text


@FUZZ
@given(params=st.lists(st.tuples(st.sampled_from(["listid", "next", "updatedsince", "listtype", "email", "status"]),
                                 _SEGMENT), max_size=4),
       path=st.sampled_from(["/contacts", "/lists", "/campaigns", "/lists/1/members", "/activities"]))
def test_fuzzed_query_values_never_500(client: httpx.Client, params: list[tuple[str, str]], path: str) -> None:
    if path == "/contacts" and params:
        params = [("updatedsince", "2000-01-01T00:00:00Z"), *params]
    response = client.get(path, params=params)
    assert response.status_code < 500, response.text


_HEADER_BYTES = st.binary(max_size=60).map(lambda b: bytes(c for c in b if c >= 0x20 and c != 0x7F))


@FUZZ
@given(prefix=st.sampled_from([b"Basic ", b"Bearer ", b"basic ", b""]), rest=_HEADER_BYTES,
       encode=st.booleans())
def test_fuzzed_credentials_are_401(server: SandboxServer, prefix: bytes, rest: bytes, encode: bool) -> None:
    value = prefix + (base64.b64encode(rest) if encode else rest)
    if not value.strip():
        value = b"x"
    response = httpx.get(server.account_url + "/lists", headers={b"Authorization": value.strip()}, timeout=10)
    assert response.status_code == 401, (value, response.text)


@pytest.mark.parametrize("value", [b"Basic \xe9\xe9", _basic(b"sandbox-v3-client:\xff")])
def test_non_ascii_basic_client_credential_on_the_token_endpoint_is_refused(server: SandboxServer,
                                                                         value: bytes) -> None:
    response = httpx.post(server.base_url + "/oauth2/default/v1/token", headers={b"Authorization": value},
                          data={"grant_type": "refresh_token", "refresh_token": "x"}, timeout=10)
    assert 400 <= response.status_code < 500 and response.json()["error"] == "invalid_client", response.text
