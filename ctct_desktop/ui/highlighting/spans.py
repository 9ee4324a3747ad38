"""Lex a whole text into compact per-line spans, off the UI thread.

The spans for a 25 MB document are a few flat ``array`` columns (about 9 bytes per token), not
millions of tuples, so a later push to 100 MB bodies stays within memory. Pure Python, no Qt.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable
from enum import IntEnum

from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String, _TokenType

from ctct_desktop.core.formatting import Syntax

ProgressFn = Callable[[int, int], None]  # (characters lexed, total characters)


class StyleClass(IntEnum):
    """The few visual classes the palettes colour; 0 means "leave as plain text"."""

    PLAIN = 0
    TAG = 1
    ATTRIBUTE = 2
    STRING = 3
    COMMENT = 4
    KEYWORD = 5
    NUMBER = 6
    PUNCTUATION = 7
    ERROR = 8
    ESCAPE = 9


_ORDER: tuple[tuple[_TokenType, StyleClass], ...] = (
    (Error, StyleClass.ERROR),
    (Comment, StyleClass.COMMENT),
    (String.Escape, StyleClass.ESCAPE),
    (Name.Entity, StyleClass.ESCAPE),
    (String, StyleClass.STRING),
    (Name.Tag, StyleClass.TAG),
    (Name.Attribute, StyleClass.ATTRIBUTE),
    (Keyword, StyleClass.KEYWORD),
    (Number, StyleClass.NUMBER),
    (Operator, StyleClass.PUNCTUATION),
    (Punctuation, StyleClass.PUNCTUATION),
)


def style_of(token: _TokenType, cache: dict[_TokenType, int]) -> int:
    """Map a pygments token type to a StyleClass value (memoised per lexing run)."""
    found = cache.get(token)
    if found is None:
        found = next((int(cls) for parent, cls in _ORDER if token in parent), 0)
        cache[token] = found
    return found


class LineSpans:
    """Styled spans per line: columns are code points from the start of the line."""

    def __init__(self) -> None:
        self.first_token = array("I", [0])  # first_token[line] .. first_token[line + 1]
        self.column = array("I")
        self.length = array("I")
        self.style = array("B")

    @property
    def line_count(self) -> int:
        return len(self.first_token) - 1

    def spans_of(self, line: int) -> list[tuple[int, int, int]]:
        """(column, length, style) for one line; empty when the line has none or is unknown."""
        if line < 0 or line >= self.line_count:
            return []
        lo, hi = self.first_token[line], self.first_token[line + 1]
        return list(zip(self.column[lo:hi], self.length[lo:hi], self.style[lo:hi]))

    def _close_lines_until(self, line: int) -> None:
        while self.line_count < line:
            self.first_token.append(len(self.column))

    def _add(self, column: int, length: int, style: int) -> None:
        self.column.append(column)
        self.length.append(length)
        self.style.append(style)


class LexCancelled(Exception):
    """Raised inside lex_spans when the caller's cancel event is set."""


def lex_spans(text: str, syntax: Syntax, *, cancel: threading.Event | None = None,
              progress: ProgressFn | None = None) -> LineSpans | None:
    """Lex ``text`` (lines split on '\\n' only) into LineSpans; None when the syntax has no lexer.

    Raises LexCancelled when ``cancel`` gets set. Never raises for odd input: pygments marks what it
    cannot read as Error tokens.
    """
    from ctct_desktop.ui.highlighting.lexers import lexer_for  # deferred: start-up (measured: pygments.lexer)

    lexer = lexer_for(syntax)
    if lexer is None:
        return None
    spans = LineSpans()
    cache: dict[_TokenType, int] = {}
    line, line_start = 0, 0
    total = len(text)
    next_check = 0
    for index, token, value in lexer.get_tokens_unprocessed(text):
        if index >= next_check:
            next_check = index + 65536
            if cancel is not None and cancel.is_set():
                raise LexCancelled()
            if progress is not None:
                progress(index, total)
        style = style_of(token, cache)
        if "\n" not in value:
            if style:
                spans._add(index - line_start, len(value), style)
            continue
        offset = index
        for piece in value.split("\n")[:-1]:
            if style and piece:
                spans._add(offset - line_start, len(piece), style)
            offset += len(piece) + 1
            line += 1
            line_start = offset
            spans._close_lines_until(line)
        tail = value.rsplit("\n", 1)[1]
        if style and tail:
            spans._add(offset - line_start, len(tail), style)
    spans._close_lines_until(text.count("\n") + 1)
    return spans
