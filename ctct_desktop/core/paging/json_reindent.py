"""Re-indent JSON a chunk at a time into ``json.dumps(indent=2)``'s shape; numbers, escapes and
key order stay as the server wrote them.
"""

from __future__ import annotations

import re

from ctct_desktop.core.paging.reindent import INDENTS as _INDENTS
from ctct_desktop.core.paging.reindent import MAX_TOKEN_BYTES, ReindentError

_STRING = rb'"[^"\\\x00-\x1f]*+(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*+)*+"'
_SCALAR = rb"(?:" + _STRING + rb"|-?(?:0|[1-9][0-9]*+)(?:\.[0-9]++)?(?:[eE][+-]?[0-9]++)?|true|false|null)"
_WS = rb"[ \t\r\n]*+"
_MEMBER = _STRING + _WS + rb":" + _WS + _SCALAR
_KEY = _STRING + _WS + rb":" + _WS
# Everything up to the next bracket that is not inside a string (C does the scanning).
_SEGMENT = re.compile(rb'(?:[^"{}\[\]]++|' + _STRING + rb")*+")
_STRINGS = re.compile(rb"(" + _STRING + rb")")


def _shape(pattern: bytes) -> re.Pattern[bytes]:
    return re.compile(pattern.replace(b"_", _WS))


# What may stand between two brackets, by where it stands: in an object or an array, right after
# its opening bracket or after a nested value, and whether a nested container or the close follows.
_SHAPES: dict[tuple[bytes, bool, bool], re.Pattern[bytes]] = {
    (b"{", True, False): _shape(b"_(?:" + _MEMBER + b"(?:_,_" + _MEMBER + b")*+)?_"),
    (b"{", True, True): _shape(b"_(?:" + _MEMBER + b"_,_)*+" + _KEY),
    (b"{", False, False): _shape(b"_(?:,_" + _MEMBER + b"_)*+"),
    (b"{", False, True): _shape(b"_(?:,_" + _MEMBER + b"_)*+,_" + _KEY),
    (b"[", True, False): _shape(b"_(?:" + _SCALAR + b"(?:_,_" + _SCALAR + b")*+)?_"),
    (b"[", True, True): _shape(b"_(?:" + _SCALAR + b"_,_)*+"),
    (b"[", False, False): _shape(b"_(?:,_" + _SCALAR + b"_)*+"),
    (b"[", False, True): _shape(b"_(?:,_" + _SCALAR + b"_)*+,_"),
    (b"", True, False): _shape(b"_" + _SCALAR + b"_"),  # a body that is one scalar
    (b"", True, True): _shape(b"_"),
    (b"", False, False): _shape(b"_"),  # after the top-level value: only space
}
_BRACKET_BYTES = frozenset(b"{}[]")
_PAIRS = {b"{": b"}", b"[": b"]", b"}": b"{", b"]": b"["}
FLAT_SEGMENT_BYTES = 256 << 10  # a flat run longer than this (a huge array of numbers) is cut at a comma


