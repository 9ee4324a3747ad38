"""Contacts over HTTP: seeded statuses, paging, search, sync, create/read/update/opt-out."""

from __future__ import annotations

from collections import Counter

from lxml import etree

from ctct_desktop.core import sandbox_demo as demo
from tests.sandbox.sandbox_helpers import (ATOM_HEADERS, NS, all_pages, client_for, contact_xml, entries, link,
                                           parse, server_root, text)

STATUS = "a:content/c:Contact/c:Status"


def test_seed_has_more_than_two_pages_in_every_status(sandbox) -> None:
    with client_for(sandbox) as client:
        found = all_pages(client, "/contacts")
    counts = Counter(text(e, STATUS) for e in found)
    for status in ("Active", "Unconfirmed", "Removed", "Do Not Mail"):
        assert counts[status] >= 120, counts
    ids = [text(e, "a:id") for e in found]
    assert len(ids) == len(set(ids))


def test_collection_pages_hold_50_with_opaque_next_links(sandbox) -> None:
    with client_for(sandbox) as client:
        first = client.get("/contacts")
        feed = parse(first)
        assert len(feed.findall("a:entry", NS)) == 50
        href = link(feed, "next")
        assert href is not None and href.startswith("/ws/customers/joesflowers/contacts?next=")
        token = href.split("next=")[1]
        assert not token.isdigit() and "-" in token
        assert link(feed, "first") == "/ws/customers/joesflowers/contacts"
        second = parse(client.get(server_root(client) + href))
    first_ids = {text(e, "a:id") for e in feed.findall("a:entry", NS)}
    second_ids = {text(e, "a:id") for e in second.findall("a:entry", NS)}
    assert len(second_ids) == 50 and not first_ids & second_ids
    assert link(second, "current") == href


