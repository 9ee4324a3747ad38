"""Which pygments lexer reads which syntax, plus a small lexer for form-urlencoded bodies.

Pure Python (no Qt), so lexing can run in any worker thread.
"""

from __future__ import annotations

from pygments.lexer import Lexer, RegexLexer
from pygments.token import Name, Operator, Punctuation, String, Text

from ctct_desktop.core.formatting import Syntax


class FormLexer(RegexLexer):
    """application/x-www-form-urlencoded, and the decoded "name = value" lines of the Pretty view."""

    name = "Form URL-encoded"
    aliases = ["form-urlencoded"]
    tokens = {
        "root": [
            (r"\n", Text),
            (r"&", Punctuation),
            (r"%[0-9A-Fa-f]{2}|\+", String.Escape),
            (r"\s*=\s*", Operator, "value"),
            (r"[^=&%+\n]+", Name.Attribute),
            (r"%", Name.Attribute),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            (r"&", Punctuation, "#pop"),
            (r"%[0-9A-Fa-f]{2}|\+", String.Escape),
            (r"[^&%+\n]+", String),
            (r"%", String),
        ],
    }


def lexer_for(syntax: Syntax) -> Lexer | None:
    """A fresh lexer for the syntax (lexers keep state; never share one across threads)."""
    if syntax is Syntax.XML:
        from pygments.lexers.html import XmlLexer

        return XmlLexer()
    if syntax is Syntax.JSON:
        from pygments.lexers.data import JsonLexer

        return JsonLexer()
    if syntax is Syntax.HTML:
        from pygments.lexers.html import HtmlLexer

        return HtmlLexer()
    if syntax is Syntax.FORM:
        return FormLexer()
    return None
