"""Score one article against the facts of an exchange.

An article matches when one of its matcher alternatives holds entirely; its score is the sum of
the weights of the conditions that held (plus any boosts), so a specific article (a body message,
an error_key, a request feature) outranks a generic one (a status class).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from ctct_desktop.explain.facts import Facts
from ctct_desktop.explain.features import describe_feature
from ctct_desktop.explain.model import Article, Matcher

WEIGHTS = {
    "status": 1.0, "status_class": 0.2, "method": 0.5, "url": 1.0, "body": 3.0, "feature": 2.0,
    "any_feature": 1.5, "failure": 3.0, "error_key": 4.0, "oauth_error": 4.0, "header": 2.0,
    "content": 0.5, "api": 0.5,
}


@dataclass(frozen=True)
class Match:
    score: float
    evidence: tuple[str, ...]
    heard: bool = False  # one of the article's patterns matched the server's own words (the body)


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _snippet(text: str, match: re.Match[str]) -> str:
    found = match.group(0).strip()
    return found if len(found) <= 80 else found[:79] + "…"


class _Scorer:
    """Accumulates score and evidence for one matcher; ``ok`` turns False at the first miss."""

    def __init__(self) -> None:
        self.ok = True
        self.score = 0.0
        self.evidence: list[str] = []
        self.heard = False

    def check(self, held: bool, weight: str, evidence: str) -> None:
        if held:
            self.score += WEIGHTS[weight]
            self.evidence.append(evidence)
            self.heard = self.heard or weight == "body"
        else:
            self.ok = False


def _status_class(status: int | None) -> str:
    return f"{status // 100}xx" if status else ""


def _first_regex(patterns: tuple[str, ...], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        found = _regex(pattern).search(text)
        if found:
            return found
    return None


def _apply(m: Matcher, facts: Facts, s: _Scorer) -> None:
    if m.status:
        s.check(facts.status in m.status, "status", f"status {facts.status}")
    if m.status_class:
        s.check(_status_class(facts.status) in m.status_class, "status_class", f"status {facts.status}")
    if m.method:
        s.check(facts.method in m.method, "method", f"method {facts.method}")
    if m.url:
        target = facts.path + ("?" + facts.query if facts.query else "")
        s.check(_first_regex(m.url, target) is not None, "url", f"URL path {facts.shown_path or '/'}")
    if m.body:
        found = _first_regex(m.body, facts.body_text)
        s.check(found is not None, "body", f"response says “{_snippet(facts.body_text, found)}”" if found else "")
    for name in m.features:
        s.check(name in facts.features, "feature", describe_feature(name))
    if m.any_features:
        present = [f for f in m.any_features if f in facts.features]
        s.check(bool(present), "any_feature", describe_feature(present[0]) if present else "")
    present = [f for f in m.absent_features if f in facts.features]
    if present:
        s.ok = False
    _apply_special(m, facts, s)


def _apply_special(m: Matcher, facts: Facts, s: _Scorer) -> None:
    if m.failure:
        s.check(facts.failure in m.failure, "failure", f"no response: {facts.failure} failure")
    if m.error_key:
        key = next((k for k in facts.error_keys if _first_regex(m.error_key, k)), None)
        s.check(key is not None, "error_key", f"error_key {key}")
    if m.oauth_error:
        s.check(facts.oauth_error in m.oauth_error, "oauth_error", f"OAuth error={facts.oauth_error}")
    for name, pattern in m.headers:
        value = facts.header(name)
        held = value is not None and _regex(pattern).search(value) is not None
        s.check(held, "header", f"response header {name}: {value}")
    if m.content:
        s.check(facts.body_kind in m.content, "content", f"response body is {facts.body_kind}")


def _api_score(article: Article, facts: Facts) -> tuple[bool, float, list[str]]:
    if article.api == "any" or facts.api == "unknown":
        return True, 0.0, []
    if article.api == facts.api:
        return True, WEIGHTS["api"], [f"API {facts.api} (from the URL)"]
    return False, 0.0, []


def _single_conditions(boosts: Matcher) -> list[Matcher]:
    """Each value of each boost key as a one-condition matcher (absent_features has no meaning here)."""
    out = []
    for spec in fields(Matcher):
        if spec.name == "absent_features":
            continue
        for value in getattr(boosts, spec.name):
            out.append(Matcher(**{spec.name: (value,)}))
    return out


def _boost(article: Article, facts: Facts) -> tuple[float, list[str], bool]:
    """Optional conditions: each one that holds adds its weight; misses cost nothing."""
    score, evidence, heard = 0.0, [], False
    for condition in _single_conditions(article.boosts):
        scorer = _Scorer()
        _apply(condition, facts, scorer)
        if scorer.ok:
            score += scorer.score
            evidence.extend(scorer.evidence)
            heard = heard or scorer.heard
    return score, evidence, heard


def match_article(article: Article, facts: Facts) -> Match | None:
    """The best-scoring alternative of ``article`` for these facts, or None."""
    api_ok, api_score, api_evidence = _api_score(article, facts)
    if not api_ok:
        return None
    best: _Scorer | None = None
    for matcher in article.matchers:
        scorer = _Scorer()
        _apply(matcher, facts, scorer)
        if scorer.ok and (best is None or scorer.score > best.score):
            best = scorer
    if best is None:
        return None
    boost, boost_evidence, boost_heard = _boost(article, facts)
    evidence = tuple(dict.fromkeys(best.evidence + api_evidence + boost_evidence))
    return Match(round(best.score + api_score + boost, 3), evidence, best.heard or boost_heard)
