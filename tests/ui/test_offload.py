"""The helper process runs pure functions and gives the same answers as running them here."""

from __future__ import annotations

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.ui import offload
from ctct_desktop.ui.body_text import lex_text, prepare_text


def test_prepare_and_lex_in_the_helper_process() -> None:
    body = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry></feed>'
    try:
        remote = offload.run(prepare_text, body, "application/atom+xml", True)
        assert remote == prepare_text(body, "application/atom+xml", True)
        spans = offload.run(lex_text, remote.text, Syntax.XML)
        local = lex_text(remote.text, Syntax.XML)
        assert spans is not None and local is not None
        assert [spans.spans_of(n) for n in range(spans.line_count)] == \
            [local.spans_of(n) for n in range(local.line_count)]
    finally:
        offload.shutdown()
