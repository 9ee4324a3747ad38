"""Bodies shaped exactly as the official v1 client libraries wrote them, which the real API took.

The PHP library (S1 ``Contact::createXml``) PUTs to the contact's edit link with the contact URI
(or ``data:,``) in the Atom ``<id>``, no ``id`` attribute on ``<Contact>``, every field present
(empty ones as empty elements) and expects 204 (reference §4.2). T5 of the casebook is a sign-up
form's POST with every optional element empty and a stray text node inside ``<Contact>``: its
answer was a 409 for the existing address, not a 400.
"""

from __future__ import annotations

from ctct_desktop.core import sandbox_demo as demo
from tests.sandbox.sandbox_helpers import ATOM_HEADERS, NS, client_for, parse, text
from tests.support.client_libraries import ACCOUNT, php_campaign_xml, php_contact_xml


def test_php_library_update_without_contact_id_is_204(sandbox) -> None:
    contact_uri = f"{ACCOUNT}/contacts/{demo.SEED_ACTIVE_CONTACT_ID}"
    body = php_contact_xml(contact_uri, demo.SEED_ACTIVE_CONTACT_EMAIL, (1, 3), {"FirstName": "Ada", "City": "Leeds"})
    with client_for(sandbox) as client:
        response = client.put(f"/contacts/{demo.SEED_ACTIVE_CONTACT_ID}", content=body, headers=ATOM_HEADERS)
        after = parse(client.get(f"/contacts/{demo.SEED_ACTIVE_CONTACT_ID}"))
    assert response.status_code == 204, response.text
    assert text(after, "a:content/c:Contact/c:City") == "Leeds"
    lists = after.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)
    assert [item.get("id").rsplit("/", 1)[1] for item in lists] == ["1", "3"]


def test_php_library_update_with_a_data_uri_id_is_204(sandbox) -> None:
    body = php_contact_xml("data:,", demo.SEED_ACTIVE_CONTACT_EMAIL, (2,), status="")
    with client_for(sandbox) as client:
        response = client.put(f"/contacts/{demo.SEED_ACTIVE_CONTACT_ID}", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 204, response.text


def test_contact_id_when_present_must_still_name_the_contact(sandbox) -> None:
    body = php_contact_xml("data:,", demo.SEED_ACTIVE_CONTACT_EMAIL, (1,)).replace(
        '<Contact xmlns="http://ws.constantcontact.com/ns/1.0/">',
        f'<Contact xmlns="http://ws.constantcontact.com/ns/1.0/" id="{ACCOUNT}/contacts/7">')
    with client_for(sandbox) as client:
        response = client.put(f"/contacts/{demo.SEED_ACTIVE_CONTACT_ID}", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 400 and "does not match" in response.text


def test_php_library_create_is_201(sandbox) -> None:
    body = php_contact_xml("data:,", "php.library@example.com", (1,), {"FirstName": "Pia"})
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 201, response.text
    assert text(parse(response), "a:content/c:Contact/c:EmailType") == "HTML"


def test_sign_up_form_with_every_optional_element_empty_gets_the_409_not_a_400(sandbox) -> None:
    """T5: the address exists on the Removed list; empty elements and stray text are no fault."""
    removed = 261
    with client_for(sandbox) as client:
        email = text(parse(client.get(f"/contacts/{removed}")), "a:content/c:Contact/c:EmailAddress")
        body = php_contact_xml("data:,none", email, (1, 2), {"OptInSource": "ACTION_BY_CONTACT"},
                               stray_text="Customer document", status="")
        response = client.post("/contacts", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 409, response.text


def test_php_library_campaign_create_and_update_are_accepted(sandbox) -> None:
    """Status 'draft' in lower case, the fixed 2009 Date, the source block, empty optional texts."""
    with client_for(sandbox) as client:
        created = client.post("/campaigns", content=php_campaign_xml("data:,", "PHP campaign", {
            "Subject": "Hello", "EmailContent": "&lt;html&gt;&lt;body&gt;Hi&lt;/body&gt;&lt;/html&gt;",
            "EmailTextContent": "&lt;Text&gt;Hi&lt;/Text&gt;"}), headers=ATOM_HEADERS)
        assert created.status_code == 201, created.text
        campaign_uri = parse(created).find("a:id", NS).text
        campaign_id = campaign_uri.rsplit("/", 1)[1]
        updated = client.put(f"/campaigns/{campaign_id}", content=php_campaign_xml(campaign_uri, "PHP campaign 2", {
            "Subject": "Hello again", "EmailContent": "&lt;html&gt;&lt;body&gt;Hi&lt;/body&gt;&lt;/html&gt;",
            "EmailTextContent": "&lt;Text&gt;Hi&lt;/Text&gt;", "GreetingName": ""}), headers=ATOM_HEADERS)
        after = parse(client.get(f"/campaigns/{campaign_id}"))
    assert updated.status_code == 204, updated.text
    assert text(after, "a:content/c:Campaign/c:Name") == "PHP campaign 2"
    assert text(after, "a:content/c:Campaign/c:Status") == "Draft"
