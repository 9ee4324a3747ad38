"""explain(exchange) → ranked explanations: gather facts, run the linter when it helps, score
every article, fill the winners with specifics. Never raises."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ctct_desktop.core.models import BodyKind, Exchange, RequestModel
from ctct_desktop.core.redaction import redact_text
from ctct_desktop.core.xml_safety import ParseOutcome, parse_text
from ctct_desktop.explain.facts import Facts, build_facts
from ctct_desktop.explain.fill import applicable_details, fill
from ctct_desktop.explain.kb import load_kb
from ctct_desktop.explain.matching import Match, match_article
from ctct_desktop.explain.model import ActionRef, Article, Explanation

if TYPE_CHECKING:
    from ctct_desktop.lint import Diagnostic

_log = logging.getLogger(__name__)
ATOM_WRAPPER_RULES = ("L001", "L002", "L003", "L004", "L005", "L006")


def needs_explaining(exchange: Exchange) -> bool:
    """True for a transport failure or any non-2xx response."""
    if exchange.failure is not None:
        return True
    return exchange.response is not None and not exchange.response.ok


def parse_request_body(request: RequestModel) -> ParseOutcome | None:
    """The one hardened parse of an XML request body, shared by the body facts and the linter
    (a 100 MB body parsed twice cost twice the time and, for a while, two trees)."""
    if request.body_kind is BodyKind.NONE or not request.body.lstrip("\ufeff \t\r\n").startswith("<"):
        return None
    return parse_text(request.body)


def run_lint(exchange: Exchange, parsed: ParseOutcome | None = None) -> list[Any] | None:
    """The linter's diagnostics for the request, or None when the linter is unavailable."""
    try:
        from ctct_desktop.lint import lint_request
    except ImportError:
        return None
    try:
        return list(lint_request(exchange.request, parsed=parsed))
    except Exception:  # the linter promises not to raise; the explainer must not depend on it
        _log.exception("lint_request failed while explaining")
        return None


def _severity(diagnostic: Any) -> str:
    severity = getattr(diagnostic, "severity", "")
    return str(getattr(severity, "value", severity)).lower()


def _add_lint_features(facts: Facts, diagnostics: Sequence[Any] | None) -> None:
    if diagnostics is None:
        return
    codes = {str(getattr(d, "code", "")) for d in diagnostics}
    facts.features.update(f"lint:{c}" for c in codes if c)
    if codes & set(ATOM_WRAPPER_RULES):
        facts.features.add("lint-atom-wrapper")
    if not any(_severity(d) == "error" for d in diagnostics):
        facts.features.add("lint-clean")


def captured_values(article: Article, facts: Facts) -> dict[str, str]:
    """The exchange's values plus what the article's captures read from the response body;
    a capture never overrides a value the request itself supplied."""
    values = dict(facts.values)
    for name, pattern in article.captures:
        if name in values:
            continue
        found = re.search(pattern, facts.body_text[:8192], re.IGNORECASE)
        if found and found.group(1) and found.group(1).strip():
            text = redact_text(found.group(1).strip(), facts.secrets)
            values[name] = text if len(text) <= 200 else text[:199] + "…"
    return values


def join_sentences(parts: list[str]) -> str:
    """Join cause and detail sentences, ending a piece with a period when it has no final mark
    (a filled-in value such as an exception text often does not)."""
    out = []
    for part in (p.strip() for p in parts):
        if part:
            out.append(part if part[-1] in ".!?:…\"')»”" else part + ".")
    return " ".join(out)


def _actions(article: Article, exchange: Exchange) -> tuple[ActionRef, ...]:
    from ctct_desktop.explain.actions import available_actions

    specs = available_actions()
    refs = []
    for name in article.actions:
        spec = specs.get(name)
        if spec is not None and spec.applies(exchange):
            refs.append(ActionRef(spec.name, spec.label))
    return tuple(refs)


def _build(article: Article, match: Match, facts: Facts, exchange: Exchange,
           diagnostics: Sequence[Any] | None) -> Explanation:
    values = captured_values(article, facts)
    cause = join_sentences([fill(article.cause, values),
                            *applicable_details(article.details, facts.features, values)])
    pointers: tuple[Any, ...] = ()
    if article.lint_pointers and diagnostics:
        pointers = tuple(d for d in diagnostics if getattr(d, "code", None) in article.lint_pointers)
    return Explanation(
        article_id=article.id, title=fill(article.title, values), cause=cause,
        fix=tuple(fill(step, values) for step in article.fix), score=match.score,
        actions=_actions(article, exchange), related_rules=article.related_rules, related=article.related,
        references=article.references, evidence=match.evidence, pointers=pointers,
        detail=_underlying_error(exchange, facts, cause),
    )


def _underlying_error(exchange: Exchange, facts: Facts, cause: str) -> str:
    """The failure's exception chain as the facts hold it (shortened, printable, secrets masked);
    "" when there is none or the cause already says it word for word (nothing more to show)."""
    if exchange.failure is None or not exchange.failure.detail.strip():
        return ""
    detail = redact_text(facts.values.get("failure_detail", ""), facts.secrets)
    return "" if detail in cause else detail


def _explain(exchange: Exchange, diagnostics: Sequence["Diagnostic"] | None) -> list[Explanation]:
    if not needs_explaining(exchange):
        return []
    parsed = parse_request_body(exchange.request)
    facts = build_facts(exchange, parsed)
    lint_result: Sequence[Any] | None = diagnostics
    if lint_result is None and (exchange.request.body.strip() or exchange.request.url.strip()):
        lint_result = run_lint(exchange, parsed)
    _add_lint_features(facts, lint_result)
    ranked: list[tuple[bool, float, str, Explanation]] = []
    for article in load_kb().articles:
        match = match_article(article, facts)
        if match is not None:
            ranked.append((match.heard, -match.score, article.id, _build(article, match, facts, exchange, lint_result)))
    # What the server said outranks what the request looks like: when some article matches the
    # response's own words, one matched on the request alone is another problem it may also have
    # (casebook T3: the answer names GreetingName; the date with a space is a second defect).
    someone_heard = any(heard for heard, *_rest in ranked)
    ranked.sort(key=lambda item: (someone_heard and not item[0], item[1], item[2]))
    return [e for *_key, e in ranked]


def explain(exchange: Exchange, diagnostics: Sequence["Diagnostic"] | None = None) -> list[Explanation]:
    """Ranked explanations, best first; [] for a 2xx response with no failure. Never raises."""
    try:
        return _explain(exchange, diagnostics)
    except Exception:  # an explainer bug must never take the response pane down with it
        _log.exception("explain() failed")
        return []
