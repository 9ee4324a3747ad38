"""Bulk activities over HTTP: form and multipart bodies, the §7 parameter rules, background
processing through PENDING -> RUNNING -> COMPLETE, errors per row and the export file."""

from __future__ import annotations

import time
from urllib.parse import quote

import httpx

from tests.sandbox.sandbox_helpers import LIST_URI, NS, client_for, entries, parse, text

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ACTIVITY = "a:content/c:Activity"


def _wait_complete(client: httpx.Client, location: str, seen: set[str] | None = None) -> object:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        item = parse(client.get(location))
        status = text(item, f"{ACTIVITY}/c:Status")
        if seen is not None:
            seen.add(status or "")
        if status in ("COMPLETE", "ERROR"):
            return item
        time.sleep(0.02)
    raise AssertionError("the activity did not finish")


def _contact_by_email(client: httpx.Client, email: str):  # type: ignore[no-untyped-def]
    found = entries(client.get("/contacts", params={"email": email}))
    return found[0] if found else None


def test_add_contacts_with_quoted_commas_and_repeated_lists(sandbox) -> None:
    data = ('Email Address,First Name,Last Name,City\r\n'
            'bulk.one@example.com,Bea,"Smith, Jr.","Boston, MA"\r\n'
            'bulk.two@example.com,Carl,Jones,Austin\r\n'
            'not-an-email,Dan,Bad,Nowhere\r\n'
            'ada.abbott@example.com,Ada,Abbott,Leeds\r\n')
    body = (f"activityType=SV_ADD&data={quote(data)}"
            f"&lists={quote(LIST_URI.format(2), safe='')}&lists={quote(LIST_URI.format(4), safe='')}")
    with client_for(sandbox) as client:
        created = client.post("/activities", content=body, headers=FORM)
        assert created.status_code == 201, created.text
        assert text(parse(created), f"{ACTIVITY}/c:Status") == "PENDING"
        seen: set[str] = set()
        done = _wait_complete(client, created.headers["location"], seen)
        contact = _contact_by_email(client, "bulk.one@example.com")
        detail = parse(client.get(contact.find("a:link[@rel='edit']", NS).get("href").split("/joesflowers")[1]))
        ada = parse(client.get("/contacts/1"))
    assert "RUNNING" in seen or "PENDING" in seen
    assert text(done, f"{ACTIVITY}/c:TransactionCount") == "4"
    errors = done.findall(f"{ACTIVITY}/c:Errors/c:Error", NS)
    assert [text(e, "c:EmailAddress") for e in errors] == ["not-an-email"]
    assert text(errors[0], "c:LineNumber") == "4"
    assert text(detail, "a:content/c:Contact/c:LastName") == "Smith, Jr."
    assert text(detail, "a:content/c:Contact/c:City") == "Boston, MA"
    lists = {r.get("id") for r in detail.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)}
    assert lists == {LIST_URI.format(2), LIST_URI.format(4)}
    ada_lists = {r.get("id") for r in ada.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)}
    assert LIST_URI.format(4) in ada_lists and LIST_URI.format(1) in ada_lists  # adds, never replaces


def test_multipart_upload_works_too(sandbox) -> None:
    files = {"data": ("contacts.csv", b"Email Address\nmulti.part@example.com\n", "text/csv")}
    with client_for(sandbox) as client:
        created = client.post("/activities", data={"activityType": "ADD_CONTACTS", "lists": LIST_URI.format(1)},
                              files=files)
        assert created.status_code == 201, created.text
        _wait_complete(client, created.headers["location"])
        assert _contact_by_email(client, "multi.part@example.com") is not None


def test_remove_and_clear(sandbox) -> None:
    with client_for(sandbox) as client:
        remove = client.post("/activities", data={"activityType": "REMOVE_CONTACTS_FROM_LISTS",
                                                  "data": "Email Address\nada.abbott@example.com\nnobody@example.com",
                                                  "lists": [LIST_URI.format(1), LIST_URI.format(2), LIST_URI.format(3)]})
        assert remove.status_code == 201, remove.text
        removed = _wait_complete(client, remove.headers["location"])
        ada = parse(client.get("/contacts/1"))
        clear = client.post("/activities", data={"activityType": "CLEAR_CONTACTS_FROM_LISTS",
                                                 "lists": LIST_URI.format(2)})
        assert clear.status_code == 201, clear.text
        _wait_complete(client, clear.headers["location"])
        count = text(parse(client.get("/lists/2")), "a:content/c:ContactList/c:ContactCount")
    assert [text(e, "c:EmailAddress") for e in removed.findall(f"{ACTIVITY}/c:Errors/c:Error", NS)] == ["nobody@example.com"]
    assert text(ada, "a:content/c:Contact/c:Status") == "Removed"
    assert count == "0"


