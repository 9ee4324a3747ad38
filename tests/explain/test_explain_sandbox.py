"""Every v1 error provoked for real over HTTP against the local sandbox, explained by the right
article; and the 409 fix ("Find and update this contact") carried through to a 204."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Exchange, Header, RequestModel
from ctct_desktop.explain import explain
from ctct_desktop.explain.actions import continue_find_and_update, run_action
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.server import SandboxServer
from ctct_desktop.transport.sender import send
from tests.explain.builders import ATOM, campaign_body, contact_body

AUTH = Auth(AuthKind.CTCT_BASIC, username=demo.DEMO_USERNAME, password=demo.DEMO_PASSWORD, api_key=demo.DEMO_API_KEY)
LIST_1 = f"{demo.account_id_uri()}/lists/1"
DNM = demo.SEED_DNM_CONTACT_ID
SCHEDULE = ('<entry xmlns="http://www.w3.org/2005/Atom"><id>data:,</id><title/><updated>2030-01-01T00:00:00Z'
            '</updated><author/><content type="application/vnd.ctct+xml"><Schedule xmlns="http://ws.constantcontact'
            '.com/ns/1.0/"><ScheduledTime>2030-11-13T20:03:35.000Z</ScheduledTime></Schedule></content></entry>')

LIST_ENTRY = ('<entry xmlns="http://www.w3.org/2005/Atom"><id>data:,</id><title/><author/><updated>2008-04-16'
              '</updated><content type="application/vnd.ctct+xml"><ContactList xmlns="http://ws.constantcontact.com/'
              'ns/1.0/"><OptInDefault>false</OptInDefault><Name>General Interest</Name><SortOrder>99</SortOrder>'
              '</ContactList></content></entry>')


def _server(root: Path, name: str, quirks: dict[str, str]) -> Iterator[SandboxServer]:
    server = SandboxServer(data_dir=root / name, port=0, reset=True, quirks=quirks)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def default_box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    yield from _server(tmp_path_factory.mktemp("sandboxes"), "default", {})


@pytest.fixture(scope="module")
def quirky_box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    quirks = {"dnm_post_status": "403", "search_miss": "500", "user_mismatch_status": "403"}
    yield from _server(tmp_path_factory.mktemp("sandboxes"), "quirky", quirks)


def call(method: str, url: str, body: str = "", *, content_type: str = ATOM, auth: Auth = AUTH) -> Exchange:
    headers = (Header("Content-Type", content_type),) if body else ()
    kind = BodyKind.XML if body.startswith("<") else BodyKind.FORM if body else BodyKind.NONE
    return send(RequestModel(method, url, headers=headers, body=body, body_kind=kind, auth=auth, timeout_s=10))


def _contact_uri(n: int) -> str:
    return f"{demo.account_id_uri()}/contacts/{n}"


def _email_of(box: SandboxServer, contact: int) -> str:
    body = call("GET", f"{box.account_url}/contacts/{contact}").response.body  # type: ignore[union-attr]
    return re.search(rb"<EmailAddress>(.*?)</EmailAddress>", body).group(1).decode()  # type: ignore[union-attr]


def _put(box: SandboxServer, contact: int, **kw: object) -> Exchange:
    uri = _contact_uri(contact)
    body = contact_body(entry_id=uri, contact_id=uri, **kw)  # type: ignore[arg-type]
    return call("PUT", f"{box.account_url}/contacts/{contact}", body)


def _oauth(box: SandboxServer, redirect: str, decision: str) -> Exchange:
    url = (f"{box.base_url}/oauth2/oauth/siteowner/authorize?response_type=code&client_id={demo.OAUTH_CLIENT_ID}"
           f"&redirect_uri={quote(redirect, safe='')}&sandbox_user={demo.DEMO_USERNAME}"
           f"&sandbox_password={demo.DEMO_PASSWORD}&sandbox_decision={decision}")
    return call("GET", url, auth=Auth())


DEFAULT_CASES: dict[str, tuple[int, Callable[[SandboxServer], Exchange]]] = {
    "v1-409-contact-exists": (409, lambda b: call("POST", b.account_url + "/contacts", contact_body(
        demo.SEED_PLUS_CONTACT_EMAIL, lists=(LIST_1,))),),
    "v1-400-atom-sections": (400, lambda b: call("POST", b.account_url + "/contacts", contact_body(
        "new.one@example.com", lists=(LIST_1,), entry_open="<entry>"))),
    "v1-400-status-transition": (400, lambda b: _put(b, DNM, email=_email_of(b, DNM), lists=(LIST_1,))),
    "v1-400-invalid-email": (400, lambda b: call("POST", b.account_url + "/contacts", contact_body(
        "jane@@example", lists=(LIST_1,)))),
    "v1-400-remove-action-by-contact": (400, lambda b: _put(b, 1, email=demo.SEED_ACTIVE_CONTACT_EMAIL, lists=(),
                                                            source="ACTION_BY_CONTACT")),
    "v1-400-greeting-name": (400, lambda b: call("POST", b.account_url + "/campaigns",
                                                 campaign_body(greeting="cmp_grt_name"))),
    "v1-400-email-content": (400, lambda b: call("POST", b.account_url + "/campaigns", campaign_body(
        content="<html><body><p>Hi</p></body></html>"))),
    "v1-400-contact-xml": (400, lambda b: call("POST", b.account_url + "/contacts", contact_body(
        "new.two@example.com", lists=(LIST_1,)).replace("FirstName>", "firstname>"))),
    "v1-400-api-key-in-path": (400, lambda b: call(
        "GET", f"{b.base_url}/ws/customers/{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}/lists")),
    "v1-400-form-on-lists": (400, lambda b: call("POST", b.account_url + "/lists",
                                                 "OptInDefault=false&Name=Newsletter&SortOrder=99")),
    "v1-400-datetime-plus-space": (400, lambda b: call("POST", b.account_url + "/campaigns", campaign_body(
        date="2010-09-28T05:22:42 01:00"))),
    "v1-401-unauthorized": (401, lambda b: call("GET", b.account_url + "/contacts", auth=Auth(
        AuthKind.CTCT_BASIC, username=demo.DEMO_USERNAME, password="wrong", api_key=demo.DEMO_API_KEY))),
    "v1-401-path-user-mismatch": (401, lambda b: call("GET", b.base_url + "/ws/customers/marysbakery/contacts")),
    "v1-403-schedule-not-approved": (403, lambda b: call(
        "POST", f"{b.account_url}/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}/schedules", SCHEDULE)),
    "v1-404-not-found": (404, lambda b: call("GET", b.account_url + "/contacts/999999")),
    "v1-404-unknown-collection": (404, lambda b: call("GET", b.account_url + "/contact")),
    "v1-415-content-type": (415, lambda b: call("POST", b.account_url + "/contacts", contact_body(
        "new.three@example.com", lists=(LIST_1,)), content_type="application/xml")),
    "v1-415-method": (415, lambda b: call("PUT", b.account_url + "/contacts", contact_body(lists=(LIST_1,)))),
    "v1-400-activities-form": (400, lambda b: call(
        "POST", b.account_url + "/activities", "activityType=SV_ADD&data=Email+Address%0Aa%40example.com&lists[]=x",
        content_type="application/x-www-form-urlencoded")),
    "v1-409-list-exists": (409, lambda b: call("POST", b.account_url + "/lists", LIST_ENTRY)),
    "v1-400-malformed-xml": (400, lambda b: call("POST", b.account_url + "/contacts", contact_body(
        "new.four@example.com", lists=(LIST_1,)).replace("<FirstName>Jane", "<FirstName>Tom & Jerry"))),
    "v1-401-user-string": (401, lambda b: call("GET", b.account_url + "/contacts", auth=Auth(
        AuthKind.BASIC, username=demo.DEMO_USERNAME, password=demo.DEMO_PASSWORD))),
    "oauth-invalid-grant": (400, lambda b: call(
        "POST", f"{b.base_url}/oauth2/oauth/token?grant_type=authorization_code&client_id={demo.OAUTH_CLIENT_ID}"
                f"&client_secret={demo.OAUTH_CLIENT_SECRET}&code=stale&redirect_uri="
                f"{quote(demo.OAUTH_REDIRECT_URI, safe='')}", auth=Auth())),
    "oauth-redirect-uri-mismatch": (400, lambda b: _oauth(b, "http://example.com/elsewhere", "allow")),
    "oauth-access-denied": (302, lambda b: _oauth(b, demo.OAUTH_REDIRECT_URI, "deny")),
}
QUIRKY_CASES: dict[str, tuple[int, Callable[[SandboxServer], Exchange]]] = {
    "v1-403-do-not-mail": (403, lambda b: call("POST", b.account_url + "/contacts", contact_body(
        _email_of(b, DNM), lists=(LIST_1,)))),
    "v1-500-search-miss": (500, lambda b: call("GET", b.account_url + "/contacts?email=nobody+here@example.com")),
    "v1-403-forbidden-page": (403, lambda b: call("GET", b.account_url)),
}


def _check(box: SandboxServer, article_id: str, status: int, provoke: Callable[[SandboxServer], Exchange]) -> None:
    exchange = provoke(box)
    assert exchange.response is not None, exchange.failure
    assert exchange.response.status == status, exchange.response.body[:300]
    ranked = explain(exchange)
    assert ranked and ranked[0].article_id == article_id, [(e.article_id, e.score) for e in ranked[:3]]


@pytest.mark.parametrize("article_id", sorted(DEFAULT_CASES))
def test_default_sandbox_errors_are_explained(default_box: SandboxServer, article_id: str) -> None:
    _check(default_box, article_id, *DEFAULT_CASES[article_id])


@pytest.mark.parametrize("article_id", sorted(QUIRKY_CASES))
def test_quirk_errors_are_explained(quirky_box: SandboxServer, article_id: str) -> None:
    _check(quirky_box, article_id, *QUIRKY_CASES[article_id])


def test_user_mismatch_as_403_names_both_usernames(quirky_box: SandboxServer) -> None:
    ranked = explain(call("GET", quirky_box.base_url + "/ws/customers/marysbakery/contacts"))
    ids = [e.article_id for e in ranked]
    assert ids[0] == "v1-403-forbidden-page" and "v1-401-path-user-mismatch" in ids
    assert "marysbakery" in ranked[0].cause and demo.DEMO_USERNAME in ranked[0].cause


def test_refused_connection_after_the_sandbox_stops(tmp_path: Path) -> None:
    server = SandboxServer(data_dir=tmp_path / "gone", port=0, reset=True)
    server.start()
    url = server.account_url + "/contacts"
    server.stop()
    ranked = explain(call("GET", url))
    assert ranked[0].article_id == "transport-refused"
    assert "sandbox" in ranked[0].cause


def test_409_fix_runs_through_to_a_put_that_keeps_every_list(default_box: SandboxServer) -> None:
    """The golden path: 409 → search → GET the contact → PUT with lists merged → 204."""
    account = default_box.account_url
    email = demo.SEED_PLUS_CONTACT_EMAIL
    before = call("GET", f"{account}/contacts/{demo.SEED_PLUS_CONTACT_ID}").response.body  # type: ignore[union-attr]
    old_lists = re.findall(rb'<ContactList id="([^"]+)"', before)
    new_list = f"{demo.account_id_uri()}/lists/2"
    assert old_lists and new_list.encode() not in old_lists, "the merge must have something to keep and add"
    conflict = call("POST", account + "/contacts", contact_body(email.upper(), lists=(new_list,)))
    card = explain(conflict)[0]
    assert card.article_id == "v1-409-contact-exists"
    assert [a.name for a in card.actions] == ["find-and-update-contact"]
    step = run_action("find-and-update-contact", conflict)
    assert "%2B" in step.request.url and step.follow_up == "update-from-search"
    request = conflict.request
    found = send(step.request)
    for _ in range(2):  # a search summary leads to the GET of the full contact, then to the PUT
        result = continue_find_and_update(request, found.response.body)  # type: ignore[union-attr]
        assert result.applied, result.note
        found = send(result.request)
        if result.request.method == "PUT":
            break
    assert result.request.method == "PUT"
    assert found.response is not None and found.response.status == 204, found.response.body
    after = call("GET", f"{account}/contacts/{demo.SEED_PLUS_CONTACT_ID}").response.body  # type: ignore[union-attr]
    after_lists = {u.decode() for u in re.findall(rb'<ContactList id="([^"]+)"', after)}
    assert after_lists == {u.decode() for u in old_lists} | {new_list}