def test_forged_next_token_is_400(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.get("/contacts", params={"next": "abc-def"})
    assert response.status_code == 400
    assert response.text.startswith("Error 400: ")


def test_ids_are_absolute_http_uris_and_links_root_relative(sandbox) -> None:
    with client_for(sandbox) as client:
        item = parse(client.get(f"/contacts/{demo.SEED_ACTIVE_CONTACT_ID}"))
    assert item.find("a:id", NS).text == "http://api.constantcontact.com/ws/customers/joesflowers/contacts/1"
    assert item.find("a:link[@rel='edit']", NS).get("href") == "/ws/customers/joesflowers/contacts/1"
    contact = item.find("a:content/c:Contact", NS)
    assert contact.get("id") == "http://api.constantcontact.com/ws/customers/joesflowers/contacts/1"
    list_ref = contact.find("c:ContactLists/c:ContactList", NS)
    assert list_ref.get("id") == "http://api.constantcontact.com/ws/customers/joesflowers/lists/1"
    assert list_ref.find("a:link", NS).get("href") == "/ws/customers/joesflowers/lists/1"


def test_xml_declaration_uses_single_quotes(sandbox) -> None:
    with client_for(sandbox) as client:
        body = client.get("/contacts/1").content
    assert body.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_email_search_is_exact_and_repeatable(sandbox) -> None:
    with client_for(sandbox) as client:
        one = entries(client.get("/contacts", params={"email": demo.SEED_ACTIVE_CONTACT_EMAIL}))
        two = entries(client.get("/contacts", params=[("email", demo.SEED_ACTIVE_CONTACT_EMAIL),
                                                      ("email", demo.SEED_PLUS_CONTACT_EMAIL)]))
        upper = entries(client.get("/contacts", params={"email": demo.SEED_ACTIVE_CONTACT_EMAIL.upper()}))
    assert [text(e, "a:content/c:Contact/c:EmailAddress") for e in one] == [demo.SEED_ACTIVE_CONTACT_EMAIL]
    assert len(two) == 2
    assert upper == []  # stored lower case; the client must lower-case before searching


def test_plus_in_search_must_be_percent_encoded(sandbox) -> None:
    with client_for(sandbox) as client:
        raw = client.get(f"{sandbox.account_url}/contacts?email=joe+roses@example.com")
        encoded = client.get(f"{sandbox.account_url}/contacts?email=joe%2Broses%40example.com")
    assert raw.status_code == 200 and entries(raw) == []  # '+' decoded to a space: a miss
    assert len(entries(encoded)) == 1


def test_raw_at_sign_in_search_finds_the_contact(sandbox) -> None:
    """'@' is legal in a query string: the real API found the contact (L023 only hints at %40)."""
    with client_for(sandbox) as client:
        raw = client.get(f"{sandbox.account_url}/contacts?email={demo.SEED_ACTIVE_CONTACT_EMAIL}")
    assert raw.request.url.query.decode() == f"email={demo.SEED_ACTIVE_CONTACT_EMAIL}"
    assert [text(e, "a:content/c:Contact/c:EmailAddress") for e in entries(raw)] == [demo.SEED_ACTIVE_CONTACT_EMAIL]


def test_search_echoes_the_query_in_current_link(sandbox) -> None:
    with client_for(sandbox) as client:
        feed = parse(client.get("/contacts", params=[("email", "a@example.com"), ("email", "b@example.com")]))
    assert link(feed, "current") == "/ws/customers/joesflowers/contacts?email=a%40example.com&email=b%40example.com"


def test_updatedsince_with_listtype_and_listid(sandbox) -> None:
    with client_for(sandbox) as client:
        removed = all_pages(client, "/contacts", {"updatedsince": "2025-01-01T00:00:00.000Z", "listtype": "removed"})
        dnm = all_pages(client, "/contacts", {"updatedsince": "2025-01-01T00:00:00Z", "listtype": "do-not-mail"})
        in_list = all_pages(client, "/contacts", {"updatedsince": "2025-01-01T00:00:00Z", "listid": "3"})
        later = entries(client.get("/contacts", params={"updatedsince": "2030-01-01T00:00:00Z", "listtype": "active"}))
        uri = client.get("/contacts", params={"updatedsince": "2025-01-01T00:00:00Z",
                                              "listid": "http://api.constantcontact.com/ws/customers/joesflowers/lists/1"})
        spaced = client.get("/contacts", params={"updatedsince": "2025-01-01T00:00:00 01:00", "listtype": "active"})
    assert {text(e, STATUS) for e in removed} == {"Removed"} and len(removed) >= 120
    assert {text(e, STATUS) for e in dnm} == {"Do Not Mail"}
    assert 0 < len(in_list) < 120
    assert later == []
    assert uri.status_code == 400 and "numeric" in uri.text
    assert spaced.status_code == 400


def test_sync_sees_a_fresh_change(sandbox) -> None:
    with client_for(sandbox) as client:
        client.delete("/contacts/5")
        found = entries(client.get("/contacts", params={"updatedsince": "2026-01-01T00:00:00Z",
                                                        "listtype": "do-not-mail"}))
    assert [text(e, "a:id").rsplit("/", 1)[1] for e in found] == ["5"]


def test_create_returns_201_entry_and_location(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=contact_xml("New.Person@Example.com", [1, 2]), headers=ATOM_HEADERS)
        assert response.status_code == 201, response.text
        location = response.headers["location"]
        assert location.startswith(sandbox.account_url + "/contacts/")
        created = parse(response)
        assert text(created, "a:content/c:Contact/c:EmailAddress") == "new.person@example.com"
        assert text(created, STATUS) == "Active"
        fetched = parse(client.get(location))
    refs = [r.get("id").rsplit("/", 1)[1] for r in fetched.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)]
    assert refs == ["1", "2"]


def test_post_of_existing_email_in_any_status_is_409(sandbox) -> None:
    with client_for(sandbox) as client:
        for contact_id in (1, 140, 270, demo.SEED_DNM_CONTACT_ID):
            email = text(parse(client.get(f"/contacts/{contact_id}")), "a:content/c:Contact/c:EmailAddress")
            response = client.post("/contacts", content=contact_xml(email), headers=ATOM_HEADERS)
            assert response.status_code == 409, (contact_id, response.text)
            assert response.text.startswith("Error 409: ")


def test_put_replaces_list_membership(sandbox) -> None:
    with client_for(sandbox) as client:
        put = client.put("/contacts/1", content=contact_xml(demo.SEED_ACTIVE_CONTACT_EMAIL, [3], contact_id=1),
                         headers=ATOM_HEADERS)
        assert put.status_code == 204, put.text
        contact = parse(client.get("/contacts/1"))
    refs = [r.get("id").rsplit("/", 1)[1] for r in contact.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)]
    assert refs == ["3"]
    assert text(contact, STATUS) == "Active"


