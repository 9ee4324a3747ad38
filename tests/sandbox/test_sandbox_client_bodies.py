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

ACCOUNT = f"http://api.constantcontact.com/ws/customers/{demo.DEMO_USERNAME}"
_FIELDS = ("FirstName", "LastName", "MiddleName", "CompanyName", "JobTitle", "OptInSource", "HomePhone",
           "WorkPhone", "Addr1", "Addr2", "Addr3", "City", "StateCode", "StateName", "CountryCode", "PostalCode",
           "SubPostalCode", "Note", "EmailType", *(f"CustomField{n}" for n in range(1, 16)))


def php_contact_xml(atom_id: str, email: str, lists: tuple[int, ...], values: dict[str, str] | None = None,
                    *, stray_text: str = "", status: str | None = None) -> str:
    """``Contact::createXml`` of ctct_php_library: the order, the empty elements, the +01:00 stamp."""
    given = {"OptInSource": "ACTION_BY_CUSTOMER", **(values or {})}
    fields = "".join(f"<{name}>{given[name]}</{name}>" if given.get(name) else f"<{name}/>" for name in _FIELDS)
    status_xml = "" if status is None else f"<Status>{status}</Status>"
    refs = "".join(f'<ContactList id="{ACCOUNT}/lists/{n}"/>' for n in lists)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            "<entry xmlns='http://www.w3.org/2005/Atom'><title/><updated>2012-03-30T10:15:00+01:00</updated>"
            f"<author><name>CTCT Samples</name></author><id>{atom_id}</id><summary type=\"text\"/>"
            '<content type="application/vnd.ctct+xml"><Contact xmlns="http://ws.constantcontact.com/ns/1.0/">'
            f"{stray_text}{status_xml}<EmailAddress>{email}</EmailAddress>{fields}<ContactLists>{refs}</ContactLists>"
            "</Contact></content></entry>\n")


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
