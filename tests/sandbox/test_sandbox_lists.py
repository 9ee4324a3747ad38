"""Lists over HTTP: system lists, CRUD, duplicate names, read-only system lists, members feeds."""

from __future__ import annotations

from tests.sandbox.sandbox_helpers import ATOM_HEADERS, NS, all_pages, client_for, entries, list_xml, parse, text

NAME = "a:content/c:ContactList/c:Name"


def test_collection_starts_with_the_system_lists(sandbox) -> None:
    with client_for(sandbox) as client:
        found = entries(client.get("/lists"))
    ids = [text(e, "a:id") for e in found]
    assert ids[:3] == [f"http://api.constantcontact.com/ws/customers/joesflowers/lists/{k}"
                       for k in ("active", "do-not-mail", "removed")]
    assert [text(e, NAME) for e in found[3:]] == ["General Interest", "Weekly Specials", "Wedding Planners",
                                                  "Event Invitations"]


def test_create_read_update_delete(sandbox) -> None:
    with client_for(sandbox) as client:
        created = client.post("/lists", content=list_xml("Spring Customers"), headers=ATOM_HEADERS)
        assert created.status_code == 201, created.text
        location = created.headers["location"]
        list_id = int(location.rsplit("/", 1)[1])
        assert text(parse(created), NAME) == "Spring Customers"
        renamed = client.put(f"/lists/{list_id}", content=list_xml("Summer Customers", list_id), headers=ATOM_HEADERS)
        assert renamed.status_code == 204, renamed.text
        assert text(parse(client.get(f"/lists/{list_id}")), NAME) == "Summer Customers"
        assert client.delete(f"/lists/{list_id}").status_code == 204
        assert client.get(f"/lists/{list_id}").status_code == 404


def test_duplicate_name_is_409(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.post("/lists", content=list_xml("general interest"), headers=ATOM_HEADERS)
        rename = client.put("/lists/2", content=list_xml("General Interest", 2), headers=ATOM_HEADERS)
    assert response.status_code == 409
    assert response.text == "Error 409: List with name 'general interest' already exists."
    assert rename.status_code == 409


def test_system_lists_are_read_only(sandbox) -> None:
    with client_for(sandbox) as client:
        assert client.get("/lists/active").status_code == 200
        put = client.put("/lists/active", content=list_xml("Active"), headers=ATOM_HEADERS)
        delete = client.delete("/lists/do-not-mail")
    assert put.status_code == 415 and "read-only" in put.text
    assert delete.status_code == 415


def test_list_validation_names_the_field(sandbox) -> None:
    with client_for(sandbox) as client:
        no_name = client.post("/lists", content=list_xml("x").replace("<Name>x</Name>", ""), headers=ATOM_HEADERS)
        empty_name = client.post("/lists", content=list_xml("x").replace("<Name>x</Name>", "<Name> </Name>"),
                                 headers=ATOM_HEADERS)
    assert no_name.status_code == 400 and "Name" in no_name.text
    assert empty_name.status_code == 400 and "Name" in empty_name.text


def test_members_feed_uses_contact_ids_and_member_edit_links(sandbox) -> None:
    with client_for(sandbox) as client:
        members = all_pages(client, "/lists/1/members")
        count = text(parse(client.get("/lists/1")), "a:content/c:ContactList/c:ContactCount")
        dnm = all_pages(client, "/lists/do-not-mail/members")
    assert len(members) == int(count) > 50
    first = members[0]
    assert first.find("a:content/c:ContactListMember", NS) is not None
    contact_id = text(first, "a:id").rsplit("/", 1)[1]
    assert text(first, "a:id") == f"http://api.constantcontact.com/ws/customers/joesflowers/contacts/{contact_id}"
    assert first.find("a:link[@rel='edit']", NS).get("href") == f"/ws/customers/joesflowers/lists/1/members/{contact_id}"
    assert len(dnm) >= 120


def test_deleting_a_list_drops_memberships(sandbox) -> None:
    with client_for(sandbox) as client:
        assert client.delete("/lists/3").status_code == 204
        contact = parse(client.get("/contacts/1"))
    refs = [r.get("id") for r in contact.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)]
    assert all(not r.endswith("/lists/3") for r in refs)


def test_get_then_put_round_trips(sandbox) -> None:
    with client_for(sandbox) as client:
        body = client.get("/lists/2").content
        response = client.put("/lists/2", content=body.replace(b"Weekly Specials", b"Weekly Deals"), headers=ATOM_HEADERS)
        renamed = parse(client.get("/lists/2"))
    assert response.status_code == 204, response.text
    assert text(renamed, NAME) == "Weekly Deals"
