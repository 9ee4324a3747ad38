"""Turn one parsed TOML document into an Article, or say exactly what is wrong with it.

Every key is checked: unknown keys (typos), wrong types, regexes that do not compile, statuses
out of range, unknown features, failure kinds, actions and lint codes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ctct_desktop.core.models import FailureKind
from ctct_desktop.explain.features import is_known_feature
from ctct_desktop.explain.model import API_VALUES, Article, Detail, Matcher

TOP_KEYS = {"id", "title", "api", "summary", "matchers", "boosts", "cause", "details", "fix", "related_rules",
            "related", "references", "actions", "lint_pointers", "captures"}
MATCHER_KEYS = {"status", "status_class", "method", "url", "body", "features", "any_features", "absent_features",
                "failure", "error_key", "oauth_error", "headers", "content"}
REGEX_KEYS = ("url", "body", "error_key")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,80}$")
_RULE = re.compile(r"^L\d{3}$")
_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"}
_CONTENT = {"html", "json", "xml", "text", "empty"}
_FAILURES = {k.value for k in FailureKind}


class ArticleError(ValueError):
    """The article cannot be used; the message says which key and why."""


def _strings(data: dict[str, Any], key: str, *, required: bool = False) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ArticleError(f"'{key}' must be a list of non-empty strings")
    if required and not value:
        raise ArticleError(f"'{key}' must list at least one entry")
    return tuple(value)


def _text(data: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ArticleError(f"'{key}' must be a non-empty string")
    return value.strip()


def _statuses(data: dict[str, Any]) -> tuple[int, ...]:
    value = data.get("status", [])
    value = [value] if isinstance(value, int) else value
    if not isinstance(value, list) or not all(isinstance(v, int) and 100 <= v <= 599 for v in value):
        raise ArticleError("'status' must be a list of HTTP status codes (100-599)")
    return tuple(value)


def _check_values(key: str, values: tuple[str, ...], allowed: set[str] | None) -> None:
    if key in REGEX_KEYS:
        for pattern in values:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ArticleError(f"'{key}' regex {pattern!r} does not compile: {exc}") from None
    if allowed is not None:
        bad = [v for v in values if v not in allowed]
        if bad:
            raise ArticleError(f"'{key}' has unknown value(s) {bad}; allowed: {sorted(allowed)}")


def parse_matcher(data: Any, where: str) -> Matcher:
    if not isinstance(data, dict):
        raise ArticleError(f"'{where}' must be a table")
    unknown = set(data) - MATCHER_KEYS
    if unknown:
        raise ArticleError(f"'{where}' has unknown key(s) {sorted(unknown)}; known: {sorted(MATCHER_KEYS)}")
    fields: dict[str, Any] = {"status": _statuses(data)}
    limits = {"status_class": _CLASSES, "failure": _FAILURES, "content": _CONTENT}
    for key in MATCHER_KEYS - {"status", "headers"}:
        values = _strings(data, key)
        _check_values(key, values, limits.get(key))
        fields[key] = tuple(v.upper() for v in values) if key == "method" else values
    for name in fields["features"] + fields["any_features"] + fields["absent_features"]:
        if not is_known_feature(name):
            raise ArticleError(f"'{where}' names unknown feature '{name}'")
    headers = data.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise ArticleError(f"'{where}.headers' must be a table of header name = regex")
    _check_values("body", tuple(headers.values()), None)
    fields["headers"] = tuple(headers.items())
    return Matcher(**fields)


def _boosts(data: dict[str, Any]) -> Matcher:
    boosts = parse_matcher(data.get("boosts", {}), "boosts")
    if boosts.absent_features:
        raise ArticleError("'boosts' cannot hold absent_features (a boost only adds when something is present)")
    return boosts


def _details(data: dict[str, Any]) -> tuple[Detail, ...]:
    out: list[Detail] = []
    items = data.get("details", [])
    if not isinstance(items, list):
        raise ArticleError("'details' must be an array")
    for item in items:
        if isinstance(item, str):
            out.append(Detail(item.strip()))
            continue
        if not isinstance(item, dict) or set(item) - {"when", "text"}:
            raise ArticleError("each of 'details' must be a string or a table with 'text' and 'when'")
        when = _strings(item, "when")
        bad = [w for w in when if not is_known_feature(w)]
        if bad:
            raise ArticleError(f"'details' names unknown feature(s) {bad}")
        out.append(Detail(_text(item, "text"), when))
    return tuple(out)


def _matchers(data: dict[str, Any]) -> tuple[Matcher, ...]:
    raw = data.get("matchers")
    items = [raw] if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        raise ArticleError("'matchers' must be a table or a non-empty array of tables")
    matchers = tuple(parse_matcher(m, f"matchers[{i}]") for i, m in enumerate(items))
    if any(m == Matcher() for m in matchers):
        raise ArticleError("a matcher with no condition would match every exchange")
    return matchers


def _captures(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    raw = data.get("captures", {})
    if not isinstance(raw, dict):
        raise ArticleError("'captures' must be a table of placeholder = regex")
    for name, pattern in raw.items():
        if not re.match(r"^[a-z][a-z0-9_]*$", name) or not isinstance(pattern, str):
            raise ArticleError(f"'captures.{name}' must name a lower-case placeholder and hold a regex")
        try:
            groups = re.compile(pattern).groups
        except re.error as exc:
            raise ArticleError(f"'captures.{name}' regex does not compile: {exc}") from None
        if groups != 1:
            raise ArticleError(f"'captures.{name}' regex must have exactly one group")
    return tuple(raw.items())


def parse_article(data: dict[str, Any], path: Path, action_names: set[str]) -> Article:
    """Validate and build. Raises ArticleError with a reason naming the offending key."""
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ArticleError(f"unknown key(s) {sorted(unknown)}; known: {sorted(TOP_KEYS)}")
    article_id = _text(data, "id")
    if not _ID.match(article_id):
        raise ArticleError(f"'id' {article_id!r} must be lower-case letters, digits and '-'")
    if article_id != path.stem:
        raise ArticleError(f"'id' {article_id!r} must equal the file name ({path.stem!r})")
    api = _text(data, "api")
    if api not in API_VALUES:
        raise ArticleError(f"'api' must be one of {list(API_VALUES)}, not {api!r}")
    rules = _strings(data, "related_rules") + _strings(data, "lint_pointers")
    if any(not _RULE.match(r) for r in rules):
        raise ArticleError("'related_rules' and 'lint_pointers' hold lint codes like 'L001'")
    actions = _strings(data, "actions")
    missing = [a for a in actions if a not in action_names]
    if missing:
        raise ArticleError(f"'actions' names unknown action(s) {missing}")
    return Article(
        id=article_id, title=_text(data, "title"), api=api, matchers=_matchers(data),
        boosts=_boosts(data), cause=_text(data, "cause"),
        details=_details(data), fix=_strings(data, "fix", required=True),
        related_rules=_strings(data, "related_rules"), related=_strings(data, "related"),
        references=_strings(data, "references"), actions=actions,
        lint_pointers=_strings(data, "lint_pointers"), summary=_text(data, "summary", required=False),
        captures=_captures(data),
        path=path,
    )
