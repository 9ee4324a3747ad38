"""Streamed re-indenting: the same output for any chunking, the whole-document formatter's shape,
and broken input reported with where it broke."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from ctct_desktop.core.paging.json_reindent import JsonReindenter
from ctct_desktop.core.paging.reindent import ReindentError
from ctct_desktop.core.paging.xml_reindent import XmlReindenter


def _xml(data: bytes, chunk: int) -> bytes:
    reindenter = XmlReindenter()
    return b"".join(reindenter.feed(data[i:i + chunk]) for i in range(0, len(data), chunk)) + reindenter.finish()


def _json(data: bytes, chunk: int) -> bytes:
    reindenter = JsonReindenter()
    return b"".join(reindenter.feed(data[i:i + chunk]) for i in range(0, len(data), chunk)) + reindenter.finish()


def _canonical(data: bytes) -> bytes:
    """The document without the whitespace between elements, for comparing structure and text."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True, resolve_entities=False))
    for element in root.iter():
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
        if element.text is not None:
            element.text = element.text.strip()
        if element.tail is not None:
            element.tail = element.tail.strip()
    return etree.tostring(root, method="c14n")


FEED = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported -->\n'
        b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x"><title type="text">Contacts &amp; lists</title>'
        b'<entry a="1 > 0" b=\'say "hi"\'><id>urn:1</id><x:empty/><content type="application/vnd.ctct+xml">'
        b'<Contact xmlns="http://ws.constantcontact.com/ns/1.0/"><Note><![CDATA[<b>bold</b>]]></Note>'
        b'<?keep this?><Status>Active</Status></Contact></content></entry></feed>')

EXPECTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- exported -->
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x">
  <title type="text">Contacts &amp; lists</title>
  <entry a="1 > 0" b='say "hi"'>
    <id>urn:1</id>
    <x:empty/>
    <content type="application/vnd.ctct+xml">
      <Contact xmlns="http://ws.constantcontact.com/ns/1.0/">
        <Note><![CDATA[<b>bold</b>]]></Note>
        <?keep this?>
        <Status>Active</Status>
      </Contact>
    </content>
  </entry>
</feed>
"""


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
def test_xml_is_indented_like_the_whole_document_formatter_for_any_chunking(chunk: int) -> None:
    assert _xml(FEED, chunk) == EXPECTED
    assert _canonical(_xml(FEED, chunk)) == _canonical(FEED)


def test_an_already_pretty_document_comes_out_the_same() -> None:
    assert _xml(EXPECTED, 5) == EXPECTED


_names = st.sampled_from(["a", "b", "x:c", "Contact", "EmailAddress"])
_texts = st.text(alphabet="ab <>&\"'é\n", min_size=1, max_size=12).map(
    lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _element(children: list[str], name: str, text: str | None) -> str:
    inner = text if text is not None and not children else "".join(children)
    return f"<{name}>{inner}</{name}>" if inner else f"<{name}/>"


_trees = st.recursive(
    st.builds(lambda n, t: _element([], n, t), _names, st.none() | _texts),
    lambda kids: st.builds(lambda n, c: _element(c, n, None), _names, st.lists(kids, min_size=1, max_size=4)),
    max_leaves=25)


@settings(max_examples=200, deadline=None)
@given(_trees, st.integers(1, 40))
@example("<a><b>x</b><b/></a>", 1)
def test_any_tree_keeps_its_structure_and_text_whatever_the_chunks(tree: str, chunk: int) -> None:
    document = f'<root xmlns:x="urn:x">{tree}</root>'.encode()
    out = _xml(document, chunk)
    assert _canonical(out) == _canonical(document)
    assert out == _xml(document, len(document))


@pytest.mark.parametrize(("document", "message", "offset"), [
    (b"<a>\n  <b>\n</a>", "</a> closes <b>, which is still open.", 10),
    (b"<a><b></b>", "ends before <a> is closed", 10),
    (b"</a>", "closes an element that is not open", 0),
    (b"<a><!-- never closed </a>", "ends inside a comment", 3),
])
def test_broken_xml_is_reported_with_where_it_broke(document: bytes, message: str, offset: int) -> None:
    with pytest.raises(ReindentError) as raised:
        _xml(document, 4)
    assert message in raised.value.message
    assert raised.value.offset == offset


def test_a_doctype_that_declares_entities_is_noticed() -> None:
    reindenter = XmlReindenter()
    reindenter.feed(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')
    assert reindenter.declares_entities


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.text(max_size=8),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_json_values, st.integers(1, 50), st.sampled_from([None, 1]))
@example({"a": [1, 2], "b": {}, "c": [], "d": {"e": None, "f": "x\",{: ]"}}, 1, None)
@example([[], {}, [[]]], 2, 1)
def test_json_comes_out_as_json_dumps_indent_2_whatever_the_chunks(value, chunk: int, spacing) -> None:
    document = json.dumps(value, indent=spacing, ensure_ascii=False).encode()
    assert _json(document, chunk) == json.dumps(value, indent=2, ensure_ascii=False).encode() + b"\n"


def test_a_huge_flat_array_is_formatted_in_pieces() -> None:
    document = json.dumps(list(range(300_000))).encode()  # 2 MB with no bracket inside
    reindenter = JsonReindenter()
    sizes = [len(reindenter.feed(document[i:i + (1 << 20)])) for i in range(0, len(document), 1 << 20)]
    assert sizes[0] > 0, "the first chunk is shown before the array closes"
    assert _json(document, 1 << 20) == json.dumps(list(range(300_000)), indent=2).encode() + b"\n"


@pytest.mark.parametrize(("document", "message"), [
    (b'{"a" 1}', "is not an object member"),
    (b"[1 2]", "is not a value"),
    (b'{"a":1,}', "An object member .* is missing before '}'"),
    (b"[1,,2]", "A value is missing between two commas"),
    (b'{"a":[]"b":1}', "A comma is missing before"),
    (b"[}", "does not close what is open"),
    (b"[1", "ends before every object and array is closed"),
    (b'"abc', "A string is not closed"),
    (b"[1]x", "more after the JSON value ended"),
    (b"", "holds no JSON value"),
    (b'{"a":tru}', "is not an object member"),
    (b'"tab\there"', "A string is not closed, or holds a character JSON does not allow"),
])
def test_broken_json_is_reported(document: bytes, message: str) -> None:
    with pytest.raises(ReindentError, match=message):
        _json(document, 3)


def test_the_first_chunk_of_a_big_document_is_formatted_at_once() -> None:
    entries = b"".join(b"<entry><id>%d</id></entry>" % i for i in range(20_000))
    reindenter = XmlReindenter()
    first = reindenter.feed((b"<feed>" + entries)[:4096])
    assert first.startswith(b"<feed>\n  <entry>\n    <id>0</id>\n  </entry>\n") and first.count(b"\n") > 100
