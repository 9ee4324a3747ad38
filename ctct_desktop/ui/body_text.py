"""Qt-free preparation of a response body for display: text, syntax, note, and lexed spans.

Kept free of Qt (and of the Qt-importing packages) so it can run in a separate process, where
its CPU work does not compete with the UI thread for the GIL.
"""

from __future__ import annotations

from ctct_desktop.core.formatting import Formatted, Syntax, decode_text, detect_syntax, pretty
from ctct_desktop.ui.highlighting.spans import LineSpans, lex_spans


def display_text(text: str) -> str:
    """Make '\\n' the only line break, so editor blocks and lexed lines always correspond."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2029", "\n").replace("\u2028", "\n")
    return text


def prepare_text(body: bytes, content_type: str, pretty_view: bool) -> Formatted:
    """Pure: the text a view shows, its syntax and an optional note (e.g. why it is raw)."""
    if pretty_view:
        formatted = pretty(body, content_type)
        return Formatted(display_text(formatted.text), formatted.syntax, formatted.note)
    syntax = detect_syntax(body, content_type)
    if syntax is Syntax.BINARY:
        return pretty(body, content_type)
    return Formatted(display_text(decode_text(body, content_type)), syntax)


def lex_text(text: str, syntax: Syntax) -> LineSpans | None:
    """Process-pool entry point for lexing (no cancel: the caller drops stale results)."""
    return lex_spans(text, syntax)
