"""Assertions and captures evaluated on responses: each result carries expected vs actual."""

from __future__ import annotations

import pytest

from ctct_desktop.core.checks import parse_assertion, parse_capture
from ctct_desktop.core.checks.evaluate import evaluate_assertion, evaluate_capture
from ctct_desktop.core.models import ResponseRecord

ENTRY = (b'<entry xmlns="http://www.w3.org/2005/Atom"><id>http://api.constantcontact.com/ws/customers/joe/'
         b'contacts/42</id><link rel="next" href="/contacts?next=abc"/><content><Contact '
         b'xmlns="http://ws.constantcontact.com/ns/1.0/"><EmailAddress>a@example.com</EmailAddress><Empty/>'
         b'</Contact></content></entry>')


def _response(status: int = 201, body: bytes = ENTRY, content_type: str = "application/atom+xml",
              elapsed_ms: float = 120.0) -> ResponseRecord:
    return ResponseRecord(status=status, reason="", http_version="HTTP/1.1",
                          headers=(("Content-Type", content_type), ("Location", "/ws/customers/joe/contacts/42")),
                          body=body, url="http://h/", elapsed_ms=elapsed_ms)


@pytest.mark.parametrize(("line", "passed", "actual"), [
    ("status == 201", True, "201"),
    ("status == 200", False, "201"),
    ("status != 201", False, "201"),
    ("status in [200, 201]", True, "201"),
    ("status is 2xx", True, "201"),
    ("status is 4xx", False, "201"),
    ("status >= 300", False, "201"),
    ('header content-type matches "atom"', True, "application/atom+xml"),
    ("header Retry-After exists", False, "absent"),
    ("header Retry-After not exists", True, "absent"),
    ('header Location == "nope"', False, "/ws/customers/joe/contacts/42"),
    ('body contains "EmailAddress"', True, None),
    ('body not contains "EmailAddress"', False, None),
    ('xpath "//ctct:EmailAddress" == "a@example.com"', True, "a@example.com"),
    ('xpath "//ctct:Empty" == ""', True, ""),
    ('xpath "//ctct:Missing" == ""', False, "absent"),
    ('xpath "count(//ctct:Contact)" == "1"', True, "1"),
    ('xpath "//ctct:Contact" exists', True, None),
    ('xpath "//atom:link[@rel=\'next\']/@href" contains "next=abc"', True, "/contacts?next=abc"),
    ("time < 500 ms", True, "120 ms"),
    ("time > 1 s", False, "120 ms"),
])
def test_assertions_on_an_xml_answer(line: str, passed: bool, actual: str | None) -> None:
    result = evaluate_assertion(parse_assertion(line), _response())
    assert result.passed is passed, result
    if actual is not None:
        assert result.actual == actual


def test_jsonpath_and_a_body_that_is_not_what_the_expression_needs() -> None:
    answer = _response(200, b'{"results": [{"id": "1"}, {"id": "2"}]}', "application/json")
    assert evaluate_assertion(parse_assertion('jsonpath "$.results[0].id" == "1"'), answer).passed
    assert not evaluate_assertion(parse_assertion('jsonpath "$.results[5].id" exists'), answer).passed
    wrong = evaluate_assertion(parse_assertion('xpath "//a" exists'), answer)
    assert not wrong.passed and "not well-formed XML" in wrong.actual
    assert wrong.line.startswith('✗ xpath "//a" exists (expected exists, got ')


def test_captures_take_text_and_regex_groups() -> None:
    answer = _response()
    assert evaluate_capture(parse_capture(r'id = header Location regex "contacts/(\d+)"'), answer).value == "42"
    assert evaluate_capture(parse_capture('uri = xpath "/atom:entry/atom:id"'), answer).value == \
        "http://api.constantcontact.com/ws/customers/joe/contacts/42"
    assert evaluate_capture(parse_capture("""next = xpath "//atom:link[@rel='next']/@href\""""), answer).value == \
        "/contacts?next=abc"
    assert evaluate_capture(parse_capture(r'whole = regex "joe/\w+"'), answer).value == "joe/contacts"
    missing = evaluate_capture(parse_capture("x = header Retry-After"), answer)
    assert missing.value is None and missing.problem == "the header Retry-After found nothing"
    nomatch = evaluate_capture(parse_capture(r'x = header Location regex "lists/(\d+)"'), answer)
    assert nomatch.value is None and "did not match the header Location" in nomatch.problem
