"""List URIs the sandbox and the linter accept are one set (core/list_uris.py).

A body written with the environment's ``{{base_url}}`` names the sandbox's own loopback address in
its list URIs (``http://127.0.0.1:PORT/ws/customers/joesflowers/lists/1``), as it names
``https://api.constantcontact.com/…`` in production. The linter always took such a URI for a list;
the sandbox refused it with a 400, so a request that lint passed and that works in production failed
locally (seen reproducing the casebook's T2 with its fixed copy).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.lint.vocab import LIST_URI as LINT_LIST_URI
from tests.sandbox.sandbox_helpers import ATOM_HEADERS, LIST_URI, NS, client_for, entries, parse

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _contact(email: str, list_uri: str) -> str:
    return (f'<entry xmlns="http://www.w3.org/2005/Atom"><title type="text"> </title><updated>2026-01-01T00:00:00Z</updated>'
            f'<author></author><id>data:,none</id><summary type="text">Contact</summary>'
            f'<content type="application/vnd.ctct+xml"><Contact xmlns="http://ws.constantcontact.com/ns/1.0/">'
            f'<EmailAddress>{email}</EmailAddress><OptInSource>ACTION_BY_CUSTOMER</OptInSource>'
            f'<ContactLists><ContactList id="{list_uri}"/></ContactLists></Contact></content></entry>')


def _lists_of(client, email: str) -> set[str]:  # type: ignore[no-untyped-def]
    found = entries(client.get("/contacts", params={"email": email}))
    assert found, email
    href = found[0].find("a:link[@rel='edit']", NS).get("href").split(f"/{demo.DEMO_USERNAME}")[1]
    detail = parse(client.get(href))
    return {r.get("id") for r in detail.findall("a:content/c:Contact/c:ContactLists/c:ContactList", NS)}


def test_a_contact_may_name_its_list_by_the_sandboxs_own_address(sandbox) -> None:  # type: ignore[no-untyped-def]
    own = f"{sandbox.account_url}/lists/2"  # what "{{base_url}}/lists/2" becomes in the sandbox environment
    with client_for(sandbox) as client:
        created = client.post("/contacts", content=_contact("own.address@example.com", own), headers=ATOM_HEADERS)
        assert created.status_code == 201, created.text
        assert _lists_of(client, "own.address@example.com") == {LIST_URI.format(2)}  # stored as the server's id


def test_a_bulk_activity_may_name_its_lists_by_the_sandboxs_own_address(sandbox) -> None:  # type: ignore[no-untyped-def]
    own = f"{sandbox.account_url}/lists/4"
    data = quote("Email Address\nown.bulk@example.com")
    body = f"activityType=SV_ADD&data={data}&lists={quote(own, safe='')}"
    with client_for(sandbox) as client:
        created = client.post("/activities", content=body, headers=FORM)
        assert created.status_code == 201, created.text


@pytest.mark.parametrize("uri, accepted", [
    (LIST_URI.format(1), True),
    ("https://api.constantcontact.com/ws/customers/joesflowers/lists/1", True),  # production's {{base_url}}
    ("http://127.0.0.1:8089/ws/customers/joesflowers/lists/1", True),
    ("http://localhost/ws/customers/joesflowers/lists/1", True),
    ("http://[::1]:9/ws/customers/joesflowers/lists/1", True),
    ("http://example.com/ws/customers/joesflowers/lists/1", False),
    ("http://api.constantcontact.com.evil.example/ws/customers/joesflowers/lists/1", False),
    ("http://127.0.0.1:8089/ws/customers/joesflowers/lists/1/members", False),
    ("/ws/customers/joesflowers/lists/1", False),
])
def test_the_sandbox_accepts_exactly_the_list_uris_lint_accepts(sandbox, uri: str, accepted: bool) -> None:  # type: ignore[no-untyped-def]
    email = f"agree.{abs(hash(uri)) % 10**8}@example.com"
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=_contact(email, uri), headers=ATOM_HEADERS)
    assert bool(LINT_LIST_URI.match(uri)) is accepted
    assert (response.status_code == 201) is accepted, response.text
    if not accepted:
        assert response.status_code == 400 and "is not a list URI of this account" in response.text


def test_another_accounts_list_on_the_sandboxs_address_is_still_refused(sandbox) -> None:  # type: ignore[no-untyped-def]
    other = sandbox.account_url.replace(f"/{demo.DEMO_USERNAME}", "/someoneelse") + "/lists/1"
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=_contact("other.account@example.com", other), headers=ATOM_HEADERS)
    assert response.status_code == 400 and "is not a list URI of this account" in response.text
