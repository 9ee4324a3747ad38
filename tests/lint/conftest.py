"""Lint tests run strict: a rule that raises fails the test instead of being swallowed."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _strict_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CTCT_LINT_STRICT", "1")
