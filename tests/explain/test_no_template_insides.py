"""No text a user reads shows a template's insides: braces, ‹placeholder›, or a fallback phrase
standing in for the status in a title ("Redirect the status: …")."""

from __future__ import annotations

import re

import pytest

from ctct_desktop.explain import article_markdown, explain, load_kb
from ctct_desktop.explain.fill import FALLBACKS, PLACEHOLDER
from ctct_desktop.explain.render import display_title, index_markdown
from tests.explain.cases import CASES

# "{{name}}" is the user's variable syntax, which articles quote on purpose; one brace pair is a placeholder.
USER_VARIABLE = re.compile(r"\{\{[a-z_]+\}\}")
# The fallback phrase for {status} where a status belongs ("Redirect the status:", "answered the status to").
LEFT_OVER = re.compile(r"[{}‹›]|\bthe status\b(?! line| the server reports|-)")


def _clean(text: str) -> list[str]:
    """Lines that still show a placeholder (code spans, which quote the user's data, are skipped)."""
    return [line for line in text.splitlines()
            if LEFT_OVER.search(USER_VARIABLE.sub("", re.sub(r"`[^`]*`", "", line)))]


def test_error_reference_titles_read_as_words() -> None:
    titles = [display_title(article) for article in load_kb().articles]
    assert [t for t in titles if LEFT_OVER.search(t)] == []
    assert "Informational 1xx response" in titles
    assert "Redirect 3xx: the answer is somewhere else" in titles


def test_error_reference_index_reads_as_words() -> None:
    assert _clean(index_markdown()) == []


@pytest.mark.parametrize("article_id", sorted(a.id for a in load_kb().articles))
def test_article_page_reads_as_words(article_id: str) -> None:
    assert _clean(article_markdown(article_id)) == []


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_explanations_read_as_words(case_id: str) -> None:
    for found in explain(CASES[case_id]()):
        for text in (found.title, found.cause, *found.fix):
            assert not LEFT_OVER.search(USER_VARIABLE.sub("", text)), (found.article_id, text)


def test_every_placeholder_the_kb_uses_has_words() -> None:
    used = {name for article in load_kb().articles
            for text in (article.title, article.cause, *article.fix, *(d.text for d in article.details))
            for name in PLACEHOLDER.findall(text)}
    assert used - set(FALLBACKS) == set()
