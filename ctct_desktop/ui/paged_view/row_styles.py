"""Syntax colours for the rows on screen only: each row is lexed on its own, as far as the view
shows it, and remembered, so scrolling a 100 MB body lexes a screen at a time.

A row lexed alone can start inside a tag or a string; pygments then colours a few characters
wrongly, which a paged view accepts in exchange for never lexing what is not shown.
"""

from __future__ import annotations

from collections import OrderedDict

from pygments.lexer import Lexer
from pygments.token import _TokenType

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.ui.highlighting.lexers import lexer_for
from ctct_desktop.ui.highlighting.spans import style_of

Spans = list[tuple[int, int, int]]  # (column, length, style class)
_CACHED = 1024


class RowStyles:
    """Spans per (row, characters lexed)."""

    def __init__(self, syntax: Syntax) -> None:
        self._lexer: Lexer | None = lexer_for(syntax)
        self._cache: OrderedDict[int, tuple[int, Spans]] = OrderedDict()
        self._token_styles: dict[_TokenType, int] = {}

    @property
    def active(self) -> bool:
        return self._lexer is not None

    def clear(self) -> None:
        self._cache.clear()

    def spans(self, number: int, text: str, upto: int) -> Spans:
        """Spans of row ``number`` covering at least its first ``upto`` characters."""
        if self._lexer is None or not text:
            return []
        cached = self._cache.get(number)
        if cached is not None and (cached[0] >= upto or cached[0] >= len(text)):
            self._cache.move_to_end(number)
            return cached[1]
        length = min(len(text), max(upto, 256) * 2)  # some room to scroll right without lexing again
        found: Spans = []
        for column, token, value in self._lexer.get_tokens_unprocessed(text[:length]):
            style = style_of(token, self._token_styles)
            if style and value.strip():
                found.append((column, len(value.rstrip("\n")), style))
        self._cache[number] = (length, found)
        if len(self._cache) > _CACHED:
            self._cache.popitem(last=False)
        return found
