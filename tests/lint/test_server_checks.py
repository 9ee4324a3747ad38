"""server_verdict: error-level findings of server-checked rules predict a 4xx, the rest a 2xx,
and the listed exceptions say what they predict instead (lint/server_checks.py)."""

from __future__ import annotations

from ctct_desktop.lint import Diagnostic, Severity, Where, rule_docs
from ctct_desktop.lint.server_checks import EXCEPTIONS, server_verdict


def _d(code: str, severity: Severity) -> Diagnostic:
    return Diagnostic(code, severity, Where.BODY, "m.")


def test_an_error_of_a_server_checked_rule_is_a_4xx() -> None:
    assert server_verdict([_d("L008", Severity.ERROR), _d("L023", Severity.ERROR)]).answer == "4xx"


def test_warnings_and_infos_are_a_2xx() -> None:
    assert server_verdict([_d("L009", Severity.WARNING), _d("L024", Severity.INFO)]).answer == "2xx"
    assert server_verdict([]).answer == "2xx"


def test_an_exception_predicts_its_own_answer_or_none() -> None:
    assert server_verdict([_d("L023", Severity.ERROR)]).answer == "2xx"
    verdict = server_verdict([_d("L018", Severity.ERROR), _d("L023", Severity.ERROR)])
    assert verdict.answer is None and "L018" in verdict.reason


def test_every_exception_is_a_rule_with_a_reason() -> None:
    codes = {doc.code for doc in rule_docs()}
    for code, entry in EXCEPTIONS.items():
        assert code in codes and entry.code == code and len(entry.reason) > 40
