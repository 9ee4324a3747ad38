"""Every language against a reviewed fixture file: the ones without a runtime here (C#, Windows cmd)
are checked this way only, so a change to their output is a change someone must review."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.snippets import LANGUAGE_IDS, snippet
from tests.snippets.requests_for_tests import FIXTURE_REQUEST

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("lang", LANGUAGE_IDS)
def test_the_snippet_matches_its_reviewed_fixture(lang: str) -> None:
    expected = (FIXTURES / f"{lang}.txt").read_bytes().decode("utf-8")
    assert snippet(FIXTURE_REQUEST, lang) == expected


def test_every_language_has_a_fixture() -> None:
    assert {p.stem for p in FIXTURES.glob("*.txt")} == set(LANGUAGE_IDS)
