"""Actions are pure: they build a new request, never send, and touch only what they fix."""

from __future__ import annotations

import difflib

import pytest
from lxml import etree

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.explain.actions import (
    ContactUpdateError,
    available_actions,
    contact_detail_request,
    continue_find_and_update,
    run_action,
    update_from_search,
)
from tests.explain.builders import ACCOUNT, ATOM, LIST_1, LIST_2, campaign_body, contact_body, exchange, v1
from tests.explain.cases import CASES

CTCT = "{http://ws.constantcontact.com/ns/1.0/}"
LIST_3 = "http://api.constantcontact.com/ws/customers/joesflowers/lists/3"
CONTACT_URI = "http://api.constantcontact.com/ws/customers/joesflowers/contacts/1234"
FOUND_CONTACT = f"""<?xml version='1.0' encoding='UTF-8'?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <link href="/ws/customers/joesflowers/contacts/1234" rel="edit" />
  <id>{CONTACT_URI}</id>
  <title type="text">Contact: jane+news@example.com</title>
  <updated>2008-04-25T19:29:06.096Z</updated>
  <author><name>Constant Contact</name></author>
  <content type="application/vnd.ctct+xml">
    <Contact xmlns="http://ws.constantcontact.com/ns/1.0/" id="{CONTACT_URI}">
      <Status>Removed</Status>
      <EmailAddress>jane+news@example.com</EmailAddress>
      <EmailType>HTML</EmailType>
      <Name>Jane Doe</Name>
      <FirstName>J.</FirstName>
      <LastName>Doe</LastName>
      <City>Boston</City>
      <InsertTime>2008-04-25T19:28:51.072Z</InsertTime>
      <LastUpdateTime>2008-04-25T19:29:06.096Z</LastUpdateTime>
      <ContactLists>
        <ContactList id="{LIST_2}">
          <link xmlns="http://www.w3.org/2005/Atom" href="/ws/customers/joesflowers/lists/2" rel="self" />
          <OptInSource>ACTION_BY_CUSTOMER</OptInSource>
          <OptInTime>2008-04-25T19:28:51.072Z</OptInTime>
        </ContactList>
        <ContactList id="{LIST_3}" />
      </ContactLists>
      <OptInSource>ACTION_BY_CUSTOMER</OptInSource>
    </Contact>
  </content>
</entry>
""".encode()
SEARCH_FEED = f"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>http://api.constantcontact.com/ws/customers/joesflowers/contacts</id>
  <title type="text">Contacts for Customer: joesflowers</title>
  <link href="contacts" /><link href="contacts" rel="self" />
  <updated>2008-04-25T19:29:06.096Z</updated>
  <entry>
    <link href="/ws/customers/joesflowers/contacts/1234" rel="edit" />
    <id>{CONTACT_URI}</id>
    <title type="text">Contact: jane+news@example.com</title>
    <updated>2008-04-25T19:29:06.096Z</updated>
    <content type="application/vnd.ctct+xml">
      <Contact xmlns="http://ws.constantcontact.com/ns/1.0/" id="{CONTACT_URI}">
        <Status>Removed</Status><EmailAddress>jane+news@example.com</EmailAddress>
        <EmailType>HTML</EmailType><Name>Jane Doe</Name>
        <OptInSource>ACTION_BY_CUSTOMER</OptInSource>
      </Contact>
    </content>
  </entry>
