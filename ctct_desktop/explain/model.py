"""The explainer's data: articles as loaded from the knowledge base, and explanations.

Frozen dataclasses so the UI can hand them across threads and tests can compare them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the linter is optional at run time; only its type is needed here
    from ctct_desktop.lint import Diagnostic

API_VALUES: tuple[str, ...] = ("v1", "v2", "v3", "any")


@dataclass(frozen=True)
class ActionRef:
    """An action an article offers, as a button: stable name plus the label to show."""

    name: str
    label: str


@dataclass(frozen=True)
class Matcher:
    """One alternative set of conditions. Every condition given must hold (AND); within a
    condition any listed value may match (OR). Compiled regexes are kept as source text and
    compiled once by the loader."""

    status: tuple[int, ...] = ()
    status_class: tuple[str, ...] = ()  # "1xx".."5xx"
    method: tuple[str, ...] = ()
    url: tuple[str, ...] = ()  # regexes searched in the URL path (+ query)
    body: tuple[str, ...] = ()  # regexes searched in the response body text
    features: tuple[str, ...] = ()  # request/response features; ALL listed must be present
    any_features: tuple[str, ...] = ()  # at least one must be present
    absent_features: tuple[str, ...] = ()  # none may be present (keeps a vague article off a clear case)
    failure: tuple[str, ...] = ()  # FailureKind values
    error_key: tuple[str, ...] = ()  # regexes matched against v2/v3 error_key values
    oauth_error: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()  # (response header name, regex on its value)
    content: tuple[str, ...] = ()  # response body kind: html, json, xml, text, empty


@dataclass(frozen=True)
class Detail:
    """A sentence added to the cause when its features are present and its placeholders known."""

    text: str
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    api: str
    matchers: tuple[Matcher, ...]
    boosts: Matcher
    cause: str
    details: tuple[Detail, ...]
    fix: tuple[str, ...]
    related_rules: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    lint_pointers: tuple[str, ...] = ()  # lint codes whose diagnostics point at offending lines
    captures: tuple[tuple[str, str], ...] = ()  # (placeholder, regex with one group) read from the response
    summary: str = ""  # one line for lists and search results
    path: Path | None = None

    @property
    def statuses(self) -> tuple[int, ...]:
        seen: list[int] = []
        for m in self.matchers:
            seen.extend(s for s in m.status if s not in seen)
        return tuple(seen)


@dataclass(frozen=True)
class KbProblem:
    """A knowledge-base file that could not be loaded (or loaded with a defect), and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Explanation:
    article_id: str
    title: str
    cause: str
    fix: tuple[str, ...]
    score: float
    actions: tuple[ActionRef, ...]
    related_rules: tuple[str, ...]
    related: tuple[str, ...]
    references: tuple[str, ...]
    evidence: tuple[str, ...]
    pointers: tuple["Diagnostic", ...] = ()
    # The underlying error of a failed exchange ("ConnectError: … <- ConnectionRefusedError: …"),
    # kept out of the cause's sentences: each renderer offers it on its own (a Details button, a line).
    detail: str = ""
