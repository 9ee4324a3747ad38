"""L023 on ?email= searches: a raw '+' is an error (the server reads a space and the search misses);
a raw '@' is legal in a query and the real API found the contact, so it is only an info hint."""

from __future__ import annotations

import pytest

from ctct_desktop.lint import Severity, rule_doc
from tests.lint.support import BASE, lint, only, request


def _l023(query: str) -> list[tuple[Severity, str]]:
    return [(d.severity, d.message) for d in only(lint(request("", f"/contacts?{query}", "GET")), "L023")]


def test_a_raw_at_sign_is_an_info_hint_not_an_error() -> None:
    found = _l023("email=ada.abbott@example.com")
    assert [severity for severity, _ in found] == [Severity.INFO]
    assert "%40" in found[0][1]


def test_the_hint_offers_the_encoded_form_as_a_fix() -> None:
    diagnostics = only(lint(request("", "/contacts?email=ada.abbott@example.com", "GET")), "L023")
    assert diagnostics[0].fix is not None
    assert diagnostics[0].fix.url == BASE + "/contacts?email=ada.abbott%40example.com"


@pytest.mark.parametrize("query", ["email=jo+news@example.com", "email=jo+news%40example.com"])
def test_a_raw_plus_stays_an_error(query: str) -> None:
    found = _l023(query)
    assert [severity for severity, _ in found] == [Severity.ERROR]
    assert "'+'" in found[0][1] and "'@'" not in found[0][1]


def test_upper_case_is_an_error_and_the_at_sign_is_not_named_in_it() -> None:
    found = _l023("email=Ada.Abbott@example.com")
    assert [severity for severity, _ in found] == [Severity.ERROR]
    assert "upper-case" in found[0][1] and "'@'" not in found[0][1]


def test_an_encoded_lower_case_address_is_clean() -> None:
    assert _l023("email=jo%2Bnews%40example.com") == []


def test_the_rule_doc_says_a_raw_at_is_only_a_hint() -> None:
    doc = rule_doc("L023")
    assert doc is not None and "'@'" in doc.rationale and "info" in doc.rationale.lower()
    assert "+" in doc.bad_example