</feed>
""".encode()


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def _conflict() -> tuple[RequestModel, object]:
    ex = CASES["v1-409-contact-exists"]()
    return ex.request, ex


def test_find_and_update_builds_an_encoded_lower_case_search() -> None:
    original = contact_body("Jane+News@Example.com")
    ex = v1("POST", "/contacts", 409, "Error 409: Conflict", body=original)
    result = run_action("find-and-update-contact", ex)
    assert result.applied and result.follow_up == "update-from-search"
    assert result.request.method == "GET"
    assert result.request.url == ACCOUNT + "/contacts?email=jane%2Bnews%40example.com"
    assert result.request.body == "" and result.request.body_kind is BodyKind.NONE
    assert result.request.header("Content-Type") is None
    assert result.request.auth == ex.request.auth
    assert ex.request.body == original, "the action must not modify the exchange's request"


def test_update_from_search_merges_lists_and_applies_fields() -> None:
    original = RequestModel("POST", ACCOUNT + "/contacts", body=contact_body(
        "jane+news@example.com", lists=(LIST_1, LIST_2), extra="\n      <CompanyName>Acme</CompanyName>"),
        body_kind=BodyKind.XML, headers=(Header("Content-Type", ATOM),))
    put = update_from_search(original, FOUND_CONTACT)
    assert put.method == "PUT"
    assert put.url == "https://api.constantcontact.com/ws/customers/joesflowers/contacts/1234"
    root = etree.fromstring(put.body.encode())
    contact = root.find(f".//{CTCT}Contact")
    assert contact.get("id") == CONTACT_URI
    assert root.findtext("{http://www.w3.org/2005/Atom}id") == CONTACT_URI
    lists = [e.get("id") for e in contact.iter(f"{CTCT}ContactList")]
    assert lists == [LIST_2, LIST_3, LIST_1], "existing lists kept first, the new one added once"
    assert contact.findtext(f"{CTCT}FirstName") == "Jane", "the original body's fields are applied"
    assert contact.findtext(f"{CTCT}LastName") == "Doe", "fields the original lacks are kept from the found contact"
    assert contact.findtext(f"{CTCT}CompanyName") == "Acme"
    assert contact.findtext(f"{CTCT}City") == "Boston"
    for read_only in ("Status", "Name", "InsertTime", "LastUpdateTime"):
        assert contact.find(f"{CTCT}{read_only}") is None, f"{read_only} is read-only and must not be sent"
    assert contact.findtext(f"{CTCT}OptInSource") == "ACTION_BY_CUSTOMER"
    assert put.header("Content-Type") == ATOM


def test_update_from_search_refuses_a_summary_without_lists() -> None:
    original, _ = _conflict()
    with pytest.raises(ContactUpdateError, match="summary"):
        update_from_search(original, SEARCH_FEED)


def test_continue_after_search_fetches_the_full_contact_then_builds_the_put() -> None:
    original, _ = _conflict()
    step = continue_find_and_update(original, SEARCH_FEED)
    assert step.applied and step.follow_up == "update-from-search"
    assert step.request.method == "GET"
    assert step.request.url == "https://api.constantcontact.com/ws/customers/joesflowers/contacts/1234"
    last = continue_find_and_update(original, FOUND_CONTACT)
    assert last.applied and last.follow_up is None and last.request.method == "PUT"
    assert contact_detail_request(original, SEARCH_FEED).url == step.request.url


def test_continue_reports_an_empty_search_without_raising() -> None:
    original, _ = _conflict()
    empty = b"<feed xmlns='http://www.w3.org/2005/Atom'><id>x</id><title/><updated>2008-01-01</updated></feed>"
    result = continue_find_and_update(original, empty)
    assert not result.applied and "no contact" in result.note
    bad = continue_find_and_update(original, b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")
    assert not bad.applied and bad.request == original


def test_switch_optin_source_edits_only_the_contact_value() -> None:
    body = FOUND_CONTACT.decode()
    ex = v1("PUT", "/contacts/1234", 400, "Error 400: x", body=body)
    result = run_action("switch-optin-source", ex)
    assert result.applied
    changed = _changed_lines(body, result.request.body)
    assert changed == ["-       <OptInSource>ACTION_BY_CUSTOMER</OptInSource>",
                       "+       <OptInSource>ACTION_BY_CONTACT</OptInSource>"]
    back = run_action("switch-optin-source", v1("PUT", "/contacts/1234", 400, "", body=result.request.body))
    assert back.request.body == body, "switching twice restores the exact bytes"


def test_switch_optin_source_inserts_when_missing() -> None:
    body = contact_body(source=None)
    result = run_action("switch-optin-source", v1("POST", "/contacts", 400, "", body=body))
    assert _changed_lines(body, result.request.body) == ["+       <OptInSource>ACTION_BY_CONTACT</OptInSource>"]


def test_content_type_actions_replace_in_place() -> None:
    ex = v1("POST", "/contacts", 415, "", body=contact_body(), content_type="application/xml",
            headers=[("Accept", "application/atom+xml")])
    result = run_action("set-atom-content-type", ex)
    assert [(h.name, h.value) for h in result.request.headers] == [("Accept", "application/atom+xml"),
                                                                   ("Content-Type", ATOM)]
    assert result.request.body == ex.request.body
    assert "set-form-content-type" not in [a.name for a in _offered(ex)]
    form = run_action("set-form-content-type", CASES["v1-400-activities-form"]())
    assert form.request.header("content-type") == "application/x-www-form-urlencoded"


def _offered(ex: object) -> list[object]:
    from ctct_desktop.explain import explain

    return list(explain(ex)[0].actions)  # type: ignore[arg-type]


def test_encode_email_query_keeps_other_parameters() -> None:
    ex = exchange("GET", ACCOUNT + "/contacts?updatedsince=2008-07-23T14%3A21%3A06.407Z&email=Jane+News@Example.com",
                  500, "Error 500")
    url = run_action("encode-email-query", ex).request.url
    assert url == ACCOUNT + "/contacts?updatedsince=2008-07-23T14%3A21%3A06.407Z&email=jane%2Bnews%40example.com"


def test_move_api_key_to_auth() -> None:
    ex = CASES["v1-400-api-key-in-path"]()
    result = run_action("move-api-key-to-auth", ex)
    assert result.request.url == ACCOUNT + "/lists"
    assert result.request.auth.kind is AuthKind.CTCT_BASIC
    assert (result.request.auth.api_key, result.request.auth.username) == ("abc123key", "joesflowers")
    assert result.request.auth.password == "s3cret-pass"


def test_restore_datetime_plus_touches_only_the_date() -> None:
    body = campaign_body(date="2010-09-28T05:22:42 01:00")
    result = run_action("restore-datetime-plus", v1("POST", "/campaigns", 400, "", body=body))
    assert _changed_lines(body, result.request.body) == ["-       <Date>2010-09-28T05:22:42 01:00</Date>",
                                                         "+       <Date>2010-09-28T05:22:42+01:00</Date>"]


def test_set_greeting_name_and_form_to_list() -> None:
    body = campaign_body(greeting="cmp_grt_name")
    result = run_action("set-greeting-name", v1("POST", "/campaigns", 400, "", body=body))
    assert _changed_lines(body, result.request.body) == ["-       <GreetingName>cmp_grt_name</GreetingName>",
                                                         "+       <GreetingName>FirstName</GreetingName>"]
    lists = run_action("convert-form-to-list-entry", CASES["v1-400-form-on-lists"]())
    root = etree.fromstring(lists.request.body.encode())
    assert root.findtext(f".//{CTCT}Name") == "Newsletter"
    assert lists.request.header("Content-Type") == ATOM


def test_use_put_takes_the_url_from_the_entry_id() -> None:
    body = contact_body(entry_id=CONTACT_URI, contact_id=CONTACT_URI)
    result = run_action("use-put-for-update", v1("POST", "/contacts", 409, "", body=body))
    assert result.request.method == "PUT"
    assert result.request.url == "https://api.constantcontact.com/ws/customers/joesflowers/contacts/1234"
    assert result.request.body == body


def test_path_username_slash_and_v2_key_actions() -> None:
    mismatch = run_action("match-path-username", CASES["v1-401-path-user-mismatch"]())
    assert mismatch.request.url == ACCOUNT + "/contacts"
    slash = run_action("add-trailing-slash", CASES["v1-403-forbidden-page"]())
    assert slash.request.url == ACCOUNT + "/"
    v2 = CASES["v2-401-unauthorized"]()
    v2 = type(v2)(v2.request.with_changes(auth=Auth(AuthKind.BEARER, token="t", api_key="k2")), v2.response)
    assert run_action("add-v2-api-key", v2).request.url.endswith("/v2/contacts?api_key=k2")
    no_key = run_action("add-v2-api-key", exchange("GET", "https://api.constantcontact.com/v2/lists?limit=5", 401,
                                                   auth=Auth(AuthKind.BEARER, token="t")))
    assert no_key.request.url == "https://api.constantcontact.com/v2/lists?limit=5&api_key={{api_key}}"


def test_sign_up_form_rewrites_url_and_email_shape() -> None:
    result = run_action("use-sign-up-form", CASES["v3-409-contacts-conflict"]())
    assert result.request.url == "https://api.cc.email/v3/contacts/sign_up_form"
    assert '"email_address": "jane@example.com"' in result.request.body


def test_run_lint_and_unknown_or_inapplicable_actions_do_not_change_the_request() -> None:
    ex = CASES["v1-401-unauthorized"]()
    assert run_action("run-lint", ex).request == ex.request
    unknown = run_action("no-such-action", ex)
    assert not unknown.applied and unknown.request == ex.request
    missing = run_action("find-and-update-contact", ex)  # a GET has no Contact body
    assert not missing.applied and missing.request == ex.request and missing.note


def test_every_article_action_exists_and_has_a_label() -> None:
    from ctct_desktop.explain import load_kb

    specs = available_actions()
    for article in load_kb().articles:
        for name in article.actions:
            assert specs[name].label and specs[name].description
