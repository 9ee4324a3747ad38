"""Re-indent XML a chunk at a time: a view of the bytes, not a re-serialisation (attribute
order, quoting and entity references stay as the server wrote them).

Nesting is checked as it goes (an end tag that does not close what is open is an error with its
offset); full well-formedness is lxml's to check beside it (``pretty.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ctct_desktop.core.paging.reindent import INDENTS as _INDENTS
from ctct_desktop.core.paging.reindent import MAX_TOKEN_BYTES, ReindentError

_TAG_BODY = re.compile(rb"""[^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+>""")  # unrolled: runs scanned in C
# The ends of the tokens that may hold a '<' of their own.
_SPECIAL_ENDS = ((b"!--", b"-->"), (b"![CDATA[", b"]]>"), (b"?", b"?>"))


class XmlReindenter:
    """Feed UTF-8 chunks, get formatted bytes back; ``finish()`` checks that everything closed.

    Well-formed XML has a '<' only where a tag, comment, CDATA section, PI or doctype starts
    (attribute values and text cannot hold one), so a chunk split at '<' (C speed) gives one
    piece per tag with the text that follows it; only comments, CDATA and PIs, which may hold
    '<', are joined back. That keeps the Python work to a few operations per tag."""

    def __init__(self) -> None:
        self._carry = b""
        self._consumed = 0  # input bytes before ``_carry``
        self._open: list[bytes] = []  # names of the elements written as open
        self._pending: tuple[bytes, bytes, bytes] | None = None  # a start tag not written yet: (tag, name, text)
        self.declares_entities = False  # a DOCTYPE with <!ENTITY> went by (the caller shows such a body raw)

    def feed(self, data: bytes) -> bytes:
        return self._run(self._carry + data, final=False)

    def finish(self) -> bytes:
        out = self._run(self._carry, final=True)
        if self._pending is not None or self._open:
            name = (self._pending[1] if self._pending is not None else self._open[-1]).decode("utf-8", "replace")
            raise ReindentError(f"The document ends before <{name}> is closed.", self._consumed)
        return out

    def _run(self, data: bytes, final: bool) -> bytes:
        limit = len(data) if final else data.rfind(b"<")  # the piece after the last '<' may be cut
        if limit <= 0:
            self._carry = data
            self._check_carry()
            return b""
        out: list[bytes] = []
        write = out.append
        opened = self._open
        indents = _INDENTS
        pieces = data[:limit].split(b"<")
        self._text(pieces[0], write)  # before the first tag (whitespace)
        # the pending start tag in locals (this loop runs once per tag: attribute access counts)
        pending = self._pending
        p_tag, p_name, p_text = pending if pending is not None else (b"", b"", b"")
        has_pending = pending is not None
        index, count = 1, len(pieces)
        tag_body = _TAG_BODY.match
        while index < count:
            piece = pieces[index]
            index += 1
            first = piece[:1]
            if first == b"/":
                gt = piece.find(b">")
                if gt < 0:
                    raise self._error("An end tag is not closed with '>'.", pieces, index)
                name = piece[1:gt].rstrip()
                if has_pending:
                    if p_name != name:
                        raise self._mismatch(p_name, name, pieces, index)
                    write(indents[len(opened)] + p_tag + p_text + b"<" + piece[:gt + 1] + b"\n")
                    has_pending = False
                else:
                    if not opened or opened[-1] != name:
                        raise self._mismatch(opened[-1] if opened else b"", name, pieces, index)
                    opened.pop()
                    write(indents[len(opened)] + b"<" + piece[:gt + 1] + b"\n")
                rest = piece[gt + 1:]
            elif first == b"!" or first == b"?":
                self._pending = (p_tag, p_name, p_text) if has_pending else None
                start = index - 1
                token, index, rest, complete = self._special(piece, pieces, index)
                if not complete:
                    if final:
                        raise self._error("The document ends inside a comment, CDATA section or declaration.",
                                          pieces, start + 1)
                    cut = sum(len(p) + 1 for p in pieces[:start]) - 1  # where this token's '<' is
                    self._consumed += cut
                    self._carry = data[cut:]
                    self._check_carry()
                    return b"".join(out)
                if has_pending and not p_text and token.startswith(b"<![CDATA["):
                    p_text = token
                else:
                    if token.startswith(b"<!DOCTYPE") and b"<!ENTITY" in token:
                        self.declares_entities = True
                    self._flush(write)
                    has_pending = False
                    write(indents[len(opened)] + token + b"\n")
            else:
                gt = piece.find(b">")
                if gt > 0 and (b'"' in piece or b"'" in piece):
                    body = tag_body(piece)  # a '>' may stand inside a quoted attribute value
                    gt = body.end() - 1 if body is not None else -1
                if gt < 0:
                    raise self._error("A start tag is not closed with '>'.", pieces, index)
                if has_pending:
                    write(indents[len(opened)] + p_tag + b"\n")
                    opened.append(p_name)
                    if p_text:
                        write(indents[len(opened)] + p_text.strip() + b"\n")
                if piece[gt - 1:gt] == b"/":
                    write(indents[len(opened)] + b"<" + piece[:gt + 1] + b"\n")
                    has_pending = False
                else:
                    space = piece.find(b" ", 0, gt)
                    p_tag, p_name, p_text = b"<" + piece[:gt + 1], piece[:gt if space < 0 else space], b""
                    if b"\n" in p_name or b"\t" in p_name or b"\r" in p_name:
                        p_name = p_name.split(None, 1)[0]
                    has_pending = True
                rest = piece[gt + 1:]
            if rest and not rest.isspace():
                if has_pending and not p_text:
                    p_text = rest
                else:
                    self._pending = (p_tag, p_name, p_text) if has_pending else None
                    self._text(rest, write)
                    has_pending = False
        self._pending = (p_tag, p_name, p_text) if has_pending else None
        self._consumed += limit
        self._carry = data[limit:]
        self._check_carry()
        return b"".join(out)

    def _special(self, piece: bytes, pieces: list[bytes], index: int) -> tuple[bytes, int, bytes, bool]:
        """A comment, CDATA section, PI or doctype starting with ``piece``, joined back over the
        pieces its own '<' split it into: (token, next index, text after it, complete)."""
        end = b">"
        for opening, closing in _SPECIAL_ENDS:
            if piece.startswith(opening):
                end = closing
                break
        else:
            if b"[" in piece.split(b">", 1)[0]:
                end = b"]>"  # a doctype with an internal subset ends at "]>"
        joined = piece
        found = joined.find(end, len(end) if end != b">" else 0)
        while found < 0 and index < len(pieces):
            joined += b"<" + pieces[index]
            index += 1
            found = joined.find(end)
        if found < 0:
            return b"", index, b"", False
        stop = found + len(end)
        return b"<" + joined[:stop], index, joined[stop:], True

    def _text(self, text: bytes, write: Callable[[bytes], object]) -> None:
        if not text or text.isspace():
            return
        pending = self._pending
        if pending is not None and not pending[2]:
            self._pending = (pending[0], pending[1], text)
            return
        self._flush(write)
        write(_INDENTS[len(self._open)] + text.strip() + b"\n")

    def _flush(self, write: Callable[[bytes], object]) -> None:
        """The pending start tag has children: write it open (with its text on its own line)."""
        pending = self._pending
        if pending is None:
            return
        self._pending = None
        write(_INDENTS[len(self._open)] + pending[0] + b"\n")
        self._open.append(pending[1])
        if pending[2]:
            write(_INDENTS[len(self._open)] + pending[2].strip() + b"\n")

    def _check_carry(self) -> None:
        if len(self._carry) > MAX_TOKEN_BYTES:
            raise ReindentError(f"One tag, text or comment is larger than {MAX_TOKEN_BYTES >> 20} MB.", self._consumed)

    def _error(self, message: str, pieces: list[bytes], index: int) -> ReindentError:
        """An error in ``pieces[index - 1]``, at its '<' (offsets are worked out only here)."""
        return ReindentError(message, self._consumed + sum(len(p) + 1 for p in pieces[:index - 1]) - 1)

    def _mismatch(self, expected: bytes, found: bytes, pieces: list[bytes], index: int) -> ReindentError:
        shown = found.decode("utf-8", "replace")
        where = self._error("", pieces, index).offset
        if not expected:
            return ReindentError(f"</{shown}> closes an element that is not open.", where)
        return ReindentError(f"</{shown}> closes <{expected.decode('utf-8', 'replace')}>, which is still open.", where)
