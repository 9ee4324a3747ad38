"""Every rule: a failing example that reports it and a passing example that does not; every
diagnostic's range lies in the body; every fix offered makes its diagnostic go away."""

from __future__ import annotations

import pytest

from ctct_desktop.lint import lint_request, rule_docs
from tests.lint.cases import CASES, Case
from tests.lint.support import assert_inside, codes, only

IDS = [f"{c.code}-{c.name}" for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_bad_example_is_reported(case: Case) -> None:
    found = lint_request(case.bad, case.bad_variables)
    assert case.code in codes(found), [(d.code, d.message) for d in found]
    assert_inside(case.bad, found)
    for d in only(found, case.code):
        assert d.message.endswith((".", "?", ")")) and d.severity.value in ("error", "warning", "info")
        if d.start is not None:
            assert d.end > d.start, d  # an editor needs something to underline


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_good_example_is_not_reported(case: Case) -> None:
    found = lint_request(case.good, case.good_variables)
    assert case.code not in codes(found), [(d.code, d.message) for d in only(found, case.code)]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fixes_remove_their_diagnostic(case: Case) -> None:
    for diagnostic in only(lint_request(case.bad, case.bad_variables), case.code):
        if diagnostic.fix is None:
            continue
        fixed = diagnostic.fix.apply(case.bad)
        remaining = [d for d in lint_request(fixed, case.bad_variables) if d.code == case.code
                     and d.message == diagnostic.message]
        assert remaining == [], f"fix {diagnostic.fix.title!r} left {remaining}"


def test_a_miscased_element_is_reported_once_with_its_fix() -> None:
    from tests.lint.cases import CAMPAIGN
    from tests.lint.support import mutate, request

    req = request(mutate(CAMPAIGN, "<Subject>Our spring sale starts today</Subject>",
                         "<subject>Our spring sale starts today</subject>"), "/campaigns")
    found = lint_request(req)
    assert [d.code for d in found] == ["L007"] and found[0].fix is not None
    assert lint_request(found[0].fix.apply(req)) == []


def test_every_rule_has_a_failing_and_passing_case() -> None:
    assert {doc.code for doc in rule_docs()} == {c.code for c in CASES}


def test_rule_docs_are_complete() -> None:
    docs = rule_docs()
    assert [d.code for d in docs] == sorted(d.code for d in docs)
    for doc in docs:
        assert doc.title and len(doc.rationale) > 80 and doc.bad_example and doc.good_example, doc.code
        assert doc.bad_example != doc.good_example
    assert len(docs) >= 30


def test_a_miscased_sender_email_is_left_to_l007() -> None:
    """<email id=...> under FromEmail is L007's (with a rename fix); L019 once reported it
    again, as an empty id at the start of the body."""
    from tests.lint.support import mutate, request

    body = mutate("campaign_create_html.xml", "<Email id=", "<email id=").replace("</Email>", "</email>", 1)
    found = lint_request(request(body, "/campaigns"))
    assert "L007" in codes(found)
    assert not [d for d in only(found, "L019") if "id" in d.message], only(found, "L019")
