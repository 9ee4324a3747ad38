"""Every article has a realistic exchange for which it ranks first."""

from __future__ import annotations

import pytest

from ctct_desktop.explain import explain, load_kb
from tests.explain.cases import CASES, E_COVERAGE


@pytest.mark.parametrize("article_id", sorted(CASES))
def test_article_ranks_first(article_id: str) -> None:
    ranked = explain(CASES[article_id]())
    assert ranked, f"nothing matched the {article_id} exchange"
    top = [(e.article_id, e.score) for e in ranked[:3]]
    assert ranked[0].article_id == article_id, f"expected {article_id} first, got {top}"
    assert ranked[0].score > (ranked[1].score if len(ranked) > 1 else 0), f"tie at the top: {top}"
    assert ranked[0].evidence, "an explanation must say what in the exchange made it match"
    assert "{" not in ranked[0].cause.replace("{{", ""), ranked[0].cause


def test_every_article_has_a_case() -> None:
    ids = {a.id for a in load_kb().articles}
    assert ids == set(CASES), f"without a case: {sorted(ids - set(CASES))}; stale cases: {sorted(set(CASES) - ids)}"


def test_error_catalogue_is_covered() -> None:
    kb = load_kb()
    assert sorted(E_COVERAGE, key=lambda e: int(e[1:])) == [f"E{n}" for n in range(1, 21)]
    assert all(kb.get(article_id) is not None for article_id in E_COVERAGE.values())
