from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from ctct_desktop.core.formatting import Syntax, pretty
from ctct_desktop.core.xml_safety import describe_error, make_parser, parse_bytes, parse_text
from tests.support.bodies import ENTITY_BOMB, XXE


def test_well_formed_document_parses() -> None:
    outcome = parse_bytes(b"<entry xmlns='http://www.w3.org/2005/Atom'><id>data:,none</id></entry>")
    assert outcome.root is not None and outcome.error is None


def test_entity_bomb_is_refused_not_expanded() -> None:
    outcome = parse_bytes(ENTITY_BOMB)
    assert outcome.root is None and outcome.hostile
    assert "entities" in (outcome.error or "")


def test_external_entity_never_reads_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    doc = XXE.replace(b"file:///etc/passwd", secret.as_uri().encode())
    formatted = pretty(doc, "application/xml")
    assert "TOP-SECRET-CONTENT" not in formatted.text
    assert formatted.note and "entities" in formatted.note


def test_syntax_error_reports_line_and_column() -> None:
    outcome = parse_bytes(b"<a>\n  <b>x</c>\n</a>")
    assert outcome.root is None and outcome.line == 2 and outcome.column is not None


def test_unescaped_ampersand() -> None:
    outcome = parse_bytes(b"<a href='x?a=1&b=2'/>")
    assert outcome.root is None and outcome.error


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_never_raises_on_random_bytes(data: bytes) -> None:
    parse_bytes(data)
    pretty(data, "application/xml")


def test_pretty_shows_raw_with_reason_for_malformed_xml() -> None:
    formatted = pretty(b"<a><b></a>", "application/xml")
    assert formatted.syntax is Syntax.XML and formatted.text == "<a><b></a>"
    assert formatted.note and "line 1" in formatted.note


# Entity declarations are found where the parser finds them: any position, any encoding.
_DECLARING = '<!DOCTYPE entry [<!ENTITY a "hidden">]><entry><title>x&a;y</title></entry>'
_LONG_COMMENT = "<!--" + "c" * 70_000 + "-->"


def _hostile(data: bytes) -> bool:
    outcome = parse_bytes(data)
    return outcome.hostile and outcome.root is None


def test_doctype_after_a_64_kib_comment_is_hostile() -> None:
    assert _hostile((_LONG_COMMENT + _DECLARING).encode())
    assert _hostile(('<?xml version="1.0"?>' + _LONG_COMMENT * 3 + "\n" + _DECLARING).encode())


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_doctype_in_utf16_and_utf32_is_hostile(encoding: str) -> None:
    declaration = f'<?xml version="1.0" encoding="{encoding.upper()}"?>' if encoding != "utf-16" else ""
    assert _hostile((declaration + _DECLARING).encode(encoding))
    assert _hostile((declaration + _LONG_COMMENT + _DECLARING).encode(encoding))


def test_doctype_spelled_in_utf7_base64_is_hostile() -> None:
    doctype = "+" + base64.b64encode("<!DOCTYPE".encode("utf-16-be")).decode().rstrip("=") + "-"
    data = b'<?xml version="1.0" encoding="UTF-7"?>' + doctype.encode() + b' e [<!ENTITY a "x">]><e>&a;</e>'
    assert b"DOCTYPE" not in data and _hostile(data)


def test_parameter_and_external_entities_are_hostile() -> None:
    assert _hostile(b'<!DOCTYPE e [<!ENTITY % p "x">]><e/>')
    assert _hostile(b'<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e>&x;</e>')


def test_entity_bombs_in_attributes_and_broken_doctypes_are_still_refused() -> None:
    lol = '<!DOCTYPE l [<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)) + "]>"
    for data in ((lol + '<l a="&l9;"/>').encode(), b'<!DOCTYPE e [<!ENTITY a "x"> junk ]><e>&a;</e>'):
        outcome = parse_bytes(data)
        assert outcome.root is None and outcome.hostile


