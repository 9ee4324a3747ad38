"""Large bodies: bounded findings, positions past libxml2's 65,535-line mark, and the source
searches of L010/L028 agreeing with the tree walks they replace for plain bodies."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct_desktop.lint import lint_request, textmap
from ctct_desktop.lint.engine import MAX_PER_RULE
from ctct_desktop.lint.tagindex import StartIndex
from tests.lint.support import assert_inside, contact, only, request

LIST = '        <ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/{n}"/>\n'


def _contact_on_lists(items: str) -> str:
    return contact().replace("      <ContactLists>\n", "      <ContactLists>\n" + items, 1)


def test_a_flood_of_findings_is_cut_at_the_cap_with_a_note() -> None:
    body = _contact_on_lists("".join(f'        <ContactList id="{n}"/>\n' for n in range(3 * MAX_PER_RULE)))
    req = request(body)
    found = only(lint_request(req), "L010")
    assert len(found) == MAX_PER_RULE + 1
    assert "More L010 findings are not listed" in found[-1].message and found[-1].fix is None
    assert "is not a full list URI" in found[-1].hint
    assert_inside(req, found)


def test_positions_past_line_65535_are_exact() -> None:
    """lxml reports no reliable sourceline from line 65,535 on; the element is found by rank."""
    items = "".join(LIST.format(n=n) for n in range(70_000))
    body = _contact_on_lists(items).replace("</Contact>", "  <Bogus>x</Bogus>\n    </Contact>")
    req = request(body)
    found = only(lint_request(req), "L007")
    assert len(found) == 1 and found[0].line == body[:body.index("<Bogus>")].count("\n") + 1
    assert body[found[0].start:found[0].end] == "Bogus"
    assert_inside(req, found)


@pytest.mark.parametrize("kind, old, new", [
    ("L010", LIST.format(n=69_999), '        <ContactList id="7"/>\n'),
    ("L028", LIST.format(n=69_999), LIST.format(n=1).replace("joesflowers", "marysbakery")),
])
def test_one_error_at_the_end_of_a_large_body(kind: str, old: str, new: str) -> None:
    body = _contact_on_lists("".join(LIST.format(n=n) for n in range(70_000))).replace(old, new)
    req = request(body)
    found = only(lint_request(req), kind)
    assert len(found) == 1 and found[0].line == body[:body.index(new)].count("\n") + 1
    assert_inside(req, found)


def test_line_index_in_small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textmap, "BLOCK", 3)
    text = "ab\r\ncd\n\n\nlonger line here\nlast"
    index = textmap.LineIndex(text)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    assert [index.line_start(n) for n in range(1, len(starts) + 1)] == starts
    for offset in range(len(text) + 1):
        line, column = index.position(offset)
        assert starts[line - 1] + column - 1 == offset


def test_start_index_in_small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StartIndex, "BLOCK", 2)  # every "</" pair straddles some boundary
    text = '<?xml version="1.0"?><a><b x="1"/></b2><c><d></d></c></a>'.replace("</b2>", "")
    index = StartIndex(text)
    assert len(index) == 4
    assert [index.offset(n) for n in range(4)] == [text.index(t) for t in ("<a>", "<b ", "<c>", "<d>")]
    assert index.offset(4) is None


# ----- source searches == tree walks ------------------------------------------------------
IDS = st.sampled_from([
    "http://api.constantcontact.com/ws/customers/joesflowers/lists/{n}",
    "https://api.constantcontact.com/ws/customers/joesflowers/lists/{n}",
    "http://api.constantcontact.com/ws/customers/marysbakery/lists/{n}",
    "http://127.0.0.1:8089/ws/customers/joesflowers/lists/{n}", "{n}", "", " {n} ", "{{list}}",
    "http://api.constantcontact.com/ws/customers/joesflowers/lists/active",
    "http://api.constantcontact.com/ws/customers/joesflowers/lists/&#49;{n}",
    "http://api.constantcontact.com/ws/customers/joe&amp;flowers/lists/{n}",
    "http://api.constantcontact.com/ws/customers/JoesFlowers/lists/{n}",
    "http://api.constantcontact.com/ws/customers/joesflowers/lists/\n{n}",
])
TAGS = st.sampled_from(['<ContactList id="{v}"/>', "<ContactList id='{v}'/>", '<ContactList\n id="{v}" />',
                        '<ContactList id="{v}"><link href="{v}"/></ContactList>', '<ContactList/>',
                        '<ContactList x="1" id="{v}"/>', '<ns:ContactList xmlns:ns="urn:x" id="{v}"/>',
                        '<ContactList xmlns="" id="{v}"/>', '<id>{v}</id>', '<link href="{v}"/>'])


def _escaped(value: str) -> str:
    return value if "&" in value else value.replace("<", "&lt;")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TAGS, IDS), min_size=1, max_size=8))
def test_source_searches_agree_with_the_tree(items: list[tuple[str, str]]) -> None:
    """A comment after the root makes the body non-plain (the tree walk) and moves nothing."""
    lists = "".join("        " + tag.format(v=_escaped(value.format(n=n))) + "\n"
                    for n, (tag, value) in enumerate(items))
    body = _contact_on_lists(lists)
    plain = lint_request(request(body))
    walked = lint_request(request(body + "<!-- not plain -->"))
    for code in ("L010", "L028"):
        assert only(plain, code) == only(walked, code), code