class JsonReindenter:
    """Feed UTF-8 chunks of JSON, get ``json.dumps(indent=2)``-shaped bytes back.

    The loop runs once per bracket, not per value: what stands between two brackets (members,
    values, commas) is checked by one C regex against the shape the grammar allows there and
    re-spaced with C string methods. A member where a value belongs, a missing comma or colon,
    or a bracket that does not match is reported with where it is."""

    def __init__(self) -> None:
        self._carry = b""
        self._consumed = 0
        self._stack: list[bytes] = []  # open brackets
        self._first = True  # right after an opening bracket (or at the start)
        self._done = False  # the top-level value is complete
        self._opened = b""  # a bracket just opened: "{}" when it closes at once
        self._out: list[bytes] = []

    def feed(self, data: bytes) -> bytes:
        return self._run(self._carry + data, final=False)

    def finish(self) -> bytes:
        out = self._run(self._carry, final=True)
        if self._stack:
            raise ReindentError("The JSON ends before every object and array is closed.", self._consumed)
        if not self._done:
            raise ReindentError("The body holds no JSON value.", self._consumed)
        return out + b"\n"

    def _take(self) -> bytes:
        out, self._out = self._out, []
        return b"".join(out)

    def _run(self, data: bytes, final: bool) -> bytes:
        position, size = 0, len(data)
        segment_at = _SEGMENT.match
        while position < size:
            found = segment_at(data, position)
            end = found.end() if found is not None else position
            if end < size and data[end] in _BRACKET_BYTES:
                self._segment(data[position:end], True, data[end:end + 1], self._consumed + position)
                self._bracket(data[end:end + 1], self._consumed + end)
                position = end + 1
                continue
            if final:
                if end < size:
                    raise ReindentError("A string is not closed, or holds a character JSON does not allow.",
                                        self._consumed + end)
                self._segment(data[position:], False, b"", self._consumed + position)
                position = size
                break
            if end - position > FLAT_SEGMENT_BYTES:
                position = self._flat_part(data, position, end)
            break  # the rest may go on in the next chunk
        self._consumed += position
        self._carry = data[position:]
        if len(self._carry) > MAX_TOKEN_BYTES + FLAT_SEGMENT_BYTES:
            raise ReindentError(f"One JSON string is larger than {MAX_TOKEN_BYTES >> 20} MB.", self._consumed)
        return self._take()

    def _flat_part(self, data: bytes, start: int, end: int) -> int:
        """A flat run with no bracket yet (a huge array of numbers): format it up to its last
        comma outside a string; returns where the rest begins."""
        parts = _STRINGS.split(data[start:end])
        cut = end - start
        for index in range(len(parts) - 1, -1, -1):
            cut -= len(parts[index])
            if index % 2 == 0 and b"," in parts[index]:
                cut += parts[index].rindex(b",")
                break
        else:
            return start
        if cut <= 0:
            return start
        self._segment(data[start:start + cut], False, b"", self._consumed + start, partial=True)
        return start + cut

    def _segment(self, text: bytes, before_bracket: bool, bracket: bytes, offset: int, partial: bool = False) -> None:
        """What stands between two brackets: check its shape, then write it re-spaced."""
        container = self._stack[-1] if self._stack else b""
        opens = before_bracket and bracket in (b"{", b"[")
        if self._done:
            if text.strip() or before_bracket:
                raise ReindentError("There is more after the JSON value ended.", offset)
            return
        shape = _SHAPES.get((container, self._first, opens))
        if shape is None or shape.fullmatch(text) is None:
            message, where = _why(text, container, self._first, opens, bracket)
            raise ReindentError(message, offset + where)
        if not text.strip():
            return
        self._open_pending()
        if container == b"" and not opens:
            self._out.append(text.strip())
            self._done = True
            return
        self._out.append(_respace(text, b",\n" + _INDENTS[len(self._stack)]))
        if partial:
            self._first = False

    def _bracket(self, mark: bytes, offset: int) -> None:
        if mark in b"{[":
            if self._done:
                raise ReindentError("There is more after the JSON value ended.", offset)
            self._open_pending()
            self._stack.append(mark)
            self._opened, self._first = mark, True
            return
        if not self._stack or self._stack[-1] != _PAIRS[mark]:
            raise ReindentError(f"'{mark.decode()}' does not close what is open here.", offset)
        self._stack.pop()
        if self._opened:
            self._out.append(self._opened + mark)  # {} or []
            self._opened = b""
        else:
            self._out.append(b"\n" + _INDENTS[len(self._stack)] + mark)
        self._first = False
        self._done = not self._stack

    def _open_pending(self) -> None:
        """The bracket opened last holds something: it ends its line."""
        if self._opened:
            self._out.append(self._opened + b"\n" + _INDENTS[len(self._stack)])
            self._opened = b""


_MEMBER_ALONE = re.compile(_WS + _MEMBER + _WS)
_KEY_ALONE = re.compile(_WS + _KEY)
_SCALAR_ALONE = re.compile(_WS + _SCALAR + _WS)


def _why(text: bytes, container: bytes, first: bool, opens: bool, bracket: bytes) -> tuple[str, int]:
    """What is wrong in a run that does not have the shape its place allows, and where in it:
    the first comma-separated element that is not a member (or a value), else the run's end."""
    commas, offset = [], 0
    for index, part in enumerate(_STRINGS.split(text)):
        if index % 2 == 0:
            commas += [offset + at for at in range(len(part)) if part[at:at + 1] == b","]
        offset += len(part)
    bounds = [-1, *commas, len(text)]
    elements = [(bounds[i] + 1, text[bounds[i] + 1:bounds[i + 1]]) for i in range(len(bounds) - 1)]
    alone = _MEMBER_ALONE if container == b"{" else _SCALAR_ALONE
    wanted = "an object member (\"name\": value)" if container == b"{" else "a value"
    for number, (start, element) in enumerate(elements):
        if number == 0 and not first:
            if element.strip():
                return f"A comma is missing before “{_shown(element)}”.", start + _lead(element)
            continue
        last = number == len(elements) - 1
        if last and opens:
            fits = _KEY_ALONE.fullmatch(element) if container == b"{" else not element.strip()
            if not fits:
                return f"“{_shown(element)}” where {wanted} was expected.", start + _lead(element)
            continue
        if not element.strip():
            return f"{wanted[0].upper()}{wanted[1:]} is missing before '{bracket.decode() or ','}'." if last \
                else f"{wanted[0].upper()}{wanted[1:]} is missing between two commas.", start
        if alone.fullmatch(element) is None:
            return f"“{_shown(element)}” is not {wanted}.", start + _lead(element)
    return f"“{_shown(text)}” is not JSON here.", _lead(text)


def _shown(piece: bytes) -> str:
    return piece.strip()[:40].decode("utf-8", "replace").split("\n")[0]


def _lead(piece: bytes) -> int:
    return len(piece) - len(piece.lstrip())


def _respace(text: bytes, comma: bytes) -> bytes:
    """Members and values as json.dumps(indent=2) spaces them: no space outside strings, one
    after each colon, a line break and indent after each comma (strings untouched). The parts
    outside strings are joined with NUL (which valid JSON has only inside strings, escaped) so
    that C does the re-spacing of all of them at once."""
    parts = _STRINGS.split(text)
    if len(parts) == 1:
        return text.translate(None, _SPACE).replace(b",", comma)
    outside = b"\x00".join(parts[0::2]).translate(None, _SPACE).replace(b",", comma).replace(b":", b": ")
    parts[0::2] = outside.split(b"\x00")
    return b"".join(parts)


_SPACE = b" \t\r\n"