def test_export_produces_a_file(sandbox) -> None:
    form = {"activityType": "EXPORT_CONTACTS", "fileType": "CSV", "exportOptDate": "true", "exportOptSource": "false",
            "exportListName": "true", "sortBy": "EMAIL_ADDRESS", "columns": ["FIRST NAME", "LAST NAME"],
            "listId": LIST_URI.format(3)}
    with client_for(sandbox) as client:
        created = client.post("/activities", data=form)
        assert created.status_code == 201, created.text
        done = _wait_complete(client, created.headers["location"])
        file_name = text(done, f"{ACTIVITY}/c:FileName")
        href = done.find(f"{ACTIVITY}/a:link", NS).get("href")
        exported = client.get(href.split("/joesflowers")[1])
        listing = entries(client.get("/activities"))
    assert file_name.startswith("joesflowers.") and file_name.endswith(".CSV")
    lines = exported.text.strip().splitlines()
    assert lines[0] == "Email Address,First Name,Last Name,Opt-in Date,List Name"
    emails = [line.split(",")[0] for line in lines[1:]]
    assert emails == sorted(emails) and len(emails) == int(text(done, f"{ACTIVITY}/c:TransactionCount"))
    assert all(line.endswith("Wedding Planners") for line in lines[1:])
    assert len(listing) == 1


def test_form_rules_are_400_with_the_parameter_named(sandbox) -> None:
    cases = [
        ({"activityType": "SV_ADD", "data": "Email Address\nx@example.com"}, "lists"),
        ({"activityType": "SV_ADD", "data": "First Name\nAnn", "lists": LIST_URI.format(1)}, "Email Address"),
        ({"activityType": "SV_ADD", "lists": LIST_URI.format(1)}, "data"),
        ({"activityType": "ADD", "data": "x", "lists": LIST_URI.format(1)}, "activityType"),
        ({"activityType": "CLEAR_CONTACTS_FROM_LISTS", "data": "x", "lists": LIST_URI.format(1)}, "no data"),
        ({"activityType": "SV_ADD", "data": "Email Address\nx@example.com", "lists": "/lists/1"}, "lists"),
        ({"activityType": "SV_ADD", "data": "Email Address\nx@example.com", "lists": LIST_URI.format(99)}, "99"),
        ({"activityType": "EXPORT_CONTACTS", "fileType": "PDF", "listId": LIST_URI.format(1)}, "fileType"),
        ({"activityType": "EXPORT_CONTACTS", "fileType": "CSV", "listId": LIST_URI.format(1), "sortBy": "NAME"}, "sortBy"),
        ({"activityType": "EXPORT_CONTACTS", "fileType": "CSV"}, "listId"),
        ({"activityType": "SV_ADD", "data": 'Email Address\n"unterminated', "lists": LIST_URI.format(1)}, "CSV"),
    ]
    with client_for(sandbox) as client:
        for form, needle in cases:
            response = client.post("/activities", data=form)
            assert response.status_code == 400, (form, response.text)
            assert needle in response.text, (form, response.text)


def test_activities_need_form_content_types(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.post("/activities", content=b"activityType=SV_ADD", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_an_atom_content_type_on_activities_is_read_as_atom_and_fails_in_the_common_sections(sandbox) -> None:
    """Casebook T2: PHP sent a multipart body under ``Content-Type: application/atom+xml``; the server
    parsed it as an Atom entry and answered the Atom-sections 400, not a 415."""
    body = b'--b\r\nContent-Disposition: form-data; name="activityType"\r\n\r\nSV_ADD\r\n--b--\r\n'
    with client_for(sandbox) as client:
        for content in (body, b"<entry/>"):
            response = client.post("/activities", content=content, headers={"Content-Type": "application/atom+xml"})
            assert response.status_code == 400, response.text
            assert "errors in the common Atom sections" in response.text
