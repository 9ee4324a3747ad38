"""A body file formatted into a second file: XML and JSON, their charsets, and every way a body
falls back to Raw with its reason (broken, hostile, cancelled)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from ctct_desktop.core.formatting import Syntax, pretty
from ctct_desktop.core.paging.pretty import PrettyCancelled, pretty_file, pretty_head, pretty_rest


def _write(tmp_path: Path, data: bytes, name: str = "body") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_xml_is_formatted_into_the_target_with_progress(tmp_path: Path) -> None:
    entries = b"".join(b"<entry><id>%d</id><title>Contact %d</title></entry>" % (i, i) for i in range(3000))
    source = _write(tmp_path, b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">' + entries + b"</feed>")
    seen: list[tuple[int, int]] = []
    result = pretty_file(source, tmp_path / "pretty", chunk=4096, progress=lambda read, total: seen.append((read, total)))
    assert result.path == tmp_path / "pretty" and result.syntax is Syntax.XML and result.note is None
    assert result.path.read_text() == pretty(source.read_bytes(), "application/xml").text
    size = source.stat().st_size
    assert seen[-1] == (size, size) and len(seen) == -(-size // 4096)


def test_json_is_formatted_like_json_dumps(tmp_path: Path) -> None:
    value = {"results": [{"id": i, "email": f"c{i}@example.com", "lists": [1, 2]} for i in range(500)]}
    source = _write(tmp_path, json.dumps(value).encode())
    result = pretty_file(source, tmp_path / "pretty", "application/json", chunk=1000)
    assert result.path is not None
    assert result.path.read_text() == json.dumps(value, indent=2) + "\n"


def test_utf16_xml_and_latin1_json_come_out_as_utf8(tmp_path: Path) -> None:
    xml = _write(tmp_path, '<?xml version="1.0" encoding="UTF-16"?><a><b>Zoë</b></a>'.encode("utf-16"), "x")
    result = pretty_file(xml, tmp_path / "x.pretty", chunk=7)
    assert result.path is not None and "  <b>Zoë</b>" in result.path.read_text(encoding="utf-8")
    body = _write(tmp_path, '{"name":"Zoë"}'.encode("latin-1"), "j")
    result = pretty_file(body, tmp_path / "j.pretty", "application/json; charset=ISO-8859-1")
    assert result.path is not None and result.path.read_text(encoding="utf-8") == '{\n  "name": "Zoë"\n}\n'


def test_a_utf8_bom_is_not_shown(tmp_path: Path) -> None:
    result = pretty_file(_write(tmp_path, b"\xef\xbb\xbf<a><b/></a>"), tmp_path / "pretty")
    assert result.path is not None and result.path.read_bytes() == b"<a>\n  <b/>\n</a>\n"


def test_broken_xml_is_shown_raw_with_where(tmp_path: Path) -> None:
    result = pretty_file(_write(tmp_path, b"<a>\n<b>\n</a>"), tmp_path / "pretty")
    assert result.path is None and not (tmp_path / "pretty").exists()
    assert result.note == "Shown raw: Opening and ending tag mismatch: b line 2 and a (line 3, column 5)"


def test_an_entity_declaration_is_refused_not_expanded(tmp_path: Path) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b"<lolz>&lol2;</lolz>")
    result = pretty_file(_write(tmp_path, bomb), tmp_path / "pretty")
    assert result.path is None and result.note is not None and "declares XML entities" in result.note


def test_an_undefined_entity_or_a_huge_text_node_is_shown_raw(tmp_path: Path) -> None:
    result = pretty_file(_write(tmp_path, b"<a>&nope;</a>"), tmp_path / "pretty")
    assert result.path is None and result.note is not None and "nope" in result.note
    huge = b"<a>" + b"x" * (11 << 20) + b"</a>"
    result = pretty_file(_write(tmp_path, huge, "huge"), tmp_path / "huge.pretty")
    assert result.path is None and result.note is not None and "larger than 10 MB" in result.note


def test_broken_json_says_line_and_column(tmp_path: Path) -> None:
    result = pretty_file(_write(tmp_path, b'{"a":\n 1,\n "b" 2}'), tmp_path / "pretty", "application/json")
    assert result.path is None
    assert result.note == 'Shown raw: “"b" 2” is not an object member ("name": value). (line 3, column 2)'


def test_text_has_no_pretty_form(tmp_path: Path) -> None:
    result = pretty_file(_write(tmp_path, b"just words\n"), tmp_path / "pretty", "text/plain")
    assert result == type(result)(None, Syntax.TEXT) and not (tmp_path / "pretty").exists()


def test_cancel_stops_and_removes_the_partial_file(tmp_path: Path) -> None:
    source = _write(tmp_path, b"<a>" + b"<b>x</b>" * 100_000 + b"</a>")
    cancel = threading.Event()
    with pytest.raises(PrettyCancelled):
        pretty_file(source, tmp_path / "pretty", chunk=1000, cancel=cancel,
                    progress=lambda read, total: cancel.set())
    assert not (tmp_path / "pretty").exists()


@pytest.mark.parametrize("kind", ["xml", "json", "latin1-json"])
def test_a_head_then_the_rest_make_the_same_file_as_one_run(tmp_path: Path, kind: str) -> None:
    """The first screen is formatted in the UI process and the rest in the helper process after
    it: the file must be byte for byte what one run writes, whatever the head's size."""
    if kind == "xml":
        data = b'\xef\xbb\xbf<?xml version="1.0"?><feed>' + b"".join(
            b"<entry a='1>2'><id>%d</id><!-- a < b --><t><![CDATA[<x>]]></t>text %d</entry>" % (i, i)
            for i in range(2000)) + b"</feed>"
        content_type = "application/xml"
    else:
        value = {"results": [{"id": i, "name": f"n\u00e9 {i}", "lists": [1, [2, {}]]} for i in range(2000)]}
        data = json.dumps(value, ensure_ascii=False).encode("latin-1" if kind == "latin1-json" else "utf-8")
        content_type = "application/json; charset=latin-1" if kind == "latin1-json" else "application/json"
    source = _write(tmp_path, data)
    whole = pretty_file(source, tmp_path / "whole", content_type)
    assert whole.path is not None
    for head_size in (1, 777, 4096, 65536, len(data) + 10):
        target = tmp_path / f"split-{head_size}"
        written = pretty_head(source, target, content_type, size=head_size)
        assert written == (target.stat().st_size if target.exists() else 0)
        result = pretty_rest(source, target, content_type, written)
        assert result.path == target and target.read_bytes() == whole.path.read_bytes()


def test_a_broken_head_writes_nothing_and_the_rest_says_why(tmp_path: Path) -> None:
    source = _write(tmp_path, b"<a><b></a>" + b"<c/>" * 100)
    target = tmp_path / "pretty"
    assert pretty_head(source, target, "application/xml") == 0
    result = pretty_rest(source, target, "application/xml", 0)
    assert result.path is None and result.note is not None and result.note.startswith("Shown raw")
    assert not target.exists()
