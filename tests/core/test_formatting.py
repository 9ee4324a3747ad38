from __future__ import annotations

from ctct_desktop.core.formatting import Syntax, decode_text, detect_syntax, format_editor_text, pretty


def test_xml_is_indented_and_keeps_declaration() -> None:
    out = pretty(b"<?xml version='1.0' encoding='UTF-8'?><feed><entry><id>1</id></entry></feed>", "application/atom+xml")
    assert out.note is None
    assert out.text.splitlines() == ["<?xml version='1.0' encoding='UTF-8'?>", "<feed>", "  <entry>",
                                     "    <id>1</id>", "  </entry>", "</feed>"]


def test_json_pretty_and_error_position() -> None:
    assert pretty(b'{"a":[1,2]}', "application/json").text == '{\n  "a": [\n    1,\n    2\n  ]\n}\n'
    bad = pretty(b'{"a":\n [1,}', "application/json")
    assert bad.note and "line 2" in bad.note and bad.text == '{"a":\n [1,}'


def test_form_is_decoded_one_per_line() -> None:
    out = pretty(b"activityType=SV_ADD&lists=http%3A%2F%2Fx%2Flists%2F1", "application/x-www-form-urlencoded")
    assert out.text == "activityType = SV_ADD\nlists = http://x/lists/1\n"


def test_detection_and_binary() -> None:
    assert detect_syntax(b"  {\"a\":1}") is Syntax.JSON
    assert detect_syntax(b"<html><body/></html>") is Syntax.HTML
    assert detect_syntax(b"Error 400: bad") is Syntax.TEXT
    assert pretty(b"\x00\x01\x02", "").syntax is Syntax.BINARY


def test_charset_is_honoured() -> None:
    assert decode_text("café".encode("latin-1"), "text/plain; charset=ISO-8859-1") == "café"
    assert decode_text(b"\xff", "text/plain; charset=nonsense") == "\ufffd"


def test_editor_format_leaves_form_bodies_alone() -> None:
    assert format_editor_text("a=1&b=2", Syntax.FORM).text == "a=1&b=2"
    assert format_editor_text("<a><b/></a>", Syntax.XML).text == "<a>\n  <b/>\n</a>\n"
