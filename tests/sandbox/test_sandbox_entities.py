"""A body that declares entities is a 400 wherever the DOCTYPE stands and however the body is
encoded; entity references are never silently dropped from a stored field."""

from __future__ import annotations

import pytest

from tests.sandbox.sandbox_helpers import ATOM_HEADERS, client_for, contact_xml, entries, parse, text

NAME = "a:content/c:Contact/c:FirstName"
_DOCTYPE = '<!DOCTYPE entry [<!ENTITY who "Mallory">]>'
_COMMENT = "<!--" + "x" * 70_000 + "-->"


def _contact(email: str, first_name: str = "A&who;B") -> str:
    return contact_xml(email, extra=f"<FirstName>{first_name}</FirstName>")


@pytest.mark.parametrize(("prolog", "encoding"), [
    (_COMMENT + _DOCTYPE, "utf-8"), (_DOCTYPE, "utf-16"), (_COMMENT + _DOCTYPE, "utf-16"),
    ('<?xml version="1.0" encoding="UTF-16BE"?>' + _DOCTYPE, "utf-16-be"),
    ('<?xml version="1.0" encoding="UTF-32LE"?>' + _COMMENT + _DOCTYPE, "utf-32-le")])
def test_entity_declarations_are_refused_wherever_they_stand(sandbox, prolog: str, encoding: str) -> None:
    email = f"ent-{encoding}-{len(prolog)}@example.com"
    body = (prolog + _contact(email)).encode(encoding)
    with client_for(sandbox) as client:
        answer = client.post("/contacts", content=body, headers=ATOM_HEADERS)
        assert answer.status_code == 400, answer.text
        assert "entities" in answer.text
        assert entries(client.get("/contacts", params={"email": email})) == []


def test_undeclared_references_through_an_external_dtd_are_refused(sandbox) -> None:
    body = '<!DOCTYPE entry SYSTEM "http://example.com/entry.dtd">' + _contact("extdtd@example.com")
    with client_for(sandbox) as client:
        answer = client.post("/contacts", content=body, headers=ATOM_HEADERS)
        assert answer.status_code == 400 and "entity references" in answer.text, answer.text
        assert entries(client.get("/contacts", params={"email": "extdtd@example.com"})) == []


def test_a_plain_doctype_and_numeric_references_still_work(sandbox) -> None:
    body = "<!DOCTYPE entry>" + _contact("plain-doctype@example.com", "A&#233;&amp;B")
    with client_for(sandbox) as client:
        created = client.post("/contacts", content=body.encode("utf-16"), headers=ATOM_HEADERS)
        assert created.status_code == 201, created.text
        assert text(parse(created), NAME) == "A\u00e9&B"
