"""L021/L027/L030 detail cases: human messages, lxml's exact position, and safe fixes."""

from __future__ import annotations

import pytest

from ctct_desktop.core.models import BodyKind
from ctct_desktop.lint import Severity, lint_request
from tests.lint.support import assert_inside, corpus_text, mutate, only, request

pytestmark = pytest.mark.filterwarnings("error")


def _one(body: str, code: str = "L021"):
    req = request(body)
    found = lint_request(req)
    assert_inside(req, found)
    hits = only(found, code)
    assert len(hits) == 1, found
    return req, hits[0]


def test_unescaped_ampersand_points_at_the_ampersand() -> None:
    req, d = _one("<entry>\n  <title>Tom & Jerry</title>\n</entry>")
    assert (d.line, d.column, d.end_column) == (2, 14, 15)
    assert req.body[d.start:d.end] == "&"
    assert "&amp;" in d.hint
    assert d.fix is not None and "Tom &amp; Jerry" in d.fix.apply(req).body


def test_mismatched_end_tag_names_both_tags_and_lines() -> None:
    body = "<entry>\n<ContactList>\n<DisplayOnSignup>Yes</DisplayOnsignup>\n</ContactList>\n</entry>"
    req, d = _one(body)
    assert "</DisplayOnsignup>" in d.message and "<DisplayOnSignup>" in d.message
    assert "line 3" in d.message and "case-sensitive" in d.hint
    assert (d.line, d.column) == (3, 21) and req.body[d.start:d.end] == "</DisplayOnsignup>"
    fixed = d.fix.apply(req).body  # type: ignore[union-attr]
    assert "<DisplayOnSignup>Yes</DisplayOnSignup>" in fixed
    assert only(lint_request(request(fixed)), "L021") == []


def test_mismatch_across_lines_reports_the_opening_line() -> None:
    _req, d = _one("<entry>\n<title>\n</entry>")
    assert "<title> opened on line 2" in d.message and d.line == 3 and d.fix is None


@pytest.mark.parametrize("prefix, what", [("  \n", "whitespace"), ("junk", "text"), (" \ufeff", "byte-order mark")])
def test_text_before_the_declaration(prefix: str, what: str) -> None:
    body = prefix + corpus_text("contact_create.xml")
    req, d = _one(body)
    assert what in d.message and (d.line, d.column) == (1, 1)
    fixed = d.fix.apply(req)  # type: ignore[union-attr]
    assert fixed.body == corpus_text("contact_create.xml")
    assert lint_request(fixed) == []


def test_leading_bom_is_a_warning_with_a_fix() -> None:
    req, d = _one("\ufeff" + corpus_text("contact_create.xml"))
    assert d.severity is Severity.WARNING and d.start == 0
    assert d.fix.apply(req).body == corpus_text("contact_create.xml")  # type: ignore[union-attr]


def test_double_bom_is_an_error() -> None:
    req, d = _one("\ufeff\ufeff<entry/>")
    assert d.severity is Severity.ERROR and "byte-order mark" in d.message
    assert d.fix.apply(req).body == "<entry/>"  # type: ignore[union-attr]


def test_declared_encoding_contradicted_by_the_bytes() -> None:
    text = corpus_text("contact_create.xml").replace("<FirstName>Jo<", "<FirstName>Jos\u00e9<")
    raw = text.encode("latin-1")
    req = request(raw.decode("latin-1"))
    found = only(lint_request(req, body_bytes=raw), "L021")
    assert len(found) == 1 and "UTF-8" in found[0].message and found[0].line == 12
    assert only(lint_request(request(text), body_bytes=text.encode("utf-8")), "L021") == []


