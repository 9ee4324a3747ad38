"""Validation with the real error texts: the Atom envelope (E1), addresses (E3), element names,
content types and methods (415)."""

from __future__ import annotations

import pytest

from tests.sandbox.sandbox_helpers import ATOM, ATOM_HEADERS, CTCT, client_for, contact_xml, entry

E1 = ("Error 400: The request contains errors in the common Atom sections, which lie outside <entry> or "
      "<Content>, such as <feed>, <id>, <author> or <updated>.")
CONTACT = f'<Contact xmlns="{CTCT}"><EmailAddress>v@example.com</EmailAddress><OptInSource>ACTION_BY_CUSTOMER</OptInSource></Contact>'


@pytest.mark.parametrize("body", [
    entry(CONTACT).replace(f' xmlns="{ATOM}"', "", 1),  # entry outside the Atom namespace
    entry(CONTACT, entry_id="2"),  # id not a URI
    entry(CONTACT, updated="yesterday"),  # bad updated
    entry(CONTACT, updated="2010-09-28T05:22:42 01:00"),  # '+' decoded to a space
    entry(CONTACT).replace("<title type=\"text\"> </title>", ""),  # no title
    entry(CONTACT).replace("</content>", f"</content><EmailAddress xmlns=\"{CTCT}\">x@y.com</EmailAddress>"),
    entry(CONTACT).replace("<author></author>", "<author></author><bogus/>"),
    f'<feed xmlns="{ATOM}"><entry/></feed>',
])
def test_envelope_problems_give_the_common_atom_sections_error(sandbox, body: str) -> None:
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 400
    assert response.text.startswith(E1), response.text
    assert response.headers["content-type"].startswith("text/plain")


def test_atom_words_left_under_the_entry_and_a_missing_author_are_ignored(sandbox) -> None:
    """Casebook T4: a PUT with a bare <name> under <entry> (its <author> lost) and the feed's
    <title> and <link> pasted in got an answer about the contact, not the Atom-sections error."""
    body = entry(CONTACT).replace("<author></author>", "<name>Constant Contact</name>") \
        .replace("</entry>", '<title>Contacts for customer</title><link href="contacts"/></entry>')
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("address", ["not-an-address", "a@b", "two@@example.com", "x" * 70 + "@example.com",
                                     "joe roses@example.com"])
def test_invalid_or_long_email_gives_e3(sandbox, address: str) -> None:
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=contact_xml(address), headers=ATOM_HEADERS)
    assert response.status_code == 400
    assert response.text == f"Error 400: The provided email address {address} was not valid"


def test_eighty_characters_is_still_valid(sandbox) -> None:
    address = "x" * 68 + "@example.com"
    assert len(address) == 80
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=contact_xml(address), headers=ATOM_HEADERS)
    assert response.status_code == 201


def test_wrong_case_element_names_the_right_one(sandbox) -> None:
    body = contact_xml("case@example.com").replace("EmailAddress>", "emailaddress>")
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 400
    assert "<emailaddress>" in response.text and "<EmailAddress>" in response.text


def test_unknown_element_and_missing_namespace_are_400(sandbox) -> None:
    unknown = contact_xml("u@example.com", extra="<FavouriteFlower>rose</FavouriteFlower>")
    un_namespaced = contact_xml("n@example.com", extra='<FirstName xmlns="">Ann</FirstName>')
    no_ns_contact = contact_xml("m@example.com").replace(f' xmlns="{CTCT}"', "")
    with client_for(sandbox) as client:
        for body, needle in ((unknown, "FavouriteFlower"), (un_namespaced, "namespace"), (no_ns_contact, CTCT)):
            response = client.post("/contacts", content=body, headers=ATOM_HEADERS)
            assert response.status_code == 400, body
            assert needle in response.text


def test_missing_opt_in_source_and_bad_fields_name_the_field(sandbox) -> None:
    no_source = contact_xml("s@example.com").replace("<OptInSource>ACTION_BY_CUSTOMER</OptInSource>", "")
    bad_source = contact_xml("b@example.com", source="ACTION_BY_OWNER")
    with client_for(sandbox) as client:
        for body, field in ((no_source, "OptInSource"), (bad_source, "OptInSource")):
            response = client.post("/contacts", content=body, headers=ATOM_HEADERS)
            assert response.status_code == 400
            assert field in response.text


def test_malformed_xml_and_entities_are_400(sandbox) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><entry xmlns="http://www.w3.org/2005/Atom">'
            "&a;</entry>")
    with client_for(sandbox) as client:
        for body in ("<entry", "", "plain text", bomb, "\ufeff  <entry/>"):
            response = client.post("/contacts", content=body.encode("utf-8"), headers=ATOM_HEADERS)
            assert response.status_code == 400, body
            assert response.text.startswith("Error 400: ")


def test_unknown_list_in_contact_is_400(sandbox) -> None:
    with client_for(sandbox) as client:
        missing = client.post("/contacts", content=contact_xml("nolist@example.com", [999]), headers=ATOM_HEADERS)
    assert missing.status_code == 400 and "999" in missing.text


@pytest.mark.parametrize("content_type", ["application/xml", "text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(sandbox, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=contact_xml("ct@example.com").encode(), headers=headers)
    assert response.status_code == 415
    assert response.text.startswith("Error 415: ")


def test_atom_content_type_with_charset_is_fine(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=contact_xml("cs@example.com"),
                               headers={"Content-Type": "application/atom+xml; charset=utf-8"})
    assert response.status_code == 201


@pytest.mark.parametrize("method,path", [("PUT", "/contacts"), ("DELETE", "/contacts"), ("POST", "/contacts/1"),
                                         ("PATCH", "/contacts/1"), ("DELETE", "/settings/emailaddresses/1"),
                                         ("POST", "/activities/abc"), ("PUT", "/campaigns"), ("OPTIONS", "/lists")])
def test_unsupported_method_is_415(sandbox, method: str, path: str) -> None:
    with client_for(sandbox) as client:
        response = client.request(method, path, content=b"", headers=ATOM_HEADERS)
    assert response.status_code == 415
    assert method in response.text


def test_lists_reject_form_fields_with_atom_type(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.post("/lists", content="OptInDefault=false&Name=x", headers=ATOM_HEADERS)
    assert response.status_code == 400
