"""What a query answers with, how it fails, and how much body it takes.

Shared by the response pane's filter and the collection runner's assertions and captures, so
both read the same values and the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# XPath and JSONPath need the whole document in memory as a tree; streaming them is not possible.
# Measured here: a 22 MB Atom feed peaks at about 160 MB (7x) and evaluates in 0.65 s; a 24 MB
# JSON body peaks at about 155 MB (6.4x) and a filter takes 2.9 s (jsonpath-ng is pure Python).
# 32 MiB keeps one evaluation near 230 MB and a few seconds in a worker; a 100 MB body would
# take the app far past its memory target (3x the body), so it is refused with this message.
MAX_QUERY_BYTES = 32 << 20


class QueryError(Exception):
    """A query that cannot run, in words the user can act on (``message``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class QueryResult:
    """The matches of one expression.

    ``values``: the text of each match, as an assertion compares it (an element serialized as
    in the document, an attribute or text node as its string, a number, boolean or string
    result of the expression as its text). ``fragments``: the same matches pretty-printed for
    display. ``note``: a hint when nothing matched for a reason the user may not see (XML
    elements in a namespace named without a prefix).
    """

    values: tuple[str, ...]
    fragments: tuple[str, ...]
    note: str | None = None

    @property
    def count(self) -> int:
        return len(self.values)

    def display_text(self) -> str:
        """The fragments one after another, as the filter shows them."""
        return "\n".join(self.fragments)


def too_large_message(size: int, limit: int = MAX_QUERY_BYTES) -> str:
    return (f"The body is {size / (1 << 20):.1f} MB; filters run on bodies up to {limit >> 20} MB "
            "(the whole document is parsed into memory to evaluate an expression).")


def check_size(body: bytes | str, limit: int = MAX_QUERY_BYTES) -> None:
    if len(body) > limit:
        raise QueryError(too_large_message(len(body), limit))


def read_body(path: Path, limit: int = MAX_QUERY_BYTES) -> bytes:
    """A spooled body's bytes, refused (QueryError) when larger than ``limit``, without reading
    more than ``limit + 1`` bytes."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
            if len(data) > limit:
                handle.seek(0, 2)
                raise QueryError(too_large_message(handle.tell(), limit))
    except OSError as exc:
        raise QueryError(f"The body could not be read: {exc.strerror or exc}") from exc
    return data
