"""Formatting is not a difference: indentation, attribute order, prefixes, header order and case,
JSON key order, query order. And no input makes the diff raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import Header, RequestModel
from ctct_desktop.diffing import diff_bodies, diff_requests
from tests.diffing.cases import body

T3 = body("T3-fixed.xml")


def test_reindented_and_reordered_attributes_and_prefixes_are_equal() -> None:
    flat = "".join(line.strip() for line in T3.splitlines())
    swapped = T3.replace('<ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1">',
                         '<ContactList  id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1" >')
    prefixed = ('<a:entry xmlns:a="http://www.w3.org/2005/Atom"><a:title type="text" xml:lang="en">t</a:title>'
                '</a:entry>')
    assert diff_bodies(T3, flat) == []
    assert diff_bodies(T3, swapped) == []
    assert diff_bodies(prefixed, '<entry xml:lang="en" xmlns="http://www.w3.org/2005/Atom"><title xml:lang="en" '
                       'type="text">t</title></entry>'.replace(' xml:lang="en" xmlns', ' xmlns')) == []
    assert diff_bodies('<a x="1" y="2"/>', "<a y='2'   x='1'></a>") == []


def test_a_changed_attribute_and_an_element_case_are_differences() -> None:
    found = diff_bodies('<Contact><emailAddress>a</emailAddress></Contact>',
                        '<Contact z="1"><EmailAddress>a</EmailAddress></Contact>')
    assert [d.kind for d in found] == ["element-case", "attribute"]
    assert found[0].rule == "L007"


def test_lists_compare_as_a_set() -> None:
    one = '<C><ContactLists><ContactList id="1"/><ContactList id="2"/></ContactLists></C>'
    two = '<C><ContactLists><ContactList id="2"/><ContactList id="1"/></ContactLists></C>'
    assert diff_bodies(one, two) == []
    assert [d.kind for d in diff_bodies(one, two.replace('"1"', '"3"'))] == ["list-set"]


def test_json_key_order_is_not_a_difference_but_a_value_is() -> None:
    assert diff_bodies('{"a": 1, "b": [1, {"c": 2}]}', '{"b": [1, {"c": 2}], "a": 1}') == []
    found = diff_bodies('{"a": 1, "b": [1, {"c": 2}]}', '{"b": [1, {"c": 3}], "a": 1, "d": null}')
    assert {(d.kind, d.where) for d in found} == {("json-missing", "body d"), ("json-value", "body b[1].c")}


def test_header_order_and_name_case_are_not_differences_and_the_query_is_decoded() -> None:
    a = RequestModel("get", "http://h/x?b=2&a=%41", (Header("Accept", "x"), Header("X-Y", "1")))
    b = RequestModel("GET", "http://h/x?a=A&b=2", (Header("x-y", "1"), Header("accept", "x")))
    assert diff_requests(a, b) == []
    changed = diff_requests(a, b.with_changes(headers=(Header("accept", "y"),)))
    assert {(d.kind, d.where) for d in changed} == {("header", "request header accept"), ("header", "request header x-y")}


HOSTILE = st.text(st.sampled_from(list("<>/=\"' ?!-[]&;:abcxmlns\n\ufeff")), max_size=80) | st.text(max_size=40)


@settings(max_examples=200, deadline=None)
@given(HOSTILE, HOSTILE, st.sampled_from(["", "application/xml", "application/json", "multipart/form-data",
                                          "application/x-www-form-urlencoded"]))
def test_no_body_makes_the_diff_raise(a: str, b: str, content_type: str) -> None:
    for d in diff_bodies(a, b, content_type, content_type):
        assert d.kind and d.where
    assert diff_bodies(a, a, content_type, content_type) == []


def test_one_changed_entry_in_a_feed_is_one_difference() -> None:
    """xmldiff's default matcher paired leaves by text across the whole tree, so one changed email
    shifted every later one ('user5' paired with 'user6'...): ten differences for one change."""
    entry = ('<entry><content><Contact id="c{n}"><EmailAddress>{email}</EmailAddress><FirstName>F{n}</FirstName>'
             '</Contact></content></entry>')
    def feed(changed: int | None = None) -> str:
        return "<feed>" + "".join(entry.format(n=n, email=f"{'changed' if n == changed else 'user'}{n}@example.com")
                                  for n in range(20)) + "</feed>"
    found = diff_bodies(feed(), feed(changed=7))
    assert [(d.kind, d.where, d.a, d.b) for d in found] == [
        ("value", "body /feed/entry[8]/content/Contact/EmailAddress", "user7@example.com", "changed7@example.com")]
