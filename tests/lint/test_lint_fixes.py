"""The quick fixes the issue lists, each checked for the exact result it produces."""

from __future__ import annotations

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header
from ctct_desktop.lint import Diagnostic, Fix, TextEdit, apply_edits, lint_request
from ctct_desktop.lint.model import Severity
from tests.lint.support import BASE, corpus_text, mutate, only, request

pytestmark = pytest.mark.filterwarnings("error")


def _fix(req, code: str) -> Fix:  # noqa: ANN001
    fixes = [d.fix for d in only(lint_request(req), code) if d.fix is not None]
    assert fixes, lint_request(req)
    return fixes[0]


def _clean(req) -> bool:  # noqa: ANN001
    return [d for d in lint_request(req) if d.severity is not Severity.INFO] == []


def test_add_the_atom_namespace() -> None:
    req = request(mutate("contact_create.xml", '<entry xmlns="http://www.w3.org/2005/Atom">', "<entry>"))
    fixed = _fix(req, "L001").apply(req)
    assert fixed.body == corpus_text("contact_create.xml") and _clean(fixed)


def test_replace_an_empty_default_namespace_with_the_ctct_one() -> None:
    req = request(mutate("contact_create.xml", 'xmlns="http://ws.constantcontact.com/ns/1.0/"', 'xmlns=""'))
    fix = _fix(req, "L006")
    assert fix.title == "Add the CTCT namespace"
    assert fix.apply(req).body == corpus_text("contact_create.xml")


def test_replace_the_space_in_a_datetime_offset() -> None:
    req = request(mutate("campaign_create_html.xml", "<Date>2010-09-28T05:22:42+01:00", "<Date>2010-09-28T05:22:42 01:00"),
                  "/campaigns")
    fixed = _fix(req, "L018").apply(req)
    assert fixed.body == corpus_text("campaign_create_html.xml") and _clean(fixed)


def test_percent_encode_and_lower_case_the_email_query() -> None:
    req = request("", url=BASE + "/contacts?email=Jo+News@Example.com&email=ok%40example.com&listtype=active", method="GET")
    fixed = _fix(req, "L023").apply(req)
    assert fixed.url == BASE + "/contacts?email=jo%2Bnews%40example.com&email=ok%40example.com&listtype=active"
    assert _clean(fixed)


def test_email_fix_keeps_placeholders_elsewhere_in_the_url() -> None:
    req = request("", url="{{base_url}}/contacts?email=a@b.com", method="GET")
    fixed = _fix(req, "L023").apply(req)
    assert fixed.url == "{{base_url}}/contacts?email=a%40b.com"


@pytest.mark.parametrize("path, body, expected", [
    ("/contacts", "contact_create.xml", "application/atom+xml"),
    ("/activities", "activity_clear.form", "application/x-www-form-urlencoded"),
])
def test_set_the_content_type(path: str, body: str, expected: str) -> None:
    headers = (Header("Accept", "application/atom+xml"), Header("content-type", "text/plain"),
               Header("Content-Type", "text/xml"))
    req = request(corpus_text(body), path, headers=headers)
    fixed = _fix(req, "L022").apply(req)
    assert [(h.name.lower(), h.value) for h in fixed.headers] == [("accept", "application/atom+xml"), ("content-type", expected)]
    assert _clean(fixed)


def test_wrap_the_text_content_escaped() -> None:
    req = request(mutate("campaign_create_xhtml.xml", "&lt;Text&gt;Autumn bouquets are here.&lt;/Text&gt;",
                         "Autumn &amp; more"), "/campaigns")
    fixed = _fix(req, "L016").apply(req)
    assert "<EmailTextContent>&lt;Text&gt;Autumn &amp; more&lt;/Text&gt;</EmailTextContent>" in fixed.body
    assert _clean(fixed)


def test_escape_raw_html_in_email_content() -> None:
    req = request(mutate("campaign_create_html.xml", "&lt;html&gt;&lt;body&gt;&lt;p&gt;Roses &amp;amp; tulips, 20% off.&lt;/p&gt;"
                         "&lt;hr&gt;&lt;p&gt;See you soon&lt;/body&gt;&lt;/html&gt;",
                         "<html><body><p>Roses &amp; tulips</p></body></html>"), "/campaigns")
    fixed = _fix(req, "L017").apply(req)
    assert "<EmailContent>&lt;html&gt;&lt;body&gt;&lt;p&gt;Roses &amp;amp; tulips&lt;/p&gt;" in fixed.body
    assert _clean(fixed)


