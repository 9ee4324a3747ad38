"""The valid corpus lints clean: zero errors and zero warnings (false positives matter)."""

from __future__ import annotations

import pytest
from tests.lint.support import BASE, corpus_text, lint, manifest, request

from ctct_desktop.core.models import BodyKind, Header
from ctct_desktop.lint import Severity

CASES = manifest()


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_corpus_body_is_clean(case: dict[str, str]) -> None:
    body = corpus_text(case["file"])
    kind = BodyKind.FORM if case["file"].endswith(".form") else BodyKind.XML
    req = request(body, case["path"], case["method"], kind=kind)
    found = [d for d in lint(req, variables={}) if d.severity in (Severity.ERROR, Severity.WARNING)]
    assert found == []


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_corpus_is_clean_with_explicit_content_type(case: dict[str, str]) -> None:
    form = case["file"].endswith(".form")
    ctype = "application/x-www-form-urlencoded" if form else "application/atom+xml; charset=UTF-8"
    req = request(corpus_text(case["file"]), case["path"], case["method"], headers=(Header("Content-Type", ctype),),
                  kind=BodyKind.TEXT)
    assert [d for d in lint(req) if d.severity is not Severity.INFO] == []


def test_corpus_covers_every_resource() -> None:
    paths = {c["path"].split("/")[1] for c in CASES}
    assert paths == {"contacts", "lists", "campaigns", "activities"}
    assert any("schedules" in c["path"] for c in CASES)
    assert len([c for c in CASES if c["file"].startswith("activity_")]) == 6


def test_templated_body_is_clean_with_variables() -> None:
    body = corpus_text("contact_create.xml").replace("jo+news@example.com", "{{$unique_email}}").replace(
        "joesflowers/lists/1", "{{username}}/lists/{{list_id}}")
    req = request(body, url="{{base_url}}/contacts")
    variables = {"base_url": BASE, "username": "joesflowers", "list_id": "1"}
    assert lint(req, variables) == []


def test_get_without_body_only_checks_url_headers_auth() -> None:
    assert lint(request("", "/contacts?email=jo%40example.com", "GET")) == []
