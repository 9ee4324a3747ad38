"""What the response filter runs in its worker: pick XPath or JSONPath by the body's syntax,
read a spooled body within the query limit, and turn the matches into the text shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ctct_desktop.core.formatting import Syntax, detect_syntax

if TYPE_CHECKING:
    from ctct_desktop.core.query import QueryResult

XPATH, JSONPATH = "xpath", "jsonpath"
MAX_SHOWN_CHARS = 512 * 1024  # the results fill an editor on the UI thread: at most this much text


def query_kind(head: bytes, content_type: str) -> str | None:
    """XPATH for an XML body, JSONPATH for a JSON one, None for anything else."""
    syntax = detect_syntax(head[:4096], content_type)
    if syntax is Syntax.XML:
        return XPATH
    if syntax is Syntax.JSON:
        return JSONPATH
    return None


@dataclass(frozen=True)
class FilterOutcome:
    """The answer for one run: the text to show and its summary, or the error to say."""

    serial: int
    text: str = ""
    summary: str = ""
    error: str | None = None
    syntax: Syntax = Syntax.TEXT


def run_filter(serial: int, kind: str, body: bytes, path: str, expression: str) -> FilterOutcome:
    """Evaluate ``expression`` on the body (``path``: read the spooled file instead); never raises
    QueryError (it becomes the outcome's ``error``)."""
    # deferred: start-up (lxml and jsonpath-ng, ~90 ms, are not needed before the first filter)
    from ctct_desktop.core.query import QueryError, evaluate_jsonpath, evaluate_xpath, read_body

    try:
        data = read_body(Path(path)) if path else body
        if kind == XPATH:
            result = evaluate_xpath(data, expression)
        else:
            result = evaluate_jsonpath(data, expression)
    except QueryError as exc:
        return FilterOutcome(serial, error=exc.message)
    text, shown = shown_text(result)
    syntax = Syntax.XML if kind == XPATH else Syntax.JSON
    return FilterOutcome(serial, text, summary(result, shown), syntax=syntax)


def shown_text(result: QueryResult, limit: int = MAX_SHOWN_CHARS) -> tuple[str, int]:
    """The fragments one after another, stopping before ``limit`` characters (at least one
    fragment, cut at the limit when that one alone is larger); also how many were shown."""
    parts: list[str] = []
    size = 0
    for fragment in result.fragments:
        if parts and size + len(fragment) > limit:
            break
        parts.append(fragment[:limit])
        size += len(fragment) + 1
    return "\n".join(parts), len(parts)


def summary(result: QueryResult, shown: int) -> str:
    count = result.count
    if count == 0:
        return result.note or "No matches"
    said = "1 match" if count == 1 else f"{count:,} matches"
    return said if shown >= count else f"{said}, the first {shown:,} shown"
