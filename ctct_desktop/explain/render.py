"""An article as markdown-ish text for the viewer: headings, numbered steps, and links between
articles written as ``[title](kb:ID)`` so the viewer can follow them."""

from __future__ import annotations

import re

from ctct_desktop.explain.features import describe_feature
from ctct_desktop.explain.fill import fill
from ctct_desktop.explain.kb import KnowledgeBase, load_kb
from ctct_desktop.explain.model import Article, Matcher


# In a title, "(… {name})" and a trailing ": {name}" only repeat what the exchange said; without one they go.
_TITLE_ONLY_PLACEHOLDER = re.compile(r"\s*\((?:[^(){}]*\s)?\{[a-z][a-z0-9_]*\}\)|:\s*\{[a-z][a-z0-9_]*\}\s*$")


def _status_words(article: Article) -> str:
    """What {status} reads as without an exchange: the article's statuses, else its classes ("3xx")."""
    classes = [c for m in article.matchers for c in m.status_class]
    named = [str(s) for s in article.statuses] or list(dict.fromkeys(classes))
    return "/".join(named) if named else "an error status"


def _viewer(text: str, article: Article) -> str:
    """Article text without an exchange, in real words: {status} reads as the article's statuses."""
    return fill(text, {"status": _status_words(article)})


def display_title(article: Article) -> str:
    """The title as the Error reference lists it: "Redirect 3xx: …", never "Redirect {status}: …"."""
    return _viewer(_TITLE_ONLY_PLACEHOLDER.sub("", article.title), article)


def _when(m: Matcher) -> str:
    parts: list[str] = []
    if m.status:
        parts.append("status " + "/".join(map(str, m.status)))
    if m.status_class:
        parts.append("status " + "/".join(m.status_class))
    if m.method:
        parts.append("method " + "/".join(m.method))
    if m.failure:
        parts.append("no response (" + ", ".join(m.failure) + ")")
    if m.error_key:
        parts.append("error_key " + " or ".join(f"`{k}`" for k in m.error_key))
    if m.oauth_error:
        parts.append("OAuth error=" + "/".join(m.oauth_error))
    if m.body:
        parts.append("a response body matching " + " or ".join(f"`{b}`" for b in m.body))
    parts.extend(describe_feature(f) for f in m.features)
    if m.any_features:
        parts.append("one of: " + "; ".join(describe_feature(f) for f in m.any_features))
    return ", ".join(parts)


def _links(kb: KnowledgeBase, ids: tuple[str, ...]) -> list[str]:
    out = []
    for article_id in ids:
        other = kb.get(article_id)
        out.append(f"- [{display_title(other) if other else article_id}](kb:{article_id})")
    return out


def render_article(article: Article, kb: KnowledgeBase) -> str:
    from ctct_desktop.explain.actions import available_actions

    lines = [f"# {display_title(article)}", "", f"`{article.id}` · API {article.api}", ""]
    if article.summary:
        lines += [article.summary, ""]
    lines += ["## When it applies", ""] + [f"- {_when(m)}" for m in article.matchers] + [""]
    lines += ["## What happened", "", _viewer(article.cause, article), ""]
    lines += [f"- {_viewer(d.text, article)}" for d in article.details] + ([""] if article.details else [])
    lines += ["## How to fix", ""] + [f"{i}. {_viewer(s, article)}" for i, s in enumerate(article.fix, 1)] + [""]
    specs = available_actions()
    if article.actions:
        lines += ["## One-click fixes", ""]
        lines += [f"- {specs[a].label}: {specs[a].description}" for a in article.actions if a in specs] + [""]
    if article.related_rules:
        lines += ["## Lint rules", "", ", ".join(article.related_rules), ""]
    if article.related:
        lines += ["## Related articles", ""] + _links(kb, article.related) + [""]
    if article.references:
        lines += ["## References", ""] + [f"- {r}" for r in article.references] + [""]
    return "\n".join(lines).rstrip() + "\n"


def article_markdown(article_id: str) -> str:
    """The article ready for the viewer, or a short 'not found' page listing close matches."""
    kb = load_kb()
    article = kb.get(article_id)
    if article is not None:
        return render_article(article, kb)
    close = kb.search(article_id.replace("-", " "))[:5]
    lines = [f"# No article '{article_id}'", "", "The knowledge base has no article with that id."]
    if close:
        lines += ["", "Perhaps:", ""] + _links(kb, tuple(a.id for a in close))
    return "\n".join(lines) + "\n"


def index_markdown() -> str:
    """Help → Error reference: every article, grouped by API, with its statuses."""
    kb = load_kb()
    lines = ["# Error reference", ""]
    for api in ("v1", "v2", "v3", "any"):
        group = [a for a in kb.articles if a.api == api]
        if not group:
            continue
        lines += [f"## {'Any API' if api == 'any' else api}", ""]
        for a in group:
            codes = "/".join(map(str, a.statuses))
            lines.append(f"- [{display_title(a)}](kb:{a.id})" + (f" — {codes}" if codes else ""))
        lines.append("")
    return "\n".join(lines)