def test_declared_latin1_but_sent_as_utf8() -> None:
    text = mutate("contact_create.xml", 'encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Jo<", "Jos\u00e9<", 1)
    req, d = _one(text)
    assert "ISO-8859-1" in d.message and req.body[d.start:d.end] == "ISO-8859-1"
    assert lint_request(d.fix.apply(req)) == []  # type: ignore[union-attr]


def test_html_entity_gets_a_numeric_replacement() -> None:
    req, d = _one("<entry><title>a&nbsp;b</title></entry>")
    assert "&nbsp;" in d.message and req.body[d.start:d.end] == "&nbsp;"
    assert "a&#160;b" in d.fix.apply(req).body  # type: ignore[union-attr]


@pytest.mark.parametrize("body, words", [
    ("", None), ("<entry></entry><entry/>", "exactly one root"), ("<entry><title>", "ends before"),
    ("hello", "does not start with an XML element"), ("<a x='1' x='2'/>", "redefined"),
])
def test_other_errors_keep_lxml_positions(body: str, words: str | None) -> None:
    req = request(body, kind=BodyKind.XML)
    found = lint_request(req)
    assert_inside(req, found)
    if words is None:
        assert only(found, "L021") == []  # an empty body is not linted as XML
    else:
        assert words in only(found, "L021")[0].message


def test_broken_declaration_is_restored_and_the_rest_still_checked() -> None:
    body = mutate("contact_create.xml", '<?xml version="1.0" encoding="UTF-8"?>', '?xml version="1.0" encoding="UTF-8"?')
    body = body.replace("<EmailType>", "<emailtype>").replace("</EmailType>", "</emailtype>")
    req = request(body)
    found = lint_request(req)
    assert {"L027", "L007"} <= {d.code for d in found} and "L021" not in {d.code for d in found}
    l027 = only(found, "L027")[0]
    assert (l027.line, l027.column) == (1, 1)
    assert l027.fix.apply(req).body.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<entry')  # type: ignore[union-attr]


@pytest.mark.parametrize("broken", ['?xml version="1.0"?', '<?xml version="1.0"?', '?xml version="1.0"?>',
                                    'xml version="1.0"?>'])
def test_broken_declaration_variants(broken: str) -> None:
    req = request(broken + "\n<entry/>", kind=BodyKind.XML)
    hits = only(lint_request(req), "L027")
    if broken.startswith("xml"):
        assert hits == [] and only(lint_request(req), "L021")  # plain text: L021 speaks instead
        return
    assert len(hits) == 1
    assert hits[0].fix.apply(req).body == '<?xml version="1.0"?>\n<entry/>'  # type: ignore[union-attr]


def test_entity_bomb_is_reported_not_expanded() -> None:
    lol = "".join(f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 1 if i else "lol"}{("&l" + str(i - 1) + ";") * 9 if i else ""}">' for i in range(10))
    body = f"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [{lol}]>\n<lolz>&l9;</lolz>"
    req = request(body)
    found = lint_request(req)
    assert [d.code for d in found if d.where.value == "body"] == ["L030"]
    assert found[0].line == 2


def test_xxe_is_reported() -> None:
    body = '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><entry>&x;</entry>'
    found = lint_request(request(body))
    assert "L030" in {d.code for d in found} and all("root:" not in d.message for d in found)


def test_concatenated_documents_second_declaration() -> None:
    req, d = _one('<entry/>\n<?xml version="1.0"?>\n<entry/>')
    assert "second XML declaration" in d.message and (d.line, d.column) == (2, 1) and d.fix is None


@pytest.mark.parametrize("body, words", [
    ("<entry>" + "<a>" * 300 + "</a>" * 300 + "</entry>", "nests elements more than 256 deep"),
    ("<entry><title>" + "x" * (10 * 1024 * 1024 + 16) + "</title></entry>", "text node is larger than 10 MB"),
])
def test_parser_limits_read_as_plain_words(body: str, words: str) -> None:
    req, d = _one(body)
    assert words in d.message, d.message
    assert not any(w in d.message + d.hint for w in ("XML_PARSE", "xmlCtxt", "Huge input", "Resource limit"))


def test_entity_declarations_after_a_long_comment_are_found() -> None:
    doctype = '<!DOCTYPE entry [<!ENTITY e "x">]>'
    req, d = _one("<!--" + " " * 70_000 + "-->\n" + doctype + "\n<entry>&e;</entry>", "L030")
    assert req.body[d.start:d.end] == doctype
