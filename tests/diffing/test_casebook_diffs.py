"""The diff finds each casebook case's defects between its failing and its fixed request (T1-T5),
each linked to the lint rule and article that explain it."""

from __future__ import annotations

from ctct_desktop.diffing import Difference, diff_requests
from tests.diffing.cases import CASES, T5_SEARCH


def _find(found: list[Difference], kind: str, where_end: str) -> Difference:
    for d in found:
        if d.kind == kind and d.where.endswith(where_end):
            return d
    raise AssertionError(f"no {kind} at ...{where_end} in:\n" + "\n".join(d.describe() for d in found))


def test_t1_stock_campaign_update() -> None:
    found = diff_requests(*CASES["T1"])
    entry = _find(found, "namespace", "body /entry")
    assert (entry.a, entry.b, entry.rule, entry.article) == ("(no namespace)", "http://www.w3.org/2005/Atom", "L001",
                                                            "v1-400-atom-sections")
    assert _find(found, "namespace", "/entry/content/Campaign").rule == "L006"
    assert _find(found, "missing-element", "/entry/author").rule == "L002"
    name = _find(found, "moved", "/entry/author/name")
    assert name.a == "/entry/name" and name.rule == "L002" and "author" in name.note
    assert _find(found, "extra-element", "/entry/title[2]").a == "<title>Campaigns for customer</title>"
    assert _find(found, "extra-element", "/entry/link[2]").rule == "L002"
    assert _find(found, "list-set", "ContactList ids").a == "(none)"
    assert _find(found, "namespace", "/FromEmail/Email/link").b == "http://www.w3.org/2005/Atom"
    assert found[0].kind == "namespace"  # what matters to the API comes first


def test_t2_php_bulk_import() -> None:
    found = diff_requests(*CASES["T2"])
    content_type = _find(found, "content-type", "request header Content-Type")
    assert (content_type.a, content_type.rule, content_type.article) == ("application/atom+xml", "L022",
                                                                        "v1-400-activities-form")
    assert _find(found, "missing-param", "body lists").rule == "L025"
    data = _find(found, "param-value", "body data")
    assert data.a == "Email Address" and data.rule == "L025"
    auth = _find(found, "auth", "request auth")
    assert auth.rule == "L024" and auth.article == "v1-401-user-string" and "password empty" in (auth.a or "")
    assert "usernamepassword" not in (auth.a or "")  # the glued password is never shown
    assert _find(found, "body-format", "request body").a == "multipart"
    assert _find(found, "url-path", "URL path").a == ""


def test_t3_campaign_create() -> None:
    found = diff_requests(*CASES["T3"])
    date = _find(found, "value", "/Campaign/Date")
    assert (date.a, date.b, date.rule, date.article) == ("2010-09-28T05:22:42 01:00", "2010-09-28T05:22:42+01:00",
                                                        "L018", "v1-400-datetime-plus-space")
    greeting = _find(found, "value", "/Campaign/GreetingName")
    assert (greeting.a, greeting.rule, greeting.article) == ("cmp_grt_name", "L014", "v1-400-greeting-name")
    assert _find(found, "missing-element", "/Campaign/OrganizationState").rule == "L015"
    assert _find(found, "missing-element", "/Campaign/OrganizationCountry").rule == "L015"
    assert len([d for d in found if d.kind == "extra-element" and d.rule == "L002"]) == 3
    assert not [d for d in found if "ContactList" in d.where or "Email" in d.where]  # unchanged parts are silent


def test_t4_contact_update_of_a_do_not_mail_contact() -> None:
    found = diff_requests(*CASES["T4"])
    malformed = _find(found, "malformed", "request body")
    assert malformed.rule == "L021" and malformed.article == "v1-400-malformed-xml"
    assert "declaration" in malformed.note
    # read past the broken declaration, the rest still compares as structure
    assert _find(found, "moved", "/entry/author/name").rule == "L002"
    assert _find(found, "extra-element", "/entry/title[2]").rule == "L002"
    assert _find(found, "extra-element", "/entry/link[2]").rule == "L002"
    assert found[0].kind == "malformed"


def test_t5_sign_up_form_409() -> None:
    found = diff_requests(*CASES["T5"])
    stray = _find(found, "stray-text", "/entry/content/Contact")
    assert stray.a == "Customer document" and stray.b is None and stray.article == "v1-400-contact-xml"
    assert (_find(found, "method", "request method").a, _find(found, "method", "request method").b) == ("POST", "PUT")
    assert _find(found, "url-path", "URL path").b == "{{base_url}}/contacts/2"
    lists = _find(found, "list-set", "ContactList ids")
    assert lists.b is not None and lists.b.endswith("/lists/4") and "/lists/2" in lists.b
    assert _find(found, "value", "/entry/id").rule == "L003"
    search = diff_requests(*T5_SEARCH)
    assert [(d.kind, d.a, d.b, d.rule) for d in search] == [("query", "joe roses@example.com", "joe+roses@example.com",
                                                               "L023")]


def test_each_fixed_request_equals_itself() -> None:
    for failing, fixed in CASES.values():
        assert diff_requests(fixed, fixed) == []
        assert diff_requests(failing, failing) == []
