"""Lexing into line spans: exact positions, and never a crash on hostile text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.ui.body_text import display_text, prepare_text
from ctct_desktop.ui.highlighting.spans import StyleClass, lex_spans


def _styled(text: str, syntax: Syntax) -> list[tuple[int, str, StyleClass]]:
    spans = lex_spans(text, syntax)
    assert spans is not None
    lines = text.split("\n")
    return [(n, lines[n][c:c + length], StyleClass(style))
            for n in range(spans.line_count) for c, length, style in spans.spans_of(n)]


def test_xml_spans_point_at_the_right_text() -> None:
    styled = _styled('<a x="1">\n  <!-- two\nlines -->\n</a>', Syntax.XML)
    assert (0, "<a", StyleClass.TAG) in styled
    assert (0, "x=", StyleClass.ATTRIBUTE) in styled or (0, "x", StyleClass.ATTRIBUTE) in styled
    assert (0, '"1"', StyleClass.STRING) in styled
    assert (1, "<!-- two", StyleClass.COMMENT) in styled  # a multi-line comment is split per line
    assert (2, "lines -->", StyleClass.COMMENT) in styled
    assert (3, "</a>", StyleClass.TAG) in styled


def test_json_and_form_spans() -> None:
    json_styled = _styled('{"a": [1, true, "x"]}', Syntax.JSON)
    assert (0, "1", StyleClass.NUMBER) in json_styled and (0, "true", StyleClass.KEYWORD) in json_styled
    form = _styled("email=a%2Bb%40example.com&x=+", Syntax.FORM)
    assert (0, "email", StyleClass.ATTRIBUTE) in form
    assert (0, "%2B", StyleClass.ESCAPE) in form and (0, "+", StyleClass.ESCAPE) in form


def test_text_has_no_lexer() -> None:
    assert lex_spans("plain", Syntax.TEXT) is None


def test_display_text_has_only_newlines() -> None:
    assert display_text("a\r\nb\rc\u2028d\u2029e") == "a\nb\nc\nd\ne"


def test_prepare_text_views() -> None:
    pretty = prepare_text(b'{"a":1}', "application/json", pretty_view=True)
    raw = prepare_text(b'{"a":1}', "application/json", pretty_view=False)
    assert pretty.text == '{\n  "a": 1\n}\n' and raw.text == '{"a":1}'
    binary = prepare_text(b"\x00\x01", "application/octet-stream", pretty_view=False)
    assert "binary" in binary.text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from([Syntax.XML, Syntax.JSON, Syntax.FORM, Syntax.HTML]))
def test_spans_stay_inside_their_lines_on_any_text(text: str, syntax: Syntax) -> None:
    text = display_text(text)
    spans = lex_spans(text, syntax)
    assert spans is not None
    lines = text.split("\n")
    assert spans.line_count == len(lines)
    for n, line in enumerate(lines):
        for column, length, _style in spans.spans_of(n):
            assert length > 0 and column + length <= len(line)
