"""L030 follows the parser: entity declarations after a long prolog, or in a UTF-16 file, are
reported (they passed the old 64 KiB ASCII scan and their references vanished)."""

from __future__ import annotations

import pytest

from ctct_desktop.lint import lint_request
from tests.lint.support import assert_inside, only, request

pytestmark = pytest.mark.filterwarnings("error")

_DOCTYPE = '<!DOCTYPE entry [<!ENTITY a "aaaa">]>'
_ENTRY = '<entry xmlns="http://www.w3.org/2005/Atom"><title>&a;</title></entry>'


def test_a_doctype_after_a_64_kib_comment_is_l030_at_the_doctype() -> None:
    body = "<!--" + "x" * 70_000 + "-->\n" + _DOCTYPE + "\n" + _ENTRY
    req = request(body)
    found = lint_request(req)
    assert_inside(req, found)
    hits = only(found, "L030")
    assert len(hits) == 1 and hits[0].line == 2
    assert req.body[hits[0].start:hits[0].end] == _DOCTYPE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_utf16_file_that_declares_entities_is_l030(encoding: str) -> None:
    declaration = "" if encoding == "utf-16" else f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    body = declaration + _DOCTYPE + _ENTRY
    found = lint_request(request(body), body_bytes=body.encode(encoding))
    assert [d.code for d in found if d.code in ("L021", "L030")] == ["L030"]