def test_put_without_lists_removes_and_put_with_lists_restores(sandbox) -> None:
    with client_for(sandbox) as client:
        gone = client.put("/contacts/1", content=contact_xml(demo.SEED_ACTIVE_CONTACT_EMAIL, [], contact_id=1),
                          headers=ATOM_HEADERS)
        status_after_removal = text(parse(client.get("/contacts/1")), STATUS)
        back = client.put("/contacts/1", content=contact_xml(demo.SEED_ACTIVE_CONTACT_EMAIL, [1], contact_id=1),
                          headers=ATOM_HEADERS)
        status_after_return = text(parse(client.get("/contacts/1")), STATUS)
    assert gone.status_code == 204 and status_after_removal == "Removed"
    assert back.status_code == 204 and status_after_return == "Active"


def test_delete_opts_out_to_do_not_mail(sandbox) -> None:
    with client_for(sandbox) as client:
        assert client.delete("/contacts/2").status_code == 204
        contact = parse(client.get("/contacts/2"))
    assert text(contact, STATUS) == "Do Not Mail"
    assert contact.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS) == []


def test_do_not_mail_reactivation_needs_action_by_contact(sandbox) -> None:
    dnm = demo.SEED_DNM_CONTACT_ID
    with client_for(sandbox) as client:
        email = text(parse(client.get(f"/contacts/{dnm}")), "a:content/c:Contact/c:EmailAddress")
        owner = client.put(f"/contacts/{dnm}", content=contact_xml(email, [1], contact_id=dnm), headers=ATOM_HEADERS)
        contact = client.put(f"/contacts/{dnm}", content=contact_xml(email, [1], "ACTION_BY_CONTACT", contact_id=dnm),
                             headers=ATOM_HEADERS)
        status = text(parse(client.get(f"/contacts/{dnm}")), STATUS)
    assert owner.status_code == 400
    assert owner.text == (f"Error 400: Update failed: Existing person {dnm}:1 has an invalid state: Status "
                          "transition from O to S is not allowed when action by owner and confirm opt in is off")
    assert contact.status_code == 204 and status == "Active"


def test_new_contact_management_refuses_contact_removal(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.put("/contacts/1", content=contact_xml(demo.SEED_ACTIVE_CONTACT_EMAIL, [], "ACTION_BY_CONTACT",
                                                                 contact_id=1), headers=ATOM_HEADERS)
    assert response.status_code == 400
    assert "ACTION_BY_CUSTOMER" in response.text


def test_put_id_must_match_and_email_must_stay_unique(sandbox) -> None:
    with client_for(sandbox) as client:
        wrong_id = client.put("/contacts/1", content=contact_xml(demo.SEED_ACTIVE_CONTACT_EMAIL, contact_id=7),
                              headers=ATOM_HEADERS)
        no_id = client.put("/contacts/1", content=contact_xml(demo.SEED_ACTIVE_CONTACT_EMAIL), headers=ATOM_HEADERS)
        clash = client.put("/contacts/1", content=contact_xml(demo.SEED_PLUS_CONTACT_EMAIL, contact_id=1),
                           headers=ATOM_HEADERS)
    assert wrong_id.status_code == 400
    assert no_id.status_code == 204, no_id.text  # the official libraries PUT without Contact@id
    assert clash.status_code == 409


def test_unknown_ids_are_404(sandbox) -> None:
    with client_for(sandbox) as client:
        for path in ("/contacts/999999", "/contacts/99999999999999999999999999", "/contacts/abc", "/nothing",
                     "/contacts/1/events/nope", "/lists/999", "/campaigns/999", "/activities/nope",
                     "/settings/emailaddresses/99"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert response.text.startswith("Error 404: "), path
        assert client.delete("/contacts/999999").status_code == 404
        assert client.put("/contacts/999999", content=contact_xml("x@example.com", contact_id=999999),
                          headers=ATOM_HEADERS).status_code == 404


def test_get_then_put_round_trips(sandbox) -> None:
    with client_for(sandbox) as client:
        body = client.get("/contacts/1").content
        edited = body.replace(b"<FirstName>Ada</FirstName>", b"<FirstName>Adeline</FirstName>")
        response = client.put("/contacts/1", content=edited, headers=ATOM_HEADERS)
        after = parse(client.get("/contacts/1"))
    assert edited != body
    assert response.status_code == 204, response.text
    assert text(after, "a:content/c:Contact/c:FirstName") == "Adeline"
    before = etree.fromstring(body)
    assert len(after.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)) == len(
        before.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)) > 0
