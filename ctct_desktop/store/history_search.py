"""Turn what the user types in the history search box into one SQL condition.

The query is split into terms (double quotes keep a phrase together); every term must match:
- a status code ("409") matches that status, or a URL containing it (ids in URLs);
- a status class ("4xx") matches any status in that class;
- a method in capitals ("POST") matches the method;
- a failure kind ("timeout", "refused") matches that failure, or the text;
- anything else matches the URL (any substring) or a word of a request/response body
  (word prefix, case- and accent-insensitive with FTS5; any substring without it).
Hostile input only ever produces a condition with bound parameters, never an SQL error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctct_desktop.core.models import STANDARD_METHODS, FailureKind

_STATUS = re.compile(r"^[1-5]\d\d$")
_STATUS_CLASS = re.compile(r"^([1-5])xx$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]")
_FAILURE_KINDS = {kind.value for kind in FailureKind}
MAX_TERMS = 16
MAX_TERM_LENGTH = 200


@dataclass
class Condition:
    """A WHERE clause over ``entries`` and the values bound to it."""

    sql: str = "1"
    params: list[object] = field(default_factory=list)


def split_terms(text: str) -> list[str]:
    """Terms of the query; quotes group words, an unbalanced quote runs to the end."""
    terms: list[str] = []
    for quoted, bare in re.findall(r'"([^"]*)"?|(\S+)', text or ""):
        term = (quoted if quoted else bare).strip().encode("utf-8", "replace").decode("utf-8")
        if term:
            terms.append(term[:MAX_TERM_LENGTH])
    return terms[:MAX_TERMS]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(term: str) -> str | None:
    """An FTS5 prefix phrase for the term, or None when it holds no word characters."""
    if not _WORD.search(term):
        return None
    return '"' + term.replace('"', '""') + '"*'


def _text_condition(term: str, full_text: bool) -> tuple[str, list[object]]:
    """URL substring, or body words through FTS5; without FTS5 (or without any word in the
    term, like "@" or "</"), a substring of any column."""
    like = _like_pattern(term)
    url = "url LIKE ? ESCAPE '\\'"
    phrase = _fts_phrase(term) if full_text else None
    if phrase is not None:
        return (f"({url} OR id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?))",
                [like, phrase])
    columns = ("request_body", "response_text", "failure_text")
    others = " OR ".join(f"{name} LIKE ? ESCAPE '\\'" for name in columns)
    return f"({url} OR {others})", [like] * (1 + len(columns))


def term_condition(term: str, full_text: bool) -> tuple[str, list[object]]:
    """The condition one term adds."""
    if _STATUS.match(term):
        return "(status = ? OR url LIKE ? ESCAPE '\\')", [int(term), _like_pattern(term)]
    klass = _STATUS_CLASS.match(term)
    if klass:
        low = int(klass.group(1)) * 100
        return "(status BETWEEN ? AND ?)", [low, low + 99]
    if term in STANDARD_METHODS:
        return "(method = ?)", [term]
    text_sql, text_params = _text_condition(term, full_text)
    if term.lower() in _FAILURE_KINDS:
        return f"(failure_kind = ? OR {text_sql})", [term.lower(), *text_params]
    return text_sql, text_params


def build_condition(text: str, full_text: bool) -> Condition:
    """AND of every term's condition; an empty query matches everything."""
    parts: list[str] = []
    params: list[object] = []
    for term in split_terms(text):
        sql, values = term_condition(term, full_text)
        parts.append(sql)
        params.extend(values)
    if not parts:
        return Condition()
    return Condition(" AND ".join(parts), params)
