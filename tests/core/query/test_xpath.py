from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from ctct_desktop.core.query import MAX_QUERY_BYTES, QueryError, evaluate_xpath
from tests.support.bodies import ENTITY_BOMB, XXE

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <title>Joe</title>
    <content type="application/vnd.ctct+xml">
      <Contact xmlns="http://ws.constantcontact.com/ns/1.0/" id="http://api/contacts/1">
        <EmailAddress>joe@example.com</EmailAddress>
        <link xmlns="http://www.w3.org/2005/Atom" href="/contacts/1" rel="self"/>
      </Contact>
    </content>
  </entry>
  <entry><title>Ann</title></entry>
</feed>"""


def test_atom_prefix_reaches_the_default_namespace() -> None:
    result = evaluate_xpath(FEED, "//atom:entry/atom:title/text()")
    assert result.values == ("Joe", "Ann")
    assert result.count == 2


def test_ctct_prefix_and_attribute() -> None:
    assert evaluate_xpath(FEED, "//ctct:Contact/@id").values == ("http://api/contacts/1",)
    assert evaluate_xpath(FEED, "string(//ctct:EmailAddress)").values == ("joe@example.com",)
    assert evaluate_xpath(FEED, "//ctct:Contact/atom:link/@rel").values == ("self",)


def test_element_value_is_its_serialization_and_fragment_is_pretty() -> None:
    result = evaluate_xpath(b"<a><b x='1'><c>t</c></b>tail</a>", "//b")
    assert result.values == ('<b x="1"><c>t</c></b>',)
    assert result.fragments == ('<b x="1">\n  <c>t</c>\n</b>',)


def test_number_and_boolean_results() -> None:
    assert evaluate_xpath(FEED, "count(//atom:entry)").values == ("2",)
    assert evaluate_xpath(FEED, "count(//atom:entry) div 4").values == ("0.5",)
    assert evaluate_xpath(FEED, "boolean(//ctct:Contact)").values == ("true",)
    assert evaluate_xpath(FEED, "boolean(//ctct:Nothing)").values == ("false",)


def test_no_match_is_empty_not_an_error() -> None:
    result = evaluate_xpath(FEED, "//ctct:Nothing")
    assert result.values == () and result.fragments == ()


def test_unprefixed_name_in_a_namespaced_document_gets_a_hint() -> None:
    result = evaluate_xpath(FEED, "//entry/title")
    assert result.count == 0
    assert result.note is not None and "atom:entry" in result.note


def test_unprefixed_name_in_a_plain_document_matches_without_a_hint() -> None:
    result = evaluate_xpath(b"<r><entry/></r>", "//entry")
    assert result.count == 1 and result.note is None
    assert evaluate_xpath(b"<r/>", "//entry").note is None


def test_document_prefixes_are_bound_too() -> None:
    body = b"<x:r xmlns:x='urn:x'><x:i>1</x:i></x:r>"
    assert evaluate_xpath(body, "//x:i/text()").values == ("1",)


def test_syntax_error_says_where() -> None:
    with pytest.raises(QueryError) as caught:
        evaluate_xpath(FEED, "//atom:entry[")
    assert "character 14" in caught.value.message and "syntax" in caught.value.message


def test_unknown_prefix_is_explained() -> None:
    with pytest.raises(QueryError, match="atom:, ctct:"):
        evaluate_xpath(FEED, "//foo:bar")


def test_unknown_function_is_an_error_not_a_traceback() -> None:
    with pytest.raises(QueryError, match="could not be evaluated"):
        evaluate_xpath(FEED, "nosuch()")


def test_empty_expression_is_refused() -> None:
    with pytest.raises(QueryError, match="Type an XPath"):
        evaluate_xpath(FEED, "  ")


def test_body_not_xml_says_where() -> None:
    with pytest.raises(QueryError) as caught:
        evaluate_xpath(b"<a><b></a>", "//b")
    assert "not well-formed" in caught.value.message and "line 1" in caught.value.message


@pytest.mark.parametrize("body", [ENTITY_BOMB, XXE])
def test_hostile_xml_is_refused(body: bytes) -> None:
    with pytest.raises(QueryError, match="entities"):
        evaluate_xpath(body, "//*")


def test_body_over_the_limit_is_refused_with_the_limit() -> None:
    body = b"<a>" + b" " * MAX_QUERY_BYTES + b"</a>"
    with pytest.raises(QueryError) as caught:
        evaluate_xpath(body, "//a")
    assert f"{MAX_QUERY_BYTES >> 20} MB" in caught.value.message


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_expression_either_answers_or_raises_query_error(expression: str) -> None:
    try:
        result = evaluate_xpath(FEED, expression)
    except QueryError as exc:
        assert exc.message
    else:
        assert len(result.values) == len(result.fragments)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_any_body_either_answers_or_raises_query_error(body: bytes) -> None:
    try:
        evaluate_xpath(body, "//*")
    except QueryError as exc:
        assert exc.message
