"""Syntax colours for the rows on screen only: each row is lexed on its own, as far as the view
shows it, and remembered, so scrolling a 100 MB body lexes a screen at a time.

A row not lexed yet is painted plain and queued; the view lexes the queue in steps of a few
milliseconds between events (``lex_pending``) and repaints when it is done. Lexing a screen of a
minified JSON body in the paint took 30 ms alone (pygments' JSON lexer steps a character at a
time in Python), and more while workers share the GIL: the paint must stay short.

A row lexed alone can start inside a tag or a string; pygments then colours a few characters
wrongly, which a paged view accepts in exchange for never lexing what is not shown.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import TYPE_CHECKING

from pygments.token import _TokenType

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.ui.highlighting.spans import style_of

if TYPE_CHECKING:
    from pygments.lexer import Lexer

Spans = list[tuple[int, int, int]]  # (column, length, style class)
_CACHED = 1024


class RowStyles:
    """Spans per (row, characters lexed)."""

    def __init__(self, syntax: Syntax) -> None:
        self._lexer: Lexer | None = None
        if syntax is not Syntax.TEXT and syntax is not Syntax.BINARY:
            from ctct_desktop.ui.highlighting.lexers import lexer_for  # deferred: start-up (measured: pygments.lexer)

            self._lexer = lexer_for(syntax)
        self._cache: OrderedDict[int, tuple[int, Spans]] = OrderedDict()
        self._token_styles: dict[_TokenType, int] = {}
        self._pending: dict[int, tuple[str, int]] = {}  # rows painted plain, to lex: (text, upto)

    @property
    def active(self) -> bool:
        return self._lexer is not None

    def clear(self) -> None:
        self._cache.clear()
        self._pending.clear()

    @property
    def pending(self) -> bool:
        """Rows were painted plain and wait to be lexed."""
        return bool(self._pending)

    def spans(self, number: int, text: str, upto: int, lex: bool = False) -> Spans:
        """Spans of row ``number`` covering at least its first ``upto`` characters; a row not
        lexed yet gets none and is queued for ``lex_pending`` (``lex``: lex it now instead)."""
        if self._lexer is None or not text:
            return []
        cached = self._cache.get(number)
        if cached is not None and (cached[0] >= upto or cached[0] >= len(text)):
            self._cache.move_to_end(number)
            return cached[1]
        if not lex:
            self._pending[number] = (text, upto)
            return cached[1] if cached is not None else []
        return self._lex(number, text, upto)

    def lex_pending(self, budget_s: float) -> bool:
        """Lex queued rows for about ``budget_s``; True when the queue is empty (time to repaint)."""
        deadline = time.perf_counter() + budget_s
        while self._pending:
            number = next(iter(self._pending))
            text, upto = self._pending.pop(number)
            self._lex(number, text, upto)
            if time.perf_counter() >= deadline:
                break
        return not self._pending

    def _lex(self, number: int, text: str, upto: int) -> Spans:
        assert self._lexer is not None
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