def test_what_only_looks_like_a_declaration_is_not_hostile() -> None:
    for data in (b'<e><![CDATA[<!DOCTYPE x [<!ENTITY a "b">]>]]></e>', b"<e><!-- <!DOCTYPE <!ENTITY --></e>",
                 b"<!DOCTYPE e><e>plain</e>", b'<!DOCTYPE e SYSTEM "e.dtd"><e/>'):
        outcome = parse_bytes(data)
        assert outcome.root is not None and not outcome.hostile, data


@settings(max_examples=60, deadline=None)
@given(padding=st.integers(0, 80_000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32-be"]),
       where=st.sampled_from(["comment", "pi", "space"]))
def test_declarations_are_found_after_any_prolog_in_any_encoding(padding: int, encoding: str, where: str) -> None:
    filler = {"comment": f"<!--{'x' * padding}-->", "pi": f"<?p {'y' * padding}?>", "space": " " * padding}[where]
    declaration = "" if encoding == "utf-16" else f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    data = (declaration + filler + _DECLARING).encode(encoding)
    assert _hostile(data)
    assert not parse_bytes((declaration + filler + "<entry>x</entry>").encode(encoding)).hostile


# ----- libxml2's limits in the user's words -------------------------------------------------
BIG = 10 * 1024 * 1024 + 16  # just past libxml2's 10 MB token limit
INTERNAL_WORDS = ("XML_PARSE", "xmlCtxt", "Huge input lookup", "Resource limit", "NCName")
_LEVELS = b"".join(b'<!ENTITY e%d "%s">' % (n, b"&e%d;" % (n - 1) * 10) for n in range(1, 7))
LATE_BOMB = b"<!--" + b" " * 70_000 + b'--><!DOCTYPE a [<!ENTITY e0 "xxxxxxxxxx">' + _LEVELS + b"]><a>&e6;&e6;</a>"
LIMITS = {
    "nests elements more than 256 deep": b"<a>" * 300 + b"</a>" * 300,
    "text node is larger than 10 MB": b"<a>" + b"x" * BIG + b"</a>",
    "larger than 10 MB": b'<a b="' + b"x" * BIG + b'"/>',
    "name is longer than 50,000 characters": b"<" + b"a" * 60_000 + b"/>",
    "comment is larger than 10 MB": b"<a><!--" + b"x" * BIG + b"--></a>",
    "CDATA section is larger than 10 MB": b"<a><![CDATA[" + b"x" * BIG + b"]]></a>",
    "processing instruction is larger than 10 MB": b"<a><?p " + b"x" * BIG + b"?></a>",
}


@pytest.mark.parametrize("words", sorted(LIMITS))
def test_limits_are_reported_in_plain_words(words: str) -> None:
    outcome = parse_bytes(LIMITS[words])
    assert outcome.root is None and outcome.error is not None and words in outcome.error, outcome.error
    assert not any(w in outcome.error for w in INTERNAL_WORDS), outcome.error
    assert outcome.line == 1 and outcome.column


def test_an_entity_that_expands_too_much_is_named_so() -> None:
    """A DOCTYPE pushed past the first 64 KiB by a comment used to reach libxml2, which then
    spoke of xmlCtxtSetMaxAmplification; it is now refused before parsing, like any other."""
    with pytest.raises(etree.XMLSyntaxError) as raw:
        etree.fromstring(LATE_BOMB, make_parser())
    assert "xmlCtxtSetMaxAmplification" in raw.value.msg  # what libxml2 itself says
    assert describe_error(raw.value.msg) == "An entity expands too much: the document would grow far beyond its own size."
    outcome = parse_bytes(LATE_BOMB)
    assert outcome.hostile and outcome.root is None


def test_older_libxml2_wording_is_translated_too() -> None:
    for message in ("Huge input lookup, line 1, column 2", "Excessive depth in document: 256 use XML_PARSE_HUGE option",
                    "Detected an entity reference loop", "Something new, try XML_PARSE_HUGE"):
        assert not any(w in describe_error(message) for w in INTERNAL_WORDS), message
    assert describe_error("Opening and ending tag mismatch: a line 1 and b") == "Opening and ending tag mismatch: a line 1 and b"


def test_lone_surrogates_in_editor_text_are_reported_not_raised() -> None:
    outcome = parse_text("<a>\ud800</a>")
    assert outcome.root is None and outcome.error
