from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from ctct_desktop.core.formatting import Syntax, pretty
from ctct_desktop.core.xml_safety import parse_bytes
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
