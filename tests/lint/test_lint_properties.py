"""Property tests over random and mutated bodies: the linter never raises, never hangs, and
every body diagnostic's range lies inside the document (and agrees with its line/column)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lxml import etree

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header
from ctct_desktop.lint import lint_request
from ctct_desktop.lint.xmlmap import ElementMap
from tests.lint.support import BASE, assert_inside, corpus_text, manifest, request

pytestmark = pytest.mark.filterwarnings("error")

# Generous per-example deadline (a shared 2-core CI box), moderate example counts.
PROPERTY = settings(max_examples=120, deadline=timedelta(seconds=3),
                    suppress_health_check=[HealthCheck.too_slow])

XML_BITS = st.sampled_from(["<", ">", "&", "&amp;", ";", "\"", "'", "=", "/", "?", "!", "--", "<!--", "]]>",
                            "<![CDATA[", "<?xml version=\"1.0\"?>", "?xml ", "\ufeff", "\n", "\r\n", " ", "\t",
                            "xmlns=\"\"", "{{x}}", "{{", "}}", "é", "\U0001F600", "\x00", "&#0;", "&nbsp;",
                            "<EmailAddress>", "</EmailAddress>", "<emailaddress>", "2010-09-28T05:22:42 01:00",
                            "<!DOCTYPE a [<!ENTITY e \"x\">]>", "<Text>", "%", "+", "@"])
PATHS = st.sampled_from([c["path"] for c in manifest()] + ["", "/contacts?email=a+b@x.com", "/activities"])
FILES = st.sampled_from([c["file"] for c in manifest()])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = corpus_text(draw(FILES))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "swapcase"]))
        if action == "insert":
            text = text[:where] + draw(st.one_of(XML_BITS, st.text(max_size=8))) + text[where:]
        else:
            end = min(len(text), where + draw(st.integers(0, 40)))
            piece = text[where:end]
            replacement = {"delete": "", "duplicate": piece * 2, "swapcase": piece.swapcase()}[action]
            text = text[:where] + replacement + text[end:]
    return text


def _check(body: str, path: str, kind: BodyKind, method: str = "POST") -> None:
    req = request(body, path, method, kind=kind)
    found = lint_request(req)
    assert_inside(req, found)
    with_vars = lint_request(req, {"x": "1"})
    assert_inside(req, with_vars)
    for d in found:
        if d.fix is not None:
            d.fix.apply(req)  # must not raise either


@PROPERTY
@given(mutated(), PATHS, st.sampled_from([BodyKind.XML, BodyKind.FORM, BodyKind.TEXT]))
def test_mutated_corpus_bodies(body: str, path: str, kind: BodyKind) -> None:
    _check(body, path, kind)


@PROPERTY
@given(st.lists(st.one_of(XML_BITS, st.text(max_size=6)), max_size=40).map("".join), PATHS)
def test_random_xml_like_text(body: str, path: str) -> None:
    _check(body, path, BodyKind.XML)


@PROPERTY
@given(st.text(max_size=300), PATHS, st.sampled_from(list(BodyKind)))
def test_random_text_any_kind(body: str, path: str, kind: BodyKind) -> None:
    _check(body, path, kind)


@PROPERTY
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                    max_leaves=20).map(repr), st.sampled_from(["https://api.cc.email/v3/contacts", BASE + "/contacts"]))
def test_python_reprs_as_json(body: str, url: str) -> None:
    req = request(body, url=url, kind=BodyKind.JSON)
    assert_inside(req, lint_request(req))


@PROPERTY
@given(st.text(max_size=120), st.text(max_size=30), st.text(max_size=30), st.text(max_size=30),
       st.sampled_from(list(AuthKind)), st.sampled_from(["GET", "POST", "PUT", "DELETE", "", "weird method"]))
def test_random_url_headers_and_auth(url: str, header: str, user: str, key: str, kind: AuthKind, method: str) -> None:
    req = request("", url=url, method=method, headers=(Header(header, user), Header("Content-Type", header)),
                  auth=Auth(kind, username=user, password="p", api_key=key, token=key))
    for variables in (None, {}, {"a": header}):
        found = lint_request(req, variables)
        assert all(d.line is None for d in found)


def test_deeply_nested_json_does_not_raise() -> None:
    req = request("[" * 100_000, url="https://api.cc.email/v3/contacts", kind=BodyKind.JSON)
    found = lint_request(req)
    assert [d.code for d in found] == ["L029"]
    assert_inside(req, found)


def test_deeply_nested_xml_does_not_raise() -> None:
    req = request("<a>" * 50_000 + "</a>" * 50_000, kind=BodyKind.XML)
    assert_inside(req, lint_request(req))


def test_many_unclosed_comments_do_not_hang() -> None:
    req = request("<entry>" + "<!--" * 20_000, kind=BodyKind.XML)
    assert_inside(req, lint_request(req))


NAMES = st.sampled_from(["entry", "Contact", "x", "a-b", "\u00e9l\u00e9ment", "p:q"])
ATTR_VALUES = st.text(alphabet=st.sampled_from(list("ab<>&\"' =/\n")), max_size=8)


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> etree._Element:
    name = draw(NAMES)
    nsmap = {"p": "urn:p"} if name.startswith("p:") else None
    element = etree.Element("{urn:p}q" if nsmap else name, nsmap=nsmap)
    for attr in draw(st.lists(st.sampled_from(["id", "href", "k"]), max_size=2, unique=True)):
        element.set(attr, draw(ATTR_VALUES))
    element.text = draw(st.one_of(st.none(), ATTR_VALUES))
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            child = draw(trees(depth + 1))
            child.tail = draw(st.one_of(st.none(), st.just("\n  ")))
            element.append(child)
            if draw(st.booleans()):
                element.append(etree.Comment(" <fake attr='>'> "))
            if draw(st.booleans()):
                element.append(etree.ProcessingInstruction("pi", "<not/> a tag"))
    return element


def _assert_spans(text: str, root: etree._Element, mapping: ElementMap) -> None:
    """Every element is found: its start tag carries its name, its end tag (when it has one)
    the same name, and every child's span lies inside its parent's content."""
    for element in root.iter(etree.Element):
        span = mapping.span(element)
        assert span is not None, (element, text)
        assert text[span.start] == "<" and text[span.open_end - 1] == ">"
        raw = text[span.start + 1:span.name_end]
        assert raw.rpartition(":")[2] == etree.QName(element).localname
        if text[span.open_end - 2] == "/":
            assert span.close_start is None
        else:
            assert span.close_start is not None and span.close_end is not None, (element, text)
            assert text[span.close_start:span.close_end].rstrip("> \t\r\n") == "</" + raw, (element, text)
        parent = element.getparent()
        if parent is not None:
            outer = mapping.span(parent)
            assert outer is not None and outer.content[0] <= span.start and span.end <= outer.content[1]


@PROPERTY
@given(trees(), st.booleans(), st.booleans(), st.sampled_from([256, 1, 0]), st.sampled_from(["", "\n", " "]))
def test_source_spans_match_every_parsed_element(tree: etree._Element, cdata: bool, indent: bool,
                                                 crowded: int, declared: str) -> None:
    """Covers each way to a start tag: read from its line (no comment, CDATA or PI anywhere),
    by rank on a crowded line (crowded 0 or 1), and from the one-pass index (with them)."""
    if indent:
        etree.indent(tree, space="\n  ")
    text = etree.tostring(tree, encoding="unicode")
    if cdata and tree.text is None and len(tree):
        text = text.replace(">", "><![CDATA[<fake>]]>", 1)
    if declared:
        text = "<?xml version='1.0'?>" + declared.strip() + text
    root = etree.fromstring(text.encode("utf-8"))
    _assert_spans(text, root, ElementMap(text, root, crowded=crowded))


@pytest.mark.parametrize("name", sorted(c["file"] for c in manifest() if c["file"].endswith(".xml")))
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", ""])
def test_spans_in_corpus_bodies_with_any_line_ending(name: str, newline: str) -> None:
    text = corpus_text(name).replace("\n", newline)
    root = etree.fromstring(text.encode("utf-8"))
    for crowded in (256, 1, 0):
        _assert_spans(text, root, ElementMap(text, root, crowded=crowded))


def test_spans_of_elements_deep_in_a_large_body_need_no_scan_from_the_start() -> None:
    """The last of many elements, its enclosing ones, and a multi-line start tag are found."""
    items = "".join(f'  <item n="{n}"/>\n' for n in range(20_000))
    text = f'<?xml version="1.0"?>\n<root>\n{items}  <last\n    a="1"\n  >x</last><z/>\n</root>\n'
    root = etree.fromstring(text.encode("utf-8"))
    mapping = ElementMap(text, root)
    last = root[-2]
    span = mapping.span(last)
    assert span is not None and text[span.start:span.end] == '<last\n    a="1"\n  >x</last>'
    assert mapping._tags is None and mapping._starts is None  # neither index was needed
    whole = mapping.span(root)
    assert whole is not None and text[whole.close_start:whole.close_end] == "</root>"
    assert mapping.attribute_value_range(last, "a") == (text.rindex('"1"') + 1, text.rindex('"1"') + 2)


SAFE_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xD7FF), max_size=12)


@st.composite
def semantic_mutations(draw: st.DrawFn) -> tuple[str, str]:
    """A well-formed corpus body with elements renamed, removed, duplicated or given odd text,
    so the field rules (not just well-formedness) meet every shape."""
    case = draw(st.sampled_from([c for c in manifest() if c["file"].endswith(".xml")]))
    root = etree.fromstring(corpus_text(case["file"]).encode("utf-8"))
    elements = list(root.iter(etree.Element))
    for _ in range(draw(st.integers(1, 4))):
        victim = draw(st.sampled_from(elements))
        action = draw(st.sampled_from(["rename", "remove", "duplicate", "text", "attribute"]))
        qname = etree.QName(victim)
        if action == "rename":
            victim.tag = f"{{{qname.namespace}}}{draw(st.sampled_from([qname.localname.lower(), qname.localname.upper(), 'X']))}" \
                if qname.namespace else qname.localname.swapcase()
        elif action == "remove" and victim.getparent() is not None:
            victim.getparent().remove(victim)
        elif action == "duplicate" and victim.getparent() is not None:
            victim.addnext(etree.fromstring(etree.tostring(victim)))
        elif action == "text":
            victim.text = draw(st.one_of(SAFE_TEXT, st.sampled_from(["2010-09-28T05:22:42 01:00", "YES", "us", "{{x}}",
                                                                      "<Text>x</Text>", "&", "ACTION_BY_CONTACT"])))
        else:
            victim.set(draw(st.sampled_from(["id", "type", "href"])), draw(SAFE_TEXT))
    return etree.tostring(root, encoding="unicode"), case["path"]


@PROPERTY
@given(semantic_mutations(), st.sampled_from(["POST", "PUT"]))
def test_semantically_mutated_bodies(mutation: tuple[str, str], method: str) -> None:
    body, path = mutation
    _check(body, path, BodyKind.XML, method)
