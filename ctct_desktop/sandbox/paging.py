"""Paging of collections: 50 entries a page, ``first``/``current``/``next`` links.

Contact ``next`` tokens are opaque strings like the real ones (``g24umerp-fymhqg``); other
collections use page numbers (``?next=2``). Clients must follow the href, never build one.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from ctct_desktop.sandbox import errors
from ctct_desktop.sandbox.ids import parse_int

PAGE_SIZE = 50
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_SCRAMBLE = 0x2F5A3C1
_OFFSET = 17 * 36**7  # keeps tokens eight letters long, starting with a letter
_TOKEN_BODY = re.compile(r"[0-9a-z]{1,16}")


def _b36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _ALPHABET[rest] + digits
        if number == 0:
            return digits


def encode_token(after_id: int) -> str:
    """An opaque token for "the entries after id ``after_id``"."""
    body = _b36(((after_id * 7919) ^ _SCRAMBLE) + _OFFSET)
    check = _b36(zlib.crc32(body.encode()) % 36**6).rjust(6, "f")
    return f"{body}-{check}"


def decode_token(token: str) -> int:
    """The id a token stands for; a token we did not write is a clear 400."""
    body, _, check = token.partition("-")
    if not _TOKEN_BODY.fullmatch(body) or _b36(zlib.crc32(body.encode()) % 36**6).rjust(6, "f") != check:
        raise errors.bad_request(f"The next token '{token}' is not valid; follow the next link as given.")
    scrambled = int(body, 36)  # ASCII only: int() would also read '١' as 1
    value = (scrambled - _OFFSET) ^ _SCRAMBLE
    if scrambled < _OFFSET or value % 7919 or len(body) > 16 or value // 7919 > 2**62:
        raise errors.bad_request(f"The next token '{token}' is not valid.")
    return value // 7919


def page_number(args: MultiDict[str, str]) -> int:
    """The 1-based page of a numbered collection (``?next=2``)."""
    raw = args.get("next")
    if raw is None:
        return 1
    page = parse_int(raw, 1, 1_000_000)
    if page is None:
        raise errors.bad_request(f"The next value '{raw}' is not valid; follow the next link as given.")
    return page


@dataclass
class PageLinks:
    """Builds the feed links for a collection path and the request's query."""

    path: str
    args: MultiDict[str, str]

    def _href(self, extra: list[tuple[str, str]] | None = None) -> str:
        pairs = [(k, v) for k, v in self.args.items(multi=True) if k != "next"] + (extra or [])
        return f"{self.path}?{urlencode(pairs)}" if pairs else self.path

    def links(self, next_value: str | None) -> list[tuple[str, str]]:
        current_next = self.args.get("next")
        current = self._href([("next", current_next)] if current_next else None)
        result = [("first", self._href()), ("current", current)]
        if next_value is not None:
            result.append(("next", self._href([("next", next_value)])))
        return result
