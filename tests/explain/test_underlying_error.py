"""The underlying error of a failed exchange is never inlined in an article's sentences: the
knowledge base holds no "Details: {placeholder}", the explanation carries the chain on its own,
and every renderer still offers it once (the card behind "Details", the CLI on its own line and in
JSON, the support export in its response section)."""

from __future__ import annotations

import argparse
import re

import pytest

from ctct_desktop.explain import article_markdown, explain, load_kb
from ctct_desktop.explain.command import _as_json, add_arguments, build_exchange, card_text
from ctct_desktop.send.export import exchange_report
from tests.explain.cases import CASES

DETAILS_WITH_PLACEHOLDER = re.compile(r"Details?\s*:\s*[{‹]", re.IGNORECASE)
CHAIN = "ConnectError: [Errno 111] Connection refused"
TRANSPORT_CASES = sorted(c for c in CASES if c.startswith("transport-"))


def _texts(article) -> list[str]:  # type: ignore[no-untyped-def]
    return [article.title, article.summary, article.cause, *article.fix, *(d.text for d in article.details)]


def test_no_article_text_has_details_with_a_placeholder() -> None:
    found = [(a.id, text) for a in load_kb().articles for text in _texts(a) if DETAILS_WITH_PLACEHOLDER.search(text)]
    assert found == []
    assert [a.id for a in load_kb().articles if any("{failure_detail}" in t for t in _texts(a))] == []


@pytest.mark.parametrize("article_id", sorted(a.id for a in load_kb().articles if a.id.startswith("transport-")))
def test_reference_pages_of_transport_articles_read_without_a_details_stub(article_id: str) -> None:
    page = article_markdown(article_id)
    assert "Details:" not in page and "the underlying error." not in page.split("## What happened")[1][:40]


def test_most_failures_have_a_chain_to_offer() -> None:
    assert sum(1 for c in TRANSPORT_CASES if explain(CASES[c]())[0].detail) >= len(TRANSPORT_CASES) - 2


@pytest.mark.parametrize("case_id", TRANSPORT_CASES)
def test_a_failure_explanation_carries_the_chain_beside_the_cause(case_id: str) -> None:
    exchange = CASES[case_id]()
    top = explain(exchange)[0]
    assert exchange.failure is not None and exchange.failure.detail
    chain = exchange.failure.detail.strip()
    assert "Details:" not in top.cause
    if chain in top.cause:  # the message already says it (an unusable URL): no second copy
        assert top.detail == ""
    else:
        assert top.detail == chain


def test_a_response_explanation_has_no_detail() -> None:
    assert all(e.detail == "" for e in explain(CASES["v1-409-contact-exists"]()))


def _cli(*args: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(args))


def test_cli_shows_the_underlying_error_on_its_own_line_and_in_json() -> None:
    explanations = explain(build_exchange(_cli("--error", CHAIN, "--url", "http://127.0.0.1:8089/x")))
    text = card_text(explanations[0])
    lines = text.splitlines()
    assert lines[lines.index("Underlying error:") + 1].strip() == CHAIN
    assert text.count("Errno 111") == 1
    assert '"detail": "ConnectError: [Errno 111] Connection refused"' in _as_json(explanations)


def test_the_support_export_carries_the_chain_once() -> None:
    exchange = CASES["transport-refused"]()
    top = explain(exchange)[0]
    report = exchange_report(exchange, explanations=[top.title, top.cause, *top.fix])
    assert report.count("Errno 111") == 1
    assert report.index("Errno 111") < report.index("== Explanation")