def test_fix_the_case_of_a_misspelled_element_in_both_tags() -> None:
    req = request(mutate("contact_create.xml", "<EmailAddress>jo+news@example.com</EmailAddress>",
                         "<emailaddress>jo+news@example.com</emailaddress>"))
    [diagnostic] = only(lint_request(req), "L007")
    assert "did you mean <EmailAddress>?" in diagnostic.message
    assert req.body[diagnostic.start:diagnostic.end] == "emailaddress"
    fixed = diagnostic.fix.apply(req)  # type: ignore[union-attr]
    assert fixed.body == corpus_text("contact_create.xml") and _clean(fixed)


def test_rename_keeps_a_namespace_prefix() -> None:
    body = corpus_text("contact_create.xml").replace('<Contact xmlns="http://ws.constantcontact.com/ns/1.0/">',
                                                      '<c:Contact xmlns:c="http://ws.constantcontact.com/ns/1.0/">')
    body = body.replace("</Contact>", "</c:Contact>").replace("<City>Boston</City>", "<c:city>Boston</c:city>")
    body = body.replace("<EmailAddress>", "<c:EmailAddress>").replace("</EmailAddress>", "</c:EmailAddress>")
    body = body.replace("<OptInSource>", "<c:OptInSource>").replace("</OptInSource>", "</c:OptInSource>")
    req = request(body)
    fixed = _fix(req, "L007").apply(req)
    assert "<c:City>Boston</c:City>" in fixed.body


def test_move_the_api_key_out_of_the_path() -> None:
    req = request("", url=BASE.replace("joesflowers", "KEY123%joesflowers") + "/lists", method="GET",
                  auth=Auth(AuthKind.BASIC, username="", password="secret"))
    fixed = _fix(req, "L024").apply(req)
    assert fixed.url == BASE + "/lists"
    assert fixed.auth.kind is AuthKind.CTCT_BASIC
    assert (fixed.auth.api_key, fixed.auth.username, fixed.auth.password) == ("KEY123", "joesflowers", "secret")
    assert _clean(fixed)


def test_restore_a_broken_declaration() -> None:
    req = request(mutate("contact_create.xml", '<?xml version="1.0" encoding="UTF-8"?>', '?xml version="1.0" encoding="UTF-8"?'))
    fixed = _fix(req, "L027").apply(req)
    assert fixed.body == corpus_text("contact_create.xml")


def test_add_missing_atom_elements() -> None:
    req = request(mutate("list_create.xml", "<id>data:,</id>\n  <title/>\n  <author/>", ""), "/lists")
    fixed = _fix(req, "L002").apply(req)
    assert _clean(fixed)


def test_fix_apply_is_pure_and_applies_every_part() -> None:
    req = request("<a>hello</a>", kind=BodyKind.XML, headers=(Header("X-One", "1"),))
    fix = Fix("all", body_edits=(TextEdit(3, 8, "bye"), TextEdit(0, 0, "<!-- c -->")), url="http://127.0.0.1/x",
              set_headers=(("x-one", "2"), ("X-Two", "3")), auth=Auth(AuthKind.BEARER, token="t"))
    fixed = fix.apply(req)
    assert req.body == "<a>hello</a>" and req.url == BASE + "/contacts"
    assert fixed.body == "<!-- c --><a>bye</a>" and fixed.url == "http://127.0.0.1/x"
    assert [(h.name, h.value) for h in fixed.headers] == [("x-one", "2"), ("X-Two", "3")]
    assert fixed.auth.kind is AuthKind.BEARER


def test_apply_edits_clamps_out_of_range_offsets() -> None:
    assert apply_edits("abc", (TextEdit(5, 9, "!"), TextEdit(-3, 1, "A"))) == "Abc!"


def test_diagnostic_json_shape() -> None:
    d = only(lint_request(request(mutate("contact_create.xml", "<id>data:,none</id>", "<id>2</id>"))), "L003")[0]
    assert isinstance(d, Diagnostic)
    assert set(d.to_json()) == {"code", "severity", "where", "line", "column", "message", "hint"}
