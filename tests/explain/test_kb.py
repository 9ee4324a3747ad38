"""Loading the knowledge base: shipped articles are valid; a broken file is reported, the rest load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ctct_desktop.explain import article_markdown, index_markdown, load_kb
from ctct_desktop.explain.kb import read_kb

GOOD = '''id = "{id}"
title = "A good article"
api = "v1"
cause = "Something happened to {{email}}."
fix = ["Do this.", "Then that."]
related = {related}
[[matchers]]
status = [409]
'''
BROKEN = {
    "not-toml.toml": 'id = "not-toml"\ntitle = "x\n',
    "unknown-key.toml": GOOD.format(id="unknown-key", related="[]") + 'colour = "red"\n',
    "bad-regex.toml": GOOD.format(id="bad-regex", related="[]").replace("status = [409]", "body = ['(unclosed']"),
    "bad-status.toml": GOOD.format(id="bad-status", related="[]").replace("[409]", "[42]"),
    "bad-feature.toml": GOOD.format(id="bad-feature", related="[]") + 'features = ["basic-user-with-typo"]\n',
    "bad-action.toml": GOOD.format(id="bad-action", related="[]").replace('fix =', 'actions = ["fly"]\nfix ='),
    "no-fix.toml": GOOD.format(id="no-fix", related="[]").replace('fix = ["Do this.", "Then that."]', "fix = []"),
    "wrong-name.toml": GOOD.format(id="other-id", related="[]"),
    "bad-api.toml": GOOD.format(id="bad-api", related="[]").replace('"v1"', '"v9"'),
    "bad-failure.toml": GOOD.format(id="bad-failure", related="[]").replace("status = [409]", 'failure = ["gremlins"]'),
    "empty-matcher.toml": GOOD.format(id="empty-matcher", related="[]").replace("status = [409]", ""),
    "not-utf8.toml": b'id = "not-utf8"\ntitle = "caf\xe9"\n',
    "bad-capture.toml": GOOD.format(id="bad-capture", related="[]").replace(
        "[[matchers]]", "[captures]\nwho = 'no group here'\n[[matchers]]"),
    "details-string.toml": GOOD.format(id="details-string", related="[]").replace(
        "[[matchers]]", 'details = "oops"\n[[matchers]]'),
}


def _write(folder: Path, name: str, text: str | bytes) -> None:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def test_shipped_knowledge_base_has_no_problems() -> None:
    kb = load_kb()
    assert kb.problems == (), [f"{p.path.name}: {p.reason}" for p in kb.problems]
    assert len(kb.articles) >= 60
    assert load_kb() is kb, "the knowledge base is cached"


def test_broken_files_are_reported_and_the_rest_load(tmp_path: Path) -> None:
    _write(tmp_path, "good.toml", GOOD.format(id="good", related='["missing-one"]'))
    _write(tmp_path, "also-good.toml", GOOD.format(id="also-good", related='["good"]'))
    for name, text in BROKEN.items():
        _write(tmp_path, name, text)
    kb = read_kb(tmp_path)
    assert sorted(a.id for a in kb.articles) == ["also-good", "good"]
    reasons = {p.path.name: p.reason for p in kb.problems}
    assert set(reasons) == set(BROKEN) | {"good.toml"}, reasons
    assert "TOML" in reasons["not-toml.toml"]
    assert "colour" in reasons["unknown-key.toml"]
    assert "does not compile" in reasons["bad-regex.toml"]
    assert "status" in reasons["bad-status.toml"]
    assert "basic-user-with-typo" in reasons["bad-feature.toml"]
    assert "fly" in reasons["bad-action.toml"]
    assert "fix" in reasons["no-fix.toml"]
    assert "file name" in reasons["wrong-name.toml"]
    assert "api" in reasons["bad-api.toml"]
    assert "gremlins" in reasons["bad-failure.toml"]
    assert "every exchange" in reasons["empty-matcher.toml"]
    assert "UTF-8" in reasons["not-utf8.toml"]
    assert "details" in reasons["details-string.toml"]
    assert "exactly one group" in reasons["bad-capture.toml"]
    assert "missing-one" in reasons["good.toml"], "a dangling related link is reported but the article loads"
    assert all(p.path.parent == tmp_path for p in kb.problems)


def test_one_article_folder_and_missing_folder(tmp_path: Path) -> None:
    sub = tmp_path / "kb"
    sub.mkdir()
    _write(sub, "dup.toml", GOOD.format(id="dup", related="[]"))
    kb = read_kb(sub)
    assert [a.id for a in kb.articles] == ["dup"]
    missing = read_kb(tmp_path / "nowhere")
    assert missing.articles == () and "does not exist" in missing.problems[0].reason


def test_load_kb_with_a_path_uses_that_folder(tmp_path: Path) -> None:
    _write(tmp_path, "only.toml", GOOD.format(id="only", related="[]"))
    kb = load_kb(tmp_path)
    assert [a.id for a in kb.articles] == ["only"]
    assert load_kb(tmp_path) is kb


def test_search_finds_by_status_title_and_error_key() -> None:
    kb = load_kb()
    assert kb.search("409")[0].id.startswith(("v1-409", "v2-409", "v3-409"))
    assert "v3-409-contacts-conflict" in [a.id for a in kb.search("contacts.api.conflict")]
    assert kb.search("redirect_uri_mismatch")[0].id == "oauth-redirect-uri-mismatch"
    assert kb.search("Status transition")[0].id == "v1-400-status-transition"
    assert kb.search("zzzz-nothing-like-this") == []
    assert len(kb.search("")) == len(kb.articles)


def test_article_markdown_renders_sections_and_links() -> None:
    text = article_markdown("v1-409-contact-exists")
    assert text.startswith("# 409 Conflict")
    for heading in ("## What happened", "## How to fix", "## One-click fixes", "## Related articles",
                    "## References"):
        assert heading in text
    assert "1. Search for the contact" in text
    assert "(kb:v1-500-search-miss)" in text
    assert "Find and update this contact" in text
    assert "{" not in re.sub(r"\{\{\w+\}\}", "", text), "placeholders read as words in the viewer"


def test_article_markdown_for_unknown_id_suggests_close_articles() -> None:
    text = article_markdown("409 contact")
    assert "No article" in text and "kb:" in text


def test_every_related_link_resolves_and_index_lists_all() -> None:
    kb = load_kb()
    index = index_markdown()
    for article in kb.articles:
        assert f"(kb:{article.id})" in index
        for other in article.related:
            assert kb.get(other) is not None
        assert article.fix and article.cause


@pytest.mark.parametrize("article_id", ["v1-400-atom-sections", "transport-tls", "generic-5xx"])
def test_markdown_mentions_when_it_applies(article_id: str) -> None:
    assert "## When it applies" in article_markdown(article_id)


def test_every_placeholder_has_a_reading_or_a_capture() -> None:
    from ctct_desktop.explain.fill import FALLBACKS, PLACEHOLDER

    for article in load_kb().articles:
        texts = [article.title, article.cause, *article.fix, *(d.text for d in article.details)]
        captured = {name for name, _ in article.captures}
        for name in (n for t in texts for n in PLACEHOLDER.findall(t.replace("{{", "").replace("}}", ""))):
            assert name in FALLBACKS or name in captured, f"{article.id}: {{{name}}} has no reading"
